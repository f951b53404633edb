"""收件与审核 window: receive a folder, filter, decide with reasons and an exact count, stale decisions refused."""

from __future__ import annotations


import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.desk.db import DeskDB
from desktop.desk.query import detail, list_rows
from desktop.desk.review import decide
from tests.package.sample_package import write_package


@pytest.fixture
def window(desk_window):
    return desk_window


@pytest.fixture
def inbox(tmp_path):
    write_package(tmp_path / "in" / "a", seed=1)
    write_package(tmp_path / "in" / "b", seed=2)
    broken = write_package(tmp_path / "in" / "c", seed=3)
    (broken / "说明.txt").write_bytes(b"x")
    return tmp_path / "in"


def _select(window, *rows: int) -> None:
    window.table.clearSelection()
    for row in rows:
        window.table.selectRow(row) if len(rows) == 1 else window.table.selectionModel().select(
            window.model.index(row, 0), window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows)


def test_receiving_lists_every_package_with_its_verdict(window, inbox):
    window.ems.setText("EA1")
    window.receive([inbox])
    assert window.model.rowCount() == 3
    assert [window.model.text(r, 2) for r in window.model.rows] == ["完整", "完整", "有问题"]
    assert "共收件 3 份，其中校验有问题 1 份、待审核 3 份" in window.summary.text()
    assert "收件完成：新收件 3 份；其中 1 份有问题" in window.note.text()
    window.filters.text_filter.setText(window.model.rows[1].uscc.lower())
    assert window.model.rowCount() == 1
    window.filters.text_filter.clear()
    window.filters.verdict_box.setCurrentText("有问题")
    assert [r.verdict for r in window.model.rows] == ["有问题"]


def test_decisions_need_the_exact_count_and_are_refused_when_stale(window, inbox, monkeypatch, tmp_path):
    window.receive([inbox])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    _select(window, 0, 1)
    window.decide_selected("初核通过")
    assert asked == ["确定将选中的 2 份材料标记为“初核通过”吗？"]
    assert [r.state for r in list_rows(window.db)][:2] == ["初核通过", "初核通过"]
    # another officer decides on the third one while this window still shows the old state
    shown = window.model.rows[2]
    other = DeskDB.open(str(tmp_path / "desk.db"))
    decide(other, [shown.id], "不予推荐", "材料不全")
    other.close()
    window.run_decision([shown.id], "需补正", "请重新刻录", {shown.id: shown.state_version})
    assert "没有保存" in window.note.text()
    assert detail(window.db, shown.id).row.state == "不予推荐"
    assert window.model.rows[2].state == "不予推荐"          # the table was reloaded


def test_detail_shows_comments_and_paper_checks(window, inbox):
    window.receive([inbox])
    row = window.model.rows[0]
    from desktop.desk.review import comment

    comment(window.db, row.id, "needs[0].title", "名称请与附件一致")
    window.check_paper(row.binding_code)
    _select(window, 0)
    html = window.detail.toHtml()
    assert "needs[0].title：名称请与附件一致" in html and "一致" in html


def test_the_store_can_be_switched_and_a_bad_address_is_told(window, inbox, tmp_path, ctx):
    window.receive([inbox])
    assert not window.switch_database(f"postgresql+psycopg://nobody@/none?host={tmp_path}")
    assert "无法打开收件数据库" in window.note.text() and window.model.rowCount() == 3
    other = tmp_path / "other.db"
    assert window.switch_database(str(other))
    assert window.model.rowCount() == 0 and ctx.settings.desk_db == str(other)


def test_notice_and_forwarding_from_the_window(window, inbox, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.desk.review import comment, set_setting
    from desktop.package.verify import verify_paths
    from desktop.ui import desk_actions

    window.receive([inbox])
    set_setting(window.db, "unit", "河北省")
    first, second = window.model.rows[0], window.model.rows[1]
    comment(window.db, first.id, "needs[0].budget", "请核实")
    decide(window.db, [first.id], "需补正", "资金需核实")
    decide(window.db, [second.id], "初核通过")
    window.reload()
    _select(window, 0)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "notice"))
    desk_actions.issue_notice(window)
    assert "已生成补正通知 BZ-" in window.note.text()
    assert len(list((tmp_path / "notice").glob("补正通知_*.pdf"))) == 1
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "up" / "报送"), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    desk_actions.forward_accepted(window)
    assert "1 份材料已标为已报部" in window.note.text(), window.note.text()
    assert [v.complete for v in verify_paths([tmp_path / "up" / "报送"])] == [True]
    assert detail(window.db, second.id).row.state == "已报部"


