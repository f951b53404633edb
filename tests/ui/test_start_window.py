"""The start window: roles, campaign, the draft list and its actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.samples import sample_raw
from desktop.ui.draft_dialogs import NewDraftDialog, RecycleBinDialog
from desktop.ui.drafts_panel import COLUMNS
from desktop.ui.start_window import StartWindow
from desktop.ui.wizard import WizardWindow


def start_window(ctx, qtbot) -> StartWindow:
    window = StartWindow(ctx)
    qtbot.addWidget(window)
    return window


def cell(window: StartWindow, row: int, column: str) -> str:
    return window.drafts.tree.topLevelItem(row).text(COLUMNS.index(column))


def test_the_drafts_are_listed_with_enterprise_time_and_problems(ctx, qtbot, new_draft, needs_form):
    new_draft()
    new_draft(sample_raw(needs_form))
    window = start_window(ctx, qtbot)
    assert window.drafts.tree.topLevelItemCount() == 2
    enterprise = sample_raw(needs_form)["profile"]["name"]
    assert {cell(window, 0, "企业"), cell(window, 1, "企业")} == {enterprise, "（未填写）"}
    assert cell(window, 0, "草稿") == "附件1 大企业技术创新需求表"
    assert "年" in cell(window, 0, "最后修改") and cell(window, 0, "导出情况") == "未导出"


def test_the_campaign_deadline_is_shown(ctx, qtbot):
    window = start_window(ctx, qtbot)
    text = window.campaign_label.text()
    assert "工信厅企业函〔2023〕88号" in text
    assert "附件1：<b>距截止还有 7 天（2023年4月27日）</b>" in text  # today is 2023-04-20 in these tests


def test_the_disc_roles_open_their_windows(ctx, qtbot):
    window = start_window(ctx, qtbot)
    assert window.fill_button.isEnabled() and window.burn_button.isEnabled() and window.verify_button.isEnabled()
    window.open_burn_window()
    window.open_verify_window()
    assert ctx.open_windows["BurnWindow"].windowTitle().startswith("刻录与校验光盘")
    assert ctx.open_windows["DeskWindow"].windowTitle().startswith("收件与审核")


def test_a_new_draft_takes_the_saved_enterprise_profile(ctx, qtbot, needs_form):
    profile = sample_raw(needs_form)["profile"]
    enterprise_id = ctx.store.save_profile(profile)
    window = start_window(ctx, qtbot)
    dialog = NewDraftDialog(ctx, ctx.forms, window)
    qtbot.addWidget(dialog)
    assert dialog.enterprises.currentData() == enterprise_id
    draft_id = dialog.create()
    window._created(draft_id)
    wizard = ctx.open_windows[("draft", draft_id)]
    assert isinstance(wizard, WizardWindow)
    assert wizard.session.raw["profile"]["name"] == profile["name"]
    assert len(wizard.session.raw["needs"]) == 1  # one need ready to fill
    wizard.close()
    window.drafts.reload()
    assert int(cell(window, 0, "待修改").split()[0]) > 0  # counted when the wizard opened


def test_a_deleted_draft_can_be_undone_and_restored_from_the_bin(ctx, qtbot, new_draft):
    draft_id = new_draft()
    window = start_window(ctx, qtbot)
    qtbot.mouseClick(window.drafts.buttons["delete"], Qt.MouseButton.LeftButton)
    assert window.drafts.tree.topLevelItemCount() == 0
    assert not window.drafts.undo_bar.isHidden() and window.drafts.undo_label.text().startswith("已删除“")
    window.drafts.undo_delete()
    assert window.drafts.tree.topLevelItemCount() == 1 and window.drafts.undo_bar.isHidden()
    window.drafts.delete(draft_id)
    dialog = RecycleBinDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    dialog.restore()
    assert dialog.list.count() == 0 and dialog.changed
    window.drafts.reload()
    assert window.drafts.current_id() == draft_id


def test_copy_and_rename(ctx, qtbot, new_draft, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    new_draft()
    window = start_window(ctx, qtbot)
    window.drafts._with_current(window.drafts.duplicate)
    assert window.drafts.tree.topLevelItemCount() == 2
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("福州样例草稿", True))
    window.drafts._with_current(window.drafts.rename)
    assert cell(window, 0, "草稿") == "福州样例草稿"


def test_opening_a_draft_twice_shows_the_same_window(ctx, qtbot, new_draft):
    draft_id = new_draft()
    window = start_window(ctx, qtbot)
    assert window.open_draft(draft_id) is window.open_draft(draft_id)


def test_the_new_draft_dialog_is_keyboard_operable(ctx, qtbot):
    window = start_window(ctx, qtbot)
    created = []
    monkey = window._created
    window._created = lambda draft_id: created.append(draft_id) or monkey(draft_id)

    def accept_dialog():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    QTimer.singleShot(0, accept_dialog)
    window.new_draft()
    assert len(created) == 1


def campaign_file(tmp_path, file_name: str, **changes):
    import json

    from desktop.resources import resource_path

    obj = json.loads((resource_path("campaigns") / "2023-jiebang.json").read_text("utf-8"))
    obj.update(changes)
    path = tmp_path / file_name
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_broken_campaign_file_is_refused_and_nothing_changes(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append((title, text)))
    window = start_window(ctx, qtbot)
    before = window.campaign_label.text()
    broken = campaign_file(tmp_path, "新活动.json", id="2024-jiebang", notice_date="2024-04-01")
    broken.write_text(broken.read_text("utf-8").replace('"deadlines"', '"deadline"'), encoding="utf-8")
    garbled = tmp_path / "乱码.json"
    garbled.write_bytes(b"{\"format\": \"xieshou-campaign\", \xff")
    assert not window.import_campaign_file(broken)
    assert not window.import_campaign_file(garbled)
    assert told[0] == ("无法导入活动文件", "活动文件 新活动.json 缺少以下内容：deadlines。\n当前的活动信息没有改变。")
    assert told[1][1].startswith("活动文件 乱码.json 不是有效的 JSON")
    assert window.campaign_label.text() == before
    assert not (ctx.data_dir / "campaigns").exists() or not any((ctx.data_dir / "campaigns").iterdir())


def test_a_newer_campaign_file_is_kept_and_shown(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    window = start_window(ctx, qtbot)
    newer = campaign_file(tmp_path, "2024.json", id="2024-jiebang", name="2024年度“揭榜”工作",
                          notice="工信厅企业函〔2024〕1号", notice_date="2023-04-18",
                          deadlines=[{"forms": ["2023-a1-needs"], "date": "2023-05-10", "what": "寄出"}])
    assert window.import_campaign_file(newer)
    kept = ctx.data_dir / "campaigns" / "2024-jiebang.json"
    assert kept.read_bytes() == newer.read_bytes()
    assert told == ["已导入活动文件：2024年度“揭榜”工作（工信厅企业函〔2024〕1号）。"]
    text = window.campaign_label.text()
    assert "2024年度“揭榜”工作" in text and "附件1：<b>距截止还有 20 天（2023年5月10日）</b>" in text
    assert StartWindow(ctx).campaign_label.text() == text  # and it stays after a restart
