"""Quiet until asked, steady while typing: no "please fill in" before the user was there, nothing jumps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.engine.model import Problem
from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.ui.draft_dialogs import initial_raw
from desktop.ui.attention import Attention
from desktop.ui.field_row import label_html

from .helpers import activate, editor, message, open_wizard, type_chinese

PROFILE = "section:profile_basic"


def required_shown(page) -> list[str]:
    return [path for path in page.rows if message(page, path).startswith("✖ 请")]


def test_a_new_draft_shows_no_please_fill_in_but_counts_everything(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step(PROFILE)
    assert required_shown(page) == []
    count = len(wizard.session.index.outstanding)
    assert count > 10 and wizard.problems_label.text() == f"还有 {count} 处需要修改"
    assert "⚠" in wizard.step_list.item_for(PROFILE).text(0) or "●" in wizard.step_list.item_for(PROFILE).text(0)


def test_an_empty_grid_lists_nothing_until_a_row_is_touched_or_the_review_asks(ctx, qtbot):
    form = get_form("2023-a3-application")
    draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), initial_raw(form))
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    grid = wizard.open_step("section:ch1").tables[0]
    errors = [p for p in wizard.session.index.errors if p.path.startswith("finance[")]
    assert len(errors) == 12 and grid.message.text() == ""
    tinted = lambda: sum(grid.grid.item(r, c).toolTip() != "" for r in range(grid.grid.rowCount())  # noqa: E731
                         for c in range(grid.grid.columnCount()))
    assert tinted() == 0
    column = next(c for c, col in enumerate(grid.columns) if col.kind not in ("calc",))
    grid.grid.item(0, column).setText("1")
    wizard.session.validate_now()
    shown = grid.message.text().splitlines()
    assert len(shown) == 3 and all(line.startswith(f"✖ {grid.row_name(0)}：请填写") for line in shown), "row 1 only"
    assert tinted() == 3
    wizard.open_step("review")
    wizard.open_step("section:ch1")
    assert tinted() == len([p for p in wizard.session.index.errors if p.path.startswith("finance[")])


def test_leaving_an_empty_required_field_shows_its_message_only(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    activate(qtbot, wizard)
    page = wizard.open_step(PROFILE)
    editor(page, "profile.name").setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: required_shown(page) == ["profile.name"], timeout=2000)
    assert message(page, "profile.name") == "✖ 请填写企业名称"


def test_the_review_page_reveals_every_missing_field(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step(PROFILE)
    wizard.open_step("review")
    wizard.open_step(PROFILE)
    required = [p.path for p in wizard.session.index.errors if p.code == "required" and p.path in page.rows]
    assert len(required) >= 3 and sorted(required_shown(page)) == sorted(required)


def test_a_final_export_attempt_reveals_them_too(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    export = wizard.open_step("export")
    export.export(draft=False)
    assert required_shown(wizard.open_step(PROFILE))


def test_a_message_coming_does_not_move_the_fields_below(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    wizard.show()
    page = wizard.open_step(PROFILE)
    below = page.rows["profile.uscc"][1].container
    qtbot.waitUntil(lambda: below.y() > 0)
    before = below.mapTo(page.widget(), below.rect().topLeft()).y()
    wizard.session.reveal_problems()
    QApplication.processEvents()
    assert message(page, "profile.name") == "✖ 请填写企业名称"
    assert below.mapTo(page.widget(), below.rect().topLeft()).y() == before


def test_text_over_its_limit_keeps_the_box_and_the_counter_in_place(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    wizard.show()
    page = wizard.open_step(PROFILE)
    line = page.rows["profile.name"][1].editor
    QApplication.processEvents()
    sizes = (line.line.width(), line.counter.width())
    type_chinese(line.line, "福" * (line.field.max_len + 169))
    QApplication.processEvents()
    assert line.counter.text() == f"{line.field.max_len + 169}/{line.field.max_len}"
    assert (line.line.width(), line.counter.width()) == sizes
    assert line.counter.geometry().left() >= line.line.geometry().right(), "the counter is beside the box"


def test_attention_rules():
    attention = Attention()
    required = Problem("needs[0].title", "error", "required", "请填写需求名称")
    wrong = Problem("profile.uscc", "error", "uscc.check", "校验位应为 3")
    assert attention.filter([required, wrong]) == [wrong]
    assert attention.visit("needs[0]") and not attention.visit("needs[0]")
    assert attention.filter([required]) == [required], "a visited row shows its cells"
    assert not attention.shown(Problem("needs[1].title", "error", "required", "请填写需求名称"))
    assert attention.reveal_all() and not attention.reveal_all() and not attention.visit("x")


def test_labels_keep_the_star_and_closing_marks_with_a_character():
    html = label_html("与上年相比（不同）", True)
    assert html.endswith("<span style='white-space:nowrap'>同）&nbsp;<span style='color:#c62828'>*</span></span>")
    assert "<span style='white-space:nowrap'>（不</span>" in html
    assert label_html("名称", False) == "名<span style='white-space:nowrap'>称</span>"


def test_a_page_that_is_one_table_names_it_once(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("section:needs")
    texts = [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    assert sum("需求列表" in text for text in texts) == 1
