"""Errors and notices in the user's words: never a traceback on screen."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.oserrors import os_advice, os_reason

LOG = logging.getLogger("xieshou.ui")
LOG_FILE_NAME = "xieshou.log"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def describe_error(error: BaseException) -> str:
    """A sentence a clerk can act on; our own errors already carry one."""
    text = str(error)
    if _has_chinese(text):
        return text
    if isinstance(error, OSError):
        where = f"“{error.filename}”" if error.filename else "文件"
        return f"无法读写{where}：{os_reason(error)}。{os_advice(error)}"
    LOG.error("unexpected error", exc_info=error)
    return (f"操作没有完成：程序遇到了意外情况（{error.__class__.__name__}）。请再试一次；"
            f"如果一再出现，请把数据文件夹中的 {LOG_FILE_NAME} 发给技术支持人员。")


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "操作没有完成") -> None:
    text = error if isinstance(error, str) else describe_error(error)
    QMessageBox.warning(parent, title, text)
