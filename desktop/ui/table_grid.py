"""A table edited as a grid: add, remove, move, paste from Excel; long texts in a side editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QStyledItemDelegate, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desktop.engine.model import Field, Table

from .datapath import Scope, field_path, scope_path, value_at
from .field_row import ERROR_COLOUR, problem_text
from .steps import row_label

TEXT_IN_CELL = 40  # characters of a long text shown in its cell


def _cell_text(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == "bool":
        return {True: "是", False: "否"}.get(value, str(value))
    if isinstance(value, list):
        return "、".join(map(str, value))
    if field.kind == "calc":
        return field.render(value) if field.render else str(value)
    text = str(value)
    return text if len(text) <= TEXT_IN_CELL else text[:TEXT_IN_CELL] + "…"


def _raw_of(field: Field, text: str) -> Any:
    text = text.strip()
    if field.kind == "bool":
        return {"是": True, "否": False}.get(text, text or None)
    if field.kind == "multi":
        return [part for part in text.replace("，", "、").replace(",", "、").split("、") if part.strip()]
    return text


class _ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, choices: tuple[str, ...], parent: QWidget):
        super().__init__(parent)
        self.choices = ("",) + choices

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802 (Qt API)
        combo = QComboBox(parent)
        combo.addItems(["请选择", *self.choices[1:]])
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        text = index.data() or ""
        editor.setCurrentIndex(self.choices.index(text) if text in self.choices else 0)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, self.choices[editor.currentIndex()])


class TableGrid(QWidget):
    def __init__(self, session, scope: Scope, table: Table, parent: QWidget):
        super().__init__(parent)
        self.session, self.scope, self.table = session, scope, table
        self.path = field_path(scope, table.id)
        self.columns = table.columns
        self.grid = QTableWidget(0, len(self.columns), self)
        self.grid.setHorizontalHeaderLabels([c.label + (" *" if c.required else "") for c in self.columns])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setMinimumHeight(180)
        for number, column in enumerate(self.columns):
            if column.kind in ("choice", "bool"):
                choices = ("是", "否") if column.kind == "bool" else column.choices
                self.grid.setItemDelegateForColumn(number, _ChoiceDelegate(choices, self.grid))
        self.grid.itemChanged.connect(self._cell_changed)
        self.grid.currentCellChanged.connect(lambda row, col, *_: self._bind_side(row, col))
        QShortcut(QKeySequence.StandardKey.Paste, self.grid, self.paste)
        self.side_label = QLabel(self)
        self.side = QPlainTextEdit(self)
        self.side.setTabChangesFocus(True)
        self.side.setMaximumHeight(120)
        self.side.textChanged.connect(self._side_changed)
        self._side_cell: tuple[int, int] | None = None
        self.buttons = self._buttons()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.side_label)
        layout.addWidget(self.side)
        layout.addWidget(self.message)
        self._bind_side(-1, -1)

    def _buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        actions = [("paste", "从 Excel 粘贴", self.paste)]
        if not self.table.fixed_rows:
            actions = [("add", "添加一行", self._add), ("remove", "删除所选行", self._remove),
                       ("up", "上移", lambda: self._move(-1)), ("down", "下移", lambda: self._move(1))] + actions
        for name, text, slot in actions:
            buttons[name] = QPushButton(text, self)
            buttons[name].clicked.connect(slot)
        return buttons

    def rows(self) -> list:
        rows = self.session.rows(self.scope, self.table)
        while len(rows) < len(self.table.fixed_rows):
            rows.append({})
        return rows

    def load(self) -> None:
        if self.grid.state() == QAbstractItemView.State.EditingState:
            return  # a cell is open for typing; the next pass after it closes shows the state
        rows, index = self.rows(), self.session.index
        cleaned_rows = value_at(self.session.cleaned.data, self.scope + (self.table.id,)) or []
        self.grid.blockSignals(True)
        self.grid.setRowCount(len(rows))
        labels = self.table.fixed_rows or [row_label(self.table, n, r) for n, r in enumerate(rows)]
        self.grid.setVerticalHeaderLabels(list(labels))
        for r, row in enumerate(rows):
            for c, column in enumerate(self.columns):
                value = (cleaned_rows[r].get(column.id) if r < len(cleaned_rows) else None) \
                    if column.kind == "calc" else row.get(column.id)
                self._put(r, c, column, value, index.at(scope_path(self.scope + (self.table.id, r, column.id))))
        self.grid.blockSignals(False)
        problems = [p for p in index.outstanding if p.path.startswith(self.path)]
        self.message.setText(problem_text(problems))
        self.message.setVisible(bool(problems))
        self._bind_side(self.grid.currentRow(), self.grid.currentColumn())

    def _put(self, r: int, c: int, column: Field, value: Any, problems: list) -> None:
        item = QTableWidgetItem(_cell_text(column, value))
        if column.kind == "calc" or column.kind == "memo" or column.kind == "file":
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if problems:
            item.setForeground(Qt.GlobalColor.red if problems[0].level == "error" else Qt.GlobalColor.darkYellow)
            item.setToolTip(problem_text(problems))
        self.grid.setItem(r, c, item)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        column = self.columns[item.column()]
        self.session.set_value(self.scope + (self.table.id, item.row()), column.id, _raw_of(column, item.text()))

    def _bind_side(self, row: int, col: int) -> None:
        column = self.columns[col] if 0 <= col < len(self.columns) else None
        active = column is not None and column.kind == "memo" and 0 <= row < len(self.rows())
        self.side.setVisible(active)
        self.side_label.setVisible(active)
        if not active:
            self._side_cell = None
            return
        self._side_cell = (row, col)
        self.side_label.setText(f"{row_label(self.table, row, self.rows()[row])} · {column.label}（在此编辑全文）")
        text = str(self.rows()[row].get(column.id) or "")
        if text != self.side.toPlainText():
            self.side.blockSignals(True)
            self.side.setPlainText(text)
            self.side.blockSignals(False)

    def _side_changed(self) -> None:
        if self._side_cell is None:
            return
        row, col = self._side_cell
        self.session.set_value(self.scope + (self.table.id, row), self.columns[col].id, self.side.toPlainText())

    def paste(self) -> None:
        """Tab-separated lines, as Excel and WPS copy them, from the current cell on."""
        text = QGuiApplication.clipboard().text()
        lines = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n") if line]
        start_r, start_c = max(0, self.grid.currentRow()), max(0, self.grid.currentColumn())
        rows = self.rows()
        limit = len(self.table.fixed_rows) or self.table.max_rows
        for offset, cells in enumerate(lines):
            r = start_r + offset
            if r >= limit:
                break
            while r >= len(rows):
                rows.append({})
            for c_offset, cell in enumerate(cells):
                c = start_c + c_offset
                if c < len(self.columns) and self.columns[c].kind not in ("calc", "file"):
                    rows[r][self.columns[c].id] = _raw_of(self.columns[c], cell)
        self.session.rows_changed_by_grid(self.scope, self.table)

    def _add(self) -> None:
        if len(self.rows()) < self.table.max_rows:
            self.session.add_row(self.scope, self.table)

    def _remove(self) -> None:
        row = self.grid.currentRow()
        if 0 <= row < len(self.rows()):
            self.session.remove_row(self.scope, self.table, row)

    def _move(self, delta: int) -> None:
        row = self.grid.currentRow()
        if 0 <= row < len(self.rows()):
            target = self.session.move_row(self.scope, self.table, row, delta)
            self.grid.setCurrentCell(target, max(0, self.grid.currentColumn()))

    def focus(self, path: str | None = None) -> None:
        self.grid.setFocus()
        prefix = f"{self.path}["
        if path and path.startswith(prefix):
            row = int(path[len(prefix):].split("]")[0])
            column_id = path.rsplit(".", 1)[-1]
            col = next((n for n, c in enumerate(self.columns) if c.id == column_id), 0)
            self.grid.setCurrentCell(row, col)
