"""One file of a received package, read through its manifest (the officer's "查看内容").

The officer looks at the data of a package the verifier has just checked; the
file is read again here — never extracted, never written anywhere — under the
verifier's limits: a manifest of at most 1 MB, only a path the manifest lists
(so no path from the disc is ever opened as given), at most the listed size,
and the bytes must have the listed SHA-256.  A disc swapped since the check
gives an error, not someone else's data.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop.oserrors import os_reason
from .iso_read import Entry, SourceUnreadable
from .manifest_check import SUBMISSION_PATH, ManifestRefused, ManifestView, check_manifest
from .package_check import CHUNK, MANIFEST_MAX_BYTES, SUBMISSION_MAX_BYTES
from .resolve import manifest_entry, resolve
from .safe_json import JsonRefused, loads_limited, printable
from .sources import OpenedSource, discover


class ListedFileError(Exception):
    """The file cannot be shown; the message (Chinese) says why and what to do."""


def read_listed_file(source: Path, relpath: str, *, max_bytes: int = SUBMISSION_MAX_BYTES) -> bytes:
    """The bytes of ``relpath`` as listed in the manifest of the package at ``source`` (folder, disc or .iso)."""
    with _opened_package(source) as (opened, view):
        return _read(opened, view, relpath, max_bytes)


def read_data_files(source: Path, *, max_bytes: int = SUBMISSION_MAX_BYTES) -> list[tuple[str, bytes]]:
    """(path, bytes) of every data file of the package (data/submission.json first), read as above."""
    with _opened_package(source) as (opened, view):
        paths = sorted((f.path for f in view.files if f.role == "data"), key=lambda p: (p != SUBMISSION_PATH, p))
        return [(path, _read(opened, view, path, max_bytes)) for path in paths]


@contextmanager
def _opened_package(source: Path) -> Iterator[tuple[OpenedSource, ManifestView]]:
    """The package at ``source``, opened, with its checked manifest; errors as ListedFileError."""
    refs = discover([Path(source)])
    if len(refs) != 1 or refs[0].kind not in ("folder", "iso"):
        raise ListedFileError(f"找不到数据包 {printable(str(source))}，请重新放入光盘或选择文件夹后再校验")
    try:
        with OpenedSource(refs[0]) as opened:
            yield opened, manifest_view(opened)
    except SourceUnreadable as exc:
        raise ListedFileError(str(exc)) from None
    except OSError as exc:
        raise ListedFileError(f"读取数据包时出错（{os_reason(exc)}），"
                              "请检查光盘后重新校验") from None


def manifest_view(opened: OpenedSource) -> ManifestView:
    """The checked manifest of an opened source; ListedFileError when there is none to rely on."""
    found = manifest_entry(opened.listings)
    if found is None or found[1].kind != "file":
        raise ListedFileError("没有找到 manifest.json：这不是携手填报的数据包，或者光盘、文件夹不完整")
    entry = found[1]
    if entry.size > MANIFEST_MAX_BYTES:
        raise ListedFileError(f"manifest.json 过大（{entry.size} 字节），已拒绝读取")
    try:
        manifest = loads_limited(_read_exactly(opened, entry), max_bytes=MANIFEST_MAX_BYTES)
        view, _problems = check_manifest(manifest)
    except (JsonRefused, ManifestRefused) as exc:
        raise ListedFileError(f"manifest.json 无法使用：{exc}") from None
    return view


def _read(opened: OpenedSource, view: ManifestView, relpath: str, max_bytes: int) -> bytes:
    listed = next((f for f in view.files if f.path == relpath), None)
    if listed is None:
        raise ListedFileError(f"数据包的清单中没有 {printable(relpath)}，无法显示")
    if listed.size > max_bytes:
        raise ListedFileError(f"{printable(relpath)} 过大（{listed.size} 字节，上限 {max_bytes} 字节），已拒绝读取")
    entry = resolve(opened.listings, [f.path for f in view.files]).found.get(relpath)
    if entry is None or entry.kind != "file":
        raise ListedFileError(f"缺少文件 {printable(relpath)}（清单中有，光盘或文件夹中没有），请重新校验")
    if entry.size != listed.size:
        raise ListedFileError(f"{printable(relpath)} 大小与清单不符，数据包可能在校验后被更换，请重新校验")
    data = _read_exactly(opened, entry)
    if hashlib.sha256(data).hexdigest() != listed.sha256:
        raise ListedFileError(f"{printable(relpath)} 内容与清单不符，数据包可能在校验后被更换，请重新校验")
    return data


def _read_exactly(opened: OpenedSource, entry: Entry) -> bytes:
    parts: list[bytes] = []
    left = entry.size
    with opened.open_entry(entry) as stream:
        while left > 0:
            chunk = stream.read(min(CHUNK, left))
            if not chunk:
                raise OSError(0, "文件比记录的短，可能已损坏")
            parts.append(chunk)
            left -= len(chunk)
    return b"".join(parts)
