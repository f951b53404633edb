"""The wizard: typing on real widgets, live messages, autosave, reopening, keyboard navigation."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.samples import sample_raw
from desktop.ui.text import clock


from .conftest import FIXED_NOW
from .helpers import activate, editor, message, open_wizard, type_chinese


def stored_data(data_dir, draft_id) -> str:
    with sqlite3.connect(data_dir / "xieshou.db") as db:
        (text,) = db.execute("select data_json from drafts where id = ?", (draft_id,)).fetchone()
    return text


def test_typing_on_the_profile_page_is_saved_and_comes_back(ctx, qtbot, new_draft, data_dir):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_basic")
    type_chinese(editor(page, "profile.name"), "澜岳精工装备制造股份有限公司（样例）")
    type_chinese(editor(page, "profile.address"), "福州市鼓楼区样例路")
    qtbot.keyClicks(editor(page, "profile.address"), "1")
    type_chinese(editor(page, "profile.address"), "号")
    qtbot.keyClicks(editor(page, "profile.postcode"), "350001")
    qtbot.waitUntil(lambda: "350001" in stored_data(data_dir, draft_id), timeout=3000)
    assert "福州市鼓楼区样例路1号" in stored_data(data_dir, draft_id)
    assert f"已自动保存 {clock(FIXED_NOW)}" in wizard.windowTitle()
    assert "澜岳精工装备制造股份有限公司（样例）" in wizard.windowTitle()
    wizard.close()
    _, again = open_wizard(ctx, qtbot, draft_id)
    page = again.open_step("section:profile_basic")
    assert editor(page, "profile.address").text() == "福州市鼓楼区样例路1号"
    assert editor(page, "profile.postcode").text() == "350001"


def test_typing_on_a_need_page_is_saved(ctx, qtbot, new_draft, data_dir):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("row:needs:0")
    type_chinese(editor(page, "needs[0].title"), "高精度轴承寿命检测工艺")
    type_chinese(editor(page, "needs[0].background"), "现有检测周期长，")
    type_chinese(editor(page, "needs[0].background"), "数据不可追溯。")
    qtbot.keyClicks(editor(page, "needs[0].budget"), "120.5")
    assert page.rows["needs[0].title"][1].editor.counter.text() == "11/50"
    wizard.close()  # closing saves what the debounce has not saved yet
    text = stored_data(data_dir, draft_id)
    assert "高精度轴承寿命检测工艺" in text and "现有检测周期长，数据不可追溯。" in text and "120.5" in text
    assert wizard.step_list.item_for("row:needs:0").text(0).startswith("需求1")


def test_input_method_pre_edit_is_not_taken_as_a_value(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("section:profile_basic")
    field = editor(page, "profile.name")
    field.setFocus()
    QApplication.sendEvent(field, QInputMethodEvent("lanyue", []))
    assert wizard.session.raw.get("profile", {}).get("name") in (None, "")
    type_chinese(field, "澜岳")
    assert wizard.session.raw["profile"]["name"] == "澜岳"


def test_a_wrong_credit_code_is_reported_under_the_field_until_fixed(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("section:profile_basic")
    field = editor(page, "profile.uscc")
    qtbot.keyClicks(field, "91350100M000100Y44")
    qtbot.waitUntil(lambda: "校验位应为 3" in message(page, "profile.uscc"), timeout=2000)
    assert "c62828" in page.rows["profile.uscc"][1].message.styleSheet()  # red: an error
    field.clear()
    qtbot.keyClicks(field, "91350100m000100y43")
    qtbot.waitUntil(lambda: message(page, "profile.uscc") == "", timeout=2000)


def test_the_province_is_suggested_from_the_credit_code(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("section:profile_basic")
    qtbot.keyClicks(editor(page, "profile.uscc"), "91350100M000100Y43")
    assert editor(page, "profile.province").currentText() == "福建省"
    editor(page, "profile.province").setCurrentIndex(0)  # the clerk clears it on purpose
    assert wizard.session.raw["profile"]["province"] == ""


def test_the_size_class_is_shown_with_its_reason(ctx, qtbot, new_draft, needs_form):
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("section:profile_scale")
    shown = page.rows["profile.size_class"][1].editor.label.text()
    assert shown.startswith("大型\n依据《中小企业划型标准规定》") and shown.endswith("属于大型企业。")
    employees = editor(page, "profile.employees")
    employees.clear()
    qtbot.keyClicks(employees, "150")
    revenue = editor(page, "profile.revenue")
    revenue.clear()
    qtbot.keyClicks(revenue, "9000")
    qtbot.waitUntil(lambda: page.rows["profile.size_class"][1].editor.label.text().startswith("小型\n"), timeout=2000)
    assert "附件1由大企业填报" in message(page, "profile.size_class")


def test_keyboard_moves_between_steps_and_the_bottom_bar_counts_problems(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    activate(qtbot, wizard)
    assert wizard.current == "section:header"
    qtbot.keyClick(wizard, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current == "section:profile_basic"
    assert QApplication.focusWidget() is editor(wizard.pages["section:profile_basic"], "profile.name")
    qtbot.keyClick(wizard, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current == "section:header"
    assert wizard.problems_label.text().startswith("还有 ")
    qtbot.mouseClick(wizard.review_button, Qt.MouseButton.LeftButton)
    assert wizard.current == "review"


def test_tab_goes_from_the_last_field_to_the_bottom_bar(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    activate(qtbot, wizard)
    page = wizard.open_step("section:signature")
    editor(page, "signed_by").setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.review_button


def test_steps_show_their_state(ctx, qtbot, new_draft, needs_form):
    raw = sample_raw(needs_form)
    raw["needs"][1]["title"] = ""
    _, wizard = open_wizard(ctx, qtbot, new_draft(raw))
    texts = {key: wizard.step_list.item_for(key).text(0) for key in ("section:profile_basic", "row:needs:0",
                                                                     "row:needs:1", "section:header")}
    assert texts["section:profile_basic"] == "✔ 企业基本信息"
    assert texts["row:needs:0"] == "需求1 ✔"
    assert texts["row:needs:1"] == "需求2 ⚠（1）"
    assert texts["section:header"] == "● 组织渠道"


def test_closing_keeps_the_enterprise_profile_for_the_next_draft(ctx, qtbot, new_draft):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:profile_basic")
    type_chinese(editor(page, "profile.name"), "澜岳精工装备制造股份有限公司（样例）")
    wizard.close()
    (enterprise,) = ctx.store.list_enterprises()
    assert enterprise.name == "澜岳精工装备制造股份有限公司（样例）"
    assert ctx.store.get_draft(draft_id).enterprise_id == enterprise.id


def test_ctrl_s_confirms_and_saves_at_once(ctx, qtbot, new_draft, data_dir):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    activate(qtbot, wizard)
    page = wizard.open_step("section:profile_basic")
    qtbot.keyClicks(editor(page, "profile.postcode"), "350001")
    qtbot.keyClick(editor(page, "profile.postcode"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert wizard.statusBar().currentMessage().startswith("已保存")
    qtbot.waitUntil(lambda: "350001" in stored_data(data_dir, draft_id), timeout=1000)
