"""A table edited as a grid: add, remove, move, paste from Excel, files, long texts in a side editor.

Every value goes into the draft's raw rows as typed, so the engine checks a
pasted cell exactly like a typed one; the cell shows its problem (colour and
tooltip) and the list under the grid says it again with the row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.engine.kinds import kind_of
from desktop.engine.model import ERROR, Field, Problem, Table

from .attachments_add import FileAdder, accept_hint
from .attachments_files import AddOutcome
from .attachments_rows import added_note, place_files
from .datapath import Scope, field_path, scope_path, split_path, value_at
from .field_row import ERROR_COLOUR, WARNING_COLOUR
from .problems import owns
from .steps import row_label
from .table_cells import alignment_for, cell_text, raw_of, typed_in_cell
from .table_paste import paste_rows
from .table_side import SideEditor
from .widgets import column_weight, delegate_for
from .table_view import GridView, show_notice
from .undo import table_step

LISTED_PROBLEMS = 8          # lines under the grid; every cell still has its own tooltip
ERROR_TINT, WARNING_TINT = "#fdecea", "#fff3e0"   # light backgrounds of the two problem states


class TableGrid(QWidget):
    def __init__(self, session, scope: Scope, table: Table, parent: QWidget):
        super().__init__(parent)
        self.session, self.scope, self.table = session, scope, table
        self.path = field_path(scope, table.id)
        self.columns = table.columns
        self.limit = len(table.fixed_rows) or table.max_rows
        file_cols = [n for n, c in enumerate(self.columns) if kind_of(c).attachment]
        self.file_col = file_cols[0] if file_cols else None
        self.accepts_files = self.file_col is not None
        self.adder = FileAdder(session.ctx, self.columns[self.file_col], self) if self.accepts_files else None
        self.grid = GridView(self, [column_weight(c) for c in self.columns], self)
        self.grid.setHorizontalHeaderLabels([c.label + (" *" if c.required else "") for c in self.columns])
        for number, column in enumerate(self.columns):
            delegate = delegate_for(column, self.grid)
            if delegate is not None:
                self.grid.setItemDelegateForColumn(number, delegate)
        self.grid.itemChanged.connect(self._cell_changed)
        self.grid.currentCellChanged.connect(lambda row, col, *_: self._current_changed(row, col))
        self.side = SideEditor(self)
        self.side.edited.connect(self._side_changed)
        self._side_cell: tuple[int, int] | None = None
        self.buttons = self._buttons()
        self.count = QLabel(self)
        self.count.setStyleSheet("color: #616161;")
        self.notice = self._label("")
        self.message = self._label(f"color: {ERROR_COLOUR};")
        self._lay_out()
        self._bind_side(-1, -1)

    # ------------------------------------------------------------ building
    def _label(self, style: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet(style)
        label.hide()
        return label

    def _buttons(self) -> dict[str, QPushButton]:
        actions = [("paste", "从 Excel 粘贴", "把在 Excel 或 WPS 表格中复制的单元格粘贴到当前位置（Ctrl+V）", self.paste)]
        if not self.table.fixed_rows:
            actions = [("add", "添加一行", "", self._add), ("remove", "删除所选行", "", self._remove),
                       ("up", "上移", "", lambda: self._move(-1)), ("down", "下移", "", lambda: self._move(1))] + actions
        if self.accepts_files:
            actions.append(("files", "添加文件…", accept_hint(self.columns[self.file_col]), self.choose_files))
        buttons = {}
        for name, text, tip, slot in actions:
            buttons[name] = QPushButton(text, self)
            buttons[name].setToolTip(tip)
            buttons[name].clicked.connect(slot)
        return buttons

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.grid)
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        if self.accepts_files:
            hint = QLabel(accept_hint(self.columns[self.file_col], "表格上（可一次拖入多个）") + "。", self)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #616161;")
            layout.addWidget(hint)
        layout.addWidget(self.side)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)

    # ------------------------------------------------------------ showing
    def rows(self) -> list:
        rows = self.session.rows(self.scope, self.table)
        while len(rows) < len(self.table.fixed_rows):
            rows.append({})
        return rows

    def row_name(self, row: int) -> str:
        if row < len(self.table.fixed_rows):
            return self.table.fixed_rows[row]
        rows = self.rows()
        return row_label(self.table, row, rows[row] if row < len(rows) else {})

    def load(self) -> None:
        if self.grid.state() == QAbstractItemView.State.EditingState:
            return  # a cell is open for typing; the next pass after it closes shows the state
        rows, index, attention = self.rows(), self.session.index, self.session.attention
        cleaned_rows = value_at(self.session.cleaned.data, self.scope + (self.table.id,)) or []
        self.grid.blockSignals(True)
        self.grid.setRowCount(len(rows))
        self.grid.setVerticalHeaderLabels([self.row_name(n) for n in range(len(rows))])
        for r, row in enumerate(rows):
            for c, column in enumerate(self.columns):
                value = (cleaned_rows[r].get(column.id) if r < len(cleaned_rows) else None) \
                    if kind_of(column).computed else row.get(column.id)
                problems = attention.filter(index.at(scope_path(self.scope + (self.table.id, r, column.id))))
                self._put(r, c, column, value, problems)
        self.grid.blockSignals(False)
        self.grid.fit_height()
        self._show_problems(attention.filter(p for p in index.outstanding if owns(self.path, p.path)))
        self.count.setText(f"共 {len(rows)} 行" + ("" if self.table.fixed_rows else f"，最多 {self.limit} 行"))
        self._enable()
        self._bind_side(self.grid.currentRow(), self.grid.currentColumn())

    def _put(self, r: int, c: int, column: Field, value: Any, problems: list[Problem]) -> None:
        item = QTableWidgetItem(cell_text(column, value))
        item.setTextAlignment(alignment_for(column))
        if not typed_in_cell(column):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if kind_of(column).multiline and value:
            item.setToolTip(str(value))
        if problems:
            error = problems[0].level == ERROR
            item.setBackground(QBrush(QColor(ERROR_TINT if error else WARNING_TINT)))
            item.setForeground(QBrush(QColor(ERROR_COLOUR if error else WARNING_COLOUR)))
            item.setToolTip("\n".join(("✖ " if p.level == ERROR else "⚠ ") + p.message for p in problems))
        self.grid.setItem(r, c, item)

    def _show_problems(self, problems: list[Problem]) -> None:
        lines = []
        for problem in problems[:LISTED_PROBLEMS]:
            where = self._where(problem.path)
            lines.append(("✖ " if problem.level == ERROR else "⚠ ") + (f"{where}：" if where else "") + problem.message)
        if len(problems) > LISTED_PROBLEMS:
            lines.append(f"……另有 {len(problems) - LISTED_PROBLEMS} 处，鼠标停在标色的单元格上可看到说明")
        colour = ERROR_COLOUR if any(p.level == ERROR for p in problems) else WARNING_COLOUR
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    def _where(self, path: str) -> str:
        keys = split_path(path)[len(split_path(self.path)):]
        return self.row_name(keys[0]) if keys and isinstance(keys[0], int) else ""

    def show_notice(self, text: str, problem: bool = False) -> None:
        """What the last paste or file add did (beside the table: never a dialog for a field problem)."""
        show_notice(self.notice, text, problem)

    def _enable(self) -> None:
        count, row = len(self.rows()), self.grid.currentRow()
        chosen = 0 <= row < count
        for name, on in (("add", count < self.limit), ("remove", chosen and count > self.table.min_rows),
                         ("up", chosen and row > 0), ("down", chosen and row < count - 1)):
            if name in self.buttons:
                self.buttons[name].setEnabled(on)

    # ------------------------------------------------------------ editing
    def _step(self, what: str, cell: tuple[int, str] | None = None):
        """One step of 编辑 → 撤销/重做 (undo.py), named as the menu shows it."""
        return table_step(self.session, self.scope, self.table, f"{self.table.label}：{what}", cell)

    def _set_cells(self, cells: dict[tuple[int, str], Any]) -> None:
        with self._step("清空单元格"):
            rows = self.rows()
            for (row, column_id), value in cells.items():
                rows[row][column_id] = value
            self.session.rows_changed_by_grid(self.scope, self.table)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        column = self.columns[item.column()]
        if typed_in_cell(column):
            # the row's "please fill in" cells show from now on (validation follows the change)
            self.session.attention.visit(scope_path(self.scope + (self.table.id, item.row())))
            with self._step(f"修改“{column.label}”", (item.row(), column.id)):
                self.session.set_value(self.scope + (self.table.id, item.row()), column.id, raw_of(column, item.text()))

    def _current_changed(self, row: int, col: int) -> None:
        self._enable()
        self._bind_side(row, col)

    def activate_cell(self, row: int, col: int) -> None:
        """Enter or a double click: type in the cell, or open what edits it."""
        if not (0 <= row < self.grid.rowCount() and 0 <= col < len(self.columns)):
            return
        kind = kind_of(self.columns[col])
        if kind.multiline:
            self._bind_side(row, col)
            self.side.box.setFocus(Qt.FocusReason.OtherFocusReason)
        elif kind.attachment:
            self.choose_files(row)
        elif kind.typed:
            self.grid.editItem(self.grid.item(row, col))

    def clear_cells(self) -> None:
        """Delete: empty the selected cells (the engine says which required ones now miss a value)."""
        cells = {(i.row(), self.columns[i.column()].id): kind_of(self.columns[i.column()]).empty()
                 for i in self.grid.selectedIndexes() if not kind_of(self.columns[i.column()]).computed}
        if cells:
            self._set_cells(cells)

    def copy(self) -> None:
        self.grid.copy_selected(lambda r, c: self.grid.item(r, c).text() if self.grid.item(r, c) else "")

    def paste(self) -> None:
        """Tab-separated rows, as Excel and WPS copy them, from the current cell on; rows are added as needed."""
        cells = self.grid.clipboard_block(self.show_notice)
        if not cells:
            return
        start_row, start_col = max(0, self.grid.currentRow()), max(0, self.grid.currentColumn())
        with self._step("粘贴"):
            result = paste_rows(self.rows(), self.columns, cells, start_row, start_col, self.limit, raw_of)
            self.session.rows_changed_by_grid(self.scope, self.table)
        self.show_notice(result.note(self.limit), problem=bool(result.rows_dropped or result.cells_dropped))

    def _add(self) -> None:
        if len(self.rows()) < self.limit:
            with self._step("添加一行"):
                at = self.session.add_row(self.scope, self.table)
            self.grid.setCurrentCell(at, 0)
            self.grid.setFocus()

    def _remove(self) -> None:
        picked = sorted({i.row() for i in self.grid.selectedIndexes()} or {self.grid.currentRow()}, reverse=True)
        if picked[-1] < 0:
            return
        with self._step("删除行"):
            for row in picked:
                if 0 <= row < len(self.rows()) and len(self.rows()) > self.table.min_rows:
                    self.session.remove_row(self.scope, self.table, row)
        self.grid.setCurrentCell(min(picked[-1], len(self.rows()) - 1), max(0, self.grid.currentColumn()))

    def _move(self, delta: int) -> None:
        row = self.grid.currentRow()
        if 0 <= row < len(self.rows()):
            with self._step("上移一行" if delta < 0 else "下移一行"):
                target = self.session.move_row(self.scope, self.table, row, delta)
            self.grid.setCurrentCell(target, max(0, self.grid.currentColumn()))

    # ------------------------------------------------------------ side editor
    def _bind_side(self, row: int, col: int) -> None:
        column = self.columns[col] if 0 <= col < len(self.columns) else None
        active = column is not None and kind_of(column).multiline and 0 <= row < len(self.rows())
        self.side.setVisible(active)
        self._side_cell = (row, col) if active else None
        if active:
            self.side.show_text(self.row_name(row), column, str(self.rows()[row].get(column.id) or ""))

    def _side_changed(self, text: str) -> None:
        if self._side_cell is not None:
            row, col = self._side_cell
            with self._step(f"修改“{self.columns[col].label}”", (row, self.columns[col].id)):
                self.session.set_value(self.scope + (self.table.id, row), self.columns[col].id, text)

    # ------------------------------------------------------------ files
    def choose_files(self, row: int | None = None) -> None:
        """The file dialog; a file cell's own dialog replaces its file, the button fills rows still without one."""
        if self.adder is not None:
            self.add_files(self.adder.choose(many=True), row, replace=row is not None)

    def drop_files(self, paths: list[Path], row: int) -> None:
        self.add_files(paths, row if row >= 0 else None, replace=False)

    def add_files(self, paths: list[Path], row: int | None, replace: bool = False) -> None:
        if not paths or self.adder is None:
            return
        if self.adder.busy:
            self.show_notice("上一批文件还在添加中，请稍候再添加。", problem=True)
            return
        self.show_notice(f"正在添加 {len(paths)} 个文件…")
        self.adder.add(paths, lambda outcomes: self._files_added(outcomes, row, replace))

    def _files_added(self, outcomes: list[AddOutcome], row: int | None, replace: bool) -> None:
        values = [o.value for o in outcomes if o.value is not None]
        with self._step("添加文件"):
            placed = place_files(self.rows(), self.columns, self.file_col, values, row, replace, self.limit)
            if placed:
                self.session.rows_changed_by_grid(self.scope, self.table)
        self.show_notice(*added_note(outcomes, placed, self.limit))

    def focus(self, path: str | None = None) -> None:
        self.grid.setFocus()
        keys = split_path(path or "")[len(split_path(self.path)):]
        if keys and isinstance(keys[0], int):
            column_id = keys[1] if len(keys) > 1 else None
            col = next((n for n, c in enumerate(self.columns) if c.id == column_id), 0)
            self.grid.setCurrentCell(keys[0], col)

