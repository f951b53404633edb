"""帮助 in every main window: the user's manual (a PDF shipped in resources/manual/), the sample draft to
learn on, the keyboard shortcuts and 关于 (version, form definitions, the campaign file in force, data folder,
licences: desktop.about)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMainWindow, QMenu, QMessageBox, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from desktop.about import about_text
from desktop.resources import ResourceMissingError, resource_path
from desktop.rules.campaign import Campaign, CampaignError, current_campaign, load_campaign

from .messages import show_error

MANUAL = ("manual", "携手填报用户手册.pdf")
CAMPAIGNS_FOLDER = "campaigns"  # newer campaign files the user imported, in the data folder
SHORTCUTS = (
    ("Ctrl+N", "新建草稿（开始窗口）"),
    ("Ctrl+PgDn / Ctrl+PgUp", "下一步 / 上一步"),
    ("Tab / Shift+Tab", "下一个 / 上一个填写项"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（在输入框里撤销其中的文字，在其他地方撤销最近修改的填写项或表格操作）"),
    ("Ctrl+S", "立即保存（平时每次修改后都会自动保存）"),
    ("Ctrl+C / Ctrl+V", "在表格中复制、粘贴（可以从 Excel 或 WPS 表格粘贴多行）"),
    ("Ctrl+W", "关闭草稿窗口"),
    ("F1", "打开用户手册"),
)


def campaigns_dir(ctx) -> Path:
    return Path(ctx.data_dir) / CAMPAIGNS_FOLDER


def campaign_source(campaign: Campaign, folder: Path) -> str:
    """Where the campaign in force comes from: a file the user imported, or the program itself."""
    if folder.is_dir():
        for path in sorted(folder.glob("*.json"), reverse=True):
            try:
                if load_campaign(path).id == campaign.id:
                    return f"导入的活动文件 {path}"
            except CampaignError:
                continue
    return "程序自带的活动文件"


def full_about_text(ctx) -> str:
    """desktop.about's facts, and whether the campaign in force came with the program or was imported."""
    text = about_text(ctx.data_dir, campaigns_dir(ctx))
    try:
        campaign = current_campaign(campaigns_dir(ctx))
    except Exception:  # a damaged installation: about_text already says the campaign cannot be read
        return text
    return text.replace("当前活动文件：\n", f"当前活动文件：\n  来源：{campaign_source(campaign, campaigns_dir(ctx))}\n", 1)


def manual_path() -> Path:
    """The manual shipped with the program; ResourceMissingError (Chinese) when it is not there."""
    return resource_path(*MANUAL)


def open_manual(parent: QWidget, opener: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> bool:
    """Open the manual in the system's PDF reader; a message says where it is when none can show it."""
    try:
        path = manual_path()
    except ResourceMissingError as error:
        show_error(parent, error, "无法打开用户手册")
        return False
    if opener(QUrl.fromLocalFile(str(path))):
        return True
    show_error(parent, f"没有找到可以打开 PDF 文件的程序。用户手册在：\n{path}\n请安装 PDF 阅读器，"
                       "或把这个文件复制到能打开 PDF 的电脑上阅读。", "无法打开用户手册")
    return False


def add_manual_action(menu: QMenu, parent: QWidget) -> QAction:
    action = menu.addAction("用户手册(&M)", lambda: open_manual(parent))
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    return action


class AboutDialog(QDialog):
    """The about facts as selectable text, so that they can be copied into a support request."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("关于携手填报")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(full_about_text(ctx))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        note = QLabel("以上内容可以选中复制，联系技术支持时请一并提供。", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 560)


def shortcuts_text() -> str:
    rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for keys, what in SHORTCUTS)
    return f"<table>{rows}</table>"


def show_about(window, ctx) -> AboutDialog:
    dialog = AboutDialog(ctx, window)
    dialog.open()
    return dialog


def show_shortcuts(window) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "键盘快捷键", shortcuts_text(), QMessageBox.StandardButton.Ok, window)
    box.open()
    return box


def add_help_menu(window: QMainWindow, ctx, open_sample: Callable[[], object] | None = None) -> QMenu:
    menu = window.menuBar().addMenu("帮助(&H)")
    add_manual_action(menu, window)
    if open_sample is not None:
        menu.addAction("打开样例草稿（练习用）(&S)", open_sample)
    menu.addAction("键盘快捷键(&K)", lambda: show_shortcuts(window))
    menu.addSeparator()
    menu.addAction("关于携手填报(&A)", lambda: show_about(window, ctx))
    return menu
