"""Run a core function off the UI thread, with progress and cancel.

One helper for export, ISO, burning and opening discs (Anki's CollectionOp,
Orange's progress callback): ``ctx.tasks.run(parent, fn, *args,
on_success=..., on_failure=..., progress_bar=..., cancel_button=...)``.
When a progress bar or a cancel button is given, ``fn`` also receives
``progress(done, total)`` and ``cancel()`` keyword arguments — the contract of
``desktop.package.progress``.  Results come back on the UI thread by queued
signal.  In test mode (``synchronous=True``) everything runs inline.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QProgressBar, QWidget

from desktop.package.progress import Cancelled

from .messages import show_error

# Show a progress bar only for work that lasts longer than this (docs/workflow.md).
REVEAL_AFTER_MS = 500
PROGRESS_STEPS = 1000


class TaskHandle(QObject):
    """One running task; its signals are emitted from the worker and delivered on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, parent: QWidget | None, on_success, on_failure, bar, button, on_done):
        super().__init__()
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._bar: QProgressBar | None = bar
        self._button: QAbstractButton | None = button
        self._on_done = on_done
        self._cancelled = threading.Event()
        # Weak, and checked when the result arrives: a window closed meanwhile gets nothing.
        # (Not parent.destroyed: PySide may call a slot of an already freed handle.)
        self._parent_ref = weakref.ref(parent) if parent is not None else None
        self.finished = False
        self.succeeded.connect(self._succeed)
        self.failed.connect(self._fail)
        self.progressed.connect(self._progress)
        if button is not None:
            button.clicked.connect(self.cancel)

    # worker side ---------------------------------------------------------
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    # UI side -------------------------------------------------------------
    @Slot()
    def cancel(self) -> None:
        self._cancelled.set()
        if self._button is not None:
            self._button.setEnabled(False)
            self._button.setText("正在取消…")

    def start_indicators(self) -> None:
        if self._bar is not None:
            self._bar.setRange(0, PROGRESS_STEPS)
            self._bar.setValue(0)
        if self._button is not None:
            self._button.setEnabled(True)
            self._button.setText("取消")
        QTimer.singleShot(REVEAL_AFTER_MS, self._reveal)

    def _reveal(self) -> None:
        if not self.finished and not self.orphaned():
            for widget in (self._bar, self._button):
                if widget is not None:
                    widget.setVisible(True)

    def orphaned(self) -> bool:
        """True when the window the task reports to has been closed and deleted."""
        if self._parent_ref is None:
            return False
        parent = self._parent_ref()
        return parent is None or not shiboken6.isValid(parent)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._bar is not None and total > 0 and not self.orphaned():
            self._bar.setValue(min(PROGRESS_STEPS, done * PROGRESS_STEPS // total))

    def _finish(self) -> bool:
        """Hide the indicators; False when nobody is left to hear the result."""
        self.finished = True
        self._on_done(self)
        if self.orphaned():
            return False
        for widget in (self._bar, self._button):
            if widget is not None and shiboken6.isValid(widget):
                widget.setVisible(False)
        if self._button is not None and shiboken6.isValid(self._button):
            self._button.clicked.disconnect(self.cancel)
        return True

    @Slot(object)
    def _succeed(self, result: Any) -> None:
        if self._finish() and self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _fail(self, error: BaseException) -> None:
        if not self._finish():
            return
        if self._on_failure is not None:
            self._on_failure(error)
        elif not was_cancelled(error):
            show_error(self._parent, error)


def was_cancelled(error: BaseException) -> bool:
    """True when the work stopped because the user cancelled it (the core's progress.Cancelled)."""
    return isinstance(error, Cancelled)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], handle: TaskHandle):
        super().__init__()
        self._call = call
        self._handle = handle

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as error:  # delivered to the UI thread as a Chinese message
            self._handle.failed.emit(error)
        else:
            self._handle.succeeded.emit(result)


class TaskRunner:
    """The background executor of one application (held by its AppContext)."""

    def __init__(self, synchronous: bool = False):
        self.synchronous = synchronous
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount() // 2))
        # Store writes go through one thread, in the order they were asked for.
        self._serial = QThreadPool()
        self._serial.setMaxThreadCount(1)
        self._running: set[TaskHandle] = set()

    def run(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            progress_bar: QProgressBar | None = None, cancel_button: QAbstractButton | None = None,
            serial: bool = False) -> TaskHandle:
        handle = TaskHandle(parent, on_success, on_failure, progress_bar, cancel_button, self._running.discard)
        kwargs: dict[str, Any] = {}
        if progress_bar is not None or cancel_button is not None:
            kwargs = {"progress": handle.report, "cancel": handle.is_cancelled}
        call = lambda: fn(*args, **kwargs)  # noqa: E731 (bound once, run on the worker)
        self._running.add(handle)
        handle.start_indicators()
        job = _Job(call, handle)
        if self.synchronous:
            job.run()
        else:
            (self._serial if serial else self._pool).start(job)
        return handle

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (closing the program); True when all finished."""
        serial_done = self._serial.waitForDone(msecs)
        return self._pool.waitForDone(msecs) and serial_done
