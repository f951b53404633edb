"""Shared steps of the GUI tests: open a draft as the start window does, type like a clerk."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.page import FormPage
from desktop.ui.start_window import StartWindow


def open_wizard(ctx, qtbot, draft_id):
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    return start, start.open_draft(draft_id)


def type_chinese(widget, text: str) -> None:
    """Chinese arrives as an input-method commit, as from a real 拼音 IME (QTest types ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def editor(page: FormPage, path: str):
    return page.rows[path][1].editor.focus_target


def message(page: FormPage, path: str) -> str:
    row = page.rows[path][1]
    return row.message.text() if not row.message.isHidden() else ""


def activate(qtbot, window) -> None:
    """Keyboard focus and shortcuts need the active window."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
