"""Broken and hostile ISO images: real images from build_iso (and xorriso) with bytes patched.

Directory records are located by parsing the volume descriptors directly
(Ecma-119 §8.4, §9.1), so each patch hits exactly the field it means to:
records that loop back to the root or to themselves, extents and sizes
pointing past the end, names that are not valid UTF-16 or contain '/',
volume descriptors and path tables that lie, truncations at every layer.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop.package.iso import build_iso

if TYPE_CHECKING:
    from .hostile import HostileSet

SECTOR = 2048
PVD, JOLIET = 16, 17


@dataclass(frozen=True)
class Record:
    offset: int  # of the record in the image
    name: bytes
    extent: int
    size: int
    is_dir: bool


def records(image: bytes, extent: int, size: int) -> list[Record]:
    out, pos, end = [], extent * SECTOR, extent * SECTOR + size
    while pos < end:
        length = image[pos]
        if length == 0:  # records never cross a sector: skip to the next one
            pos = (pos // SECTOR + 1) * SECTOR
            continue
        name = image[pos + 33: pos + 33 + image[pos + 32]]
        out.append(Record(pos, name, struct.unpack_from("<I", image, pos + 2)[0],
                          struct.unpack_from("<I", image, pos + 10)[0], bool(image[pos + 25] & 2)))
        pos += length
    return out


def root(image: bytes, descriptor: int) -> Record:
    pos = descriptor * SECTOR + 156
    return Record(pos, b"\x00", struct.unpack_from("<I", image, pos + 2)[0],
                  struct.unpack_from("<I", image, pos + 10)[0], True)


def find(image: bytes, descriptor: int, *names: str) -> Record:
    """The record of ``names`` (ISO 9660 names like 'DATA', Joliet names like 'data')."""
    record = root(image, descriptor)
    for name in names:
        wanted = name.encode("utf-16-be") if descriptor == JOLIET else name.encode("ascii")
        record = next(r for r in records(image, record.extent, record.size) if r.name == wanted)
    return record


def set_extent(image: bytearray, record: Record, extent: int) -> None:
    struct.pack_into("<I", image, record.offset + 2, extent)
    struct.pack_into(">I", image, record.offset + 6, extent)


def set_size(image: bytearray, record: Record, size: int) -> None:
    struct.pack_into("<I", image, record.offset + 10, size)
    struct.pack_into(">I", image, record.offset + 14, size)


def _patches(image: bytes) -> dict[str, Callable[[bytearray], None]]:
    root_pvd, root_jol = root(image, PVD), root(image, JOLIET)
    data_pvd, data_jol = find(image, PVD, "DATA"), find(image, JOLIET, "data")
    file_pvd, file_jol = find(image, PVD, "ATTACHME", "01_.PDF;1"), find(image, JOLIET, "attachments", "01_营业执照.pdf")
    beyond = len(image) // SECTOR + 1000
    patches: dict[str, Callable[[bytearray], None]] = {
        "loop-to-root-pvd": lambda b: set_extent(b, data_pvd, root_pvd.extent),
        "loop-to-root-joliet": lambda b: set_extent(b, data_jol, root_jol.extent),
        "loop-to-root-both": lambda b: (set_extent(b, data_pvd, root_pvd.extent), set_extent(b, data_jol, root_jol.extent)),
        "loop-to-self": lambda b: (set_extent(b, data_pvd, data_pvd.offset // SECTOR),
                                   set_extent(b, data_jol, data_jol.offset // SECTOR)),
        "dir-past-end-pvd": lambda b: set_extent(b, data_pvd, beyond),
        "dir-past-end-joliet": lambda b: set_extent(b, data_jol, beyond),
        "dir-size-huge": lambda b: (set_size(b, data_pvd, 0x7FFFF800), set_size(b, data_jol, 0x7FFFF800)),
        "file-past-end": lambda b: (set_extent(b, file_pvd, beyond), set_extent(b, file_jol, beyond)),
        "file-size-huge": lambda b: (set_size(b, file_pvd, 0x7FFFFFFF), set_size(b, file_jol, 0x7FFFFFFF)),
        "file-size-lies": lambda b: (set_size(b, file_pvd, 10), set_size(b, file_jol, 10)),
        "file-points-at-manifest": lambda b: (set_extent(b, file_pvd, find(image, PVD, "MANIFEST.JSO;1").extent),
                                              set_extent(b, file_jol, find(image, JOLIET, "manifest.json").extent)),
        "root-past-end": lambda b: (set_extent(b, root_pvd, beyond), set_extent(b, root_jol, beyond)),
        "root-size-huge": lambda b: (set_size(b, root_pvd, 0x7FFFF800), set_size(b, root_jol, 0x7FFFF800)),
        "record-length-zero": lambda b: (b.__setitem__(data_pvd.offset, 0), b.__setitem__(data_jol.offset, 0)),
        "record-length-255": lambda b: (b.__setitem__(data_pvd.offset, 255), b.__setitem__(data_jol.offset, 255)),
        "name-length-zero": lambda b: (b.__setitem__(file_pvd.offset + 32, 0), b.__setitem__(file_jol.offset + 32, 0)),
        "name-length-huge": lambda b: (b.__setitem__(file_pvd.offset + 32, 220), b.__setitem__(file_jol.offset + 32, 220)),
        "joliet-lone-surrogate": lambda b: b.__setitem__(slice(file_jol.offset + 33, file_jol.offset + 35), b"\xd8\x00"),
        "joliet-slash": lambda b: b.__setitem__(slice(file_jol.offset + 33, file_jol.offset + 35), b"\x00/"),
        "joliet-dotdot": lambda b: (b.__setitem__(file_jol.offset + 32, 4),
                                    b.__setitem__(slice(file_jol.offset + 33, file_jol.offset + 37), b"\x00.\x00.")),
        "rr-slash": lambda b: _patch_rr_name(b, file_pvd, b"/"),
        "rr-newline": lambda b: _patch_rr_name(b, file_pvd, b"\n"),
        "rr-invalid-utf8": lambda b: _patch_rr_name(b, file_pvd, b"\xff"),
        "pvd-magic": lambda b: b.__setitem__(slice(PVD * SECTOR + 1, PVD * SECTOR + 6), b"XD001"),
        "all-magic": lambda b: [b.__setitem__(slice(s * SECTOR + 1, s * SECTOR + 6), b"XD001") for s in (16, 17, 18)],
        "no-terminator": lambda b: b.__setitem__(18 * SECTOR, 2),
        "space-size-lies": lambda b: _pack_both(b, PVD * SECTOR + 80, len(image) // SECTOR + 5000),
        "space-size-zero": lambda b: _pack_both(b, PVD * SECTOR + 80, 0),
        "path-table-past-end": lambda b: struct.pack_into("<I", b, PVD * SECTOR + 140, beyond),
        "path-table-size-huge": lambda b: _pack_both(b, PVD * SECTOR + 132, 0x7FFFFFFF),
        "block-size-512": lambda b: struct.pack_into("<H", b, PVD * SECTOR + 128, 512),
        "block-size-zero": lambda b: (struct.pack_into("<H", b, PVD * SECTOR + 128, 0),
                                      struct.pack_into(">H", b, PVD * SECTOR + 130, 0)),
        "data-tampered": lambda b: b.__setitem__(file_pvd.extent * SECTOR, b[file_pvd.extent * SECTOR] ^ 0xFF),
    }
    sub_pvd, sub_jol = find(image, PVD, "DATA", "SUBMISSI.JSO;1"), find(image, JOLIET, "data", "submission.json")
    record_fields = {"xattr": (1, 1), "unit-size": (26, 1), "gap-size": (27, 1)}
    for key, (offset, value) in record_fields.items():
        patches[f"submission-{key}"] = lambda b, o=offset, v=value: (b.__setitem__(sub_pvd.offset + o, v),
                                                                     b.__setitem__(sub_jol.offset + o, v))
    for key, bit in {"hidden": 1, "associated": 4}.items():
        patches[f"submission-{key}"] = lambda b, bit=bit: (b.__setitem__(sub_pvd.offset + 25, b[sub_pvd.offset + 25] | bit),
                                                           b.__setitem__(sub_jol.offset + 25, b[sub_jol.offset + 25] | bit))
    return patches


def _pack_both(image: bytearray, offset: int, value: int) -> None:
    struct.pack_into("<I", image, offset, value)
    struct.pack_into(">I", image, offset + 4, value)


def _patch_rr_name(image: bytearray, record: Record, replacement: bytes) -> None:
    """Overwrite the first byte of the Rock Ridge NM name in the record's system-use area."""
    length = image[record.offset]
    area = bytes(image[record.offset: record.offset + length])
    nm = area.index(b"NM", 33)
    image[record.offset + nm + 5] = replacement[0]


