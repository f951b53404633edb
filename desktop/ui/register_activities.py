"""The 活动登记 tab: the editable register, the departments' sheets in and out, and each activity's
conflicts (裁定), evidence (佐证材料), report (活动信息和成效) and change log (变更记录)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from .messages import show_error
from .register_grid import ActivitiesGrid


def import_department(register, campaign, path: Path) -> str:
    """Read, check and merge one department's sheet (off the UI thread); the summary for the user."""
    from desktop.register.department import read_department_file
    from desktop.register.schedules import unknown_schedule_refs

    department, activities, warnings = read_department_file(path, campaign)
    result = register.merge(activities, department)
    warnings += unknown_schedule_refs(register, activities)
    extra = f"\n另有 {len(warnings)} 条提醒，如：{warnings[0]}" if warnings else ""
    return f"{department}：{len(activities)} 项活动。{result.summary()}{extra}"


class ActivitiesPage(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.officer = QLabel(self)
        self.officer_button = QPushButton("更改经办人…", self)
        self.officer_button.clicked.connect(self.ask_officer)
        self.import_button = QPushButton("导入部门填报的模板…", self)
        self.template_button = QPushButton("生成部门模板…", self)
        self.import_button.clicked.connect(self.ask_import)
        self.template_button.clicked.connect(self.ask_template)
        self.grid = ActivitiesGrid(window, self)
        self.table = self.grid.grid
        self.actions = {}
        for name, text, slot in (("decide", "裁定数据不一致…", self.open_conflict),
                                 ("evidence", "佐证材料…", self.open_evidence),
                                 ("report", "活动信息和成效…", self.open_report),
                                 ("log", "变更记录…", self.show_log)):
            self.actions[name] = QPushButton(text, self)
            self.actions[name].clicked.connect(slot)
        self.grid.bar.addStretch(1)
        for button in self.actions.values():
            self.grid.bar.addWidget(button)
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for widget in (self.officer, self.officer_button, self.template_button, self.import_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.grid, 1)
        self.show_officer()
        self._enable()

    def _enable(self) -> None:
        activity = self.grid.current_activity()
        for name, button in self.actions.items():
            button.setEnabled(activity is not None and (name != "decide" or bool(activity.conflicts)))

    def show_officer(self) -> None:
        self.officer.setText(f"经办人：{self.window_.officer()}")

    def ask_officer(self) -> None:
        name, ok = QInputDialog.getText(self, "经办人", "经办人姓名（记入每一条变更记录，与收件与审核共用）：",
                                        text=self.window_.officer())
        if ok and name.strip():
            self.window_.set_officer(name.strip())
            self.show_officer()

    def reload(self) -> None:
        self.window_.ctx.tasks.run(self, self.window_.register.activities, on_success=self.show_activities,
                                   on_failure=lambda e: show_error(self, e, "无法读取活动登记"))

    def show_activities(self, activities) -> None:
        self.grid.show_activities(activities)
        shared = sum(len(a.departments) > 1 for a in activities)
        open_ = sum(bool(a.conflicts) for a in activities)
        self.summary.setText(f"共 {len(activities)} 项活动，其中 {shared} 项由几个部门共同举办（只计一次），"
                             f"{open_} 项数据不一致待裁定。双击单元格修改，改动即时保存。")
        self._enable()

    # ------------------------------------------------------------ per activity
    def _chosen(self):
        activity = self.grid.current_activity()
        if activity is None:
            self.grid.show_notice("请先在表格中选中一项已保存的活动。", problem=True)
        return activity

    def open_conflict(self) -> None:
        from .register_conflict import ConflictDialog

        activity = self._chosen()
        if activity is not None and activity.conflicts:
            ConflictDialog(self.window_, activity, self).open()

    def open_evidence(self) -> None:
        from .register_evidence import EvidenceDialog

        activity = self._chosen()
        if activity is not None:
            EvidenceDialog(self.window_, activity, self).open()

    def open_report(self) -> None:
        from .register_report import ReportDialog

        activity = self._chosen()
        if activity is not None:
            ReportDialog(self.window_, activity, self).open()

    def show_log(self) -> None:
        activity = self._chosen()
        if activity is None:
            return
        changes = self.window_.register.changes(activity.id)
        zone = self.window_.ctx.now().tzinfo
        lines = [f"{c.at.astimezone(zone).strftime('%Y-%m-%d %H:%M')}　{c.by}　{c.action}：{c.detail}" for c in changes]
        dialog = QDialog(self)
        dialog.setWindowTitle(f"变更记录 — {activity.name}")
        self.log_text = QPlainTextEdit("\n".join(lines), dialog)
        self.log_text.setReadOnly(True)
        close = QPushButton("关闭", dialog)
        close.clicked.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(f"{activity.name}：共 {len(changes)} 条（谁、何时、改了什么）", dialog))
        layout.addWidget(self.log_text)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        dialog.resize(820, 420)
        dialog.open()

    # ------------------------------------------------------------ departments
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

    def decided(self) -> None:
        """A dialog changed an activity: show the register and 附件6 as they are now."""
        self.reload()
        self.window_.stats.recompute()
