"""收件与审核 → 本单位与经办人 and 核查审核日志 through the real window: the settings land in the store and the
audit log, and a row edited behind the program's back is named in the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import create_engine, text

from desktop.desk.tables import DeskAudit
from desktop.ui import desk_settings
from tests.package.sample_package import write_package


@pytest.fixture
def window(desk_window):
    return desk_window


def _answer(monkeypatch, unit: str, officer: str) -> None:
    def run(dialog):
        dialog.unit.setCurrentText(unit)
        dialog.officer.setText(officer)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(desk_settings.DeskSettingsDialog, "exec", run)


def test_unit_and_officer_are_set_from_the_window_and_audited(window, monkeypatch):
    _answer(monkeypatch, "福建省", "林经办")
    window.edit_settings()
    assert (window.db.setting("unit"), window.db.setting("officer")) == ("福建省", "林经办")
    assert "已保存本单位、经办人" in window.note.text()
    with window.db.reading() as session:
        rows = session.query(DeskAudit).order_by(DeskAudit.id).all()
    assert [(r.action, r.subject, r.new_value) for r in rows] == [("设置", "本单位", "福建省"), ("设置", "经办人", "林经办")]
    assert rows[-1].officer == "林经办"
    window.edit_settings()                                   # the same values again: nothing written
    assert "设置没有改变" in window.note.text()


def test_the_audit_check_names_a_row_edited_afterwards(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    write_package(tmp_path / "in" / "a", seed=1)
    window.receive([tmp_path / "in"])
    window.check_audit()
    assert "审计记录完整" in window.note.text() and not shown
    engine = create_engine(window.db.url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE desk_audit SET new_value = '初核通过' WHERE id = 1"))
    engine.dispose()
    window.check_audit()
    assert "审计记录第 1 条" in window.note.text()
    assert shown and "审计记录第 1 条" in shown[0] and "请保留数据库文件" in shown[0]
