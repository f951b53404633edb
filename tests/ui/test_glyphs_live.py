"""A character the print font lacks is named under its field while typing, not only at export."""

from __future__ import annotations

from .helpers import editor, message, open_wizard, type_chinese


def test_rare_character_is_reported_under_the_field(ctx, qtbot, new_draft):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_basic")
    type_chinese(editor(page, "profile.legal_rep"), "王𪚥")
    qtbot.waitUntil(lambda: "𪚥" in message(page, "profile.legal_rep"), timeout=3000)
    assert "打印后会显示为空白方框" in message(page, "profile.legal_rep")
    assert any(p.code == "font.missing_glyph" for p in wizard.session.index.errors)
    editor(page, "profile.legal_rep").selectAll()
    type_chinese(editor(page, "profile.legal_rep"), "王磊")
    qtbot.waitUntil(lambda: message(page, "profile.legal_rep") == "", timeout=3000)
