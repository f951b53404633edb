"""Reading a received ISO image (or a disc's raw device) without extracting it.

pycdlib parses the volume descriptors and directory records (it refuses
records that loop or point past the path table); the tree is then walked here
with caps on depth and entry count, and file data is read straight from the
image by extent, so nothing is written anywhere.  Each namespace is listed on
its own — Joliet, then Rock Ridge, then plain ISO 9660 — and the verifier
picks the one the manifest's paths match best.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pycdlib
from pycdlib.pycdlibexception import PyCdlibException

from desktop.oserrors import os_reason
from desktop.errorlog import note, reason
from .iso_limits import DescriptorWindow, ImageTooLarge, check_raw_limits
from .progress import Cancelled
from .safe_json import printable

SECTOR = 2048
MAX_ENTRIES = 10_000
MAX_DEPTH = 16
NAMESPACES = ("joliet", "rockridge", "iso9660")


class SourceUnreadable(Exception):
    """The source cannot be read at all; the message (Chinese) names it and says why."""


@dataclass(frozen=True)
class Entry:
    """One file found on a source: a package-relative path, its size and kind."""

    path: str
    size: int
    kind: str = "file"  # 'file' | 'link' | 'other' | 'broken' (already reported while listing)
    location: int = 0   # byte offset of the data in an image


@dataclass
class Listing:
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)   # every folder below the root, as a relative path

    @property
    def count(self) -> int:
        """Files and folders together: both cost memory and time, both count against MAX_ENTRIES."""
        return len(self.entries) + len(self.folders)


class IsoImage:
    """An image opened read-only; ``listings`` holds each namespace present."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._fp: BinaryIO = open(path, "rb")
        except OSError as exc:
            raise SourceUnreadable(f"无法打开光盘映像 {path}：{os_reason(exc)}") from None
        try:
            self.size = self._fp.seek(0, os.SEEK_END)
            self._iso = _parse(self._fp, self.size)
            self.listings = {name: self._list(name) for name in NAMESPACES if self._has(name)}
            self.problems = self._volume_problems()
        except BaseException:
            self._fp.close()
            raise

    def close(self) -> None:
        try:
            self._iso.close()
        except Exception:  # closing a half-parsed image must not hide the real problem
            pass
        self._fp.close()

    def __enter__(self) -> "IsoImage":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open_entry(self, entry: Entry) -> "ExtentReader":
        return ExtentReader(self._fp, entry.location, entry.size)

    def _volume_problems(self) -> list[str]:
        """The volume size the descriptor records, against the image and the files in it."""
        # pycdlib recomputes the size while parsing, so the recorded one is read here (Ecma-119 8.4.8).
        self._fp.seek(self._iso.pvd.extent_location() * SECTOR + 80)
        raw = self._fp.read(8)
        little, big = struct.unpack_from("<I", raw)[0], struct.unpack_from(">I", raw, 4)[0]
        volume = little * self._iso.logical_block_size
        ends = [e.location + e.size for listing in self.listings.values() for e in listing.entries.values()
                if e.kind == "file"]
        problems = [] if little == big else ["卷描述符中的卷大小前后矛盾，光盘映像结构异常"]
        if stat.S_ISREG(os.fstat(self._fp.fileno()).st_mode) and self.size < volume:
            problems.append(f"光盘映像比卷描述符记录的短 {volume - self.size} 字节，映像不完整（可能复制或刻录中断）")
        if ends and max(ends) > volume:
            problems.append("卷描述符记录的卷大小小于文件所在位置，光盘映像结构异常")
        return problems

    def _has(self, namespace: str) -> bool:
        if namespace == "joliet":
            return self._iso.has_joliet()
        if namespace == "rockridge":
            return self._iso.has_rock_ridge()
        return True

    def _list(self, namespace: str) -> Listing:
        root_vd = self._iso.joliet_vd if namespace == "joliet" else self._iso.pvd
        listing = Listing()
        try:
            _walk(root_vd.root_directory_record(), namespace, listing, self.size)
        except (Cancelled, KeyboardInterrupt):
            raise
        except Exception as exc:  # a record pycdlib accepted but that does not hold together
            note(exc, f"disc image directory ({namespace}) does not hold together")
            listing.problems.append(f"光盘目录结构异常（{'Joliet 目录' if namespace == 'joliet' else '主目录'}），已停止读取")
        return listing


def _parse(fp: BinaryIO, size: int) -> pycdlib.PyCdlib:
    if size < 17 * SECTOR:
        raise SourceUnreadable(f"文件只有 {size} 字节，不是完整的光盘映像（可能复制中断）")
    try:
        blank = check_raw_limits(fp, size)
    except ImageTooLarge as exc:
        raise SourceUnreadable(str(exc)) from None
    except OSError as exc:
        raise SourceUnreadable(f"读取光盘映像时出错（{reason(exc)}）") from None
    iso = pycdlib.PyCdlib()
    try:
        iso.open_fp(fp if blank is None else DescriptorWindow(fp, blank))
    except (Cancelled, KeyboardInterrupt):
        raise
    except Exception as exc:  # pycdlib, struct, unicode, recursion, memory: all mean "not readable"
        note(exc, "disc image refused by pycdlib")
        raise SourceUnreadable("光盘映像结构损坏，无法读取（可能是复制不完整或不是携手填报生成的光盘映像）") from None
    return iso


