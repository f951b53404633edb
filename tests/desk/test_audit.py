"""The audit chain: every action is a row; edits, removals and insertions are found, the last row included."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import create_engine, text

from desktop.desk.audit import GENESIS, check_chain
from desktop.desk.tables import CORRECT, PASSED, DeskAudit
from desktop.desk.receive import receive_paths
from desktop.desk.review import comment, decide
from tests.package.sample_package import write_package


@pytest.fixture
def logged(desk, tmp_path):
    write_package(tmp_path / "p", seed=1)
    (package_id,) = (r.package_id for r in receive_paths(desk, [tmp_path / "p"]))
    decide(desk, [package_id], CORRECT, "缺少盖章")
    comment(desk, package_id, "profile.name", "名称与营业执照不一致")
    decide(desk, [package_id], PASSED)
    return desk


def _sql(desk, *statements: str) -> None:
    engine = create_engine(desk.url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def _check(desk):
    with desk.reading() as session:
        return check_chain(session)


def test_every_action_is_a_row_chained_to_the_previous(logged):
    with logged.reading() as session:
        rows = session.execute(text("SELECT id, action, old_value, new_value, prev_hash, row_hash, officer "
                                    "FROM desk_audit ORDER BY id")).all()
    assert [r.action for r in rows] == ["设置", "设置", "设置", "收件", "决定", "意见", "决定"]
    assert (rows[4].old_value, rows[4].new_value, rows[4].officer) == ("已收件", "需补正：缺少盖章", "李经办")
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.row_hash for a, b in zip(rows, rows[1:]))
    # an independent recomputation of one row's hash
    with logged.reading() as session:
        row = session.get(DeskAudit, 5)
    content = json.dumps([5, row.at.isoformat(timespec="microseconds"), row.officer, row.os_user, row.action,
                          row.package_id, row.subject, row.old_value, row.new_value],
                         ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256((row.prev_hash + content).encode()).hexdigest() == row.row_hash
    assert _check(logged).ok and _check(logged).rows == 7


def test_an_edited_row_is_named(logged):
    _sql(logged, "UPDATE desk_audit SET new_value = '初核通过' WHERE id = 5")
    report = _check(logged)
    assert (report.ok, report.broken_id) == (False, 5)
    assert "第 5 条" in report.message and "改动" in report.message


def test_a_removed_row_is_found(logged):
    _sql(logged, "DELETE FROM desk_audit WHERE id = 4")
    assert (_check(logged).ok, _check(logged).broken_id) == (False, 5)


def test_a_removed_last_row_is_found_through_the_head(logged):
    _sql(logged, "DELETE FROM desk_audit WHERE id = 7")
    report = _check(logged)
    assert (report.ok, report.broken_id) == (False, 6)
    assert "末尾" in report.message


def test_a_row_added_at_the_end_is_found(logged):
    _sql(logged, "INSERT INTO desk_audit (id, at, officer, os_user, action, package_id, subject, old_value, new_value,"
                 " prev_hash, row_hash) SELECT 8, at, officer, os_user, action, package_id, subject, old_value,"
                 " new_value, row_hash, row_hash FROM desk_audit WHERE id = 7")
    assert (_check(logged).ok, _check(logged).broken_id) == (False, 8)


def test_a_row_inserted_in_the_middle_is_found(logged):
    _sql(logged, "UPDATE desk_audit SET id = id + 100 WHERE id >= 5", "UPDATE desk_audit SET id = id - 99 WHERE id >= 105",
         "INSERT INTO desk_audit (id, at, officer, os_user, action, package_id, subject, old_value, new_value,"
         " prev_hash, row_hash) SELECT 5, at, officer, os_user, '决定', package_id, subject, '已收件', '不予推荐',"
         " row_hash, row_hash FROM desk_audit WHERE id = 4")
    assert (_check(logged).ok, _check(logged).broken_id) == (False, 5)


def test_a_consistent_rewrite_of_the_whole_log_still_disagrees_with_the_head(logged):
    _sql(logged, "DELETE FROM desk_audit WHERE id >= 6")
    assert not _check(logged).ok
