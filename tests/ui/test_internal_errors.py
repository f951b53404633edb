"""An unexpected error in export, verify or open: a Chinese sentence with the log file's place, never a class name."""

from __future__ import annotations

import logging
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import cli, errorlog
from desktop.ui.start_window import StartWindow
from desktop.ui.verify_window import VerifyWindow

from .helpers import open_wizard

DETAIL = "unexpected internal detail 42"


@pytest.fixture
def log_file(ctx):
    path = errorlog.log_to(ctx.data_dir)
    yield path
    logger = logging.getLogger("xieshou")
    for handler in [h for h in logger.handlers if isinstance(h, errorlog._LogFile)]:
        logger.removeHandler(handler)
        handler.close()
    errorlog._LOG_FILE.clear()


def broken(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error
    return fail


def assert_told_in_chinese(text: str, error: BaseException, log_file) -> None:
    assert str(log_file) in text and "程序内部出错" in text and "请再试一次" in text
    words = text.replace(str(log_file), "")
    assert type(error).__name__ not in words and DETAIL not in words
    assert re.findall(r"[A-Za-z]{2,}", words) == []  # no English at all besides the log file's place
    logged = log_file.read_text(encoding="utf-8")
    assert type(error).__name__ in logged and DETAIL in logged and "Traceback" in logged


def test_an_internal_error_in_an_export_is_told_in_chinese(ctx, qtbot, new_draft, log_file, monkeypatch):
    error = KeyError(DETAIL)
    monkeypatch.setattr("desktop.ui.export_page.run_export", broken(error))
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("export")
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "程序内部出错" in page.status.text())
    assert page.status.text().startswith("导出时程序内部出错")
    assert_told_in_chinese(page.status.text(), error, log_file)
    assert page.draft_button.isEnabled()  # the clerk can try again


def test_an_internal_error_in_verifying_is_told_in_chinese(ctx, qtbot, tmp_path, log_file, monkeypatch):
    error = AttributeError(DETAIL)
    monkeypatch.setattr("desktop.ui.verify_window.verify_paths", broken(error))
    window = VerifyWindow(ctx)
    qtbot.addWidget(window)
    window.open_paths([tmp_path])
    qtbot.waitUntil(lambda: "程序内部出错" in window.summary.text())
    assert_told_in_chinese(window.summary.text(), error, log_file)


def test_an_internal_error_opening_a_draft_is_told_in_chinese(ctx, qtbot, new_draft, log_file, monkeypatch):
    error = TypeError(f"{DETAIL}：中文也不算用户的说明")  # a programming error is never shown, whatever its text
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    monkeypatch.setattr(type(ctx.windows), "open_draft", broken(error))
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    assert start.open_draft(new_draft()) is None
    [(title, text)] = shown
    assert title == "无法打开草稿"
    assert_told_in_chinese(text, error, log_file)


def test_an_internal_error_in_a_command_exits_3_with_a_chinese_sentence(ctx, log_file, monkeypatch, capsys):
    error = ZeroDivisionError(DETAIL)
    monkeypatch.setattr(cli, "cmd_uscc", broken(error))
    assert cli.main(["uscc", "91350100M000100Y43"]) == 3
    text = capsys.readouterr().err.strip()
    assert text.startswith("执行“xieshou uscc”时程序内部出错")
    assert_told_in_chinese(text.replace("xieshou uscc", ""), error, log_file)


def test_our_own_chinese_errors_and_file_errors_are_shown_as_they_are(tmp_path):
    from desktop.engine.submission import SubmissionError

    assert errorlog.describe(SubmissionError("文件不是有效的填报数据。")) == "文件不是有效的填报数据。"
    missing = FileNotFoundError(2, "No such file or directory", str(tmp_path / "x.json"))
    text = errorlog.describe(missing)
    assert "文件或文件夹不存在" in text and "No such" not in text
    assert errorlog.reason(missing) == "文件或文件夹不存在"
