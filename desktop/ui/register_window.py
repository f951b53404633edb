"""The 2024 register window: the activities kept by the departments, and 附件6 for a period.

Reading and importing run through the task helper; the pages only show what the
core (desktop.register) computes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.register.activity import figure_json
from desktop.register.evidence_edit import unsupported
from desktop.register.stats import COLUMNS, FIGURE_COLUMNS, TOTAL_LABEL, StatsTable, compute, value_text
from desktop.rules.campaign import Campaign, campaign_by_id

from .context import AppContext
from .desk_store import desk_target
from .messages import show_error
from .table_cells import read_only_item

FIXED = QColor("#FFF2CC")
EVIDENCE_HEADER = "佐证情况"
WIDEST_COLUMN = 320


def register_target(ctx: AppContext) -> str | None:
    """The register lives in the officer's store: the same SQLite file (or server URL)."""
    if ctx.store is None:
        return None
    return str(ctx.store.path) if ctx.store.path is not None else ctx.store.url.render_as_string(hide_password=False)


def officer_name(ctx: AppContext) -> str:
    """The officer as the desk sets it (收件与审核's 经办人 setting), else the login name."""
    from desktop.desk.db import OFFICER, DeskDB, DeskError, os_user

    target = desk_target(ctx)
    if isinstance(target, Path) and not target.exists():
        return os_user() or "经办人"        # no desk yet: opening it here would create one
    try:
        with DeskDB.open(target) as desk:
            return desk.setting(OFFICER) or os_user() or "经办人"
    except (DeskError, OSError):
        return os_user() or "经办人"


