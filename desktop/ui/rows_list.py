"""The list page of a table edited one row per page (the 需求列表): add, copy, remove, reorder, open."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from desktop.engine.kinds import is_empty
from desktop.engine.model import Table

from .datapath import Scope, field_path, scope_path
from .field_row import ERROR_COLOUR, problem_text
from .steps import row_label, row_noun, row_title
from .undo import table_step


class RowsList(QWidget):
    def __init__(self, session, scope: Scope, table: Table, open_row: Callable[[int], None], parent: QWidget):
        super().__init__(parent)
        self.session, self.scope, self.table, self._open_row = session, scope, table, open_row
        self.path = field_path(scope, table.id)
        noun = row_noun(table)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(220)
        self.list.itemActivated.connect(lambda item: self._open_row(self.list.row(item)))
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.buttons = {name: QPushButton(text, self) for name, text in (
            ("open", f"编辑此{noun}"), ("add", f"添加{noun}"), ("copy", "复制"), ("remove", "删除"),
            ("up", "上移"), ("down", "下移"))}
        self.buttons["open"].clicked.connect(lambda: self._open_row(self.list.currentRow()))
        self.buttons["add"].clicked.connect(self._add)
        self.buttons["copy"].clicked.connect(self._copy)
        self.buttons["remove"].clicked.connect(self._remove)
        self.buttons["up"].clicked.connect(lambda: self._move(-1))
        self.buttons["down"].clicked.connect(lambda: self._move(1))
        self.limits = QLabel(self)
        self.limits.setStyleSheet("color: #616161;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        bar = QHBoxLayout()
        for name in ("open", "add", "copy", "remove", "up", "down"):
            bar.addWidget(self.buttons[name])
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(bar)
        layout.addWidget(self.limits)
        layout.addWidget(self.message)
        self.setTabOrder(self.list, self.buttons["open"])

    def rows(self) -> list:
        return self.session.rows(self.scope, self.table)

    def load(self) -> None:
        rows, current = self.rows(), max(0, self.list.currentRow())
        index = self.session.index
        self.list.blockSignals(True)
        self.list.clear()
        for number, row in enumerate(rows):
            count = index.count_under((f"{scope_path(self.scope + (self.table.id, number))}",))
            title = row_title(self.table, row) or "（未填写名称）"
            state = f"  ⚠{count}" if count else "  ✔"
            item = QListWidgetItem(f"{row_label(self.table, number, row)}：{title}{state}")
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.list.addItem(item)
        self.list.setCurrentRow(min(current, len(rows) - 1))
        self.list.blockSignals(False)
        self.limits.setText(f"共 {len(rows)} 项，至少 {self.table.min_rows} 项，最多 {self.table.max_rows} 项")
        problems = self.session.attention.filter(index.at(self.path))
        self.message.setText(problem_text(problems))
        self.message.setVisible(bool(problems))
        self._enable()

    def _enable(self) -> None:
        count, current = len(self.rows()), self.list.currentRow()
        chosen = 0 <= current < count
        self.buttons["open"].setEnabled(chosen)
        self.buttons["add"].setEnabled(count < self.table.max_rows)
        self.buttons["copy"].setEnabled(chosen and count < self.table.max_rows)
        self.buttons["remove"].setEnabled(chosen and count > self.table.min_rows)
        self.buttons["up"].setEnabled(chosen and current > 0)
        self.buttons["down"].setEnabled(chosen and current < count - 1)

    def _select(self, row: int) -> None:
        self.load()
        self.list.setCurrentRow(row)
        self.list.setFocus()

    def _add(self) -> None:
        with self._step("添加"):
            at = self.session.add_row(self.scope, self.table)
        self._select(at)
        self._open_row(at)

    def _copy(self) -> None:
        current = self.list.currentRow()
        with self._step("复制"):
            at = self.session.add_row(self.scope, self.table, at=current + 1, copy_of=current)
        self._select(at)

    def _remove(self) -> None:
        current = self.list.currentRow()
        row = self.rows()[current]
        if any(not is_empty(v) for v in row.values()) and not self._confirm_remove(current, row):
            return
        with self._step("删除"):
            self.session.remove_row(self.scope, self.table, current)
        self._select(min(current, len(self.rows()) - 1))

    def _confirm_remove(self, current: int, row: dict) -> bool:
        name = row_label(self.table, current, row)
        title = row_title(self.table, row)
        answer = QMessageBox.question(self, f"删除{name}", f"确定删除{name}{'“' + title + '”' if title else ''}吗？"
                                      "删除后其中填写的内容不再保留。")
        return answer == QMessageBox.StandardButton.Yes

    def _move(self, delta: int) -> None:
        with self._step("上移" if delta < 0 else "下移"):
            at = self.session.move_row(self.scope, self.table, self.list.currentRow(), delta)
        self._select(at)

    def _step(self, what: str):
        """One step of 编辑 → 撤销/重做 (undo.py), named as the menu shows it."""
        return table_step(self.session, self.scope, self.table, f"{self.table.label}：{what}{row_noun(self.table)}")

    def focus(self, path: str | None = None) -> None:
        self.list.setFocus()
