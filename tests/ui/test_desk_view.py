"""查看内容: the officer clicks a field (label, value, grid cell, list row) and writes a comment; the path is
taken from the click, the comment is stored and audited and shows beside the field, labelled 审核意见 until a
补正通知 carrying it is issued."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.desk.audit import check_chain
from desktop.desk.db import DeskDB
from desktop.desk.query import detail
from desktop.desk.review import decide, set_setting
from desktop.desk.tables import DeskAudit
from desktop.ui import desk_actions
from desktop.ui.desk_view import DeskViewWindow
from desktop.ui.desk_window import DeskWindow
from desktop.ui.page import FormPage
from desktop.ui.table_grid import TableGrid
from tests.package.sample_package import write_package
from tests.ui.helpers import type_chinese


@pytest.fixture
def desk(ctx, qtbot, tmp_path):
    db = DeskDB.open(str(tmp_path / "desk.db"))
    set_setting(db, "officer", "李经办")
    set_setting(db, "unit", "河北省")
    set_setting(db, "workspace", str(tmp_path / "ws"))
    write_package(tmp_path / "in" / "a1", seed=5)
    write_package(tmp_path / "in" / "a3", seed=6, form_id="2023-a3-application", companions=("2023-a2-match",))
    window = DeskWindow(ctx, db=db)
    qtbot.addWidget(window)
    window.receive([tmp_path / "in"])
    return window


def _view(desk, form_id: str) -> DeskViewWindow:
    number = next(n for n, r in enumerate(desk.model.rows) if r.form == form_id)
    desk.table.selectRow(number)
    views = desk_actions.view_content(desk)
    return next(v for v in views if v.form.id == form_id)


def _click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _row(view, path):
    page = view.pages[view.current]
    return page.rows[path][1]


def test_clicking_a_field_picks_its_path_and_the_comment_shows_beside_it(desk):
    view = _view(desk, "2023-a1-needs")
    assert view.add_button.isEnabled() is False
    _click(_row(view, "channel").editor.widget)           # a choice: shown disabled, still picked by a click
    assert view.picked == "channel" and "组织渠道" in view.field_name.text()
    _click(_row(view, "organiser").label)
    assert view.picked == "organiser"
    view.open_step("section:profile_basic")
    _click(_row(view, "profile.name").editor.focus_target)
    assert view.picked == "profile.name" and view.typed_path.text() == "profile.name"
    type_chinese(view.text, "企业名称与营业执照不一致")
    view.add_button.click()
    package_id = view.package_id
    comments = detail(desk.db, package_id).comments
    assert [(c["form_id"], c["field_path"], c["text"]) for c in comments] == [
        ("2023-a1-needs", "profile.name", "企业名称与营业执照不一致")]
    shown = _row(view, "profile.name").message.text()
    assert shown == "⚠ 审核意见（尚未出具补正通知）：企业名称与营业执照不一致"
    assert "补正通知 BZ" not in shown
    assert view.comment_list.count() == 1 and view.text.toPlainText() == ""
    assert "profile.name：企业名称与营业执照不一致" in desk.detail.toHtml()     # the desk's detail follows
    with desk.db.reading() as session:
        last = session.query(DeskAudit).order_by(DeskAudit.id.desc()).first()
        assert (last.action, last.subject) == ("意见", "2023-a1-needs profile.name")
        assert check_chain(session).ok


def test_a_row_of_the_needs_list_and_a_field_of_a_need_page(desk):
    view = _view(desk, "2023-a1-needs")
    view.open_step("section:needs")
    page = view.pages[view.current]
    page.tables[0].list.setCurrentRow(1)
    assert view.picked == "needs[1]"
    view.open_step("row:needs:0")
    _click(_row(view, "needs[0].budget").label)
    assert view.picked == "needs[0].budget" and "需求1" in view.field_name.text()
    type_chinese(view.text, "拟投入资金请核实")
    assert view.add_comment()
    assert [p.message for p in view.session.index.at("needs[0].budget")] == ["审核意见（尚未出具补正通知）：拟投入资金请核实"]


def test_a_grid_cell_is_picked_by_clicking_it(desk):
    view = _view(desk, "2023-a3-application")
    view.open_step("section:ch4")
    grid = next(t for t in view.pages[view.current].tables if isinstance(t, TableGrid))
    rect = grid.grid.visualRect(grid.grid.model().index(0, 1))
    QTest.mouseClick(grid.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.picked == f"team[0].{grid.columns[1].id}"
    type_chinese(view.text, "请补充该成员的职称证明")
    assert view.add_comment()
    assert grid.grid.item(0, 1).toolTip() == "⚠ 审核意见（尚未出具补正通知）：请补充该成员的职称证明"


def test_comments_carried_by_a_notice_say_so_and_later_ones_do_not(desk, monkeypatch, tmp_path):
    view = _view(desk, "2023-a1-needs")
    view.pick("organiser")
    type_chinese(view.text, "请写明组织单位全称")
    assert view.add_comment()
    decide(desk.db, [view.package_id], "需补正", "组织单位不明")
    desk.reload()
    desk.table.selectRow(next(n for n, r in enumerate(desk.model.rows) if r.id == view.package_id))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "notice"))
    desk_actions.issue_notice(desk)
    notice_id = desk.note.text().split("已生成补正通知 ")[1].split("：")[0]
    view.pick("channel")
    type_chinese(view.text, "渠道与实际不符")
    assert view.add_comment()
    assert _row(view, "organiser").message.text() == f"⚠ 审核意见（补正通知 {notice_id}）：请写明组织单位全称"
    assert _row(view, "channel").message.text() == "⚠ 审核意见（尚未出具补正通知）：渠道与实际不符"


def test_the_typed_path_stays_as_a_checked_fallback(desk):
    view = _view(desk, "2023-a1-needs")
    view.advanced.setChecked(True)
    QTest.keyClicks(view.typed_path, "needs[99].budget")
    type_chinese(view.text, "没有这一行")
    assert not view.add_comment()
    assert "没有第 100 行" in view.result.text()
    assert detail(desk.db, view.package_id).comments == []


def test_the_comment_button_of_the_desk_opens_the_view(desk):
    desk.table.selectRow(0)
    desk.comment_button.click()
    assert any(isinstance(w, DeskViewWindow) for w in desk.ctx.open_windows.values())
    assert "点击要提意见的填写项" in desk.note.text()
    desk.close()
    assert not any(isinstance(w, DeskViewWindow) for w in desk.ctx.open_windows.values())


def test_every_page_is_locked_and_clickable(desk):
    view = _view(desk, "2023-a1-needs")
    for step in view.steps:
        page = view.open_step(step.key)
        if isinstance(page, FormPage):
            for path, (_scope, row) in page.rows.items():
                _click(row.label)
                assert view.picked == path
