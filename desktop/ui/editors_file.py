"""The editor of one attached file (a ``file`` field outside a table).

The file is copied into the attachment store when chosen or dropped; the
draft keeps ``{"name", "sha256", "size", "kind", "pages"}`` and never the
original path, which may be a USB stick gone tomorrow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.engine.model import Field

from .attachments_add import FileAdder, FileDropStrip, accept_hint, problems_text
from .attachments_files import AddOutcome
from .editor_base import ERROR_COLOUR, FieldEditor
from .table_cells import file_text

NO_FILE = "未添加文件"


class FileEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.value: dict | None = None
        self.adder: FileAdder | None = None
        self.widget = FileDropStrip(parent, self._dropped)
        self.button = QPushButton("选择文件…", self.widget)
        self.clear = QPushButton("移除", self.widget)
        self.label = QLabel(NO_FILE, self.widget)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel(self.widget)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        self.hint = QLabel(accept_hint(field), self.widget)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #616161;")
        strip = QHBoxLayout()
        strip.setContentsMargins(0, 0, 0, 0)
        strip.addWidget(self.button)
        strip.addWidget(self.clear)
        strip.addWidget(self.label, 1)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(strip)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        self.focus_target = self.button
        self.button.setEnabled(False)  # until the page hands over the attachment store
        self.button.clicked.connect(self._choose)
        self.clear.clicked.connect(lambda: self._set(None))
        self._show()

    def use_context(self, ctx: Any) -> None:
        self.adder = FileAdder(ctx, self.field, self.widget)
        self.button.setEnabled(True)

    def _choose(self) -> None:
        if self.adder is not None:
            self.add(self.adder.choose(many=False))

    def _dropped(self, paths: list[Path]) -> None:
        self.add(paths)

    def add(self, paths: list[Path]) -> None:
        """Copy the first of ``paths`` in (one field holds one file); the outcome shows when it is done."""
        if not paths or self.adder is None or self.adder.busy:
            return
        self.label.setText(f"正在添加“{paths[0].name}”…")
        self.button.setEnabled(False)
        self.adder.add(paths[:1], self._added)

    def _added(self, outcomes: list[AddOutcome]) -> None:
        self.button.setEnabled(True)
        outcome = outcomes[0]
        if outcome.value is None:
            self._show()
            self.problem.setText(problems_text(outcomes))
            self.problem.show()
            return
        self._set(outcome.value)

    def _set(self, value: dict | None) -> None:
        self.value = value
        self.problem.hide()
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.clear.setEnabled(self.value is not None)
        self.label.setText(file_text(self.value) if self.value else NO_FILE)

    def raw(self) -> dict | None:
        return self.value

    def set_raw(self, value: Any) -> None:
        self.value = value if isinstance(value, dict) else None
        self._show()
