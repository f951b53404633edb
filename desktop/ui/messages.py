"""Errors and notices in the user's words: never a traceback on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from desktop.errorlog import describe


def describe_error(error: BaseException, doing: str = "") -> str:
    """A sentence a clerk can act on: our own errors already carry one; an internal error says what
    happened and where its detail was logged (desktop/errorlog.py), never its class name."""
    return describe(error, doing)


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "操作没有完成") -> None:
    text = error if isinstance(error, str) else describe_error(error)
    QMessageBox.warning(parent, title, text)


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """A dialog's two buttons in Chinese (``ok_text`` and 取消), wired to its accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
