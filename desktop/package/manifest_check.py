"""Checking a received manifest.json: its shape (docs/package.md §2) and every path in it.

A manifest comes from a disc of unknown origin, so each listed path must be
one the officer's computer can hold safely: relative, forward slashes only,
no ``.``/``..`` segment, no drive letter, no control character, nothing
Windows reads as a device (``CON``, ``NUL`` …) or an alternate data stream
(``a:b``).  Paths failing that are reported and never opened or copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .disc_names import RESERVED_STEMS
from .safe_json import printable

FORMAT = "xieshou-package"
FORMAT_VERSION = 1
ROLES = ("data", "document", "attachment")
SUBMISSION_PATH = "data/submission.json"
MAX_FILES = 5_000
MAX_PATH_CHARS = 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_WINDOWS_FORBIDDEN = set('<>:"|?*')


@dataclass(frozen=True)
class ListedFile:
    path: str
    size: int
    sha256: str
    role: str


@dataclass(frozen=True)
class ManifestView:
    """The parts of a manifest the verifier relies on; empty strings where the manifest lacks them."""

    form_id: str | None
    edition: str | None
    submitter_name: str
    submitter_uscc: str
    binding_code: str
    binding_sha256: str
    files: tuple[ListedFile, ...]
    forms: tuple[tuple[str, str], ...] = ()   # (id, edition) of every form listed, the primary first
    draft: bool = False                        # a proof-reading package: its papers print 草稿-XXXX


class ManifestRefused(Exception):
    """Not a package manifest at all (wrong format or version); the message is Chinese."""


def unsafe_path_reason(path: Any) -> str | None:
    """Why a listed path must not be used, or None when it is safe on Windows and Linux."""
    if not isinstance(path, str) or not path:
        return "不是有效的文件路径"
    if len(path) > MAX_PATH_CHARS:
        return "路径过长"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in path):
        return "含有控制字符"
    if "\\" in path:
        return "含有反斜杠"
    if path.startswith("/"):
        return "是绝对路径"
    if _DRIVE.match(path):
        return "含有盘符"
    for part in path.split("/"):
        reason = _unsafe_segment_reason(part)
        if reason:
            return reason
    return None


def _unsafe_segment_reason(part: str) -> str | None:
    if part in ("", ".", ".."):
        return "含有空段、“.” 或 “..”（可能指向数据包以外的位置）"
    if _WINDOWS_FORBIDDEN & set(part):
        return "含有 Windows 不允许的字符"
    if part.endswith((" ", ".")):
        return "以空格或点结尾（Windows 会改变文件名）"
    if part.split(".", 1)[0].upper().rstrip() in RESERVED_STEMS:
        return "是 Windows 的设备名"
    return None


def check_manifest(obj: Any) -> tuple[ManifestView, list[str]]:
    """The usable view of a manifest and every problem in it; ManifestRefused if it is no manifest."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ManifestRefused("manifest.json 不是携手填报的数据包清单（缺少 \"format\": \"xieshou-package\"）")
    version = obj.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise ManifestRefused(f"manifest.json 的格式版本 {printable(repr(version), 40)} 无法识别，请升级携手填报后再校验")
    problems: list[str] = []
    form_id, edition = _form(obj.get("forms"), problems)
    submitter = obj.get("submitter") if isinstance(obj.get("submitter"), dict) else {}
    if not isinstance(obj.get("submitter"), dict):
        problems.append("manifest.json 缺少报送单位信息（submitter）")
    if obj.get("draft") is True:
        problems.append("manifest.json 标明这是草稿数据包（仅供校对），不能作为正式报送材料")
    binding_code, binding_sha = _text(obj, "binding_code"), _text(obj, "binding_sha256")
    if not _HEX64.match(binding_sha):
        problems.append("manifest.json 中的 binding_sha256 不是 64 位十六进制摘要")
    view = ManifestView(form_id, edition, _text(submitter, "name"), _text(submitter, "uscc"), binding_code,
                        binding_sha, _files(obj.get("files"), problems), _all_forms(obj.get("forms"), problems),
                        draft=obj.get("draft") is True)
    return view, problems


def _text(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _form(forms: Any, problems: list[str]) -> tuple[str | None, str | None]:
    first = forms[0] if isinstance(forms, list) and forms else None
    if not isinstance(first, dict) or not isinstance(first.get("id"), str) or not isinstance(first.get("edition"), str):
        problems.append("manifest.json 缺少表格信息（forms 中的 id 和 edition）")
        return None, None
    return first["id"], first["edition"]


def _all_forms(forms: Any, problems: list[str]) -> tuple[tuple[str, str], ...]:
    """Every well-formed (id, edition) of ``forms``; a malformed first one is reported by :func:`_form`."""
    if not isinstance(forms, list):
        return ()
    found: list[tuple[str, str]] = []
    for index, item in enumerate(forms[:MAX_FILES]):
        if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("edition"), str):
            found.append((item["id"], item["edition"]))
        elif index > 0:
            problems.append(f"manifest.json 的表格信息（forms）第 {index + 1} 项缺少 id 或 edition")
    return tuple(found)


def _files(files: Any, problems: list[str]) -> tuple[ListedFile, ...]:
    if not isinstance(files, list):
        problems.append("manifest.json 缺少文件清单（files）")
        return ()
    if len(files) > MAX_FILES:
        problems.append(f"manifest.json 列出了 {len(files)} 个文件，超过上限 {MAX_FILES}，不是本程序生成的清单")
        return ()
    out: list[ListedFile] = []
    seen: set[str] = set()
    for index, item in enumerate(files):
        listed = _listed_file(index, item, problems)
        if listed is None:
            continue
        if listed.path.casefold() in seen:
            problems.append(f"manifest.json 重复列出了 {printable(listed.path)}（Windows 不区分大小写）")
            continue
        seen.add(listed.path.casefold())
        out.append(listed)
    if not any(f.path == SUBMISSION_PATH and f.role == "data" for f in out):
        problems.append(f"manifest.json 的文件清单中没有填报数据 {SUBMISSION_PATH}")
    return tuple(out)


def _listed_file(index: int, item: Any, problems: list[str]) -> ListedFile | None:
    where = f"manifest.json 第 {index + 1} 个文件"
    if not isinstance(item, dict):
        problems.append(f"{where}的记录格式不对")
        return None
    path = item.get("path")
    reason = unsafe_path_reason(path)
    if reason:
        shown = printable(path) if isinstance(path, str) else printable(repr(path), 60)
        problems.append(f"{where}的路径 “{shown}” {reason}，已拒绝读取")
        return None
    if path == "manifest.json":
        problems.append(f"{where}把 manifest.json 自己列入了清单")
        return None
    size, sha256, role = item.get("size"), item.get("sha256"), item.get("role")
    if type(size) is not int or size < 0:
        problems.append(f"{printable(path)}：清单中的大小 {printable(repr(size), 40)} 无效")
        return None
    if not isinstance(sha256, str) or not _HEX64.match(sha256):
        problems.append(f"{printable(path)}：清单中的 SHA-256 摘要无效")
        return None
    if role not in ROLES:
        problems.append(f"{printable(path)}：清单中的用途 {printable(repr(role), 40)} 无法识别")
        return None
    return ListedFile(path, size, sha256, role)
