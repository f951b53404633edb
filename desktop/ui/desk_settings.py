"""收件与审核 → 本单位与经办人 (set once, recorded in the audit log) and 核查审核日志 (the audit chain checked
from the window, as ``xieshou desk audit --check`` does): docs/workflow.md, the officer's part."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.desk.audit import check_chain
from desktop.desk.db import OFFICER, UNIT, DeskDB
from desktop.desk.review import set_setting
from desktop.rules.regions import PROVINCES

from .messages import ok_cancel

MINISTRY_UNIT = "工业和信息化部中小企业局"


class DeskSettingsDialog(QDialog):
    """本单位 (a province, or a ministry 司局 for the ministry's desk) and the officer's name."""

    def __init__(self, db: DeskDB, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("本单位与经办人")
        self.db = db
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems([*PROVINCES, MINISTRY_UNIT])
        self.unit.setCurrentText(db.setting(UNIT) or "")
        self.unit.lineEdit().setPlaceholderText("如 福建省，或部里的司局名称")
        self.officer = QLineEdit(db.setting(OFFICER) or "", self)
        self.officer.setPlaceholderText("姓名")
        form = QFormLayout(self)
        note = QLabel("本单位用于提醒“不是本省报送的材料”；经办人的姓名记入每一条审核记录（连同本机登录名）。"
                      "修改也记入审核日志。", self)
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow("本单位：", self.unit)
        form.addRow("经办人：", self.officer)
        buttons = ok_cancel(self, "保存")
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def save(self) -> list[str]:
        """Write what changed; the names of the settings written."""
        written = []
        for key, name, value in ((UNIT, "本单位", self.unit.currentText()), (OFFICER, "经办人", self.officer.text())):
            if value.strip() != (self.db.setting(key) or ""):
                set_setting(self.db, key, value)
                written.append(name)
        return written


def audit_report(db: DeskDB) -> tuple[bool, str]:
    """The audit chain checked from its first row: (intact, the sentence to show)."""
    with db.reading() as session:
        report = check_chain(session)
    return report.ok, report.message