class RegisterWindow(QMainWindow):
    def __init__(self, ctx: AppContext, campaign: Campaign | None = None):
        super().__init__()
        from desktop.register.store import Register

        self.ctx = ctx
        self.campaign = campaign or campaign_by_id("2024-baichang")
        self.register = Register.open(register_target(ctx))
        self.register_name = register_target(ctx) or ""
        self.year = (min(p.start for p in self.campaign.periods), max(p.end for p in self.campaign.periods))
        self._officer = officer_name(ctx)
        self.setWindowTitle(f"{self.campaign.name} — 活动登记与统计表")
        self.tabs = QTabWidget(self)
        from .register_activities import ActivitiesPage
        from .schedules_page import SchedulesPage

        self.schedules = SchedulesPage(self)
        self.activities = ActivitiesPage(self)
        self.stats = StatsPage(self)
        self.tabs.addTab(self.schedules, "附件1–4 日程")
        self.tabs.addTab(self.activities, "活动登记")
        self.tabs.addTab(self.stats, "附件6 统计表")
        self.setCentralWidget(self.tabs)
        self.activities.grid.changed.connect(self.stats.mark_stale)
        self.tabs.currentChanged.connect(lambda _: self.stats.refresh_if_stale())
        self.resize(1280, 760)
        self.schedules.reload()
        self.activities.reload()
        self.stats.recompute()

    def officer(self) -> str:
        return self._officer

    def set_officer(self, name: str) -> None:
        """Change the officer's name where the desk keeps it (its own audit chain records the change)."""
        from desktop.desk.db import OFFICER, DeskDB, DeskError
        from desktop.desk.review import set_setting

        try:
            with DeskDB.open(desk_target(self.ctx)) as desk:
                set_setting(desk, OFFICER, name)
        except (DeskError, OSError) as error:
            show_error(self, error, "经办人没有更改")
            return
        self._officer = name

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.ctx.tasks.wait()
        self.register.close()
        super().closeEvent(event)


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
        self.note.setWordWrap(True)
        self.export_button = QPushButton("生成报送文件夹…", self)
        self.export_button.clicked.connect(self.ask_export)
        self.only_unsupported = QCheckBox("只看有无佐证数字的活动", self)
        self.only_unsupported.toggled.connect(lambda _: self.table_data and self.show_table(self.table_data))
        self.fixes = QLabel(self)
        self.fixes.setWordWrap(True)
        self.fixes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale = False
        self.shown_rows: list = []
        self.table = QTableWidget(0, len(COLUMNS) + 2, self)
        self.table.setHorizontalHeaderLabels(["序号", *[c.label for c in COLUMNS], EVIDENCE_HEADER])
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
        notes = QHBoxLayout()
        notes.addWidget(self.note, 1)
        notes.addWidget(self.only_unsupported)
        layout.addLayout(notes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.fixes)

    def mark_stale(self) -> None:
        """The register changed: recompute now when this page is shown, else when it is next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self.stale and self.isVisible():
            self.stale = False
            self.recompute()

    def period_id(self) -> str:
        return self.period.currentData()

    def recompute(self) -> None:
        window = self.window_
        window.ctx.tasks.run(self, compute, window.register, window.campaign, self.period_id(),
                             on_success=self.show_table, on_failure=lambda e: show_error(self, e, "无法计算统计表"))

    def show_table(self, table: StatsTable) -> None:
        self.table_data = table
        self.deadline.setText(f"报送期限：{table.deadline(self.window_.ctx.today())}")
        lacking = {row.activity.id: unsupported(row.activity) for row in table.rows}
        bare = sum(len(v) for v in lacking.values())
        self.note.setText(f"{table.scope_note}；共 {len(table.rows)} 项活动；手工修改 {len(table.corrections)} 处"
                          f"（浅黄色，括号内为与登记值的差额）；无佐证的数字 {bare} 个，涉及 "
                          f"{sum(bool(v) for v in lacking.values())} 项活动（灰色斜体）")
        rows = [r for r in table.rows if lacking[r.activity.id] or not self.only_unsupported.isChecked()]
        self.shown_rows = rows
        self.table.setRowCount(len(rows) + 1)
        for row, stats_row in enumerate(rows):
            self.table.setItem(row, 0, read_only_item(str(table.rows.index(stats_row) + 1), True))
            for column, field in enumerate(COLUMNS, start=1):
                self.table.setItem(row, column, self._cell(stats_row, field))
            missing = lacking[stats_row.activity.id]
            self.table.setItem(row, len(COLUMNS) + 1, read_only_item(f"无佐证：{'、'.join(missing)}" if missing else "齐全"))
        self._totals(table, len(rows))
        self._list_fixes(table)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):   # a long name is elided; its cell's tooltip shows it all
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WIDEST_COLUMN))

    def _cell(self, stats_row, field) -> QTableWidgetItem:
        cell = stats_row.cell(field.id)
        text = value_text(cell.value, field)
        if cell.correction is not None and cell.difference is not None:
            text += f"（{'+' if cell.difference >= 0 else ''}{figure_json(cell.difference)}）"
        item = read_only_item(text, field in FIGURE_COLUMNS)
        if cell.correction is not None:
            item.setBackground(QBrush(FIXED))
            item.setToolTip(f"登记值 {figure_json(cell.register)}，差额 {figure_json(cell.difference)}；"
                            f"理由：{cell.correction.reason}（{cell.correction.by}）")
        elif field in FIGURE_COLUMNS and cell.value is not None and not stats_row.activity.evidence.get(field.id):
            item.setForeground(QBrush(QColor("#757575")))
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip("无佐证：在“活动登记”中选中这项活动，点“佐证材料…”添加")
        return item

    def _totals(self, table: StatsTable, last: int) -> None:
        self.table.setItem(last, 0, read_only_item(TOTAL_LABEL))
        for column, field in enumerate(COLUMNS, start=1):
            text = value_text(table.totals[field.id], field) if field in FIGURE_COLUMNS else ""
            item = read_only_item(text, True)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            if field in FIGURE_COLUMNS and table.totals[field.id] != table.register_totals[field.id]:
                item.setToolTip(f"按登记计算为 {value_text(table.register_totals[field.id], field)}（含手工修改后为上值）")
            self.table.setItem(last, column, item)

    def _list_fixes(self, table: StatsTable) -> None:
        lines = [f"{row.activity.name} · {field.label}：登记 {figure_json(cell.register)} → 报送 "
                 f"{figure_json(cell.value)}（差额 {figure_json(cell.difference)}），理由：{cell.correction.reason}"
                 for row, field, cell in table.corrections]
        shown = lines[:5] + ([f"……共 {len(lines)} 处"] if len(lines) > 5 else [])
        self.fixes.setText("手工修改：\n" + "\n".join(shown) if lines else "")
        self.fixes.setVisible(bool(lines))

    def ask_correction(self, row: int, column: int) -> None:
        table = self.table_data
        if (table is None or row >= len(self.shown_rows) or not 1 <= column <= len(COLUMNS)
                or COLUMNS[column - 1] not in FIGURE_COLUMNS):
            return
        field, stats_row = COLUMNS[column - 1], self.shown_rows[row]
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
                             value, reason, window.officer(), on_success=lambda _: self.recompute(),
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
        offer_folder(self, "报送文件夹", f"已生成：{result.folder}\n请按“报送说明.txt”发送电子邮件"
                     f"（收件邮箱见说明）。", result.folder)


def offer_folder(parent: QWidget, title: str, text: str, folder: Path) -> QMessageBox:
    """Say what was written and offer to open its folder (never blocking: the box is window-modal)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent)
    opener = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
    opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    box.open()
    return box
