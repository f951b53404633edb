"""Row pages of a long form are built lazily and dropped when far away, without losing a value."""

from __future__ import annotations

from desktop.samples import sample_raw
from desktop.ui.steps import ROW
from desktop.ui.wizard import KEPT_ROW_PAGES

from .helpers import editor, open_wizard, type_chinese


def test_only_the_recent_row_pages_stay_built_and_values_survive(ctx, qtbot, new_draft, needs_form):
    draft_id = new_draft(sample_raw(needs_form, 0))
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    rows = [s.key for s in wizard.steps if s.kind == ROW]
    assert len(rows) == 20
    first = wizard.open_step(rows[0])
    editor(first, "needs[0].title").selectAll()
    type_chinese(editor(first, "needs[0].title"), "改过的需求名称")
    for key in rows[1:]:
        wizard.open_step(key)
    built = [k for k in wizard.pages if wizard.step(k).kind == ROW]
    assert built == rows[-KEPT_ROW_PAGES:]
    again = wizard.open_step(rows[0])
    assert editor(again, "needs[0].title").text() == "改过的需求名称"


def test_a_draft_filled_against_another_form_definition_says_so(ctx, qtbot, needs_form):
    draft_id = ctx.store.create_draft(needs_form.id, needs_form.edition, "0123456789abcdef", sample_raw(needs_form, 1))
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    assert "另一版本的表格定义" in wizard.definition_note.text()


def test_a_current_draft_has_no_such_note(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    assert not hasattr(wizard, "definition_note")
