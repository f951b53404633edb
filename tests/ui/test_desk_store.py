"""收件数据库 on a PostgreSQL server that wants a password: the password is never written to settings.json,
is taken from PGPASSWORD or the password file as libpq does, else asked and kept in memory for this run;
a password an older program stored is removed from the file and the officer is told once."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog
from sqlalchemy.engine import make_url

from desktop.desk.db_password import with_password
from desktop.desk.query import list_rows
from desktop.settings import load_settings
from desktop.ui import desk_store
from desktop.ui.desk_window import DeskWindow
from tests.pg_cluster import Cluster

SECRET = "Kx7:p@ss/w%rd"          # characters a URL must escape


@pytest.fixture(scope="module")
def server():
    """A throwaway PostgreSQL that accepts only password logins (scram-sha-256); its URL without the password."""
    cluster = Cluster(password=SECRET)
    reason = cluster.why_not()
    if reason:
        pytest.skip(reason)          # names the Debian package: XIESHOU_REQUIRE_TOOLS turns this into a failure
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture(autouse=True)
def no_outside_password(monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))


@pytest.fixture
def asked(monkeypatch):
    """The password dialog: answers queued by the test, prompts recorded."""
    answers, prompts = [], []

    def ask(parent, title, label, echo, *args, **kwargs):
        prompts.append(label)
        return answers.pop(0) if answers else ("", False)
    monkeypatch.setattr(QInputDialog, "getText", ask)
    return answers, prompts


def _settings_text(ctx) -> str:
    return ctx.settings_path.read_text("utf-8")


def _window(ctx, qtbot) -> DeskWindow:
    window = DeskWindow(ctx)
    qtbot.addWidget(window)
    return window


def test_a_password_typed_in_the_store_dialog_is_used_but_never_written(ctx, qtbot, server, monkeypatch, asked):
    window = _window(ctx, qtbot)

    def accept(dialog):
        assert "密码不会写入设置文件" in dialog.source.text()
        dialog.address.setText(with_password(server, SECRET))
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(desk_store.StoreDialog, "exec", accept)
    window.choose_database()
    assert window.db.is_postgres and list_rows(window.db) == []
    assert make_url(ctx.settings.desk_db) == make_url(server)     # the same address, host escaped or not
    stored = _settings_text(ctx)
    assert make_url(json.loads(stored)["desk_db"]) == make_url(server)
    assert SECRET not in stored and "Kx7" not in stored and "w%25rd" not in stored
    assert "本次输入的密码（只保存在内存中" in window.note.text() and "地址中的密码没有写入设置文件" in window.note.text()
    assert asked[1] == []                                        # the password in the address was enough


def test_the_password_field_of_the_dialog_works_too(ctx, qtbot, server, monkeypatch, asked):
    window = _window(ctx, qtbot)

    def accept(dialog):
        dialog.address.setText(server)
        dialog.password.setText(SECRET)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(desk_store.StoreDialog, "exec", accept)
    window.choose_database()
    assert window.db.is_postgres and SECRET not in _settings_text(ctx)


def test_reopening_asks_once_and_keeps_the_password_in_memory_only(ctx, qtbot, server, asked):
    ctx.update_settings(desk_db=server)
    answers, prompts = asked
    answers += [("wrong-one", True), (SECRET, True)]
    first = _window(ctx, qtbot)
    assert first.db.is_postgres
    assert len(prompts) == 2 and "要求输入密码" in prompts[0] and prompts[1].startswith("密码不正确")
    assert "密码来自本次输入的密码" in first.note.text()
    first.close()
    second = _window(ctx, qtbot)                                   # the same run: not asked again
    assert second.db.is_postgres and len(prompts) == 2
    assert SECRET not in _settings_text(ctx)


def test_pgpassword_is_used_without_asking(ctx, qtbot, server, monkeypatch, asked):
    monkeypatch.setenv("PGPASSWORD", SECRET)
    ctx.update_settings(desk_db=server)
    window = _window(ctx, qtbot)
    assert window.db.is_postgres and asked[1] == []
    assert "密码来自PGPASSWORD 环境变量" in window.note.text()


def test_the_password_file_is_used_without_asking(ctx, qtbot, server, monkeypatch, asked, tmp_path):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("*:*:*:postgres:" + SECRET.replace(":", "\\:") + "\n", encoding="utf-8")
    pgpass.chmod(0o600)                                           # libpq ignores a file others can read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    ctx.update_settings(desk_db=server)
    window = _window(ctx, qtbot)
    assert window.db.is_postgres and asked[1] == []
    assert f"密码来自口令文件 {pgpass}" in window.note.text()


def test_no_password_given_opens_the_local_store_and_says_why(ctx, qtbot, server, asked):
    ctx.update_settings(desk_db=server)
    window = _window(ctx, qtbot)                                   # the dialog was cancelled
    assert not window.db.is_postgres
    assert "没有输入密码" in window.note.text() and "现在打开的是本机的 desk.db" in window.note.text()
    assert ctx.settings.desk_db == server                          # the setting stays for the next try


def test_a_password_an_older_program_stored_is_removed_and_told_once(ctx, qtbot, server, asked):
    raw = json.loads(_settings_text(ctx))
    raw["desk_db"] = with_password(server, SECRET)
    ctx.settings_path.write_text(json.dumps(raw), encoding="utf-8")
    ctx.settings = load_settings(ctx.settings_path)
    assert make_url(ctx.settings.desk_db) == make_url(server) and SECRET not in _settings_text(ctx)
    assert "%40" not in _settings_text(ctx)                       # the escaped form is gone too
    asked[0].append((SECRET, True))
    window = _window(ctx, qtbot)
    assert "明文保存的收件数据库密码已删除" in window.note.text()
    window.close()
    again = _window(ctx, qtbot)
    assert "明文保存" not in again.note.text()
