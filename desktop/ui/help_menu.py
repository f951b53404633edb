"""帮助: the user's manual (a PDF shipped in resources/manual/), the sample draft to learn on, and 关于.

``add_manual_action`` and ``about_text`` (desktop.about) are the pieces another 帮助 menu can reuse;
``add_help_menu`` puts all three into a window's menu bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMainWindow, QMenu, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from desktop.about import about_text
from desktop.resources import ResourceMissingError, resource_path

from .messages import show_error

MANUAL = ("manual", "携手填报用户手册.pdf")


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
        self.text.setPlainText(about_text(ctx.data_dir))
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


def add_help_menu(window: QMainWindow, ctx, open_sample: Callable[[], object] | None = None) -> QMenu:
    menu = window.menuBar().addMenu("帮助(&H)")
    add_manual_action(menu, window)
    if open_sample is not None:
        menu.addAction("打开样例草稿（练习用）(&S)", open_sample)
    menu.addSeparator()
    menu.addAction("关于携手填报(&A)", lambda: AboutDialog(ctx, window).exec())
    return menu
