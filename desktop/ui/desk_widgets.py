"""Small pieces the desk's windows share: a filter box, a plain table model, the open-folder offer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from .disc_widgets import open_path

ANY = "（全部）"


def filter_combo(parent: QWidget, name: str, values) -> QComboBox:
    """``name：（全部）`` then the values; index 0 means no filter."""
    box = QComboBox(parent)
    box.setAccessibleName(name)
    # long choices (组织渠道, 产业链) must not make the window wider than an office laptop's screen
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(7)
    box.addItems([f"{name}：{ANY}", *values])
    return box


def chosen(box: QComboBox) -> str:
    return box.currentText() if box.currentIndex() > 0 else ""


def refill(box: QComboBox, values) -> None:
    """New choices, keeping the one chosen when it is still there, without firing a change."""
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems([box.accessibleName() + "：" + ANY, *sorted(values)])
    box.setCurrentIndex(max(box.findText(current), 0))
    box.blockSignals(False)


def selected_of(table, rows: Sequence) -> list:
    """The ``rows`` (as the table's model lists them) whose lines are selected, top to bottom."""
    return [rows[i] for i in sorted({index.row() for index in table.selectionModel().selectedRows()})]


class RowsModel(QAbstractTableModel):
    """Read-only rows shown through ``cells(row) → texts``, with optional per-cell colour and tooltip."""

    def __init__(self, columns: Sequence[str], cells: Callable[[Any], Sequence[str]], parent=None,
                 style: Callable[[Any, int], tuple[Any, Any, str]] | None = None):
        super().__init__(parent)
        self.columns, self._cells, self._style = tuple(columns), cells, style
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[index.column()]
        if self._style is None or role not in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
                                              Qt.ItemDataRole.ToolTipRole):
            return None
        foreground, background, tip = self._style(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        return foreground if role == Qt.ItemDataRole.ForegroundRole else background


def offer_folder(parent: QWidget, title: str, text: str, folder: Path) -> bool:
    """Say what was written and offer to open the folder; True when the officer asked to open it."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    opening = box.addButton("打开文件夹", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is opening:
        open_path(folder)
        return True
    return False


NO_LIMIT = "不限"
_FLOOR = QDate(2000, 1, 1)      # shown as 不限


class _TodayPage(QObject):
    """A calendar opened on a date edit that says 不限 shows this month, not January 2000."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and watched.selectedDate() == _FLOOR:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False


class DateRange(QWidget):
    """从 [date] 至 [date], each 不限 until chosen; ``days()`` gives the dates (None = no limit)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(QLabel(f"{name}：", self))
        self._today_page = _TodayPage(self)
        self.start, self.end = (self._edit(f"{name}从"), self._edit(f"{name}至"))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("至", self))
        layout.addWidget(self.end)
        clear = QToolButton(self)
        clear.setText(NO_LIMIT)
        clear.setToolTip(f"{name}不限")
        clear.clicked.connect(self.clear)
        layout.addWidget(clear)

    def _edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setDisplayFormat("yyyy年M月d日")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_FLOOR)
        edit.setSpecialValueText(NO_LIMIT)
        edit.setDate(_FLOOR)
        edit.calendarWidget().installEventFilter(self._today_page)
        edit.dateChanged.connect(lambda _d: self.changed.emit())
        return edit

    def set_days(self, start: dt.date | None, end: dt.date | None) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else _FLOOR)

    def clear(self) -> None:
        self.set_days(None, None)

    def days(self) -> tuple[dt.date | None, dt.date | None]:
        return tuple(None if e.date() == _FLOOR else e.date().toPython() for e in (self.start, self.end))
