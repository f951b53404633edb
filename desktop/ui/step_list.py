"""The wizard's left column: every step with its state, any step openable at any time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from .field_row import WARNING_COLOUR
from .steps import CURRENT, NOT_YET, PROBLEMS, ROW, Step

KEY_ROLE = Qt.ItemDataRole.UserRole


def step_text(step: Step, symbol: str, count: int, current: bool) -> str:
    """``⚠ 企业基本信息（4）``: the count follows the name in brackets, so it never reads as a section number."""
    mark = CURRENT if current else symbol
    counted = f"（{count}）" if mark == PROBLEMS else ""
    if step.kind == ROW:
        return f"{step.title} {mark}{counted}".rstrip()
    return f"{mark} {step.title}{counted}" if mark else f"   {step.title}"


class StepList(QTreeWidget):
    step_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(18)
        self.setUniformRowHeights(True)
        self._keys: list[str] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._chosen)

    def show_steps(self, steps: list[Step], states: dict[str, tuple[str, int]], current: str) -> None:
        keys = [s.key for s in steps]
        self.blockSignals(True)
        if keys != self._keys:
            self._rebuild(steps)
        for step in steps:
            symbol, count = states.get(step.key, ("", 0))
            item = self._items[step.key]
            item.setText(0, step_text(step, symbol, count, step.key == current))
            colour = WARNING_COLOUR if symbol == PROBLEMS and step.key != current else None
            item.setForeground(0, QBrush(QColor(colour)) if colour else QBrush())
            item.setToolTip(0, f"{count} 处需要修改" if symbol == PROBLEMS else
                            ("尚未填写" if symbol == NOT_YET else ""))
        if current in self._items:
            self.setCurrentItem(self._items[current])
        self.blockSignals(False)

    def _rebuild(self, steps: list[Step]) -> None:
        self.clear()
        self._items = {}
        for step in steps:
            parent = self._items.get(step.parent) if step.parent else None
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
            item.setData(0, KEY_ROLE, step.key)
            self._items[step.key] = item
        self.expandAll()
        self._keys = [s.key for s in steps]

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.step_chosen.emit(item.data(0, KEY_ROLE))

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return self._items.get(key)
