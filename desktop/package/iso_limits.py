"""Limits on a received image, measured on the raw bytes before pycdlib parses it.

pycdlib builds an object for every volume descriptor, path-table record and
directory record before the program's own walk can stop: a 650 MB image of
tiny records would need gigabytes.  So the volume descriptor set and every
directory tree are first read here with a few small buffers (Ecma-119 §8,
§9.1), counting descriptors, path-table bytes, directories, records and
directory bytes, and an image over any limit is refused before pycdlib sees
it.  The limits are far above what an export writes (a package has tens of
files in a handful of folders) and what another burner writes for it.

Only the ISO 9660 / Joliet / Rock Ridge trees are read by the verifier, so
pycdlib is shown the descriptor set only up to its terminator
(:class:`DescriptorWindow`): UDF descriptors after it are never parsed.
"""

from __future__ import annotations

import struct
from collections import deque
from typing import BinaryIO

SECTOR = 2048
FIRST_DESCRIPTOR = 16
MAX_DESCRIPTORS = 16           # primary, Joliet, a boot record, terminator: a handful
MAX_PATH_TABLE_BYTES = 1 << 20
MAX_DIRECTORY_BYTES = 8 << 20  # one directory (10,000 records with long names and Rock Ridge fit in 4 MB)
MAX_TREE_BYTES = 16 << 20      # all directories of one tree
MAX_DIRECTORIES = 10_000       # per tree
MAX_RECORDS = 25_000           # per tree: the walk's own cap (MAX_ENTRIES) plus room for . and ..
_VALID_IDS = (b"CD001", b"CDW02", b"BEA01", b"NSR02", b"NSR03", b"TEA01", b"BOOT2")


class ImageTooLarge(Exception):
    """The image's structure is over a limit; the message (Chinese) says which."""


def check_raw_limits(fp: BinaryIO, size: int) -> int | None:
    """Raise ImageTooLarge when the image's structure is over a limit.

    Returns the sector to hide from pycdlib (the first descriptor after the
    terminator, e.g. UDF's), or None when the set ends at the terminator.
    """
    descriptors, end = _descriptors(fp)
    block = _block_size(descriptors)
    for kind, raw in descriptors:
        if kind in (1, 2) and raw[1:6] == b"CD001":
            _check_tree(fp, raw, block, size)
    fp.seek(end * SECTOR)
    after = fp.read(6)
    return end if len(after) == 6 and after[1:6] in _VALID_IDS else None


def _descriptors(fp: BinaryIO) -> tuple[list[tuple[int, bytes]], int]:
    found: list[tuple[int, bytes]] = []
    sector = FIRST_DESCRIPTOR
    while True:
        fp.seek(sector * SECTOR)
        raw = fp.read(SECTOR)
        if len(raw) < SECTOR or raw[0] not in (0, 1, 2, 255) or raw[1:6] not in _VALID_IDS:
            return found, sector
        found.append((raw[0], raw))
        sector += 1
        if raw[0] == 255 and raw[1:6] == b"CD001":
            return found, sector
        if len(found) >= MAX_DESCRIPTORS:
            raise ImageTooLarge(f"光盘映像的卷描述符超过 {MAX_DESCRIPTORS} 个且没有结束标记，不是正常的光盘映像")


def _block_size(descriptors: list[tuple[int, bytes]]) -> int:
    for kind, raw in descriptors:
        if kind == 1:
            size = struct.unpack_from("<H", raw, 128)[0]
            return size if size in (512, 1024, 2048) else SECTOR
    return SECTOR


def _check_tree(fp: BinaryIO, descriptor: bytes, block: int, image_size: int) -> None:
    path_table = struct.unpack_from("<I", descriptor, 132)[0]
    if path_table > MAX_PATH_TABLE_BYTES:
        raise ImageTooLarge(f"光盘映像的路径表有 {path_table} 字节，超过上限 {MAX_PATH_TABLE_BYTES}，"
                            "不是本程序生成的光盘")
    root = descriptor[156:190]
    queue = deque([(struct.unpack_from("<I", root, 2)[0], struct.unpack_from("<I", root, 10)[0])])
    seen = {queue[0][0]}
    tree_bytes = records = 0
    while queue:
        extent, length = queue.popleft()
        if length > MAX_DIRECTORY_BYTES:
            raise ImageTooLarge(f"光盘映像中有一个目录占 {length} 字节，超过上限 {MAX_DIRECTORY_BYTES}，"
                                "不是本程序生成的光盘")
        tree_bytes += length
        if tree_bytes > MAX_TREE_BYTES:
            raise ImageTooLarge(f"光盘映像的目录共超过 {MAX_TREE_BYTES} 字节，不是本程序生成的光盘")
        if extent * block + length > image_size:
            continue  # pycdlib and the walk report a directory past the end
        for child_extent, child_length in _subdirectories(fp, extent * block, length):
            records += 1
            if records > MAX_RECORDS:
                raise ImageTooLarge(f"光盘映像的目录记录超过 {MAX_RECORDS} 个，不是本程序生成的光盘")
            if child_extent is not None and child_extent not in seen:
                seen.add(child_extent)
                if len(seen) > MAX_DIRECTORIES:
                    raise ImageTooLarge(f"光盘映像中的目录超过 {MAX_DIRECTORIES} 个，不是本程序生成的光盘")
                queue.append((child_extent, child_length))


def _subdirectories(fp: BinaryIO, start: int, length: int):
    """(extent, size) of each record in the directory: a subdirectory's, or (None, 0) for anything else."""
    fp.seek(start)
    data = fp.read(length)
    pos = 0
    while pos < len(data):
        size = data[pos]
        if size == 0:  # records never cross a sector: the rest of this one is padding
            pos = (pos // SECTOR + 1) * SECTOR
            continue
        if size < 34 or pos + size > len(data):
            return  # a broken record: pycdlib refuses the image with its own message
        flags, name_len = data[pos + 25], data[pos + 32]
        is_self_or_parent = name_len == 1 and data[pos + 33] in (0, 1)
        if flags & 2 and not is_self_or_parent:
            yield struct.unpack_from("<I", data, pos + 2)[0], struct.unpack_from("<I", data, pos + 10)[0]
        elif not is_self_or_parent:
            yield None, 0
        pos += size


class DescriptorWindow:
    """The image as pycdlib should see it: every sector from ``blank`` on reads as zeros for one sector."""

    def __init__(self, fp: BinaryIO, blank_sector: int) -> None:
        self._fp = fp
        self._blank = (blank_sector * SECTOR, blank_sector * SECTOR + SECTOR)

    def read(self, count: int = -1) -> bytes:
        start = self._fp.tell()
        data = self._fp.read(count)
        low, high = max(start, self._blank[0]), min(start + len(data), self._blank[1])
        if low < high:
            data = data[: low - start] + bytes(high - low) + data[high - start:]
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fp.seek(offset, whence)

    def tell(self) -> int:
        return self._fp.tell()

    def __getattr__(self, name: str):
        return getattr(self._fp, name)
