"""The activity register as an editable grid (活动登记): type, paste from Excel/WPS, add, delete.

Each change is saved at once through the core (``desktop.register.edit``) on
the task runner's serial thread, with the officer's name in the change log.
A text the register refuses stays in its cell, marked, with the reason in
the tooltip and in the list under the grid; the other cells of the row are
saved.  Keys, pick lists, date and money display are the SME tables' own
(GridView, table_cells, table_paste).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.engine.model import ERROR
from desktop.register.activity import check_activity
from desktop.register.edit import GRID_COLUMNS, delete, save_cells

from .field_row import ERROR_COLOUR
from .messages import describe_error
from .register_cells import cell_roles, row_name
from .register_rows import GridRow, UnsavedFile, merge_rows
from .register_view import RegisterGridView
from .table_cells import raw_of
from .table_grid import LISTED_PROBLEMS
from .table_paste import paste_rows
from .table_view import show_notice
from .widgets import column_weight, delegate_for

FIRST_ROWS = 100           # rows shown at once when the register is (re)loaded: more than a screenful
PASS_SECONDS = 0.04        # each pass of the event loop fills rows for about this long, then lets the window work
CHECK_EVERY = 20           # rows filled between two looks at the clock
MAX_NEW_ROWS = 5000        # rows one paste may add (a department sheet is imported instead)


class ActivitiesGrid(QWidget):
    changed = Signal()          # something was saved (the 附件6 page recomputes when shown)
    accepts_files = False

    def __init__(self, window, parent: QWidget):
        super().__init__(parent)
        self.window_ = window
        self.rows: list[GridRow] = []
        self.restored = False          # the unsaved texts of last time are put back once, on the first load
        self.generation = 0            # of the rows being filled in (see refill)
        self.unsaved = UnsavedFile(Path(window.ctx.data_dir), window.register_name)
        self.grid = RegisterGridView(self, [column_weight(c) for c in GRID_COLUMNS], self)
        self.grid.setHorizontalHeaderLabels([c.label + (" *" if c.required else "") for c in GRID_COLUMNS])
        for number, column in enumerate(GRID_COLUMNS):
            delegate = delegate_for(column, self.grid)
            if delegate is not None:
                self.grid.setItemDelegateForColumn(number, delegate)
        self.grid.itemChanged.connect(self._cell_changed)
        self.notice = self._label("color: #616161;")
        self.message = self._label(f"color: {ERROR_COLOUR};")
        self.buttons = {}
        bar = QHBoxLayout()
        for name, text, slot in (("add", "添加活动", self.add_row), ("remove", "删除所选活动…", self.ask_delete),
                                 ("paste", "从 Excel 粘贴", self.paste)):
            self.buttons[name] = QPushButton(text, self)
            self.buttons[name].clicked.connect(slot)
            bar.addWidget(self.buttons[name])
        self.buttons["paste"].setToolTip("把在 Excel 或 WPS 表格中复制的单元格粘贴到当前位置（Ctrl+V），多出的行作为新活动")
        self.bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 1)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)

    def _label(self, style: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet(style)
        label.hide()
        return label

    # ------------------------------------------------------------ showing
    def show_activities(self, activities) -> None:
        restoring = not self.restored
        self.restored = True
        self.rows = merge_rows(activities, self.rows, self.unsaved.load() if restoring else [])
        self.refill()
        self._show_messages()
        if restoring:       # texts kept from last time: checked again, so each shows why it was not saved
            for row in [r for r in self.rows if r.typed]:
                self.submit(row)

    def refill(self) -> None:
        """Show every row: the first screenfuls at once, the rest on later passes of the event loop, each pass
        filling rows for about PASS_SECONDS (10,000 activities are 200,000 cells; the window stays usable while
        they are filled in).  Cells are written through the model, so Qt makes the items and no Python object
        is left behind per cell: 200,000 of them made every full garbage collection (one now and then while
        filling, and later while typing) hold the window for a third of a second."""
        self.generation += 1
        fresh = self.grid.rowCount()          # rows from here on are new to the grid: no old tint to clear
        self.grid.setRowCount(len(self.rows))
        self._name_rows()
        self._fill(0, self.generation, fresh)

    def _fill(self, start: int, generation: int, fresh: int) -> None:
        if generation != self.generation:
            return                       # a newer load replaced these rows
        began, end = time.perf_counter(), start
        least = FIRST_ROWS if start == 0 else CHECK_EVERY
        while end < len(self.rows) and (end - start < least or time.perf_counter() - began < PASS_SECONDS):
            stop = min(len(self.rows), end + CHECK_EVERY)
            self.grid.blockSignals(True)
            for r in range(end, stop):
                self._render(r, named=True, fresh=r >= fresh)
            self.grid.blockSignals(False)
            end = stop
        if end < len(self.rows):
            QTimer.singleShot(0, lambda: self._fill(end, generation, fresh))

    def _name_rows(self) -> None:
        """Every row's name in the row header at once (Qt makes the header items); the header repaints once."""
        model = self.grid.model()
        model.blockSignals(True)
        try:
            self.grid.setVerticalHeaderLabels([row_name(row) for row in self.rows])
        finally:
            model.blockSignals(False)
        if self.rows:
            model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)

    def _render(self, r: int, named: bool = False, fresh: bool = False) -> None:
        """Row r's texts, tints and tooltips; `named`: its row header is set already; `fresh`: it has no items yet."""
        row = self.rows[r]
        model = self.grid.model()
        for c, roles in enumerate(cell_roles(row, self._warnings(row), fresh)):
            model.setItemData(model.index(r, c), roles)      # Qt makes the item: no Python object kept per cell
        if not named and not model.setHeaderData(r, Qt.Orientation.Vertical, row_name(row)):
            self.grid.setVerticalHeaderItem(r, QTableWidgetItem(row_name(row)))     # a row new to the grid

    def _warnings(self, row: GridRow) -> dict[str, str]:
        if row.activity is None:
            return {}
        first, last = self.window_.year
        return {p.path: p.message for p in check_activity(row.activity, first, last) if p.level != ERROR}

    def _show_messages(self) -> None:
        lines = []
        for row in self.rows:
            name = row_name(row) if row.activity is None else f"{row.activity.id} {row.activity.name[:20]}"
            if row.activity is None and row.missing:
                lines.append(f"✖ 新活动（未保存）：还需填写{'、'.join(row.missing)}，填全后自动保存")
            for column_id, message in row.messages.items():
                label = next(c.label for c in GRID_COLUMNS if c.id == column_id)
                lines.append(f"✖ {name} · {message if message.startswith(label) else f'{label}：{message}'}")
        shown = lines[:LISTED_PROBLEMS]
        if len(lines) > LISTED_PROBLEMS:
            shown.append(f"……另有 {len(lines) - LISTED_PROBLEMS} 处，鼠标停在标红的单元格上可看到说明")
        self.message.setText("\n".join(shown))
        self.message.setVisible(bool(shown))

    def show_notice(self, text: str, problem: bool = False) -> None:
        show_notice(self.notice, text, problem)

    def current_activity(self):
        r = self.grid.currentRow()
        return self.rows[r].activity if 0 <= r < len(self.rows) else None

    # ------------------------------------------------------------ saving
    def _cell_changed(self, item: QTableWidgetItem) -> None:
        row, column = self.rows[item.row()], GRID_COLUMNS[item.column()]
        text = str(raw_of(column, item.text()))
        if text == row.text(column.id):
            return
        self.type_cells(item.row(), {column.id: text})

    def type_cells(self, r: int, cells: dict[str, str]) -> None:
        row = self.rows[r]
        row.typed.update(cells)
        self._keep_unsaved()
        self._render_rows([r])
        self.submit(row)

    def _render_rows(self, numbers) -> None:
        self.grid.blockSignals(True)
        for r in numbers:
            self._render(r)
        self.grid.blockSignals(False)

    def submit(self, row: GridRow) -> None:
        if row.saving:
            row.again = True
            return
        row.saving = True
        payload = dict(row.typed)
        window = self.window_
        window.ctx.tasks.run(self, save_cells, window.register, window.campaign,
                             row.activity.id if row.activity else None, payload, window.officer(), serial=True,
                             on_success=lambda outcome: self._saved(row, payload, outcome),
                             on_failure=lambda error: self._failed(row, payload, error))

    def _saved(self, row: GridRow, payload: dict, outcome) -> None:
        row.saving = False
        if outcome.activity is not None:
            row.activity = outcome.activity
        for column_id, text in payload.items():
            if row.typed.get(column_id) != text:
                continue                         # typed again meanwhile: the next save answers for it
            if column_id in outcome.refused:
                row.messages[column_id] = outcome.refused[column_id]
            elif row.activity is not None:
                row.typed.pop(column_id, None)
                row.messages.pop(column_id, None)
        row.missing = outcome.missing
        self._after_save(row, bool(outcome.saved))

    def _failed(self, row: GridRow, payload: dict, error: BaseException) -> None:
        row.saving = False
        for column_id in payload:
            row.messages[column_id] = describe_error(error)
        self._after_save(row, False)

    def _after_save(self, row: GridRow, saved: bool) -> None:
        self._keep_unsaved()
        shown = row
        if row not in self.rows and row.activity is not None:   # the register was reloaded meanwhile
            shown = next((r for r in self.rows if r.activity and r.activity.id == row.activity.id), row)
            shown.activity = row.activity
        if shown in self.rows:
            self._render_rows([self.rows.index(shown)])
        self._show_messages()
        if saved:
            self.changed.emit()
        if row.again:
            row.again = False
            self.submit(row)

    def _keep_unsaved(self) -> None:
        try:
            self.unsaved.save(self.rows)
        except OSError as error:
            self.show_notice("无法把尚未保存的内容写入数据文件夹：" + describe_error(error), problem=True)

    # ------------------------------------------------------------ editing
    def add_row(self) -> None:
        self.rows.append(GridRow(None))
        r = len(self.rows) - 1
        self.grid.setRowCount(len(self.rows))
        self._render_rows([r])
        self.grid.setCurrentCell(r, 0)
        self.grid.setFocus()

    def activate_cell(self, row: int, col: int) -> None:
        if 0 <= row < self.grid.rowCount():
            self.grid.editItem(self.grid.item(row, col))

    def clear_cells(self) -> None:
        by_row: dict[int, dict[str, str]] = {}
        for index in self.grid.selectedIndexes():
            by_row.setdefault(index.row(), {})[GRID_COLUMNS[index.column()].id] = ""
        for r, cells in by_row.items():
            self.type_cells(r, cells)

    def copy(self) -> None:
        self.grid.copy_selected(lambda r, c: self.rows[r].text(GRID_COLUMNS[c].id))

    def paste(self) -> None:
        """A block copied from Excel/WPS from the current cell on; rows beyond the last become new activities."""
        cells = self.grid.clipboard_block(self.show_notice)
        if not cells:
            return
        start_row, start_col = max(0, self.grid.currentRow()), max(0, self.grid.currentColumn())
        changes: list[dict] = [{} for _ in self.rows]
        limit = len(self.rows) + MAX_NEW_ROWS
        result = paste_rows(changes, GRID_COLUMNS, cells, start_row, start_col, limit, raw_of)
        self.rows += [GridRow(None) for _ in range(len(changes) - len(self.rows))]
        self.grid.setRowCount(len(self.rows))
        for r, typed in enumerate(changes):
            if typed:
                self.type_cells(r, {k: str(v) for k, v in typed.items()})
        self.show_notice(result.note(limit), problem=bool(result.rows_dropped or result.cells_dropped))

    def drop_files(self, paths, row: int) -> None:
        """Evidence files are added per activity (佐证材料), not dropped on the grid."""

    def ask_delete(self) -> None:
        picked = sorted({i.row() for i in self.grid.selectedIndexes()} or {self.grid.currentRow()} - {-1})
        rows = [self.rows[r] for r in picked if 0 <= r < len(self.rows)]
        if not rows:
            self.show_notice("请先选中要删除的活动（点行号可选中整行）。", problem=True)
            return
        names = [r.activity.name if r.activity else "新活动（未保存）" for r in rows]
        shown = "\n".join(names[:10]) + (f"\n……共 {len(names)} 项" if len(names) > 10 else "")
        answer = QMessageBox.question(self, "删除活动", f"确定删除以下 {len(rows)} 项活动？删除记入变更记录，"
                                      f"统计表中不再计入。\n\n{shown}")
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_rows(rows)

    def delete_rows(self, rows: list[GridRow]) -> None:
        window = self.window_
        for row in rows:
            self.rows.remove(row)
            if row.activity is not None:
                window.ctx.tasks.run(self, delete, window.register, row.activity.id, window.officer(), serial=True,
                                     on_failure=lambda e: self.show_notice("没有删除：" + describe_error(e), True))
        self._keep_unsaved()
        self.refill()
        self._show_messages()
        self.show_notice(f"已删除 {len(rows)} 项活动（记入变更记录）。")
        self.changed.emit()
