"""检查问题: every problem with its page and field; a click opens the field.

Warnings can be acknowledged (they then stop counting as "需要修改");
errors cannot — they must be fixed before the final export.
"""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desktop.engine.model import ERROR, Form, Group, Item, Problem, Table
from desktop.engine.schema import record_items

from .field_row import DONE_COLOUR, ERROR_COLOUR, WARNING_COLOUR
from .steps import Step, step_for_path

PAGE, FIELD, MESSAGE, ACK = range(4)
PROBLEM_ROLE = Qt.ItemDataRole.UserRole


def item_labels(form: Form) -> dict[str, str]:
    """Field and table labels by path pattern (rows written ``[]``): ``needs[].title`` → 需求名称."""
    labels: dict[str, str] = {}

    def walk(items: tuple[Item, ...], prefix: str) -> None:
        for item in items:
            path = f"{prefix}.{item.id}" if prefix else item.id
            labels[path] = item.label
            if isinstance(item, Table):
                walk(item.columns, f"{path}[]")
            elif isinstance(item, Group):
                walk(item.fields, path)
    walk(record_items(form), "")
    return labels


def pattern_of(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


class ReviewPage(QWidget):
    def __init__(self, session, steps: Callable[[], list[Step]], open_path: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self._steps, self._open_path = session, steps, open_path
        self.labels = item_labels(session.form)
        header = QLabel("检查问题", self)
        font = header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        header.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        hint = QLabel("单击一行即可打开相应的填写项。提醒（⚠）核对无误后可勾选“已核对”；错误（✖）必须改正后才能导出正式材料。", self)
        hint.setWordWrap(True)
        self.tree = QTableWidget(0, 4, self)
        self.tree.setHorizontalHeaderLabels(["页面", "填写项", "问题", "已核对"])
        self.tree.verticalHeader().hide()
        self.tree.setWordWrap(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        head = self.tree.horizontalHeader()
        head.setSectionResizeMode(PAGE, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(ACK, QHeaderView.ResizeMode.ResizeToContents)
        head.sectionResized.connect(lambda *_: self.tree.resizeRowsToContents())
        self.tree.setColumnWidth(FIELD, 180)
        self.tree.itemClicked.connect(lambda item: self._clicked(item, item.column()))
        self.tree.itemActivated.connect(self._open)
        self.tree.itemChanged.connect(lambda item: self._ack_changed(item, item.column()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(header)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        index, steps = self.session.index, self._steps()
        errors = len(index.errors)
        warnings = len(index.problems) - errors
        if not index.problems:
            self.summary.setText("没有发现问题，可以导出正式材料。")
            self.summary.setStyleSheet(f"color: {DONE_COLOUR};")
        else:
            self.summary.setText(f"共 {errors} 处错误、{warnings} 处提醒；{len(index.outstanding)} 处需要修改或核对。")
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR if errors else WARNING_COLOUR};")
        current = self.tree.currentRow()
        self.tree.blockSignals(True)
        self.tree.setRowCount(0)
        for row, problem in enumerate(index.problems):
            self.tree.insertRow(row)
            for column, item in enumerate(self._items(problem, steps, index.is_acknowledged(problem))):
                self.tree.setItem(row, column, item)
        self.tree.resizeRowsToContents()
        if 0 <= current < self.tree.rowCount():
            self.tree.selectRow(current)
        self.tree.blockSignals(False)

    def _items(self, problem: Problem, steps: list[Step], acknowledged: bool) -> list[QTableWidgetItem]:
        step = step_for_path(steps, problem.path)
        label = self.labels.get(pattern_of(problem.path), "整份表格")
        mark = "✖ " if problem.level == ERROR else "⚠ "
        items = [QTableWidgetItem(text) for text in (step.title if step else "整份表格", label,
                                                     mark + problem.message, "")]
        for item in items:
            item.setData(PROBLEM_ROLE, problem)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        items[MESSAGE].setForeground(QBrush(QColor(ERROR_COLOUR if problem.level == ERROR else WARNING_COLOUR)))
        if problem.level == ERROR:
            items[ACK].setText("须改正")
        else:
            items[ACK].setFlags(items[ACK].flags() | Qt.ItemFlag.ItemIsUserCheckable)
            items[ACK].setCheckState(Qt.CheckState.Checked if acknowledged else Qt.CheckState.Unchecked)
        return items

    def problem_rows(self) -> list[list[QTableWidgetItem]]:
        """The table's rows, each a list of its cells (page, field, message, acknowledged)."""
        return [[self.tree.item(r, c) for c in range(4)] for r in range(self.tree.rowCount())]

    def _clicked(self, item: QTableWidgetItem, column: int) -> None:
        if column != ACK:
            self._open(item)

    def _open(self, item: QTableWidgetItem) -> None:
        problem: Problem = item.data(PROBLEM_ROLE)
        self._open_path(problem.path)

    def _ack_changed(self, item: QTableWidgetItem, column: int) -> None:
        if column == ACK and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            problem: Problem = item.data(PROBLEM_ROLE)
            checked = item.checkState() == Qt.CheckState.Checked
            # The list is rebuilt after the change; not while Qt is still inside this item's signal.
            QTimer.singleShot(0, lambda: self.session.acknowledge(problem, checked))
