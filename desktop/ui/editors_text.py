"""Editors for typed values: one-line texts, numbers, codes and multi-line texts.

Keystrokes are never rejected (no QValidator): a clerk pasting "1,234.5万"
sees the message under the field instead of a field that silently refuses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.engine.model import Field

from .editor_base import Counter, FieldEditor, row_with

PLACEHOLDERS = {
    "int": "整数，如 120",
    "money": "单位万元，如 1234.56",
    "uscc": "18 位，如 91350100M000100Y43",
    "mobile": "11 位手机号码",
    "phone": "如 010-12345678 或手机号码",
    "email": "如 name@example.com",
    "postcode": "6 位数字",
}

# Memo boxes: three lines for short texts, five for long ones (a page must stay scannable at 1366×768).
MEMO_SHORT_LIMIT = 300
MEMO_LINES_SHORT = 3
MEMO_LINES_LONG = 5


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


class LineEditor(FieldEditor):
    """text, int, money, uscc, mobile, phone, email, postcode."""

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.line = QLineEdit(parent)
        self.line.setPlaceholderText(PLACEHOLDERS.get(field.kind, ""))
        self.line.setClearButtonEnabled(False)
        self.focus_target = self.line
        self.counter = Counter(field.max_len, parent) if field.max_len else None
        if field.kind == "uscc":
            # Shown in capitals as printed on the licence; stored as typed (the engine normalises).
            font = QFont(self.line.font())
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            self.line.setFont(font)
        self.widget = row_with(parent, self.line, self.counter) if self.counter else self.line
        # textChanged does not fire during IME pre-edit: only committed text arrives here.
        self.line.textChanged.connect(self._on_text)

    def _on_text(self, text: str) -> None:
        if self.counter is not None:
            self.counter.show_count(text)
        self.changed.emit()

    def raw(self) -> str:
        return self.line.text()

    def set_raw(self, value: Any) -> None:
        text = _as_text(value)
        if text != self.line.text():
            self.line.blockSignals(True)
            self.line.setText(text)
            self.line.setCursorPosition(0)
            self.line.blockSignals(False)
        if self.counter is not None:
            self.counter.show_count(text)


class MemoEditor(FieldEditor):
    """Multi-line text with its counter under the box; the text is never altered while typing."""

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.box = QPlainTextEdit(parent)
        self.box.setTabChangesFocus(True)  # Tab moves on, in reading order
        lines = MEMO_LINES_SHORT if (field.max_len or 0) <= MEMO_SHORT_LIMIT else MEMO_LINES_LONG
        self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * lines + 14)
        self.focus_target = self.box
        self.counter = Counter(field.max_len, parent) if field.max_len else None
        self.widget = QWidget(parent)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        if self.counter is not None:
            layout.addWidget(row_with(parent, QWidget(parent), self.counter))
        self.box.textChanged.connect(self._on_text)

    def _on_text(self) -> None:
        if self.counter is not None:
            self.counter.show_count(self.box.toPlainText())
        self.changed.emit()

    def raw(self) -> str:
        return self.box.toPlainText()

    def set_raw(self, value: Any) -> None:
        text = _as_text(value)
        if text != self.box.toPlainText():
            self.box.blockSignals(True)
            self.box.setPlainText(text)
            self.box.blockSignals(False)
        if self.counter is not None:
            self.counter.show_count(text)
