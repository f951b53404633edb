"""The attachment store: supporting files (附件材料) kept by content hash in data_dir/attachments.

A file is copied in once, streamed in 1 MiB blocks while it is hashed, into a
temp file that is checked and then renamed to its SHA-256: what is checked is
exactly what is kept, the original may be moved or deleted afterwards, and a
draft records only ``{"name", "sha256", "size", "kind", "pages"}``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from desktop.oserrors import os_reason
from desktop.package.safe_json import printable

from .content import HEAD_BYTES, KINDS, detect_kind, not_accepted_here_message, wrong_kind_message

BLOCK = 1 << 20
MB = 1024 * 1024
DEFAULT_MAX_MB = 50                 # docs/forms.md 十、附件材料: ≤ 50 MB each
TEMP_PREFIX = ".incoming-"
STALE_TEMP_SECONDS = 24 * 3600      # an add still running is never that old
_SHA256 = re.compile(r"[0-9a-f]{64}")


class AttachmentError(Exception):
    """A file that cannot be attached; the Chinese message names it and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    name: str           # the original file name, shown to the user and on the printed list
    kind: str           # pdf | jpg | png | ofd
    pages: int | None   # PDF page count, None when not a PDF or unreadable

    def to_value(self) -> dict:
        """The raw value a draft's file field stores."""
        return {"name": self.name, "sha256": self.sha256, "size": self.size, "kind": self.kind, "pages": self.pages}


def is_sha256(text: object) -> bool:
    return isinstance(text, str) and _SHA256.fullmatch(text) is not None


class AttachmentStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        """Where the file with this hash is kept (a malformed hash never becomes a path)."""
        if not is_sha256(sha256):
            raise AttachmentError("附件记录已损坏（校验值格式不对），请删除该附件后重新添加")
        return self.root / sha256

    def has(self, sha256: str) -> bool:
        return is_sha256(sha256) and (self.root / sha256).is_file()

    def add(self, path: Path | str, *, accept: tuple[str, ...] = KINDS, max_mb: int = DEFAULT_MAX_MB) -> StoredFile:
        """Copy a file into the store; AttachmentError when it is missing, empty, too big or of a wrong kind."""
        source = Path(path)
        name = source.name
        _check_source(source, name, max_mb)
        temp, digest, size, head = self._copy_in(source, name, max_mb)
        try:
            kind = detect_kind(temp, head)
            if kind is None:
                raise AttachmentError(wrong_kind_message(name, temp, head, accept))
            if kind not in accept:
                raise AttachmentError(not_accepted_here_message(name, kind, accept))
            pages = pdf_pages(temp) if kind == "pdf" else None
            self._keep(temp, digest, size, name)
        finally:
            temp.unlink(missing_ok=True)
        return StoredFile(digest, size, name, kind, pages)

    def _copy_in(self, source: Path, name: str, max_mb: int) -> tuple[Path, str, int, bytes]:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=self.root)
        except OSError as exc:
            raise AttachmentError(f"无法在附件库 {self.root} 中保存文件（{os_reason(exc)}），"
                                  "请检查数据文件夹是否可写") from None
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as out:
                digest, size, head = _stream(source, out, name, max_mb)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if size == 0:  # emptied between the check and the copy
            temp.unlink(missing_ok=True)
            raise AttachmentError(_empty_message(name))
        return temp, digest, size, head

    def _keep(self, temp: Path, digest: str, size: int, name: str) -> None:
        final = self.root / digest
        try:
            if final.is_file() and final.stat().st_size == size:
                return  # the same content is already kept (another draft attached it)
            os.replace(temp, final)
        except OSError as exc:
            raise AttachmentError(_not_kept_message(name, exc)) from None

    def remove_unused(self, referenced: Iterable[str]) -> list[str]:
        """Delete kept files no draft refers to (and temp files left by a crash); returns the hashes removed."""
        keep = {h.lower() for h in referenced if isinstance(h, str)}
        removed: list[str] = []
        if not self.root.is_dir():
            return removed
        for entry in self.root.iterdir():
            if _SHA256.fullmatch(entry.name) and entry.name not in keep and entry.is_file():
                if _unlink(entry):
                    removed.append(entry.name)
            elif entry.name.startswith(TEMP_PREFIX) and _is_stale(entry):
                _unlink(entry)
        return sorted(removed)


def _unlink(entry: Path) -> bool:
    """False when the file cannot go now (on Windows: open in a viewer); the next clean-up retries."""
    try:
        entry.unlink(missing_ok=True)
        return True
    except OSError:
        return False


def _is_stale(entry: Path) -> bool:
    try:
        return time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS
    except OSError:
        return False


def _check_source(source: Path, name: str, max_mb: int) -> None:
    shown = printable(name, 60)
    try:
        if not source.exists():
            raise AttachmentError(f"找不到文件“{shown}”，它可能已被移动、改名或删除，请重新选择")
        if source.is_dir():
            raise AttachmentError(f"“{shown}”是一个文件夹，请打开它并选择其中的文件")
        if not source.is_file():
            raise AttachmentError(f"“{shown}”不是普通文件，请选择 PDF、JPG、PNG 或 OFD 文件")
        size = source.stat().st_size
    except OSError as exc:
        raise AttachmentError(_unreadable_message(name, exc)) from None
    if size == 0:
        raise AttachmentError(_empty_message(name))
    if size > max_mb * MB:
        raise AttachmentError(_too_big_message(name, size, max_mb))


def _stream(source: Path, out, name: str, max_mb: int) -> tuple[str, int, bytes]:
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with open(source, "rb") as handle:
            while block := handle.read(BLOCK):
                size += len(block)
                if size > max_mb * MB:  # the file grew while it was copied
                    raise AttachmentError(_too_big_message(name, size, max_mb))
                head = head if len(head) >= HEAD_BYTES else (head + block)[:HEAD_BYTES]
                digest.update(block)
                _write(out, block, name)
    except OSError as exc:
        raise AttachmentError(_unreadable_message(name, exc)) from None
    return digest.hexdigest(), size, head


def _write(out, block: bytes, name: str) -> None:
    try:
        out.write(block)
    except OSError as exc:  # a full disk must not read as “cannot read the file”
        raise AttachmentError(_not_kept_message(name, exc)) from None


def _not_kept_message(name: str, exc: OSError) -> str:
    return f"无法把“{printable(name, 60)}”存入附件库（{os_reason(exc)}），请检查磁盘空间后重试"


def _unreadable_message(name: str, exc: OSError) -> str:
    shown = printable(name, 60)
    if isinstance(exc, PermissionError):
        return f"无法读取“{shown}”：没有读取权限，或文件正被其他程序打开，请关闭该文件后重试"
    return f"无法读取“{shown}”（{os_reason(exc)}），请把文件复制到本机磁盘后再添加"


def _empty_message(name: str) -> str:
    return f"“{printable(name, 60)}”为空文件（0 字节），请检查文件是否完整，重新扫描或导出后再添加"


def _too_big_message(name: str, size: int, max_mb: int) -> str:
    return (f"“{printable(name, 60)}”有 {size / MB:.1f} MB，超过 {max_mb} MB 的上限，"
            "请压缩或拆分后再添加（扫描件可把分辨率降到 200 dpi）")


def pdf_pages(path: Path) -> int | None:
    """Page count of a PDF, or None when it cannot be read (encrypted, damaged, hostile)."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        return len(reader.pages)
    except Exception:  # pypdf raises many kinds of errors on damaged files; the count is only informative
        return None