def test_the_read_only_view_shows_the_desks_comments_at_their_fields(window, inbox):
    from desktop.desk.review import comment, set_setting
    from desktop.ui import desk_actions

    window.receive([inbox])
    set_setting(window.db, "unit", "河北省")
    row = window.model.rows[0]
    comment(window.db, row.id, "needs[0].budget", "拟投入资金请核实")
    _select(window, 0)
    (view,) = desk_actions.view_content(window)
    view.session.validate_now()
    shown = view.session.index.at("needs[0].budget")
    assert [p.level for p in shown if "拟投入资金请核实" in p.message] == ["warning"]


def test_the_arrival_date_filter_keeps_the_days_chosen(window, inbox):
    import datetime as dt

    from PySide6.QtCore import QDate
    from sqlalchemy import update

    from desktop.desk.tables import DeskPackage
    from desktop.package.manifest import CHINA_TZ

    window.receive([inbox])
    ids = [r.id for r in window.model.rows]
    days = [dt.datetime(2023, 4, 19, 23, 59, tzinfo=CHINA_TZ), dt.datetime(2023, 4, 20, 0, 0, tzinfo=CHINA_TZ),
            dt.datetime(2023, 4, 22, 8, 30, tzinfo=CHINA_TZ)]
    with window.db.writing() as session:          # arrivals on three days (China time, as the officer reads them)
        for package_id, moment in zip(ids, days):
            session.execute(update(DeskPackage).where(DeskPackage.id == package_id).values(arrived_at=moment))
    window.reload()
    assert window.filters.arrival.start.text() == "不限" and window.model.rowCount() == 3
    window.filters.arrival.start.setDate(QDate(2023, 4, 20))
    assert [r.id for r in window.model.rows] == ids[1:]
    window.filters.arrival.end.setDate(QDate(2023, 4, 21))
    assert [r.id for r in window.model.rows] == [ids[1]]
    assert window.filters.arrival.start.text() == "2023年4月20日"
    assert "当前列出 1 份" in window.summary.text()
    # the same filter the core's SQL applies (desk list --from/--to)
    assert [r.id for r in list_rows(window.db, window.filters.current())] == [ids[1]]
    window.filters.arrival.clear()
    assert window.model.rowCount() == 3


def test_the_xlsx_exports_list_what_the_window_lists(window, inbox, monkeypatch, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    window.receive([inbox])
    window.filters.verdict_box.setCurrentText("完整")
    listed = {r.submitter for r in window.model.rows}
    hidden = {r.submitter for r in window.model.all_rows} - listed
    assert len(listed) == 2 and len(hidden) == 1
    for which in ("收件清单", "需求汇总表"):
        target = tmp_path / f"{which}.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=target: (str(target), ""))
        window.export_xlsx(which)
        assert f"已导出{which}" in window.note.text()
        cells = {str(c) for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c}
        assert listed <= cells and not hidden & cells


def test_a_forwarding_that_fails_says_so_and_changes_no_state(window, inbox, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.desk import forward
    from desktop.desk.review import set_setting
    from desktop.ui import desk_actions, desk_window

    window.receive([inbox])
    set_setting(window.db, "unit", "河北省")
    decide(window.db, [window.model.rows[0].id], "初核通过")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "up" / "报送"), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    monkeypatch.setattr(forward, "forward", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    shown = []
    monkeypatch.setattr(desk_window, "show_error", lambda parent, error: shown.append(error))
    desk_actions.forward_accepted(window)
    assert "报送材料没有生成完整" in window.note.text() and len(shown) == 1
    assert detail(window.db, window.model.rows[0].id).row.state == "初核通过"