def _walk(root, namespace: str, listing: Listing, image_size: int) -> None:
    queue = [(root, "", 0)]
    seen_dirs = {root.extent_location()}
    while queue:
        directory, prefix, depth = queue.pop()
        for child in directory.children:
            if child is None or child.is_dot() or child.is_dotdot():
                continue
            if listing.count >= MAX_ENTRIES:
                listing.problems.append(f"光盘上的文件和文件夹超过 {MAX_ENTRIES} 个，不是本程序生成的数据包，已停止读取")
                return
            name = _name(child, namespace, listing, prefix)
            if name is None:
                continue
            path = f"{prefix}{name}"
            if child.is_dir() and not _is_link(child, namespace):
                if depth + 1 > MAX_DEPTH or child.extent_location() in seen_dirs:
                    listing.problems.append(f"光盘目录 {printable(path)} 嵌套过深或形成循环，已拒绝读取")
                    continue
                seen_dirs.add(child.extent_location())
                listing.folders.append(path)
                queue.append((child, path + "/", depth + 1))
                continue
            listing.entries[path] = _entry(child, path, namespace, listing, image_size)


def _name(child, namespace: str, listing: Listing, prefix: str) -> str | None:
    try:
        if namespace == "rockridge" and child.rock_ridge is not None and child.rock_ridge.name():
            name = child.rock_ridge.name().decode("utf-8")
        elif namespace == "joliet":
            name = child.file_identifier().decode("utf-16-be")
        else:
            name = child.file_identifier().decode("ascii")
    except UnicodeDecodeError:
        listing.problems.append(f"光盘目录 /{printable(prefix)} 中有文件名编码无效的文件，已拒绝读取")
        return None
    if namespace != "rockridge" and not child.is_dir():
        name = _strip_version(name)
    if not name or name in (".", "..") or "/" in name or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        listing.problems.append(f"光盘目录 /{printable(prefix)} 中有非法文件名 “{printable(name)}”，已拒绝读取")
        return None
    return name


def _strip_version(name: str) -> str:
    """``NAME.EXT;1`` → ``NAME.EXT``; ``NAME.;1`` → ``NAME`` (Ecma-119 7.5)."""
    base, sep, version = name.rpartition(";")
    if sep and version.isdigit():
        name = base
    return name[:-1] if name.endswith(".") and len(name) > 1 else name


def _is_link(child, namespace: str) -> bool:
    return namespace == "rockridge" and child.rock_ridge is not None and child.rock_ridge.is_symlink()


def _entry(child, path: str, namespace: str, listing: Listing, image_size: int) -> Entry:
    if _is_link(child, namespace):
        return Entry(path, 0, "link")
    kind = "file"
    mode = _rr_mode(child) if namespace == "rockridge" else None
    if mode is not None and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        kind = "other"  # a device, FIFO or socket node: never a package file
    if child.file_flags & (1 << 7):  # multi-extent: one file split over several records
        listing.problems.append(f"{printable(path)} 由多段组成（超过 4 GB），本程序不读取这类文件")
        kind = "other"
    odd = _odd_record(child)
    if odd and kind == "file":
        listing.problems.append(f"{printable(path)} 的目录记录{odd}；本程序生成的光盘不会这样写，已拒绝读取")
        kind = "broken"
    location = child.extent_location() * SECTOR
    size = child.get_data_length()  # pycdlib cuts a length that runs past the image end at the end
    if kind == "file" and (size < 0 or location + size > image_size):
        listing.problems.append(f"{printable(path)} 的数据超出映像末尾，光盘映像不完整（可能刻录或复制中断）")
        kind = "broken"
    return Entry(path, max(size, 0), kind, location)


def _odd_record(child) -> str:
    """What makes the record read differently by different systems (Ecma-119 9.1), or ''."""
    if child.xattr_len:
        return f"带有扩展属性（{child.xattr_len} 个逻辑块），各系统会从不同的位置读取文件内容"
    if child.file_unit_size or child.interleave_gap_size:
        return "是交错存放的（file unit size / interleave gap 不为 0），各系统读到的字节不同"
    if child.file_flags & 1:
        return "带有“隐藏”标记，Windows 不显示这个文件"
    if child.file_flags & 4:
        return "带有“关联文件”标记，多数系统不显示这个文件"
    return ""


def _rr_mode(child) -> int | None:
    try:
        return child.rock_ridge.get_file_mode() if child.rock_ridge is not None else None
    except PyCdlibException:
        return None  # no PX entry: plain file as far as Rock Ridge says


class ExtentReader:
    """A read-only stream over one file's bytes inside the image."""

    def __init__(self, fp: BinaryIO, start: int, size: int) -> None:
        self._fp, self._pos, self._left = fp, start, size

    def read(self, count: int) -> bytes:
        if self._left <= 0:
            return b""
        self._fp.seek(self._pos)
        data = self._fp.read(min(count, self._left))
        if not data:
            raise OSError("数据超出映像末尾，光盘映像不完整")
        self._pos += len(data)
        self._left -= len(data)
        return data

    def __enter__(self) -> "ExtentReader":
        return self

    def __exit__(self, *exc) -> None:
        self._left = 0
