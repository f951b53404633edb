"""Start the desktop program: Qt application, context, start window, the unclean-end notice.

Start-up is kept light (target: a painted window within 0.6 s): the store and
the form definitions are loaded, but the export pipeline (reportlab,
python-docx, fonts) only when the first export runs.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.childenv import restore_host_environment
from desktop.forms.registry import all_forms
from desktop.resources import ResourceMissingError, resource_path
from desktop.settings import SETTINGS_FILE_NAME, load_settings
from desktop.store import RecoveryReport, StoreError, data_dir, db_path

from .context import AppContext
from .handover import hand_over, serve_second_starts
from .messages import LOG_FILE_NAME
from .start_window import StartWindow
from .tasks import TaskRunner
from .text import when

APP_NAME = "携手填报"
FONT_POINTS = (10.0, 11.0)
# Simplified-Chinese faces first, so shared Han characters take their mainland shapes.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "PingFang SC")


def make_application(argv: list[str]) -> QApplication:
    """The Qt application; ``argv`` as in ``sys.argv`` (program name first, Qt options after)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv) or [APP_NAME])
    app.setApplicationName(APP_NAME)
    restore_host_environment()  # Qt has read its plugin path: programs it starts get the user's environment
    app.setStyle("Fusion")
    try:
        app.setWindowIcon(QIcon(str(resource_path("icons", "xieshou.svg"))))
    except ResourceMissingError:
        pass  # a plain window frame is no reason to refuse to start
    font = QFont(app.font())
    font.setFamilies([font.family(), *CJK_FAMILIES])
    size = font.pointSizeF()
    if not FONT_POINTS[0] <= size <= FONT_POINTS[1]:
        font.setPointSizeF(10.5)
    app.setFont(font)
    return app


def make_context(directory: Path | None = None, synchronous: bool = False) -> AppContext:
    """The context without its store yet (see :func:`open_store`)."""
    directory = Path(directory) if directory is not None else data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    settings_path = directory / SETTINGS_FILE_NAME
    return AppContext(store=None, settings=load_settings(settings_path), settings_path=settings_path,
                      data_dir=directory, forms=all_forms(), tasks=TaskRunner(synchronous=synchronous))


def open_store(ctx: AppContext) -> None:
    """Open the context's store (SQLAlchemy, migrations, the single-instance lock); raises StoreError."""
    from desktop.store.store import Store

    ctx.store = Store.open(db_path(ctx.data_dir))


def open_context(directory: Path | None = None, synchronous: bool = False) -> AppContext:
    """Open the store in ``directory`` (the data folder by default); raises StoreError."""
    ctx = make_context(directory, synchronous)
    open_store(ctx)
    return ctx


def recovery_text(report: RecoveryReport) -> str:
    head = f"上次没有正常退出（{when(report.previous_started_at)} 启动的那次）。"
    if not report.drafts:
        return head + "那次没有修改过草稿，所有数据都完好。"
    lines = [f"· {d.label}（保存时间 {when(d.updated_at)}）" for d in report.drafts]
    return head + "以下草稿已恢复到最后一次自动保存：\n" + "\n".join(lines) + "\n请打开核对最后几处修改。"


def show_recovery(window: QWidget, report: RecoveryReport) -> QMessageBox:
    """Window-modal: the user reads it before touching anything."""
    box = QMessageBox(QMessageBox.Icon.Information, "草稿已恢复", recovery_text(report),
                      QMessageBox.StandardButton.Ok, window)
    box.button(QMessageBox.StandardButton.Ok).setText("知道了")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


class _AfterPaint(QObject):
    """Runs ``then`` once, right after the window's next paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]):
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def _trace(what: str) -> None:
    """With XIESHOU_STARTUP_TRACE set, print when start-up reached a point (for benchmarks/)."""
    if os.environ.get("XIESHOU_STARTUP_TRACE"):
        print(f"startup {what} {time.time():.4f}", file=sys.stderr, flush=True)


def _log_to(directory: Path) -> None:
    handler = logging.FileHandler(directory / LOG_FILE_NAME, encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("xieshou").addHandler(handler)


def _refuse(message: str, exit_after_show: bool) -> int:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if exit_after_show:
        QTimer.singleShot(0, box.accept)
    box.exec()
    return 1


def run(argv: list[str] | None = None, exit_after_show: bool = False, files: list[Path] = ()) -> int:
    """Run the desktop program; the exit code (1 when the data folder cannot be used).

    The start window is painted first; the store (SQLAlchemy, the single-instance
    lock, migrations) opens right after, and the drafts appear when it is ready.
    With ``exit_after_show`` the program quits once the window is painted with
    its drafts (smoke test and start-up benchmark). ``files`` are opened where
    they belong once the store is open; when a copy of the program already runs
    on the same data folder, they are handed to it instead and this start ends.
    """
    app = make_application(list(argv if argv is not None else sys.argv))
    ctx = make_context()
    if not exit_after_show and hand_over(list(files), ctx.data_dir):
        return 0
    _log_to(ctx.data_dir)
    window = StartWindow(ctx)
    status = {"code": 0}

    def finish_start() -> None:
        _trace("painted")
        try:
            open_store(ctx)
        except StoreError as error:  # another copy running, a damaged or too-new data file
            window.hide()
            status["code"] = _refuse(str(error), exit_after_show)
            app.quit()
            return
        window.store_ready()
        serve_second_starts(window, files)
        if exit_after_show:
            _AfterPaint(window, lambda: (_trace("ready"), app.quit()))
            window.update()
        elif ctx.store.recovery is not None:
            show_recovery(window, ctx.store.recovery)

    _AfterPaint(window, finish_start)
    window.show()
    try:
        code = app.exec()
        return status["code"] or code
    finally:
        ctx.tasks.wait()
        if ctx.store is not None:
            ctx.store.close()
