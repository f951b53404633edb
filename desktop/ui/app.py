"""Start the desktop program: Qt application, context, start window, the unclean-end notice.

Start-up is kept light (target: a painted window within 0.6 s, the drafts
listed within 2.5× a bare PySide6 window): the window is built and painted
first, with the drafts read by the standard library, and only then does the
store open on a worker thread (SQLAlchemy loading beside the window's build
only slowed both: imports hold the interpreter lock); the export pipeline
(reportlab, python-docx, fonts) loads only when the first export runs.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.childenv import restore_host_environment
from desktop.errorlog import log_to
from desktop.forms.registry import all_forms
from desktop.oserrors import os_advice, os_reason
from desktop.resources import ResourceMissingError, resource_path
from desktop.settings import SETTINGS_FILE_NAME, load_settings
from desktop.store import RecoveryReport, StoreError, data_dir, db_path
from desktop.store.lock import InstanceLock
from desktop.store.paths import lock_path
from desktop.store.peek import peek_drafts

from .context import AppContext
from .display import display_problem
from .handover import hand_over, serve_second_starts
from .messages import describe_error
from .start_window import StartWindow
from .store_opening import StoreOpening
from .tasks import TaskRunner
from .text import when_seconds

APP_NAME = "携手填报"
FONT_POINTS = (10.0, 11.0)
STORE_OPEN_LATEST_MS = 1000   # the store opens after the first paint, or after this long without one
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
    install_translations(app)
    return app


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own texts (dialog buttons, the folder picker) in Simplified Chinese, dates in Chinese order.

    Loads the zh_CN translations PySide6 ships (qtbase_zh_CN.qm); the translators
    are kept on the application so they live as long as it does.
    """
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = getattr(app, "_xieshou_translators", [])
    if kept:
        return kept
    for catalogue in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", folder):
            app.installTranslator(translator)
            kept.append(translator)
        else:
            logging.getLogger("xieshou.ui").warning("Qt translation %s_zh_CN not found in %s", catalogue, folder)
    app._xieshou_translators = kept
    return kept


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


def recovery_text(report: RecoveryReport, last_fields: Callable[[int], list[str]] = lambda _id: [],
                  name_of: Callable[[Any], str] = lambda draft: draft.label) -> str:
    """The notice after an unclean end: when each draft was last saved, to the second, and its last fields."""
    head = f"上次没有正常退出（{when_seconds(report.previous_started_at)} 启动的那次）。"
    if not report.drafts:
        return head + "那次没有修改过草稿，所有数据都完好。"
    lines = []
    for draft in report.drafts:
        fields = last_fields(draft.draft_id)
        named = f"；最后修改的是：{'、'.join(fields)}" if fields else ""
        lines.append(f"· {name_of(draft)}（保存于 {when_seconds(draft.updated_at)}{named}）")
    return head + "以下草稿已恢复到最后一次自动保存：\n" + "\n".join(lines) + "\n请打开核对最后几处修改。"


def show_recovery(window: QWidget, report: RecoveryReport, ctx: AppContext | None = None) -> QMessageBox:
    """Window-modal: the user reads it before touching anything."""
    from .recent_edits import draft_name, recent_field_names  # the wizard's modules: not needed to paint the start window

    last_fields = partial(recent_field_names, ctx) if ctx is not None else (lambda _id: [])
    name_of = partial(draft_name, ctx) if ctx is not None else (lambda draft: draft.label)
    box = QMessageBox(QMessageBox.Icon.Information, "草稿已恢复", recovery_text(report, last_fields, name_of),
                      QMessageBox.StandardButton.Ok, window)
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 34em; }")  # whole lines, not a narrow column broken mid-word
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


def _clean_stale_exports(ctx: AppContext) -> None:
    """Work folders of an export that was killed, in the folder the last export went to."""
    from desktop.package.folder import clean_stale_work

    if ctx.settings.last_export_dir:
        clean_stale_work(Path(ctx.settings.last_export_dir))


