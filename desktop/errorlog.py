"""Internal errors: the user reads a Chinese sentence, the technical detail goes to a log file.

``log_to(folder)`` sends warnings and errors of the ``xieshou`` loggers to
``xieshou.log`` in the data folder (the GUI and the CLI both call it).
``unexpected(error, doing)`` logs the traceback and returns what to tell the
user: what happened, that nothing typed is lost, what to do, and where the log
file is.  ``reason(error)`` is the short cause to put inside a longer message
("无法生成光盘映像：……"): the system's reason for a file error, our own
Chinese message as it is, and for anything else "程序内部出错" with the
detail logged — never an exception's class name or English text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.oserrors import json_reason, os_reason

LOG = logging.getLogger("xieshou.errors")
# Until log_to names a file, the detail is dropped rather than printed in English on the console
logging.getLogger("xieshou").addHandler(logging.NullHandler())
LOG_FILE_NAME = "xieshou.log"
_LOG_FILE: list[Path] = []  # where log_to sends the log (one per process)


class _LogFile(logging.FileHandler):
    """Created with its folder on the first entry; a log that cannot be written never shows an English line."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        pass


def log_to(directory: Path) -> Path:
    """Append warnings and errors to the data folder's log file (created on the first entry)."""
    path = Path(directory) / LOG_FILE_NAME
    if path not in _LOG_FILE:
        handler = _LogFile(path, encoding="utf-8", delay=True)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("xieshou").addHandler(handler)
        _LOG_FILE[:] = [path]
    return path


def log_file() -> Path:
    """The log file of this process (the data folder's, once log_to ran)."""
    if _LOG_FILE:
        return _LOG_FILE[0]
    from desktop.store.paths import data_dir

    return data_dir() / LOG_FILE_NAME


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


# Programming errors: whatever their text, never shown as a message
_INTERNAL = (ArithmeticError, AssertionError, AttributeError, LookupError, MemoryError, NameError,
             NotImplementedError, RecursionError, TypeError)


def _ours(error: BaseException) -> bool:
    """Our own errors carry a Chinese sentence for the user; a library's or Python's do not."""
    return not isinstance(error, _INTERNAL) and has_chinese(str(error))


def unexpected(error: BaseException, doing: str = "") -> str:
    """Log the traceback; the sentence to show instead of it."""
    LOG.error("unexpected error%s", f" while {doing}" if doing else "", exc_info=error)
    what = f"{doing}时" if doing else ""
    return (f"{what}程序内部出错，这一步没有完成；已填写和已保存的内容不受影响。请再试一次；"
            f"如果一再出现，请把日志文件 {log_file()} 发给技术支持人员（其中记录了出错的详情）。")


def note(error: BaseException, what: str) -> None:
    """Keep the technical detail of a refused file (a damaged disc image, a broken workbook) in the log."""
    LOG.warning("%s", what, exc_info=error)


def reason(error: BaseException) -> str:
    """The cause in a few Chinese words, for a message that says what failed."""
    if _ours(error):
        return str(error).rstrip("。 ")
    if isinstance(error, OSError):
        return os_reason(error)
    if isinstance(error, (ValueError, RecursionError)) and json_reason(error) != "内容无法识别":
        return json_reason(error)
    LOG.error("internal error", exc_info=error)
    return f"程序内部出错（详情已记入日志文件 {log_file()}）"


def describe(error: BaseException, doing: str = "") -> str:
    """A whole message: our own Chinese sentence as it is, a file error with its cause and advice,
    anything else as an internal error with its detail in the log file."""
    if _ours(error):
        return str(error)
    if isinstance(error, OSError):
        from desktop.oserrors import os_advice

        where = f"“{error.filename}”" if error.filename else "文件"
        return f"无法读写{where}：{os_reason(error)}。{os_advice(error)}"
    return unexpected(error, doing)
