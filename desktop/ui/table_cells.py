"""How a table cell shows and takes a raw value: text in and out, pick lists, money with separators.

Which kind gets which delegate and width is said once, in widgets.py."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QTableWidgetItem, QWidget

from desktop.engine.kinds import kind_of
from desktop.engine.model import Field

TEXT_IN_CELL = 40      # characters of a long text shown in its cell; the side editor shows all
PLEASE_CHOOSE = "请选择"


def typed_in_cell(field: Field) -> bool:
    """Typed into the cell itself: not computed, not a file (a dialog), not a long text (the side editor)."""
    kind = kind_of(field)
    return kind.typed and not kind.multiline


def read_only_item(text: str, number: bool = False) -> QTableWidgetItem:
    """A cell shown, not typed in: a long text also as its tooltip (the column may be narrower), a number right."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if len(text) > 16:
        item.setToolTip(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def file_text(value: Any) -> str:
    """``营业执照.pdf · PDF · 3 页`` (or the size when the page count is unknown)."""
    if not isinstance(value, dict):
        return ""
    size = int(value.get("size") or 0)
    pages = value.get("pages")
    extent = f"{pages} 页" if pages else (f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB")
    kind = str(value.get("kind") or "").upper()
    return " · ".join(part for part in (str(value.get("name") or ""), kind, extent) if part)


def cell_text(field: Field, value: Any) -> str:
    """The text a cell holds: the raw value as typed (money is formatted by its delegate, not here)."""
    if value is None:
        return ""
    if kind_of(field).attachment:
        return file_text(value)
    if field.kind == "bool":
        return {True: "是", False: "否"}.get(value, str(value))
    if isinstance(value, list):
        return "、".join(map(str, value))
    if kind_of(field).computed:
        return field.render(value) if field.render else str(value)
    text = str(value)
    if kind_of(field).multiline:
        text = " ".join(text.split())
        return text if len(text) <= TEXT_IN_CELL else text[:TEXT_IN_CELL] + "…"
    return text


def raw_of(field: Field, text: str) -> Any:
    """The raw value of a typed or pasted cell (the engine converts and checks it like any other)."""
    text = text.strip()
    if field.kind == "bool":
        return {"是": True, "否": False}.get(text, text or None)
    if field.kind == "multi":
        return [part.strip() for part in text.replace("，", "、").replace(",", "、").split("、") if part.strip()]
    return text


class ChoiceDelegate(QStyledItemDelegate):
    """A pick list in the cell; "请选择" empties it."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget):
        super().__init__(parent)
        self.choices = ("",) + tuple(choices)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802 (Qt API)
        combo = QComboBox(parent)
        combo.addItems([PLEASE_CHOOSE, *self.choices[1:]])
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        text = index.data() or ""
        editor.setCurrentIndex(self.choices.index(text) if text in self.choices else 0)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, self.choices[editor.currentIndex()])


class ShownDelegate(QStyledItemDelegate):
    """Shows a value the way documents print it (12,345.60; 2023年4月20日) while the cell keeps it as typed;
    a value that does not parse is shown as is (its problem is marked on the cell)."""

    def __init__(self, show: Callable[[str], str], parent: QWidget):
        super().__init__(parent)
        self.show = show

    def displayText(self, value: Any, locale) -> str:  # noqa: N802 (Qt API)
        text = "" if value is None else str(value)
        try:
            return self.show(text) if text.strip() else ""
        except ValueError:
            return text


def alignment_for(field: Field) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if kind_of(field).number else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
