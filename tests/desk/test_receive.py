"""收件登记 on SQLite and PostgreSQL: verdicts, copies, duplicates, revisions, warnings, hostile sources."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from desktop.desk import diff
from desktop.desk.tables import RECEIVED, UPDATED
from desktop.desk.query import detail, list_rows
from desktop.desk.receive import Batch, receive_paths
from desktop.package.iso import build_iso
from desktop.package.manifest import CHINA_TZ

from tests.package.sample_package import write_package

ON_TIME = dt.datetime(2023, 4, 25, 9, 0, tzinfo=CHINA_TZ)


def _budget(value: str):
    def edit(data: dict) -> None:
        data["needs"][0]["budget"] = value
    return edit


def test_complete_packages_are_copied_read_only_and_registered(desk, tmp_path):
    sources = [write_package(tmp_path / "in" / f"p{seed}", seed=seed) for seed in (1, 2)]
    results = receive_paths(desk, [tmp_path / "in"], batch=Batch("EA123456789CN", ON_TIME))
    assert [r.outcome for r in results] == ["新收件", "新收件"]
    rows = list_rows(desk)
    assert [(r.verdict, r.state, r.ems_no) for r in rows] == [("完整", RECEIVED, "EA123456789CN")] * 2
    manifest = json.loads((sources[0] / "manifest.json").read_text("utf-8"))
    first = next(r for r in rows if r.binding_code == manifest["binding_code"])
    assert (first.submitter, first.uscc, first.province) == (
        manifest["submitter"]["name"], manifest["submitter"]["uscc"], manifest["submitter"]["province"])
    kept = desk.workspace() / manifest["binding_code"]
    for entry in manifest["files"]:
        assert (kept / entry["path"]).read_bytes() == (sources[0] / entry["path"]).read_bytes()
        assert not os.access(kept / entry["path"], os.W_OK) or os.geteuid() == 0
        assert (kept / entry["path"]).stat().st_mode & 0o222 == 0


def test_folder_and_its_iso_are_one_entry(desk, tmp_path):
    folder = write_package(tmp_path / "in" / "pkg", seed=3)
    build_iso(folder, tmp_path / "in" / "pkg.iso")
    results = receive_paths(desk, [tmp_path / "in" / "pkg", tmp_path / "in" / "pkg.iso", tmp_path / "in" / "pkg"],
                            batch=Batch(arrived_at=ON_TIME))
    assert [r.outcome for r in results] == ["新收件", "重复", "重复"]
    assert len({r.package_id for r in results}) == 1
    assert len(list_rows(desk)) == 1
    assert [r["duplicate"] for r in detail(desk, results[0].package_id).receipts] == [False, True, True]


def test_broken_and_unreadable_sources_are_registered_and_the_batch_goes_on(desk, tmp_path):
    good = write_package(tmp_path / "in" / "a_good", seed=4)
    broken = write_package(tmp_path / "in" / "b_broken", seed=5)
    (broken / "attachments/01_营业执照.pdf").write_bytes(b"swapped")
    (tmp_path / "in" / "c_garbage.iso").write_bytes(b"\x00not an image" * 500)
    hostile = write_package(tmp_path / "in" / "d_hostile", seed=6)
    manifest = json.loads((hostile / "manifest.json").read_text("utf-8"))
    manifest["files"][0]["path"] = "../../outside.txt"
    (hostile / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    later = write_package(tmp_path / "in" / "e_later", seed=7)
    results = receive_paths(desk, [tmp_path / "in"], batch=Batch(arrived_at=ON_TIME))
    verdicts = {Path(r.verdict.source).name: r.verdict.verdict for r in results}
    assert verdicts == {"a_good": "完整", "b_broken": "有问题", "c_garbage.iso": "有问题", "d_hostile": "有问题",
                        "e_later": "完整"}
    assert len(list_rows(desk)) == 5
    assert len(list_rows(desk, _flt(verdict="有问题"))) == 3
    assert sorted(p.name for p in desk.workspace().iterdir()) == sorted(
        json.loads((p / "manifest.json").read_text("utf-8"))["binding_code"] for p in (good, later))
    assert not (tmp_path / "outside.txt").exists()
    broken_row = next(r for r in results if Path(r.verdict.source).name == "b_broken")
    assert any("01_营业执照.pdf" in p for p in detail(desk, broken_row.package_id).row.problems)


def test_a_complete_copy_completes_an_entry_first_seen_broken(desk, tmp_path):
    good = write_package(tmp_path / "good", seed=8)
    broken = write_package(tmp_path / "broken", seed=8)
    (broken / "documents/附件1_大企业技术创新需求表.pdf").write_bytes(b"short")
    first = receive_paths(desk, [broken], batch=Batch(arrived_at=ON_TIME))[0]
    second = receive_paths(desk, [good], batch=Batch(arrived_at=ON_TIME))[0]
    assert (first.verdict.verdict, second.outcome, second.package_id) == ("有问题", "补全", first.package_id)
    (row,) = list_rows(desk)
    assert (row.verdict, row.problems) == ("完整", ())


def test_a_newer_revision_updates_the_older_and_the_difference_is_readable(desk, tmp_path):
    old = write_package(tmp_path / "r1", seed=9, revision=1)
    new = write_package(tmp_path / "r2", seed=9, revision=2, edit=_budget("123.45"),
                        created_at="2023-04-26T10:00:00+08:00")
    first = receive_paths(desk, [old], batch=Batch(arrived_at=ON_TIME))[0]
    second = receive_paths(desk, [new], batch=Batch(arrived_at=ON_TIME))[0]
    assert (second.outcome, second.linked) == ("新版本", (first.package_id,))
    older, newer = detail(desk, first.package_id), detail(desk, second.package_id)
    assert (older.row.state, older.row.superseded_by) == (UPDATED, second.package_id)
    assert (newer.row.state, newer.row.revision, newer.older) == (RECEIVED, 2, [first.package_id])
    assert [n["code"] for n in newer.needs] == [n["code"] for n in older.needs]       # needs keep their numbers
    changes = diff.between(desk, first.package_id, second.package_id)
    old_budget = json.loads((old / "data/submission.json").read_text("utf-8"))["data"]["needs"][0]["budget"]
    assert [(c.path, c.label, c.old, c.new) for c in changes] == [
        ("needs[0].budget", "需求1 拟投入资金（万元）", old_budget, "123.45")]


def test_an_older_revision_arriving_late_is_registered_as_updated(desk, tmp_path):
    new = write_package(tmp_path / "r2", seed=10, revision=2, edit=_budget("99.00"))
    old = write_package(tmp_path / "r1", seed=10, revision=1)
    newest = receive_paths(desk, [new], batch=Batch(arrived_at=ON_TIME))[0]
    late = receive_paths(desk, [old], batch=Batch(arrived_at=ON_TIME))[0]
    assert (late.outcome, late.linked) == ("旧版本", (newest.package_id,))
    assert detail(desk, late.package_id).row.state == UPDATED
    assert detail(desk, newest.package_id).row.state == RECEIVED


def test_warnings_do_not_block(desk, tmp_path):
    def elsewhere(data: dict) -> None:
        data["profile"]["province"] = "福建省"
        data["channel"] = "工业和信息化部行业司局组织"
    package = write_package(tmp_path / "p", seed=11, edit=elsewhere)
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    manifest["submitter"].update(province="福建省", channel="工业和信息化部行业司局组织")
    (package / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    late = dt.datetime(2023, 4, 28, 0, 30, tzinfo=CHINA_TZ)
    (result,) = receive_paths(desk, [package], batch=Batch(arrived_at=late))
    assert result.verdict.verdict == "完整"
    assert len(result.warnings) == 3
    assert result.warnings[0].startswith("报送单位所在地区为福建省，不是本单位（河北省）")
    assert result.warnings[1].startswith("组织渠道为“工业和信息化部行业司局组织”")
    assert result.warnings[2] == "到达日期 2023年4月28日 晚于截止日期 2023年4月27日"


def test_arrival_on_the_deadline_day_china_time_is_not_late(desk, tmp_path):
    package = write_package(tmp_path / "p", seed=2)
    evening = dt.datetime(2023, 4, 27, 23, 30, tzinfo=CHINA_TZ).astimezone(dt.timezone.utc)
    (result,) = receive_paths(desk, [package], batch=Batch(arrived_at=evening))
    assert not any("晚于" in w for w in result.warnings)


def test_a_draft_package_is_registered_with_a_warning(desk, tmp_path):
    package = write_package(tmp_path / "p", seed=12, draft=True)
    (result,) = receive_paths(desk, [package], batch=Batch(arrived_at=ON_TIME))
    assert result.verdict.verdict == "有问题"
    assert any("草稿" in w for w in result.warnings)


def _flt(**kw):
    from desktop.desk.query import PackageFilter

    return PackageFilter(**kw)


def test_a_cancelled_batch_keeps_what_was_registered_before(desk, tmp_path):
    from desktop.package.progress import Cancelled

    for seed in (1, 2, 3):
        write_package(tmp_path / "in" / f"p{seed}", seed=seed)
    with pytest.raises(Cancelled):
        receive_paths(desk, [tmp_path / "in"], batch=Batch(arrived_at=ON_TIME), workers=1,
                      cancel=lambda: len(list_rows(desk)) >= 1)
    assert len(list_rows(desk)) == 1
    again = receive_paths(desk, [tmp_path / "in"], batch=Batch(arrived_at=ON_TIME))
    assert [r.outcome for r in again] == ["重复", "新收件", "新收件"]
