"""Values no form should hold — 27-digit amounts, control characters — are flagged under the field, never a crash."""

from __future__ import annotations

from desktop.samples import sample_raw

from .helpers import editor, message, open_wizard, type_chinese


def test_an_old_draft_with_a_27_digit_amount_opens_with_the_field_flagged(ctx, qtbot, new_draft, needs_form):
    raw = sample_raw(needs_form, 0)
    raw["profile"].update(revenue="9" * 27, employees="7" * 5000)
    draft_id = new_draft(raw)
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_scale")
    assert "最多 13 位" in message(page, "profile.revenue")
    assert "数字过长" in message(page, "profile.employees")
    assert editor(page, "profile.revenue").text() == "9" * 27  # nothing the clerk typed is lost


def test_typing_a_27_digit_amount_is_refused_with_a_message_and_saved_as_typed(ctx, qtbot, new_draft):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_scale")
    qtbot.keyClicks(editor(page, "profile.revenue"), "9" * 27)
    qtbot.waitUntil(lambda: "最多 13 位" in message(page, "profile.revenue"), timeout=3000)
    wizard.close()
    _, again = open_wizard(ctx, qtbot, draft_id)
    page = again.open_step("section:profile_scale")
    assert editor(page, "profile.revenue").text() == "9" * 27
    assert "最多 13 位" in message(page, "profile.revenue")


def test_a_control_character_in_a_name_is_flagged(ctx, qtbot, new_draft):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_basic")
    type_chinese(editor(page, "profile.name"), "样例\x07企业")
    qtbot.waitUntil(lambda: "控制字符" in message(page, "profile.name"), timeout=3000)
