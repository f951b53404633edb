"""One field on a page: right-aligned label (``*`` when required), editor, help and message."""

from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.engine.model import ERROR, Field, Problem

from .editor_base import DONE_COLOUR, ERROR_COLOUR, WARNING_COLOUR, FieldEditor
from .widgets import editor_for

__all__ = ["DONE_COLOUR", "ERROR_COLOUR", "WARNING_COLOUR", "FieldRow", "problem_text"]
LABEL_WIDTH = 210


def problem_text(problems: list[Problem]) -> str:
    return "\n".join(("✖ " if p.level == ERROR else "⚠ ") + p.message for p in problems)


# Marks that must not begin a line (closing brackets, Chinese punctuation): kept with the character before.
NO_LINE_START = set("）)」』”’】》〉、。，：；！？")
NO_LINE_END = set("（(「『“‘【《〈")  # opening marks: kept with the character after


def label_html(label: str, required: bool) -> str:
    """The label as rich text that wraps well: never a lone "*" or "）" at the start of a line."""
    chars = list(label)
    groups: list[str] = []
    for char in chars:
        if groups and (char in NO_LINE_START or groups[-1][-1] in NO_LINE_END):
            groups[-1] += char
        else:
            groups.append(char)
    star = f"&nbsp;<span style='color:{ERROR_COLOUR}'>*</span>" if required else ""
    html = [escape(g) if len(g) == 1 else f"<span style='white-space:nowrap'>{escape(g)}</span>" for g in groups]
    if groups:
        html[-1] = f"<span style='white-space:nowrap'>{escape(groups[-1])}{star}</span>"
    return "".join(html)


class _LeftField(QObject):
    """Calls ``then`` when the watched widget loses the focus (the user has been in the field)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut:
            self.then()
        return False


class FieldRow:
    def __init__(self, field: Field, path: str, parent: QWidget, ctx=None):
        self.field = field
        self.path = path
        self.editor: FieldEditor = editor_for(field, parent)
        if ctx is not None:
            self.editor.use_context(ctx)
        self.label = QLabel(label_html(field.label, field.required), parent)
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
        # The message line is always there (one line high when empty), so that a message coming or
        # going never moves the fields below while the user is about to click one.
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.setText("✖ ⚠ 请填写")  # measured with the marks, whose fallback font may stand taller
        self.message.setMinimumHeight(self.message.sizeHint().height())
        self.message.clear()
        layout.addWidget(self.message)

    def on_left(self, then: Callable[[], None]) -> None:
        """Call ``then`` whenever the focus leaves the field's editor."""
        self._left = _LeftField(self.editor.focus_target, then)

    def show_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self.message.clear()
            return
        colour = ERROR_COLOUR if any(p.level == ERROR for p in problems) else WARNING_COLOUR
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(problem_text(problems))
