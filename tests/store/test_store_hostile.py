"""A data folder that cannot be used, a full disk, another program's database: a message, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import event

from desktop.store import Store
from desktop.store.errors import StoreDiskFullError, StoreFolderError, StoreForeignError
from desktop.store.lock import InstanceLock

SHOW = ("import sys\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "QMessageBox.exec = lambda self: print('MESSAGE', self.text()) or 0\n"
        "from desktop.ui.app import run\n"
        "sys.exit(run([], exit_after_show=True))\n")


def test_a_lock_in_a_folder_that_cannot_be_made_is_a_folder_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreFolderError) as caught:
        InstanceLock.acquire(blocker / "data" / "xieshou.db.lock")
    assert str(blocker / "data") in str(caught.value) and "XIESHOU_DATA_DIR" in str(caught.value)


def test_a_lock_path_taken_by_a_folder_is_a_folder_error(tmp_path):
    (tmp_path / "xieshou.db.lock").mkdir()
    with pytest.raises(StoreFolderError, match="数据文件夹无法写入"):
        Store.open(tmp_path / "xieshou.db")


@pytest.mark.parametrize("make_unusable", ["under-a-file", "lock-is-a-folder"])
def test_the_program_says_where_the_data_folder_is_and_exits_1(tmp_path, make_unusable):
    if make_unusable == "under-a-file":
        (tmp_path / "a-file").write_text("x")
        data_dir = tmp_path / "a-file" / "数据"
    else:
        data_dir = tmp_path / "数据"
        (data_dir / "xieshou.db.lock").mkdir(parents=True)
    env = {**os.environ, "XIESHOU_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    message = next(line for line in result.stdout.splitlines() if line.startswith("MESSAGE"))
    assert "数据文件夹无法写入" in message and str(data_dir.parent if make_unusable == "under-a-file" else data_dir) \
        in message


def test_a_database_of_another_program_is_named_and_left_alone(tmp_path):
    other = tmp_path / "xieshou.db"
    with sqlite3.connect(other) as db:
        db.execute("create table invoices (id integer primary key, amount text)")
        db.execute("insert into invoices (amount) values ('12.50')")
    before = other.read_bytes()
    with pytest.raises(StoreForeignError, match="不是携手填报的数据文件"):
        Store.open(other)
    assert other.read_bytes() == before


def test_a_full_disk_during_autosave_says_so_and_keeps_the_last_saved_state(tmp_path):
    from desktop.engine.schema import form_hash
    from desktop.forms.registry import get_form

    needs_form = get_form("2023-a1-needs")
    store = Store.open(tmp_path / "xieshou.db")
    try:
        draft_id = store.create_draft(needs_form.id, needs_form.edition, form_hash(needs_form),
                                      {"organiser": "已保存的内容"})
        pages = store._engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

        def cap(dbapi_connection, _record):  # SQLite reports SQLITE_FULL past this size, as on a full disk
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")
        event.listen(store._engine, "connect", cap)
        store._engine.dispose()
        with pytest.raises(StoreDiskFullError) as caught:
            store.save_draft(draft_id, {"organiser": "新内容" * 200_000}, 0)
        assert "磁盘已满" in str(caught.value) and "上一次保存的内容完好无损" in str(caught.value)
        event.remove(store._engine, "connect", cap)
        store._engine.dispose()
        assert store.get_draft(draft_id).data == {"organiser": "已保存的内容"}
    finally:
        store.close()
