"""The side editor of a grid: a long text of the current row, edited in full under the table (docs/workflow.md “表格”)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.engine.model import Field

from .editor_base import Counter

SIDE_LINES = 5


class SideEditor(QWidget):
    edited = Signal(str)   # the full text, on every committed change

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.counter = Counter(1, self)
        self.box = QPlainTextEdit(self)
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * SIDE_LINES + 14)
        self.box.textChanged.connect(self._changed)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.label, 1)
        head.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.box)

    def show_text(self, where: str, column: Field, text: str) -> None:
        """Show ``text`` of ``column`` (``where`` names the row) without reporting it as an edit."""
        self.label.setText(f"{where} · {column.label}（在此编辑全文）")
        self.counter.limit = column.max_len or 0
        self.counter.setVisible(bool(column.max_len))
        if text != self.box.toPlainText():
            self.box.blockSignals(True)
            self.box.setPlainText(text)
            self.box.blockSignals(False)
        self.counter.show_count(text)

    def _changed(self) -> None:
        text = self.box.toPlainText()
        self.counter.show_count(text)
        self.edited.emit(text)

    def setPlainText(self, text: str) -> None:  # noqa: N802 (as QPlainTextEdit: typing in full)
        self.box.setPlainText(text)

    def toPlainText(self) -> str:  # noqa: N802
        return self.box.toPlainText()
