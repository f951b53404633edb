"""Reading a received package folder (or a mounted disc) without following links.

The tree is listed with ``os.scandir`` and never descends through a symbolic
link, junction or other reparse point; such entries, FIFOs and device nodes
are listed as what they are so the verifier can refuse them by name.  Files
are opened read-only, component by component relative to directory
descriptors with ``O_NOFOLLOW`` where the platform has them (Linux, BSD,
macOS), so a link swapped in after listing cannot redirect a read outside the
source, and a FIFO swapped in cannot block it (``O_NONBLOCK``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from desktop.oserrors import os_reason
from .iso_read import MAX_DEPTH, MAX_ENTRIES, Entry, Listing
from .safe_json import printable

_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT: symlinks and junctions on Windows
_DIR_FD = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")


class FolderTree:
    """Every file under ``root`` (relative POSIX paths), listed without following links."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.listing = Listing()
        self._walk()

    def open_entry(self, entry: Entry) -> BinaryIO:
        """Open a listed regular file read-only; OSError if it is no longer that file."""
        fd = _open_beneath(self.root, entry.path.split("/")) if _DIR_FD else _open_checked(self.root / entry.path)
        return os.fdopen(fd, "rb", buffering=0)

    def _walk(self) -> None:
        stack = [(self.root, "", 0)]
        while stack:
            folder, prefix, depth = stack.pop()
            children = self._children(folder, prefix)
            if children is None:
                return
            for item in children:
                path = prefix + item.name
                if is_link(item):
                    self.listing.entries[path] = Entry(path, 0, "link")
                elif item.is_dir(follow_symlinks=False):
                    self.listing.folders.append(path)
                    if depth + 1 > MAX_DEPTH:
                        self.listing.problems.append(f"目录 {printable(path)} 嵌套过深，已拒绝读取")
                    else:
                        stack.append((Path(item.path), path + "/", depth + 1))
                elif item.is_file(follow_symlinks=False):
                    self.listing.entries[path] = Entry(path, item.stat(follow_symlinks=False).st_size)
                else:
                    self.listing.entries[path] = Entry(path, 0, "other")

    def _children(self, folder: Path, prefix: str) -> list[os.DirEntry] | None:
        """The folder's entries, sorted; None (with the problem noted) when the entry cap is reached.

        At most the remaining allowance is read, so a folder of a million
        entries costs no more than one of ``MAX_ENTRIES``.
        """
        room = MAX_ENTRIES - self.listing.count
        children = []
        try:
            with os.scandir(folder) as items:
                for item in items:
                    if len(children) >= room:
                        self.listing.problems.append(f"文件和文件夹超过 {MAX_ENTRIES} 个，不是本程序生成的数据包，"
                                                     "已停止读取")
                        return None
                    children.append(item)
        except OSError as exc:
            self.listing.problems.append(f"无法读取目录 {printable(prefix or '.')}：{os_reason(exc)}")
            return []
        return sorted(children, key=lambda item: item.name)


def is_link(item: os.DirEntry) -> bool:
    if item.is_symlink():
        return True
    try:
        return bool(getattr(item.stat(follow_symlinks=False), "st_file_attributes", 0) & _REPARSE_POINT)
    except OSError:
        return True  # cannot tell what it is: do not read it


def _open_beneath(root: Path, parts: list[str]) -> int:
    """openat() down the path, refusing links at every step."""
    dir_flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for part in parts[:-1]:
            next_fd = os.open(part, dir_flags, dir_fd=fd)
            os.close(fd)
            fd = next_fd
        file_fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                          dir_fd=fd)
    finally:
        os.close(fd)
    return _require_regular(file_fd)


def _open_checked(path: Path) -> int:
    """Where openat() is missing (Windows): lstat first, then check the opened file is that one."""
    before = os.lstat(path)
    if not stat.S_ISREG(before.st_mode) or getattr(before, "st_file_attributes", 0) & _REPARSE_POINT:
        raise OSError("不是普通文件")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    after = os.fstat(fd)
    if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
        os.close(fd)
        raise OSError("文件在读取时被替换")
    return _require_regular(fd)


def _require_regular(fd: int) -> int:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError("不是普通文件")
    return fd
