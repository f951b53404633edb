"""Single-instance lock (only one running copy may use a data directory).

An OS lock, not a marker file: the operating system drops it when the process
ends in any way (close, crash, kill -9, power cut), so a stale lock can never
keep the clerk out. The holder's PID is written into the file so the second
copy can say which process is running.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from desktop.oserrors import os_reason
from desktop.store.errors import StoreFolderError, StoreLockedError

# On Windows locks are mandatory: a locked byte cannot even be read. The PID is
# written at the start of the file and the lock sits on a byte well past it.
_WINDOWS_LOCK_OFFSET = 64

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_REASONS = {errno.EROFS: "磁盘或文件系统是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
            errno.ENOSPC: "磁盘已满", errno.ENOTDIR: "路径中有一个同名的文件而不是文件夹",
            errno.EISDIR: "锁文件的位置被一个文件夹占用", errno.ENOENT: "路径不存在"}


def folder_reason(exc: OSError) -> str:
    """Why a folder cannot be written, in Chinese (an unusual cause by its error number, never the system's English)."""
    return _REASONS.get(exc.errno or 0) or os_reason(exc)


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, _WINDOWS_LOCK_OFFSET).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))


class InstanceLock:
    """An exclusive, non-blocking lock on ``path``, held until :meth:`release`."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path) -> InstanceLock:
        """Take the lock or raise :class:`StoreLockedError` naming the holder."""
        path = Path(path)
        # Opened without truncation: the file may belong to the running copy,
        # whose PID we want to read, not erase. The descriptor is not
        # inherited by child processes (PEP 446), so burners or viewers the
        # program starts cannot keep the lock alive after it ends.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:  # a read-only, full or vanished folder: say so, never hang or trace back
            raise StoreFolderError(path.parent, folder_reason(exc)) from None
        try:
            _try_lock(fd)
        except OSError:
            pid = _read_pid(fd)
            os.close(fd)
            raise StoreLockedError(pid) from None
        try:
            _write_pid(fd)
        except OSError:
            pass  # a full disk: the PID only helps a second copy name this one
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up; safe to call twice."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
