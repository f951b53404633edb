"""Editors for dates and calculated values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from desktop.engine.model import Field
from desktop.rules.formats import parse_date

from .editor_base import FieldEditor, row_with


class DateEditor(FieldEditor):
    """Typed as 2023-04-27 (empty is allowed, unlike QDateEdit), or picked from a calendar."""

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.line = QLineEdit(parent)
        self.line.setPlaceholderText("如 2023-04-27")
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0000-00-00 年月日") + 40)
        self.button = QToolButton(parent)
        self.button.setText("日历…")
        self.button.setToolTip(f"从日历中选择{field.label}")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget(parent)
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_current)
        self.button.setMenu(menu)
        self.calendar.activated.connect(lambda day: self._pick(day, menu))
        self.calendar.clicked.connect(lambda day: self._pick(day, menu))
        self.widget = row_with(parent, self.line, self.button, QWidget(parent), stretch_first=False)
        self.widget.layout().setStretch(2, 1)
        self.focus_target = self.line
        self.line.textChanged.connect(lambda _text: self.changed.emit())

    def _show_current(self) -> None:
        try:
            day = parse_date(self.line.text())
        except ValueError:
            day = dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _pick(self, day: QDate, menu: QMenu) -> None:
        self.line.setText(f"{day.year():04d}-{day.month():02d}-{day.day():02d}")
        menu.close()
        self.line.setFocus()

    def raw(self) -> str:
        return self.line.text()

    def set_raw(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.line.text():
            self.line.blockSignals(True)
            self.line.setText(text)
            self.line.blockSignals(False)


class CalcEditor(FieldEditor):
    """A value the program works out (e.g. 企业规模 with its reason); read-only."""

    EMPTY = "（填写上面的数据后自动得出）"

    def __init__(self, field: Field, parent: QWidget):
        super().__init__(field, parent)
        self.label = QLabel(self.EMPTY, parent)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.widget = self.focus_target = self.label

    def raw(self) -> None:
        return None

    def set_raw(self, value: Any) -> None:
        """Calculated values are never stored."""

    def set_computed(self, value: Any) -> None:
        if value is None:
            self.label.setText(self.EMPTY)
            return
        text = self.field.render(value) if self.field.render else str(value)
        note = self.field.option("note")
        self.label.setText(f"{text}\n{note(value)}" if note and note(value) else text)