def _refuse(message: str, exit_after_show: bool) -> int:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if exit_after_show:
        QTimer.singleShot(0, box.accept)
    box.exec()
    return 1


def _take_lock(directory: Path) -> tuple[InstanceLock | None, StoreError | None]:
    """The single-instance lock, taken before anything else (cheap, and a second copy stops at once)."""
    try:
        return InstanceLock.acquire(lock_path(db_path(directory))), None
    except StoreError as refused:
        return None, refused
    except OSError as error:  # a read-only or vanished data folder
        return None, StoreError(f"无法使用数据文件夹 {directory}：{os_reason(error)}。{os_advice(error)}")


def run(argv: list[str] | None = None, exit_after_show: bool = False, files: list[Path] = ()) -> int:
    """Run the desktop program; the exit code (1 when the data folder cannot be used, 2 without a display).

    Start-up order: the single-instance lock; the drafts are read with the
    standard library (store/peek.py) and the start window is painted with
    them; then the store opens on a worker thread (SQLAlchemy loads there),
    the window's actions waiting until it is open (a window that is not
    painted, e.g. started minimised, opens it after ``STORE_OPEN_LATEST_MS``).  With
    ``exit_after_show`` the program quits once the store is open and the
    window painted (smoke test and start-up benchmark).  ``files`` are opened
    where they belong once the store is open; when a copy of the program
    already runs on the same data folder, they are handed to it and this
    start ends.
    """
    problem = display_problem()
    if problem is not None:  # before Qt, which would abort with an English line
        print(problem, file=sys.stderr)
        return 2
    directory = data_dir()
    lock, refused = _take_lock(directory)
    opening: StoreOpening | None = None
    app = make_application(list(argv if argv is not None else sys.argv))
    if refused is not None:
        # another copy runs on this data folder: hand it the files and bring its window forward
        if not exit_after_show and hand_over(list(files), directory):
            return 0
        return _refuse(str(refused), exit_after_show)
    try:
        ctx = make_context(directory)
        log_to(ctx.data_dir)
    except OSError as exc:  # a read-only or vanished data folder: say where and what to do
        from desktop.store.errors import StoreFolderError
        from desktop.store.lock import folder_reason

        return _refuse(str(StoreFolderError(directory, folder_reason(exc))), exit_after_show)
    window = StartWindow(ctx, early_drafts=peek_drafts(db_path(directory)))
    status = {"code": 0, "listed": False}

    def store_opened(future) -> None:
        try:
            ctx.store = future.result()
        except Exception as error:  # a damaged or too-new data file, a full disk
            window.hide()
            status["code"] = _refuse(describe_error(error), exit_after_show)
            app.quit()
            return
        window.store_ready()
        _trace("store open")
        gc.freeze()  # what start-up loaded stays for good: later full collections walk only what work makes
        _clean_stale_exports(ctx)
        serve_second_starts(window, files)
        if exit_after_show:
            _AfterPaint(window, lambda: (status["listed"] or _trace("drafts listed"), _trace("ready"), app.quit()))
            window.update()
        elif ctx.store.recovery is not None:
            show_recovery(window, ctx.store.recovery, ctx)

    def painted() -> None:
        _trace("painted")
        if window.drafts.listed:
            status["listed"] = True
            _trace("drafts listed")
        open_store()

    def open_store() -> None:
        nonlocal opening
        if opening is None:
            opening = StoreOpening(db_path(directory), lock)
            opening.when_done(store_opened)

    _AfterPaint(window, painted)
    window.show()
    QTimer.singleShot(STORE_OPEN_LATEST_MS, open_store)
    try:
        code = app.exec()
        return status["code"] or code
    finally:
        ctx.tasks.wait()
        if ctx.store is not None:
            ctx.store.close()
        elif opening is not None:
            opening.abandon()
