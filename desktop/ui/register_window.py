"""The 2024 register window: the activities kept by the departments, and 附件6 for a period.

Reading and importing run through the task helper; the pages only show what the
core (desktop.register) computes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.register.activity import figure_json
from desktop.register.stats import COLUMNS, FIGURE_COLUMNS, TOTAL_LABEL, StatsTable, compute
from desktop.rules.campaign import Campaign, campaign_by_id
from desktop.rules.formats import format_date_cn, format_money

from .context import AppContext
from .messages import show_error

FIXED = QColor("#FFF2CC")
CONFLICT = QColor("#FCE4E4")
ACTIVITY_HEADERS = ("编号", "开始日期", "活动名称", "举办地点", "活动类型", "主办单位", "参与中小企业数", "签约项目数", "状态")


def register_target(ctx: AppContext) -> str | None:
    """The register lives in the officer's store: the same SQLite file (or server URL)."""
    if ctx.store is None:
        return None
    return str(ctx.store.path) if ctx.store.path is not None else ctx.store.url.render_as_string(hide_password=False)


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return format_money(value)
    if kind == "date":
        return format_date_cn(value)
    return f"{value:,}" if kind == "int" else str(value)


class RegisterWindow(QMainWindow):
    def __init__(self, ctx: AppContext, campaign: Campaign | None = None):
        super().__init__()
        from desktop.register.store import Register

        self.ctx = ctx
        self.campaign = campaign or campaign_by_id("2024-baichang")
        self.register = Register.open(register_target(ctx))
        self.setWindowTitle(f"{self.campaign.name} — 活动登记与统计表")
        self.tabs = QTabWidget(self)
        from .schedules_page import SchedulesPage

        self.schedules = SchedulesPage(self)
        self.activities = ActivitiesPage(self)
        self.stats = StatsPage(self)
        self.tabs.addTab(self.schedules, "附件1–4 日程")
        self.tabs.addTab(self.activities, "活动登记")
        self.tabs.addTab(self.stats, "附件6 统计表")
        self.setCentralWidget(self.tabs)
        self.resize(1280, 760)
        self.schedules.reload()
        self.activities.reload()
        self.stats.recompute()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.ctx.tasks.wait()
        self.register.close()
        super().closeEvent(event)


class ActivitiesPage(QWidget):
    def __init__(self, window: RegisterWindow):
        super().__init__(window)
        self.window_ = window
        self.summary = QLabel(self)
        self.import_button = QPushButton("导入部门填报的模板…", self)
        self.template_button = QPushButton("生成部门模板…", self)
        self.import_button.clicked.connect(self.ask_import)
        self.template_button.clicked.connect(self.ask_template)
        self.table = QTableWidget(0, len(ACTIVITY_HEADERS), self)
        self.table.setHorizontalHeaderLabels(ACTIVITY_HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.template_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        self.window_.ctx.tasks.run(self, self.window_.register.activities, on_success=self.show_activities,
                                   on_failure=lambda e: show_error(self, e, "无法读取活动登记"))

    def show_activities(self, activities) -> None:
        self.table.setRowCount(len(activities))
        for row, a in enumerate(activities):
            state = "数据不一致待裁定" if a.conflicts else ""
            cells = (_item(str(a.id), True), _item(format_date_cn(a.start)), _item(a.name), _item(a.place),
                     _item(a.kind), _item(a.host_text), _item(_text(a.figure("smes"), "int"), True),
                     _item(_text(a.figure("projects_signed"), "int"), True), _item(state))
            for column, cell in enumerate(cells):
                if a.conflicts:
                    cell.setBackground(QBrush(CONFLICT))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        shared = sum(len(a.departments) > 1 for a in activities)
        open_ = sum(bool(a.conflicts) for a in activities)
        self.summary.setText(f"共 {len(activities)} 项活动，其中 {shared} 项由几个部门共同举办（只计一次），"
                             f"{open_} 项数据不一致待裁定")

    def ask_template(self) -> None:
        department, ok = QInputDialog.getText(self, "生成部门模板", "填报部门：")
        if not ok or not department.strip():
            return
        name, _ = QFileDialog.getSaveFileName(self, "保存部门模板", str(Path.home() / f"{department}_活动登记.xlsx"),
                                              "Excel 工作簿 (*.xlsx)")
        if name:
            from desktop.register.department import write_department_template

            self.window_.ctx.tasks.run(self, write_department_template, Path(name), department.strip(),
                                       self.window_.campaign,
                                       on_failure=lambda e: show_error(self, e, "模板没有生成"))

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "导入部门模板", str(Path.home()), "Excel 工作簿 (*.xlsx)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        self.window_.ctx.tasks.run(self, import_department, self.window_.register, self.window_.campaign, path,
                                   on_success=self.imported, on_failure=lambda e: show_error(self, e, "没有导入"))

    def imported(self, message: str) -> None:
        self.reload()
        self.window_.stats.recompute()
        QMessageBox.information(self, "导入部门模板", message)


