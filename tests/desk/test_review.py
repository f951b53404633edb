"""Decisions with reasons, batches with an exact count, stale decisions refused, comments, paper checks."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from desktop.desk.db import DeskDB, DeskError
from desktop.desk.tables import CORRECT, PASSED, REJECTED, UPDATED, DeskDecision
from desktop.desk.query import detail
from desktop.desk.receive import Batch, receive_paths
from desktop.desk.review import StaleDecision, comment, decide, paper_check
from desktop.package.manifest import CHINA_TZ
from tests.package.sample_package import write_package

ON_TIME = dt.datetime(2023, 4, 25, 9, 0, tzinfo=CHINA_TZ)


@pytest.fixture
def received(desk, tmp_path):
    for seed in (1, 2, 3):
        write_package(tmp_path / "in" / f"p{seed}", seed=seed)
    broken = write_package(tmp_path / "in" / "p9", seed=9)
    (broken / "说明.txt").write_bytes(b"changed")
    return [r.package_id for r in receive_paths(desk, [tmp_path / "in"], batch=Batch(arrived_at=ON_TIME))]


def test_states_move_with_reasons_and_every_decision_stays_on_record(desk, received):
    first = received[0]
    decide(desk, [first], CORRECT, "缺少单位负责人签字")
    decide(desk, [first], PASSED)                       # a wrong decision is superseded, not deleted
    found = detail(desk, first)
    assert found.row.state == PASSED and found.row.state_version == 3
    assert [(d["old_state"], d["new_state"], d["reason"], d["officer"]) for d in found.decisions] == [
        ("已收件", CORRECT, "缺少单位负责人签字", "李经办"), (CORRECT, PASSED, "", "李经办")]


@pytest.mark.parametrize("decision", [CORRECT, REJECTED])
def test_a_reason_is_required_for_correction_and_rejection(desk, received, decision):
    with pytest.raises(DeskError, match="必须写明理由"):
        decide(desk, [received[0]], decision, "   ")
    assert detail(desk, received[0]).decisions == []


def test_a_batch_needs_the_exact_count_and_is_all_or_nothing(desk, received):
    ids = received[:3]
    with pytest.raises(DeskError, match="请确认数量 3"):
        decide(desk, ids, PASSED, confirm_count=2)
    done = decide(desk, ids, PASSED, confirm_count=3)
    assert [d.new_state for d in done] == [PASSED] * 3
    with pytest.raises(DeskError, match="不能初核通过"):     # the broken package cannot pass …
        decide(desk, [received[0], received[3]], PASSED, confirm_count=2)
    assert detail(desk, received[0]).row.state_version == 2   # … and nothing of the batch was saved


def test_a_decision_on_a_stale_state_is_refused_and_nothing_is_lost(desk_url, desk, received):
    seen = detail(desk, received[0]).row.state_version
    other = DeskDB.open(desk_url)                      # a second officer on the same store
    try:
        decide(other, [received[0]], REJECTED, "非本省企业", expected={received[0]: seen})
    finally:
        other.close()
    with pytest.raises(StaleDecision, match="在您查看之后已有变化.*不予推荐.*没有保存"):
        decide(desk, [received[0]], PASSED, expected={received[0]: seen})
    found = detail(desk, received[0])
    assert (found.row.state, [d["reason"] for d in found.decisions]) == (REJECTED, ["非本省企业"])


def test_two_officers_deciding_at_once_one_wins(desk_url, desk, received):
    seen = detail(desk, received[1]).row.state_version
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def officer(decision: str, reason: str) -> None:
        db = DeskDB.open(desk_url)
        try:
            barrier.wait()
            decide(db, [received[1]], decision, reason, expected={received[1]: seen})
            outcomes.append(decision)
        except StaleDecision:
            outcomes.append("refused")
        finally:
            db.close()
    threads = [threading.Thread(target=officer, args=a) for a in ((PASSED, ""), (CORRECT, "请补充附件"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes, key=lambda o: o == "refused")[1] == "refused"
    with desk.reading() as session:
        rows = session.scalars(select(DeskDecision).where(DeskDecision.package_id == received[1])).all()
    assert [r.new_state for r in rows] == [o for o in outcomes if o != "refused"]


def test_updated_packages_take_no_decision(desk, tmp_path):
    write_package(tmp_path / "a", seed=4)
    write_package(tmp_path / "b", seed=4, revision=2, edit=lambda d: d.update(filled_by="赵六"))
    old, new = (r.package_id for r in receive_paths(desk, [tmp_path / "a", tmp_path / "b"]))
    assert detail(desk, old).row.state == UPDATED
    with pytest.raises(DeskError, match=f"已有新版本（#{new}）"):
        decide(desk, [old], PASSED)


def test_comments_name_a_field_of_the_form(desk, received):
    comment(desk, received[0], "needs[1].budget", "资金数额与附件不一致")
    with pytest.raises(DeskError, match="没有字段“needs\\[0\\].nonsense”"):
        comment(desk, received[0], "needs[0].nonsense", "x")
    with pytest.raises(DeskError, match="没有第 100 行"):
        comment(desk, received[0], "needs[99].budget", "x")
    with pytest.raises(DeskError, match="格式不对"):
        comment(desk, received[0], "../etc", "x")
    assert [(c["field_path"], c["text"]) for c in detail(desk, received[0]).comments] == [
        ("needs[1].budget", "资金数额与附件不一致")]


def test_paper_check_by_typed_or_scanned_code(desk, received):
    code = detail(desk, received[2]).row.binding_code
    assert paper_check(desk, code.lower().replace("-", " ")) == (received[2], True)
    assert paper_check(desk, "XSBIND:" + code) == (received[2], True)
    other = detail(desk, received[0]).row.binding_code
    assert paper_check(desk, other, package_id=received[2]) == (received[2], False)
    with pytest.raises(DeskError, match="没有装订码为"):
        paper_check(desk, "0000-0000-0000-0000")
    assert [c["matched"] for c in detail(desk, received[2]).paper_checks] == [True, True, False]
