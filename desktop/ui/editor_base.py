"""What every field editor offers the page that holds it.

An editor wraps the Qt widgets of one field: ``widget`` is placed in the
form, ``focus_target`` receives the focus when the review page jumps to the
field, ``changed`` fires on every committed change (never during IME
pre-edit), and ``raw()``/``set_raw()`` speak the draft's raw values.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.engine.model import Field
from desktop.rules.formats import char_count

# The only colours beyond the palette: the three states (docs/workflow.md “界面风格”).
ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#a15c00"
DONE_COLOUR = "#2e7d32"


class FieldEditor(QObject):
    changed = Signal()

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(parent)
        self.field = field
        self.widget: QWidget = QWidget(parent)
        self.focus_target: QWidget = self.widget

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, value: Any) -> None:
        """Show a stored value without reporting it as a change."""
        raise NotImplementedError

    def set_computed(self, value: Any) -> None:
        """Calculated fields show the engine's value; others ignore it."""

    def use_context(self, ctx: Any) -> None:
        """Editors that need the program's services (the attachment store, the task runner) take them here."""


class Counter(QLabel):
    """``18/50`` beside a limited text; red once over the limit (docs/workflow.md: a counter on every limited text)."""

    def __init__(self, limit: int, parent: QWidget):
        super().__init__(parent)
        self.limit = limit
        # One fixed width, measured in bold with a digit more than the limit ("12345/1000"): a count
        # over the limit never widens the counter, so the box beside it keeps its size.
        bold = QFont(self.font())
        bold.setBold(True)
        self.setFixedWidth(QFontMetrics(bold).horizontalAdvance(f"{limit}0/{limit}") + 6)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.show_count("")

    def show_count(self, text: str) -> None:
        count = char_count(text)
        self.setText(f"{count}/{self.limit}")
        over = count > self.limit
        self.setProperty("state", "error" if over else "")
        self.setStyleSheet("color: #c62828; font-weight: bold;" if over else "color: #616161;")
        self.setToolTip(f"已超出 {count - self.limit} 个字" if over else f"最多 {self.limit} 个字")


def row_with(parent: QWidget, *widgets: QWidget, stretch_first: bool = True) -> QWidget:
    """A borderless horizontal strip (editor + counter, editor + button)."""
    strip = QWidget(parent)
    layout = QHBoxLayout(strip)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if (index == 0 and stretch_first) else 0)
    strip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return strip
