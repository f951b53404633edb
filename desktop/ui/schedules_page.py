"""The schedules tab of the register window: all rows of 附件1–4, filtered, marked 本省参加."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableWidget, QVBoxLayout, QWidget)

from desktop.forms.a2024_schedules import SCHEDULES
from desktop.register.schedules import import_schedule, list_rows, mark_joined, read_schedule_file
from desktop.rules.formats import format_date_cn

from .messages import show_error
from .table_cells import read_only_item

HEADERS = ("编号", "类型", "举办时间", "活动名称", "举办地点", "产业链", "主办/承办单位", "本省参加", "状态")
JOINED = QColor("#E2F0D9")


def import_schedule_file(register, path: Path, by: str) -> str:
    info, rows = read_schedule_file(path)
    return "\n".join(import_schedule(register, info, rows, by).lines())


class SchedulesPage(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.rows = []
        self.kind = QComboBox(self)
        self.kind.addItem("全部类型", "")
        for info in SCHEDULES:
            self.kind.addItem(f"{info.form.attachment_no} {info.short}", info.form.attachment_no)
        self.month = QComboBox(self)
        self.month.addItem("全部月份", None)
        for month in range(1, 13):
            self.month.addItem(f"{month}月", month)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("产业链、地点或主办单位中的文字")
        self.search.setMinimumWidth(260)
        self.import_button = QPushButton("导入日程表…", self)
        self.join_button = QPushButton("标记/取消本省参加", self)
        for widget in (self.kind, self.month):
            widget.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.import_button.clicked.connect(self.ask_import)
        self.join_button.clicked.connect(self.toggle_joined)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.summary = QLabel(self)
        bar = QHBoxLayout()
        for widget in (self.kind, self.month, self.search):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.join_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        text = self.search.text().strip()
        kind, month = self.kind.currentData(), self.month.currentData()
        everything = list_rows(self.window_.register, kind=kind, month=month)
        self.rows = [r for r in everything if not text or any(
            text in str(r.data.get(k, "")) for k in ("chain", "place", "organiser", "firm", "expo", "province", "name"))]
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            data = row.data
            who = data.get("organiser") or data.get("firm") or ""
            when = format_date_cn(dt.date.fromisoformat(data["held_on"])) if data.get("held_on") else ""
            cells = (str(row.id), f"{row.schedule.form.attachment_no} {row.schedule.short}", when, data.get("name", ""),
                     data.get("place", ""), data.get("chain", ""), who, "是" if row.joined else "",
                     "已取消" if row.cancelled else "")
            for column, text in enumerate(cells):
                item = read_only_item(text)
                if row.joined:
                    item.setBackground(QBrush(JOINED))
                self.table.setItem(n, column, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(f"共 {len(self.rows)} 项日程，本省参加 {sum(r.joined for r in self.rows)} 项")

    def toggle_joined(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            target = self.rows[row]
            mark_joined(self.window_.register, target.id, not target.joined, self.window_.officer())
            self.reload()

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "导入附件1–4 日程表", str(Path.home()),
                                              "日程表 (*.xlsx *.json)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        self.window_.ctx.tasks.run(self, import_schedule_file, self.window_.register, path, self.window_.officer(),
                                   on_success=self.imported, on_failure=lambda e: show_error(self, e, "日程表没有导入"))

    def imported(self, message: str) -> None:
        self.reload()
        QMessageBox.information(self, "导入日程表", message)