def image_cases(h: "HostileSet") -> None:
    images = h.sources / "images"
    images.mkdir()
    good = h.root / "good.iso"
    build_iso(h.base, good)
    original = good.read_bytes()
    for key, patch in _patches(original).items():
        patched = bytearray(original)
        patch(patched)
        h.add(f"iso-{key}", _write(images / f"{key}.iso", bytes(patched)))
    data_start = find(original, PVD, "DATA", "SUBMISSI.JSO;1").extent * SECTOR
    cuts = [0, 1000, 16 * SECTOR, 16 * SECTOR + 1000, 17 * SECTOR, 18 * SECTOR, 20 * SECTOR, 24 * SECTOR,
            data_start + 100, len(original) // 2, len(original) - SECTOR, len(original) - 1]
    for cut in cuts:
        h.add(f"iso-cut-{cut}", _write(images / f"cut-{cut}.iso", original[:cut]))
    junk = {"text": b"this is not a disc image\n" * 100, "zip": b"PK\x03\x04" + b"\x00" * 40_000,
            "random": os.urandom(40 * SECTOR)}
    for key, content in junk.items():
        h.add(f"iso-junk-{key}", _write(images / f"junk-{key}.iso", content))
    zeros = images / "zeros.iso"
    with open(zeros, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    h.add("iso-zeros-100mb", zeros)
    for key, data in bomb_images(original).items():
        h.add(f"iso-bomb-{key}", _write(images / f"bomb-{key}.iso", data))
    if shutil.which("xorriso"):
        _xorriso_cases(h, images)


def _file_records(count: int, start: int = 0) -> bytes:
    """``count`` minimal file records (34 bytes + a 4-character name) packed into whole sectors."""
    out, sector = bytearray(), bytearray()
    for number in range(start, start + count):
        name = f"{number % 36 ** 4:04X}"[-4:].encode("ascii")
        record = bytearray(33 + len(name) + 1)
        record[0] = len(record)
        record[32] = len(name)
        record[33: 33 + len(name)] = name
        if len(sector) + len(record) > SECTOR:
            out += sector + bytes(SECTOR - len(sector))
            sector = bytearray()
        sector += record
    return bytes(out + sector + bytes(SECTOR - len(sector)))


def bomb_images(original: bytes) -> dict[str, bytes]:
    """Images whose structure would cost pycdlib gigabytes at full size; made small, refused by the same limits."""
    def append_directory(records: bytes, *names: tuple[int, tuple[str, ...]]) -> bytes:
        image = bytearray(original)
        extent = len(image) // SECTOR
        image += records
        for descriptor, path in names:
            record = find(original, descriptor, *path)
            set_extent(image, record, extent)
            set_size(image, record, len(records))
        _pack_both(image, PVD * SECTOR + 80, len(image) // SECTOR)
        return bytes(image)

    huge_dir = _file_records(300_000)            # ≈ 13 MB: one directory over the per-directory limit
    many = _file_records(30_000)                 # ≈ 1.3 MB: under it, but more records than a tree may hold
    descriptors = bytearray(original[: 16 * SECTOR])
    boot = bytearray(SECTOR)
    boot[0:7] = b"\x00CD001\x01"
    descriptors += bytes(boot) * 5000            # 5,000 boot records and no terminator
    return {
        "one-huge-directory": append_directory(huge_dir, (PVD, ("DATA",)), (JOLIET, ("data",))),
        "30000-records": append_directory(many, (PVD, ("DATA",)), (JOLIET, ("data",))),
        "5000-descriptors": bytes(descriptors) + original[16 * SECTOR:],
    }


def _xorriso_cases(h: "HostileSet", images: Path) -> None:
    """Images of damaged folders made by another burner: links and special files in Rock Ridge."""
    from .hostile import ATTACHMENT, _fifo, _symlink

    variants: dict[str, tuple[list[str], Callable[[Path], None]]] = {
        "symlink": (["-J", "-R"], lambda f: _symlink(f / ATTACHMENT, h.outside / "same-bytes.pdf")),
        "symlink-rr-only": (["-R"], lambda f: _symlink(f / "attachments/extra.pdf", Path("/etc/passwd"))),
        "fifo": (["-R"], lambda f: _fifo(f / ATTACHMENT)),
        "extra": (["-J", "-R"], lambda f: (f / "autorun.inf").write_text("[autorun]\nopen=evil.exe\n")),
        "iso9660-only": (["--norock"], lambda f: None),
    }
    work = h.root / "xorriso-work"
    for key, (options, damage) in variants.items():
        folder = Path(shutil.copytree(h.base, work / key, symlinks=True))
        damage(folder)
        target = images / f"xorriso-{key}.iso"
        subprocess.run(["xorriso", "-as", "mkisofs", *options, "-o", str(target), str(folder)],
                       capture_output=True, check=True)
        h.add(f"iso-xorriso-{key}", target)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
