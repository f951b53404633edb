"""Errors and notices in the user's words: never a traceback on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errorlog import describe


def describe_error(error: BaseException, doing: str = "") -> str:
    """A sentence a clerk can act on: our own errors already carry one; an internal error says what
    happened and where its detail was logged (desktop/errorlog.py), never its class name."""
    return describe(error, doing)


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "操作没有完成") -> None:
    text = error if isinstance(error, str) else describe_error(error)
    QMessageBox.warning(parent, title, text)