def import_department(register, campaign, path: Path) -> str:
    """Read, check and merge one department's sheet (off the UI thread); the summary for the user."""
    from desktop.register.department import read_department_file
    from desktop.register.schedules import unknown_schedule_refs

    department, activities, warnings = read_department_file(path, campaign)
    result = register.merge(activities, department)
    warnings += unknown_schedule_refs(register, activities)
    extra = f"\n另有 {len(warnings)} 条提醒，如：{warnings[0]}" if warnings else ""
    return f"{department}：{len(activities)} 项活动。{result.summary()}{extra}"


class StatsPage(QWidget):
    def __init__(self, window: RegisterWindow):
        super().__init__(window)
        self.window_ = window
        self.table_data: StatsTable | None = None
        self.period = QComboBox(self)
        for period in window.campaign.periods:
            self.period.addItem(period.label, period.id)
        self.period.currentIndexChanged.connect(self.recompute)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("填报单位，如 某省工业和信息化厅")
        self.deadline = QLabel(self)
        self.note = QLabel(self)
        self.export_button = QPushButton("生成报送文件夹…", self)
        self.export_button.clicked.connect(self.ask_export)
        self.table = QTableWidget(0, len(COLUMNS) + 1, self)
        self.table.setHorizontalHeaderLabels(["序号", *[c.label for c in COLUMNS]])
        self.table.verticalHeader().setVisible(False)
        self.table.setToolTip("双击数字格可手工修改（须写明理由）")
        self.table.cellDoubleClicked.connect(self.ask_correction)
        bar = QHBoxLayout()
        for widget in (QLabel("报送期：", self), self.period, QLabel("填报单位：", self), self.unit):
            bar.addWidget(widget)
        bar.addWidget(self.deadline, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def period_id(self) -> str:
        return self.period.currentData()

    def recompute(self) -> None:
        window = self.window_
        window.ctx.tasks.run(self, compute, window.register, window.campaign, self.period_id(),
                             on_success=self.show_table, on_failure=lambda e: show_error(self, e, "无法计算统计表"))

    def show_table(self, table: StatsTable) -> None:
        self.table_data = table
        self.deadline.setText(f"报送期限：{table.deadline(self.window_.ctx.today())}")
        self.note.setText(f"{table.scope_note}；共 {len(table.rows)} 项活动；手工修改 {len(table.corrections)} 处"
                          "（浅黄色，鼠标停留可见登记值、差额和理由）")
        self.table.setRowCount(len(table.rows) + 1)
        for row, stats_row in enumerate(table.rows):
            self.table.setItem(row, 0, _item(str(row + 1), True))
            for column, field in enumerate(COLUMNS, start=1):
                cell = stats_row.cell(field.id)
                item = _item(_text(cell.value, field.kind), field in FIGURE_COLUMNS)
                if cell.correction is not None:
                    item.setBackground(QBrush(FIXED))
                    item.setToolTip(f"登记值 {figure_json(cell.register)}，差额 {figure_json(cell.difference)}；"
                                    f"理由：{cell.correction.reason}（{cell.correction.by}）")
                self.table.setItem(row, column, item)
        last = len(table.rows)
        self.table.setItem(last, 0, _item(TOTAL_LABEL))
        for column, field in enumerate(COLUMNS, start=1):
            text = _text(table.totals[field.id], field.kind) if field in FIGURE_COLUMNS else ""
            item = _item(text, True)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.table.setItem(last, column, item)
        self.table.resizeColumnsToContents()

    def ask_correction(self, row: int, column: int) -> None:
        table = self.table_data
        if table is None or row >= len(table.rows) or column < 1 or COLUMNS[column - 1] not in FIGURE_COLUMNS:
            return
        field, stats_row = COLUMNS[column - 1], table.rows[row]
        cell = stats_row.cell(field.id)
        value, ok = QInputDialog.getText(self, "手工修改", f"{stats_row.activity.name}\n{field.label}（登记值 "
                                         f"{figure_json(cell.register)}；留空则撤销修改）：",
                                         text=str(figure_json(cell.value) or ""))
        if not ok:
            return
        reason = ""
        if value.strip():
            reason, ok = QInputDialog.getText(self, "手工修改", "修改理由（印在统计表的说明中）：",
                                              text=cell.correction.reason if cell.correction else "")
            if not ok:
                return
        self.correct_cell(stats_row.activity.id, field.id, value.strip() or None, reason)

    def correct_cell(self, activity_id: int, column_id: str, value: str | None, reason: str) -> None:
        from desktop.register.stats import correct

        window = self.window_
        window.ctx.tasks.run(self, correct, window.register, window.campaign, self.period_id(), activity_id, column_id,
                             value, reason, "经办人", on_success=lambda _: self.recompute(),
                             on_failure=lambda e: show_error(self, e, "没有修改"))

    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择保存报送文件夹的位置", str(Path.home()))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        from desktop.register.submit import write_submission

        if self.table_data is None:
            return
        unit = self.unit.text().strip()
        if not unit:
            show_error(self, "请先填写填报单位（印在统计表标题下方和报送说明中）。", "没有生成")
            return
        self.window_.ctx.tasks.run(self, write_submission, self.table_data, unit, folder, self.window_.ctx.now(),
                                   on_success=self.exported, on_failure=lambda e: show_error(self, e, "没有生成"))

    def exported(self, result) -> None:
        self.last_export = result
        QMessageBox.information(self, "报送文件夹", f"已生成：{result.folder}\n请按“报送说明.txt”发送电子邮件。")
