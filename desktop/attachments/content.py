"""What a file is, judged by its content (never by its name), and what to say when it is wrong.

Accepted kinds: PDF (``%PDF-`` within the first 1024 bytes, as Acrobat
tolerates), JPEG (``FF D8 FF``), PNG (its 8-byte signature) and OFD
(GB/T 33190: a ZIP whose root holds ``OFD.xml``).  For anything else a likely
origin is named (a Word file renamed to .pdf is the usual case) so the
message can say what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.package.safe_json import printable

KINDS: tuple[str, ...] = ("pdf", "jpg", "png", "ofd")
LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG", "ofd": "OFD"}
NOUNS = {"pdf": "PDF 文件", "jpg": "JPG 图片", "png": "PNG 图片", "ofd": "OFD 版式文件"}
EXTENSION_KIND = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".jpe": "jpg", ".png": "png", ".ofd": "ofd"}
HEAD_BYTES = 1024

_PNG = b"\x89PNG\r\n\x1a\n"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# (prefix, offset, what it probably is, advice group)
_OTHERS = (
    (_OLE, 0, "旧版 Word/Excel 或 WPS 文档", "document"),
    (b"{\\rtf", 0, "RTF 文档", "document"),
    (b"GIF87a", 0, "GIF 图片", "image"), (b"GIF89a", 0, "GIF 图片", "image"),
    (b"BM", 0, "BMP 图片", "image"), (b"II*\x00", 0, "TIFF 图片", "image"), (b"MM\x00*", 0, "TIFF 图片", "image"),
    (b"ftypheic", 4, "HEIC 照片（苹果手机拍摄）", "image"), (b"ftypmif1", 4, "HEIC 照片（苹果手机拍摄）", "image"),
    (b"WEBP", 8, "WebP 图片", "image"),
    (b"Rar!", 0, "RAR 压缩包", "archive"), (b"7z\xbc\xaf\x27\x1c", 0, "7z 压缩包", "archive"),
)
_ZIP_MEMBERS = (("word/document.xml", "Word 文档", "document"),
                ("xl/workbook.xml", "Excel 表格", "document"),
                ("ppt/presentation.xml", "PowerPoint 演示文稿", "document"))
_ADVICE = {
    "document": "请另存为 PDF 后再添加",
    "image": "请用画图等软件另存为 JPG 或 PNG 后再添加",
    "archive": "请解压后添加其中的 PDF 或图片文件",
    None: "请确认文件能正常打开，另存为 PDF 后再添加",
}


def detect_kind(path: Path, head: bytes) -> str | None:
    """'pdf' | 'jpg' | 'png' | 'ofd', or None; ``head`` is the file's first bytes."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(_PNG):
        return "png"
    if head.startswith(_ZIP):
        return "ofd" if "OFD.xml" in _zip_names(path) else None
    return "pdf" if b"%PDF-" in head[:HEAD_BYTES] else None


def _zip_names(path: Path) -> set[str]:
    """Member names from the central directory only (nothing is inflated); empty if unreadable."""
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except Exception:  # a damaged or hostile zip says nothing: it is then simply not OFD
        return set()


def guess_other(path: Path, head: bytes) -> tuple[str | None, str | None]:
    """(what the file probably is, advice group) for a file of no accepted kind."""
    for prefix, offset, what, group in _OTHERS:
        if head[offset:offset + len(prefix)] == prefix:
            return what, group
    if head.startswith(_ZIP):
        names = _zip_names(path)
        for member, what, group in _ZIP_MEMBERS:
            if member in names:
                return what, group
        return "ZIP 压缩包", "archive"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "网页文件", "document"
    if _looks_like_text(head):
        return "文本文件", "document"
    return None, None


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def wrong_kind_message(name: str, path: Path, head: bytes, accept: tuple[str, ...]) -> str:
    """Why a file of no accepted kind is refused, and what to do."""
    shown = printable(name, 60)
    what, group = guess_other(path, head)
    claimed = EXTENSION_KIND.get(Path(name).suffix.lower())
    advice = _ADVICE[group] if group else _ADVICE[None]
    if claimed in accept:
        origin = _spaced("可能是改了扩展名的", what) if what else "文件内容无法识别，可能已损坏"
        return f"“{shown}”的内容不是 {NOUNS[claimed]}（{origin}），{advice}"
    origin = _spaced("它是", what) if what else "文件内容无法识别"
    return f"“{shown}”不是{accepted_list(accept)}文件（{origin}），只能添加这几种格式，{advice}"


def _spaced(chinese: str, what: str) -> str:
    """A space between Chinese and a following Latin word, as in “改了扩展名的 Word 文档”."""
    return f"{chinese} {what}" if what[:1].isascii() else f"{chinese}{what}"


def not_accepted_here_message(name: str, kind: str, accept: tuple[str, ...]) -> str:
    return f"“{printable(name, 60)}”是 {NOUNS[kind]}，此处只能添加{accepted_list(accept)}文件"


def accepted_list(accept: tuple[str, ...]) -> str:
    labels = [LABELS[k] for k in accept if k in LABELS]
    return " " + ("、".join(labels[:-1]) + " 或 " + labels[-1] if len(labels) > 1 else labels[0]) + " "
