"""The 需求列表 page: add, copy, remove, reorder, limits; each need on its own page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .helpers import editor, open_wizard, type_chinese


def rows_list(wizard):
    page = wizard.open_step("section:needs")
    return page.tables[0]


def titles(wizard) -> list[str]:
    return [row.get("title", "") for row in wizard.session.raw["needs"]]


def test_a_need_can_be_added_and_opens_on_its_own_page(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    needs = rows_list(wizard)
    qtbot.mouseClick(needs.buttons["add"], Qt.MouseButton.LeftButton)
    assert wizard.current == "row:needs:1"
    type_chinese(editor(wizard.pages["row:needs:1"], "needs[1].title"), "第二项需求")
    assert wizard.step_list.item_for("row:needs:1").text(0).startswith("需求2")
    assert titles(wizard) == ["", "第二项需求"]


def test_needs_are_copied_moved_and_removed(ctx, qtbot, new_draft, monkeypatch):
    draft_id = new_draft({"needs": [{"title": "甲"}, {"title": "乙"}, {"title": "丙"}]})
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    row_page = wizard.open_step("row:needs:2")
    needs = rows_list(wizard)
    needs.list.setCurrentRow(0)
    qtbot.mouseClick(needs.buttons["copy"], Qt.MouseButton.LeftButton)
    assert titles(wizard) == ["甲", "甲", "乙", "丙"]
    needs.list.setCurrentRow(3)
    qtbot.mouseClick(needs.buttons["up"], Qt.MouseButton.LeftButton)
    assert titles(wizard) == ["甲", "甲", "丙", "乙"]
    assert editor(row_page, "needs[2].title").text() == "丙"  # the open page follows the data
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    needs.list.setCurrentRow(0)
    qtbot.mouseClick(needs.buttons["remove"], Qt.MouseButton.LeftButton)
    assert titles(wizard) == ["甲", "丙", "乙"]
    assert "row:needs:3" not in [s.key for s in wizard.steps]
    wizard.close()
    stored = ctx.store.get_draft(draft_id).data["needs"]
    assert [n["title"] for n in stored] == ["甲", "丙", "乙"]


def test_a_removed_need_that_was_open_returns_to_the_list(ctx, qtbot, new_draft, monkeypatch):
    _, wizard = open_wizard(ctx, qtbot, new_draft({"needs": [{"title": "甲"}, {"title": "乙"}]}))
    needs = rows_list(wizard)
    wizard.open_step("row:needs:1")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    needs.list.setCurrentRow(1)
    needs._remove()
    assert wizard.current == "section:needs"


def test_the_last_need_cannot_be_removed_and_twenty_is_the_most(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft({"needs": [{}]}))
    needs = rows_list(wizard)
    needs.list.setCurrentRow(0)
    assert not needs.buttons["remove"].isEnabled()
    for _ in range(19):
        needs._add()
    rows_list(wizard)
    assert len(wizard.session.raw["needs"]) == 20
    assert not needs.buttons["add"].isEnabled()
    assert needs.limits.text() == "共 20 项，至少 1 项，最多 20 项"
