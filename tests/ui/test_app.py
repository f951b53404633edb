"""Starting the program: a painted window, the single-instance refusal, the unclean-end notice."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.ui.app import open_context, show_recovery
from desktop.ui.session import RECENT_KEY
from desktop.ui.display import NO_SESSION, display_problem
from desktop.ui.start_window import StartWindow

NAME_LABEL, TITLE_LABEL = "企业名称", "需求名称"  # as the notice prints them (forms/a2023_needs.py)
RUN = "import sys; from desktop.ui.app import run; sys.exit(run([], exit_after_show=True))"


def run_program(data_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "XIESHOU_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=60)


def leave_unclean(data_dir, needs_form, data: dict | None = None, title: str = "福州样例草稿") -> int:
    """A run that saved a draft and never ended (killed, power cut)."""
    from desktop.engine.schema import form_hash

    store = Store.open(data_dir / "xieshou.db")
    draft_id = store.create_draft(needs_form.id, needs_form.edition, form_hash(needs_form), data or {},
                                  title=title)
    store.close()
    with sqlite3.connect(data_dir / "xieshou.db") as db:
        db.execute("update app_sessions set ended_at = null")
    return draft_id


def test_the_program_paints_its_window_and_exits_cleanly(data_dir):
    result = run_program(data_dir)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(data_dir / "xieshou.db") as db:
        assert db.execute("select count(*) from app_sessions where ended_at is null").fetchone() == (0,)


NEVER_PAINTED = """
import sys
from PySide6.QtCore import QTimer
from desktop.ui import app
waiting = []
class NeverPainted:  # the start window's first paint never comes (started minimised, a locked screen)
    def __init__(self, window, then):
        waiting.append(then)
        if len(waiting) > 1:  # the store is open: quit, as after the paint that would follow
            QTimer.singleShot(0, then)
app._AfterPaint = NeverPainted
sys.exit(app.run([], exit_after_show=True))
"""


def test_a_window_that_is_never_painted_still_opens_its_store(data_dir):
    env = {**os.environ, "XIESHOU_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", NEVER_PAINTED], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "xieshou.db").exists()


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
    leave_unclean(data_dir, needs_form, {"profile": {"name": "福州"}, RECENT_KEY: ["profile.name", "needs[1].title"]})
    ctx = open_context(data_dir, synchronous=True)
    try:
        report = ctx.store.recovery
        assert report is not None
        window = StartWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        box = show_recovery(window, report, ctx)
        assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
        saved = report.drafts[0].updated_at.astimezone()
        assert box.text().startswith("上次没有正常退出（")
        assert "以下草稿已恢复到最后一次自动保存" in box.text()
        assert (f"· 福州样例草稿（保存于 {saved.year}年{saved.month}月{saved.day}日 {saved:%H:%M:%S}；"
                f"最后修改的是：{NAME_LABEL}、{TITLE_LABEL}（第 2 项））") in box.text(), box.text()
        box.accept()
    finally:
        ctx.store.close()


def test_a_recovered_draft_without_a_title_is_named_by_its_form_not_its_id(qapp, qtbot, data_dir, needs_form):
    data_dir.mkdir(parents=True)
    leave_unclean(data_dir, needs_form, {"profile": {"name": "福州"}}, title="")
    ctx = open_context(data_dir, synchronous=True)
    try:
        window = StartWindow(ctx)
        qtbot.addWidget(window)
        box = show_recovery(window, ctx.store.recovery, ctx)
        assert "· 附件1 大企业技术创新需求表 · 福州（保存于 " in box.text() and needs_form.id not in box.text()
        box.accept()
    finally:
        ctx.store.close()


def test_the_program_starts_after_an_unclean_end(data_dir, needs_form):
    data_dir.mkdir(parents=True)
    leave_unclean(data_dir, needs_form)
    assert run_program(data_dir).returncode == 0


# ------------------------------------------------------------------ no display
def test_no_graphical_session_is_said_in_chinese_before_qt_starts(data_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XIESHOU_DATA_DIR"] = str(data_dir)
    result = subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_SESSION, "one Chinese sentence, no Qt abort line"


def test_a_missing_xcb_library_is_named_with_its_package():
    present = {"EGL", "fontconfig", "xcb-icccm", "xcb-keysyms", "xcb-shape", "xcb-randr", "xcb-render-util",
               "xcb-image", "xkbcommon-x11"}
    message = display_problem({"DISPLAY": ":0"}, "linux", lambda name: f"lib{name}.so" if name in present else None)
    assert message == ("无法打开携手填报的窗口：系统缺少图形界面需要的组件 libxcb-cursor0。"
                       "请让电脑管理员安装后再启动，命令是：sudo apt install libxcb-cursor0")


def test_a_display_with_every_library_or_a_headless_platform_can_start():
    everything = lambda name: f"lib{name}.so"  # noqa: E731
    assert display_problem({"DISPLAY": ":0"}, "linux", everything) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda name: None) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda name: None) is None
    assert display_problem({}, "win32", lambda name: None) is None
    assert display_problem({}, "linux", everything) == NO_SESSION


# ------------------------------------------------------- drafts before the store
def test_the_drafts_are_listed_before_the_store_is_open(qapp, qtbot, data_dir, needs_form):
    from desktop.store.peek import peek_drafts
    from desktop.ui.app import make_context

    data_dir.mkdir(parents=True)
    with Store.open(data_dir / "xieshou.db") as store:
        store.create_draft(needs_form.id, needs_form.edition, "h", {}, title="福州样例草稿")
    ctx = make_context(data_dir, synchronous=True)
    window = StartWindow(ctx, early_drafts=peek_drafts(data_dir / "xieshou.db"))
    qtbot.addWidget(window)
    assert window.drafts.tree.topLevelItem(0).text(0) == "福州样例草稿"
    assert not window.centralWidget().isEnabled(), "nothing can be done with a draft until the store is open"
    ctx.store = Store.open(data_dir / "xieshou.db")
    try:
        window.store_ready()
        assert window.centralWidget().isEnabled() and window.drafts.tree.topLevelItemCount() == 1
    finally:
        ctx.store.close()


def test_an_unusable_data_folder_is_refused_in_words_not_a_traceback(tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("", encoding="utf-8")
    result = run_program(blocker / "数据")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    from desktop.ui.app import _take_lock

    lock, refused = _take_lock(blocker / "数据")
    assert lock is None and str(refused).startswith(f"数据文件夹无法写入：{blocker / '数据'}（路径中有一个同名的文件而不是文件夹）")
    assert "XIESHOU_DATA_DIR" in str(refused)
