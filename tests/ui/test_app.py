"""Starting the program: a painted window, the single-instance refusal, the unclean-end notice."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.ui.app import open_context, show_recovery
from desktop.ui.start_window import StartWindow

RUN = "import sys; from desktop.ui.app import run; sys.exit(run([], exit_after_show=True))"


def run_program(data_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "XIESHOU_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=60)


def leave_unclean(data_dir, needs_form) -> int:
    """A run that saved a draft and never ended (killed, power cut)."""
    from desktop.engine.schema import form_hash

    store = Store.open(data_dir / "xieshou.db")
    draft_id = store.create_draft(needs_form.id, needs_form.edition, form_hash(needs_form), {}, title="福州样例草稿")
    store.close()
    with sqlite3.connect(data_dir / "xieshou.db") as db:
        db.execute("update app_sessions set ended_at = null")
    return draft_id


def test_the_program_paints_its_window_and_exits_cleanly(data_dir):
    result = run_program(data_dir)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(data_dir / "xieshou.db") as db:
        assert db.execute("select count(*) from app_sessions where ended_at is null").fetchone() == (0,)


def test_a_second_copy_is_refused_with_exit_code_1(data_dir):
    data_dir.mkdir(parents=True)
    store = Store.open(data_dir / "xieshou.db")
    try:
        result = run_program(data_dir)
    finally:
        store.close()
    assert result.returncode == 1


def test_the_unclean_end_is_reported_before_anything_else(qapp, qtbot, data_dir, needs_form):
    data_dir.mkdir(parents=True)
    leave_unclean(data_dir, needs_form)
    ctx = open_context(data_dir, synchronous=True)
    try:
        assert ctx.store.recovery is not None
        window = StartWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        box = show_recovery(window, ctx.store.recovery)
        assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
        assert box.text().startswith("上次没有正常退出（")
        assert "以下草稿已恢复到最后一次自动保存" in box.text() and "· 福州样例草稿（保存时间 " in box.text()
        box.accept()
    finally:
        ctx.store.close()


def test_the_program_starts_after_an_unclean_end(data_dir, needs_form):
    data_dir.mkdir(parents=True)
    leave_unclean(data_dir, needs_form)
    assert run_program(data_dir).returncode == 0
