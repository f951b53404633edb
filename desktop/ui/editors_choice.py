"""Editors for picked values: a choice, several choices, yes/no."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QSizePolicy, QWidget

from desktop.engine.model import Field

from .editor_base import FieldEditor
from .flow_layout import FlowLayout

PLEASE_CHOOSE = "请选择"


class ComboBox(QComboBox):
    """A combo box that ignores the mouse wheel unless it has the focus (scrolling a page must not change values)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaxVisibleItems(20)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceEditor(FieldEditor):
    """One of a list; the first entry "请选择" means nothing chosen yet."""

    def __init__(self, field: Field, parent: QWidget, choices: tuple[str, ...] | None = None):
        super().__init__(field, parent)
        self.combo = ComboBox(parent)
        self.combo.addItem(PLEASE_CHOOSE, "")
        for choice in field.choices if choices is None else choices:
            self.combo.addItem(choice, choice)
        self.widget = self.focus_target = self.combo
        self.combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def raw(self) -> str:
        return self.combo.currentData() or ""

    def set_raw(self, value: Any) -> None:
        text = "" if value is None else str(value)
        index = self.combo.findData(text)
        if index < 0:
            # A value from an imported file that is not in the list: keep it visible, the message says why.
            self.combo.addItem(text, text)
            index = self.combo.count() - 1
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)


class BoolEditor(ChoiceEditor):
    """是 / 否, with nothing chosen at first."""

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent, choices=("是", "否"))

    def raw(self) -> bool | None:
        text = self.combo.currentData()
        return {"是": True, "否": False}.get(text)

    def set_raw(self, value: Any) -> None:
        super().set_raw({True: "是", False: "否"}.get(value, "" if value is None else str(value)))


class MultiEditor(FieldEditor):
    """Several of a list: check boxes that wrap as the window narrows."""

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.widget = QWidget(parent)
        layout = FlowLayout(self.widget)
        self.boxes: list[QCheckBox] = []
        for choice in field.choices:
            box = QCheckBox(choice, self.widget)
            box.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(box)
            self.boxes.append(box)
        self.focus_target = self.boxes[0] if self.boxes else self.widget

    def raw(self) -> list[str]:
        return [choice for box, choice in zip(self.boxes, self.field.choices) if box.isChecked()]

    def set_raw(self, value: Any) -> None:
        picked = set(value) if isinstance(value, (list, tuple)) else set()
        for box, choice in zip(self.boxes, self.field.choices):
            box.blockSignals(True)
            box.setChecked(choice in picked)
            box.blockSignals(False)
