"""收件数据库: the store the desk opens, and a shared server's password — never written to settings.json.

The settings keep the server's address without a password.  Connecting, the
password comes from where PostgreSQL's own tools take it (PGPASSWORD, the
password file ~/.pgpass) or, when the server still asks, from a password
dialog; a typed password is kept in memory (``ctx.session_passwords``) until
the program ends.  The window says where the password came from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QFormLayout, QInputDialog, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from desktop.desk.db import DESK_DB_NAME, DeskDB, DeskError
from desktop.desk.db_password import (asks_password, is_server, password_file, password_source, server_name,
                                      split_password, with_password)

from .messages import ok_cancel

TRIES = 3
IN_MEMORY = "本次输入的密码（只保存在内存中，关闭程序后不保留）"


def desk_target(ctx) -> str | Path:
    """The store chosen in the settings, else desk.db in the data folder."""
    return ctx.settings.desk_db or Path(ctx.data_dir) / DESK_DB_NAME


def where_password_comes_from() -> str:
    found = password_source()
    return (f"密码不会写入设置文件。连接时先用{found}；" if found else
            "密码不会写入设置文件。连接时依次查找 PGPASSWORD 环境变量和口令文件 "
            f"{password_file()}（PostgreSQL 的标准做法，现在都没有）；") + "服务器仍要求密码时再询问，只保存在内存中。"


def open_store(parent: QWidget | None, ctx, target: str | Path) -> tuple[DeskDB, str]:
    """The opened store and, for a server, where its password came from; DeskError when it cannot be opened."""
    if not isinstance(target, str) or not is_server(target):
        return DeskDB.open(target), ""
    bare, typed = split_password(target)
    known = typed if typed is not None else ctx.session_passwords.get(bare)
    if known is None:
        try:
            return DeskDB.open(bare), password_source() or "服务器未要求密码"
        except DeskError as error:
            if not asks_password(error):
                raise
    for attempt in range(TRIES):
        password = known if known is not None else ask_password(parent, bare, wrong=attempt > 0 or typed is not None)
        if password is None:
            raise DeskError(f"没有输入密码，未连接收件数据库 {server_name(bare)}。")
        try:
            opened = DeskDB.open(with_password(bare, password))
        except DeskError as error:
            if not asks_password(error):
                raise
            known = None
            continue
        ctx.session_passwords[bare] = password
        return opened, IN_MEMORY
    raise DeskError(f"收件数据库 {server_name(bare)} 的密码连续 {TRIES} 次不正确，未连接。请向管理员核对用户名和密码。")


def first_store(parent: QWidget | None, ctx) -> tuple[DeskDB, tuple[str, str]]:
    """The store of the settings and a note; when it cannot be opened, the local desk.db, saying why."""
    target = desk_target(ctx)
    try:
        opened, source = open_store(parent, ctx, target)
    except DeskError as error:
        return DeskDB.open(Path(ctx.data_dir) / DESK_DB_NAME), (
            "error", f"{error} 现在打开的是本机的 desk.db；可在“文件 → 收件数据库”中重新连接。")
    return opened, ("", store_text(target, source))


def store_text(target, source: str) -> str:
    if not (isinstance(target, str) and is_server(target)):
        return ""
    return f"收件数据库：服务器 {server_name(target)}（密码来自{source}）"


def password_removed_note(ctx) -> str:
    """Said once after a password was taken out of an older settings file, then forgotten."""
    if not ctx.settings.desk_password_removed:
        return ""
    ctx.update_settings(desk_password_removed=False)
    return ("设置文件中以明文保存的收件数据库密码已删除（密码不应明文保存）。以后连接时使用 PGPASSWORD 环境变量"
            "或口令文件 ~/.pgpass，都没有时询问密码，只保存在内存中。")


def ask_password(parent: QWidget | None, target: str, wrong: bool = False) -> str | None:
    lead = "密码不正确，请重新输入。\n" if wrong else ""
    text, ok = QInputDialog.getText(
        parent, "收件数据库密码", f"{lead}服务器 {server_name(target)} 要求输入密码。\n密码只保存在内存中，关闭程序后不保留，"
        f"不会写入设置文件。\n不想每次输入：可设置 PGPASSWORD 环境变量，或写入口令文件 {password_file()}。",
        QLineEdit.EchoMode.Password)
    return text if ok else None


class StoreDialog(QDialog):
    """The store's address and, optionally, its password for this run; where the password will come from."""

    def __init__(self, parent: QWidget, current: str):
        super().__init__(parent)
        self.setWindowTitle("收件数据库")
        layout = QVBoxLayout(self)
        intro = QLabel("留空：使用本机数据文件夹中的 desk.db。多位经办人共用时填写服务器地址，"
                       "如 postgresql+psycopg://用户名@服务器/数据库名", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.address = QLineEdit(current, self)
        self.address.setAccessibleName("服务器地址")
        self.password = QLineEdit(self)
        self.password.setAccessibleName("密码")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("可留空（见下方说明）")
        form.addRow("地址：", self.address)
        form.addRow("密码：", self.password)
        layout.addLayout(form)
        self.source = QLabel(where_password_comes_from(), self)
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #616161;")
        layout.addWidget(self.source)
        buttons = ok_cancel(self, "连接")
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def chosen(self) -> tuple[str, str | None, bool]:
        """(address without a password, the password for this run or None, True when one was in the address)."""
        bare, in_address = split_password(self.address.text().strip())
        typed = self.password.text() or in_address
        return bare, typed or None, in_address is not None
