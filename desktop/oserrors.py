"""Why a file could not be read or written, in Chinese (the system's own words are English).

``os_reason(error)`` names the cause of an OSError ("文件或文件夹不存在"),
``os_advice(error)`` says what to do, and ``json_reason(error)`` places a
JSON syntax error ("第 3 行第 14 列附近格式不对").  Messages that quote an
error use these instead of ``strerror``/``str(error)``.
"""

from __future__ import annotations

import errno
import json

_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘空间配额已用完",
    errno.EROFS: "磁盘是只读的（例如光盘或写保护的 U 盘）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "同名的文件已经存在",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "磁盘读写出错（光盘或 U 盘可能已损坏）",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动",
    errno.ENODEV: "设备不存在或已断开",
    errno.ENXIO: "设备不存在或已断开",
    errno.ETIMEDOUT: "读取超时",
}
_ADVICE = {
    errno.ENOENT: "请检查路径是否写对，文件是否已被移动或删除。",
    errno.EACCES: "请换一个文件夹（例如“文档”），或请电脑管理员开放权限。",
    errno.EPERM: "请换一个文件夹（例如“文档”），或请电脑管理员开放权限。",
    errno.ENOSPC: "请清理磁盘或换一个磁盘后再试。",
    errno.EDQUOT: "请清理磁盘或换一个磁盘后再试。",
    errno.EROFS: "请换一个可以写入的位置。",
    errno.ENAMETOOLONG: "请换一个层级较浅的文件夹或更短的文件名。",
    errno.EBUSY: "请关闭正在使用它的程序后再试。",
    errno.EISDIR: "请选择文件夹中的文件，而不是文件夹本身。",
    errno.ENOTDIR: "请检查路径是否写对。",
}


def os_reason(error: OSError) -> str:
    """The cause, in Chinese; an unknown error number is named by its number only."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if isinstance(error, PermissionError):
        return _REASONS[errno.EACCES]
    if isinstance(error, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    if isinstance(error, TimeoutError):
        return _REASONS[errno.ETIMEDOUT]
    return f"系统错误 {error.errno}" if error.errno else "读写出错"


def os_advice(error: OSError) -> str:
    """What to do about it: one sentence ending in 。"""
    return _ADVICE.get(error.errno, "请确认磁盘、U 盘或光盘连接正常后再试。")


def json_reason(error: BaseException) -> str:
    """Where a JSON text is broken (or why it cannot be read as text)."""
    if isinstance(error, json.JSONDecodeError):
        return f"第 {error.lineno} 行第 {error.colno} 列附近格式不对"
    if isinstance(error, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    if isinstance(error, RecursionError):
        return "嵌套层数过多"
    if isinstance(error, OSError):
        return os_reason(error)
    return "内容无法识别"
