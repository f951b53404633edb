"""One field on a page: right-aligned label (``*`` when required), editor, help and message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.engine.model import ERROR, Field, Problem

from .editor_base import DONE_COLOUR, ERROR_COLOUR, WARNING_COLOUR, FieldEditor
from .widgets import editor_for

__all__ = ["DONE_COLOUR", "ERROR_COLOUR", "WARNING_COLOUR", "FieldRow", "problem_text"]
LABEL_WIDTH = 210


def problem_text(problems: list[Problem]) -> str:
    return "\n".join(("✖ " if p.level == ERROR else "⚠ ") + p.message for p in problems)


class FieldRow:
    def __init__(self, field: Field, path: str, parent: QWidget, ctx=None):
        self.field = field
        self.path = path
        self.editor: FieldEditor = editor_for(field, parent)
        if ctx is not None:
            self.editor.use_context(ctx)
        star = " <span style='color:%s'>*</span>" % ERROR_COLOUR if field.required else ""
        self.label = QLabel(f"{field.label}{star}", parent)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setFixedWidth(LABEL_WIDTH)
        self.label.setBuddy(self.editor.focus_target)
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor.widget)
        if field.help:
            help_label = QLabel(field.help, parent)
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #616161;")
            layout.addWidget(help_label)
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.hide()
        layout.addWidget(self.message)

    def show_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self.message.hide()
            self.message.clear()
            return
        colour = ERROR_COLOUR if any(p.level == ERROR for p in problems) else WARNING_COLOUR
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(problem_text(problems))
        self.message.show()
