"""Finding one's way: reopening where one left off, 编辑 (undo/redo of fields), 帮助 (shortcuts, 关于)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop import __version__
from desktop.rules.campaign import current_campaign
from desktop.ui.help_menu import full_about_text, show_about, show_shortcuts

from .helpers import editor, open_wizard, type_chinese


def test_a_reopened_draft_opens_where_it_was_left(ctx, qtbot, new_draft):
    draft_id = new_draft()
    start, wizard = open_wizard(ctx, qtbot, draft_id)
    assert wizard.current == "section:header"
    wizard.open_step("section:profile_contact")
    wizard.close()
    assert ctx.settings.draft_steps == {str(draft_id): "section:profile_contact"}
    again = start.open_draft(draft_id)
    assert again is not wizard and again.current == "section:profile_contact"
    assert again.stack.currentWidget() is again.pages["section:profile_contact"]


def test_a_remembered_step_that_no_longer_exists_falls_back_to_the_first(ctx, qtbot, new_draft):
    draft_id = new_draft()
    ctx.update_settings(draft_steps={str(draft_id): "row:needs:7"})
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    assert wizard.current == "section:header"


def test_edit_menu_undoes_and_redoes_the_last_field_changes(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("section:profile_basic")
    name = editor(page, "profile.name")
    type_chinese(name, "福州")
    type_chinese(name, "示例公司")  # the same field: one step
    type_chinese(editor(page, "profile.address"), "福州市鼓楼区")
    menus = [action.text() for action in wizard.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert wizard.undo_action.text() == f"撤销 修改“{page.rows['profile.address'][1].field.label}”"
    wizard.undo_action.trigger()
    assert editor(page, "profile.address").text() == "" and not wizard.session.raw["profile"]["address"]
    wizard.undo_action.trigger()
    assert name.text() == "" and not wizard.session.raw["profile"]["name"]
    assert not wizard.undo_action.isEnabled()
    wizard.redo_action.trigger()
    assert name.text() == "福州示例公司" and wizard.session.raw["profile"]["name"] == "福州示例公司"
    wizard.session.save_now()
    assert ctx.store.get_draft(wizard.session.draft_id).data["profile"]["name"] == "福州示例公司"


def test_help_lists_shortcuts_and_about_names_version_and_campaign(ctx, qtbot, new_draft):
    start, wizard = open_wizard(ctx, qtbot, new_draft())
    assert [a.text() for a in start.menuBar().actions()] == ["文件(&F)", "帮助(&H)"]
    text = full_about_text(ctx)
    campaign = current_campaign(ctx.data_dir / "campaigns")
    assert text.startswith(f"携手填报 {__version__}") and campaign.name in text
    assert "来源：程序自带的活动文件" in text
    about = show_about(start, ctx)
    shortcuts = show_shortcuts(wizard)
    assert about.isVisible() and "Ctrl+PgDn" in shortcuts.text() and "撤销" in shortcuts.text()
    assert [b.text() for b in about.findChildren(QDialogButtonBox)[0].buttons()] == ["关闭"]
    about.accept()
    shortcuts.accept()
    QApplication.processEvents()


def test_about_names_an_imported_campaign_file(ctx, qtbot, tmp_path):
    import json

    from desktop.resources import resource_path

    bundled = resource_path("campaigns", "2023-jiebang.json")  # a campaign for enterprises
    newer = json.loads(bundled.read_text(encoding="utf-8"))
    newer["id"], newer["name"], newer["notice_date"] = "test-2099", "二〇九九年测试活动", "2099-01-02"
    folder = ctx.data_dir / "campaigns"
    folder.mkdir(parents=True)
    (folder / "2099.json").write_text(json.dumps(newer, ensure_ascii=False), encoding="utf-8")
    text = full_about_text(ctx)
    assert "二〇九九年测试活动" in text and f"来源：导入的活动文件 {folder / '2099.json'}" in text
