"""The task runner: work off the UI thread, results on it, progress, cancel, Chinese failures."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from desktop.package.progress import Cancelled, check_cancel
from desktop.ui.tasks import PROGRESS_STEPS, TaskRunner


def counting(steps: int, progress, cancel) -> int:
    for done in range(1, steps + 1):
        check_cancel(cancel)
        progress(done, steps)
        time.sleep(0.01)
    return threading.get_ident()


def test_work_runs_off_the_ui_thread_and_reports_back_on_it(qtbot):
    runner = TaskRunner()
    parent = QWidget()
    qtbot.addWidget(parent)
    bar, button = QProgressBar(parent), QPushButton(parent)
    results: list = []
    handle = runner.run(parent, counting, 5, on_success=lambda r: results.append((r, threading.get_ident())),
                        progress_bar=bar, cancel_button=button)
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    worker, receiver = results[0]
    assert worker != threading.get_ident() and receiver == threading.get_ident()
    assert bar.value() == PROGRESS_STEPS and bar.isHidden()
    assert not runner.busy()


def test_cancel_stops_the_work(qtbot):
    runner = TaskRunner()
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton(parent)
    failures: list = []
    started = threading.Event()

    def wait_for_cancel(progress, cancel):
        started.set()
        while not cancel():
            time.sleep(0.005)
        raise Cancelled()
    handle = runner.run(parent, wait_for_cancel, on_failure=failures.append, cancel_button=button)
    started.wait(5)
    button.click()
    assert button.text() == "正在取消…"
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert isinstance(failures[0], Cancelled)


def test_an_unexpected_failure_is_told_in_chinese_without_a_traceback(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    runner = TaskRunner(synchronous=True)

    def broken():
        raise KeyError("internal")
    runner.run(None, broken)
    assert shown and shown[0].startswith("程序内部出错，这一步没有完成") and "日志文件" in shown[0]
    assert "Traceback" not in shown[0] and "KeyError" not in shown[0] and "internal" not in shown[0]


def test_a_full_disk_is_explained(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def full():
        raise OSError(28, "No space left on device", "/media/usb/a.pdf")
    TaskRunner(synchronous=True).run(None, full)
    assert "“/media/usb/a.pdf”" in shown[0] and "磁盘" in shown[0]


def test_test_mode_runs_inline(qtbot):
    results: list = []
    TaskRunner(synchronous=True).run(None, lambda: threading.get_ident(), on_success=results.append)
    assert results == [threading.get_ident()]


def test_a_result_for_a_closed_window_is_dropped(qtbot):
    runner = TaskRunner()
    parent = QWidget()
    release = threading.Event()
    results: list = []
    handle = runner.run(parent, lambda: release.wait(5), on_success=results.append)
    parent.deleteLater()
    qtbot.waitUntil(handle.orphaned, timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert results == []


def test_cancellation_is_recognised_by_type_not_by_name():
    from desktop.package.progress import Cancelled
    from desktop.ui.tasks import was_cancelled

    class BurnCancelled(Cancelled):
        pass

    class Impostor(Exception):
        pass

    Impostor.__name__ = "Cancelled"
    assert was_cancelled(Cancelled()) and was_cancelled(BurnCancelled("刻录已取消"))
    assert not was_cancelled(Impostor()) and not was_cancelled(OSError())
