"""编辑 → 撤销/重做 covers tables: a cell, a pasted block, a row added or removed — one step each, exact."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from .helpers import editor, open_wizard, type_chinese
from .test_table_grid import open_grid_form

TEAM = [{"name": "王伟", "role": "负责人", "resume": "十年经验"}, {"name": "李娜", "role": "成员"}]


def stored(ctx, window) -> dict:
    return ctx.store.get_draft(window.session.draft_id).data


def autosaved(ctx, qtbot, window, key: str, expected) -> None:
    """Wait for the autosave (no save_now): the SQLite file holds ``expected`` under ``key``."""
    qtbot.waitUntil(lambda: stored(ctx, window).get(key) == expected, timeout=5000)


def cells(window, key: str, column: str) -> list:
    return [row.get(column) for row in window.session.raw[key]]


def test_a_typed_cell_is_one_step_undone_redone_and_saved(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {"team": copy.deepcopy(TEAM)})
    team = window.open_step("section:numbers").tables[1]
    team.grid.item(1, 0).setText("李娜娜")
    assert cells(window, "team", "name") == ["王伟", "李娜娜"]
    assert window.undo_action.text() == "撤销 团队成员：修改“姓名”"
    window.undo_action.trigger()
    assert window.session.raw["team"] == TEAM
    assert team.grid.item(1, 0).text() == "李娜"  # the grid shows the value put back
    autosaved(ctx, qtbot, window, "team", TEAM)
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert cells(window, "team", "name") == ["王伟", "李娜娜"] and team.grid.item(1, 0).text() == "李娜娜"
    autosaved(ctx, qtbot, window, "team", [TEAM[0], {**TEAM[1], "name": "李娜娜"}])


def test_typing_on_in_the_side_box_is_one_step(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {"team": copy.deepcopy(TEAM)})
    team = window.open_step("section:numbers").tables[1]
    team.grid.setCurrentCell(1, 2)
    for text in ("精", "精密", "精密加工"):  # keystrokes in the box beside the table
        team.side.setPlainText(text)
    assert window.session.raw["team"][1]["resume"] == "精密加工"
    window.undo_action.trigger()
    assert window.session.raw["team"] == TEAM and not window.undo_action.isEnabled()


def test_a_pasted_block_is_one_step_and_rows_it_added_go_again(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {"team": copy.deepcopy(TEAM)})
    team = window.open_step("section:numbers").tables[1]
    QGuiApplication.clipboard().setText("张三\t成员\n赵四\t成员\n")
    team.grid.setCurrentCell(1, 0)
    team.paste()
    pasted = cells(window, "team", "name")
    assert pasted == ["王伟", "张三", "赵四"] and team.grid.rowCount() == 3
    after = copy.deepcopy(window.session.raw["team"])
    window.undo_action.trigger()
    assert window.session.raw["team"] == TEAM and team.grid.rowCount() == 2
    autosaved(ctx, qtbot, window, "team", TEAM)
    window.redo_action.trigger()
    assert window.session.raw["team"] == after and team.grid.rowCount() == 3
    autosaved(ctx, qtbot, window, "team", after)


def test_adding_and_removing_rows_are_steps_in_order(ctx, qtbot, monkeypatch):
    window = open_grid_form(ctx, qtbot, {"team": copy.deepcopy(TEAM)})
    team = window.open_step("section:numbers").tables[1]
    qtbot.mouseClick(team.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(window.session.raw["team"]) == 3
    team.grid.setCurrentCell(0, 0)
    qtbot.mouseClick(team.buttons["remove"], Qt.MouseButton.LeftButton)
    assert cells(window, "team", "name") == ["李娜", None]
    assert window.undo_action.text() == "撤销 团队成员：删除行"
    window.undo_action.trigger()  # the removed first row is back with every value, in its place
    assert window.session.raw["team"] == [*TEAM, {}] and team.grid.item(0, 2).text().startswith("十年")
    window.undo_action.trigger()  # the added row goes
    assert window.session.raw["team"] == TEAM and team.grid.rowCount() == 2
    autosaved(ctx, qtbot, window, "team", TEAM)
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert cells(window, "team", "name") == ["李娜", None]
    autosaved(ctx, qtbot, window, "team", [TEAM[1], {}])


def test_field_and_table_steps_share_one_stack(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {"team": copy.deepcopy(TEAM)})
    lead = window.open_step("section:lead")
    lead.rows["leader.name"][1].editor.line.setText("周敏")
    team = window.open_step("section:numbers").tables[1]
    team.grid.item(0, 0).setText("王强")
    window.undo_action.trigger()
    assert window.session.raw["team"] == TEAM and window.session.raw["leader"]["name"] == "周敏"
    window.undo_action.trigger()
    assert not window.session.raw["leader"]["name"]


def test_need_pages_added_and_removed_from_the_list_are_undone(ctx, qtbot, new_draft, monkeypatch):
    draft_id = new_draft({"needs": [{"title": "甲"}, {"title": "乙"}]})
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    needs = wizard.open_step("section:needs").tables[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    needs.list.setCurrentRow(0)
    qtbot.mouseClick(needs.buttons["remove"], Qt.MouseButton.LeftButton)
    assert [n.get("title") for n in wizard.session.raw["needs"]] == ["乙"]
    wizard.undo_action.trigger()
    assert wizard.session.raw["needs"] == [{"title": "甲"}, {"title": "乙"}]
    assert needs.list.count() == 2 and "row:needs:1" in [s.key for s in wizard.steps]
    qtbot.waitUntil(lambda: [n.get("title") for n in ctx.store.get_draft(draft_id).data["needs"]] == ["甲", "乙"],
                    timeout=5000)
    wizard.open_step("section:needs")
    qtbot.mouseClick(needs.buttons["add"], Qt.MouseButton.LeftButton)
    type_chinese(editor(wizard.pages["row:needs:2"], "needs[2].title"), "丙")
    wizard.undo_action.trigger()  # the typed title
    wizard.undo_action.trigger()  # the added need
    assert [n.get("title") for n in wizard.session.raw["needs"]] == ["甲", "乙"]
    assert "row:needs:2" not in [s.key for s in wizard.steps]
