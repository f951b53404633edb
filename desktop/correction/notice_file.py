"""The notice file (``.json``): what it holds, how it is written, and how a received one is checked.

A notice file comes from outside (a USB stick, an e-mail attachment), so it is
read like any hostile input: the size is capped before reading, the nesting
depth before parsing, then every count, type and length is checked before
anything is used.  A file that fails any check is refused as a whole with a
Chinese message that says what is wrong; nothing of it is applied.

Layout (docs/desk-outputs.md §1)::

    {"format": "xieshou-correction-notice", "version": 1,
     "notice_id": "BZ-2023-7K3Q9M2XDA", "issued_at": "2023-05-04T10:00:00+08:00",
     "issuer": "福建省工业和信息化厅", "contact": "…", "reply_by": "2023-05-12",
     "package": {"binding_code": "ABCD-EFGH-…", "revision": 1},
     "form": {"id": "2023-a1-needs", "edition": "2023", "title": "大企业技术创新需求表"},
     "enterprise": {"name": "…", "credit_code": "91350100MA…"},
     "reason": "…", "problems": ["…"],
     "comments": [{"form": "2023-a1-needs", "path": "needs[0].budget", "label": "需求1 拟投入资金（万元）",
                   "text": "…"}]}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.oserrors import os_reason
from desktop.package.safe_json import JsonRefused, loads_limited, printable

FORMAT = "xieshou-correction-notice"
VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 6                  # object → comments list → comment object is depth 3; room for nothing deeper
MAX_COMMENTS = 2000
MAX_PROBLEMS = 2000
MAX_TEXT = 4000                # one comment, problem or reason
MAX_SHORT = 200                # names, labels, ids
MAX_REVISION = 9999
NOTICE_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,39}$")
# a field path as the form engine writes it: profile.name, needs[3].budget, "" for the whole form
FIELD_PATH = re.compile(r"^([a-z_][a-z0-9_]{0,63}(\[\d{1,4}\])?)(\.[a-z_][a-z0-9_]{0,63}(\[\d{1,4}\])?){0,7}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NoticeError(ValueError):
    """A notice file that cannot be used; the message (Chinese) says what is wrong and what to do."""


@dataclass(frozen=True)
class NoticeComment:
    """An officer's comment on one field: ``path`` as the form engine names it ("" = the whole form)."""

    form_id: str
    path: str
    label: str                 # the field's printed label, as the letter shows it
    text: str


@dataclass(frozen=True)
class CorrectionNotice:
    notice_id: str
    issued_at: str             # ISO 8601 with offset
    issuer: str                # the desk's 本单位
    binding_code: str          # of the package that needs correcting
    revision: int              # that package's revision
    form_id: str               # its primary form
    edition: str
    form_title: str
    enterprise_name: str
    credit_code: str
    reason: str
    problems: tuple[str, ...] = ()
    comments: tuple[NoticeComment, ...] = ()
    reply_by: str = ""         # YYYY-MM-DD or ""
    contact: str = ""          # who to ask at the desk

    def comments_for(self, form_id: str) -> tuple[NoticeComment, ...]:
        return tuple(c for c in self.comments if c.form_id == form_id)


def notice_json(notice: CorrectionNotice) -> dict:
    return {
        "format": FORMAT, "version": VERSION, "notice_id": notice.notice_id, "issued_at": notice.issued_at,
        "issuer": notice.issuer, "contact": notice.contact, "reply_by": notice.reply_by,
        "package": {"binding_code": notice.binding_code, "revision": notice.revision},
        "form": {"id": notice.form_id, "edition": notice.edition, "title": notice.form_title},
        "enterprise": {"name": notice.enterprise_name, "credit_code": notice.credit_code},
        "reason": notice.reason, "problems": list(notice.problems),
        "comments": [{"form": c.form_id, "path": c.path, "label": c.label, "text": c.text} for c in notice.comments],
    }


def notice_bytes(notice: CorrectionNotice) -> bytes:
    """The file's bytes: UTF-8, keys in a fixed order, indented so a person can read it."""
    obj = notice_json(notice)
    parse_notice(obj)  # what is sent must load back
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_notice(path: Path | str) -> CorrectionNotice:
    path = Path(path)
    try:
        if not path.is_file():
            raise NoticeError(f"找不到补正通知文件 {path}，或它不是普通文件，请重新选择")
        if path.stat().st_size > MAX_BYTES:
            raise NoticeError(f"{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，不是补正通知文件")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise NoticeError(f"无法读取 {path.name}（{os_reason(exc)}），请检查文件是否可读后重试") from None
    return load_notice_bytes(raw, path.name)


def load_notice_bytes(raw: bytes, source: str = "补正通知") -> CorrectionNotice:
    try:
        obj = loads_limited(raw, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    except JsonRefused as exc:
        raise NoticeError(f"{printable(source, 60)} 不是有效的补正通知文件：{exc}") from None
    return parse_notice(obj, source)


def parse_notice(obj: Any, source: str = "补正通知") -> CorrectionNotice:
    """Every check, then the notice; NoticeError naming the first problem otherwise."""
    name = printable(source, 60)
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise NoticeError(f"{name} 不是补正通知文件（缺少 \"format\": \"{FORMAT}\"），请选择审核单位发来的 .json 文件")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NoticeError(f"{name} 的格式版本无法识别，请向审核单位索取新的补正通知文件")
    if version > VERSION:
        raise NoticeError(f"{name} 是较新版本（第 {version} 版格式）的补正通知，请升级携手填报后再打开")
    try:
        return _notice(obj)
    except _Bad as exc:
        raise NoticeError(f"{name} 有误：{exc}，请向审核单位索取新的补正通知文件") from None


class _Bad(Exception):
    pass


def _notice(obj: dict) -> CorrectionNotice:
    package, form, enterprise = (_object(obj, key) for key in ("package", "form", "enterprise"))
    notice_id = _text(obj, "notice_id", MAX_SHORT, required=True)
    if not NOTICE_ID.match(notice_id):
        raise _Bad(f"通知编号“{printable(notice_id, 40)}”格式不对")
    reply_by = _text(obj, "reply_by", 10)
    if reply_by and not _is_date(reply_by):
        raise _Bad("补正期限应为 YYYY-MM-DD 格式的日期")
    form_id = _text(form, "id", 64, required=True, where="form.")
    return CorrectionNotice(
        notice_id=notice_id, issued_at=_text(obj, "issued_at", 40, required=True),
        issuer=_text(obj, "issuer", MAX_SHORT), binding_code=_text(package, "binding_code", 64, required=True,
                                                                   where="package."),
        revision=_revision(package), form_id=form_id, edition=_text(form, "edition", 32, where="form."),
        form_title=_text(form, "title", MAX_SHORT, where="form."),
        enterprise_name=_text(enterprise, "name", MAX_SHORT, where="enterprise."),
        credit_code=_text(enterprise, "credit_code", 32, where="enterprise."),
        reason=_text(obj, "reason", MAX_TEXT), problems=_problems(obj), comments=_comments(obj, form_id),
        reply_by=reply_by, contact=_text(obj, "contact", MAX_SHORT))


def _is_date(text: str) -> bool:
    try:
        return bool(DATE.match(text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _object(obj: dict, key: str) -> dict:
    value = obj.get(key)
    if not isinstance(value, dict):
        raise _Bad(f"缺少“{key}”部分")
    return value


def _text(obj: dict, key: str, limit: int, *, required: bool = False, where: str = "") -> str:
    value = obj.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _Bad(f"“{where}{key}”应为文字")
    if len(value) > limit:
        raise _Bad(f"“{where}{key}”超过 {limit} 个字符")
    if required and not value.strip():
        raise _Bad(f"缺少“{where}{key}”")
    return value


def _revision(package: dict) -> int:
    value = package.get("revision")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_REVISION:
        raise _Bad("“package.revision”应为 1 到 9999 之间的整数")
    return value


def _problems(obj: dict) -> tuple[str, ...]:
    items = _list(obj, "problems", MAX_PROBLEMS)
    for n, item in enumerate(items, 1):
        if not isinstance(item, str) or len(item) > MAX_TEXT:
            raise _Bad(f"第 {n} 个问题应为不超过 {MAX_TEXT} 字的文字")
    return tuple(items)


def _comments(obj: dict, primary: str) -> tuple[NoticeComment, ...]:
    comments = []
    for n, item in enumerate(_list(obj, "comments", MAX_COMMENTS), 1):
        if not isinstance(item, dict):
            raise _Bad(f"第 {n} 条意见应为对象")
        where = f"comments[{n - 1}]."
        path = _text(item, "path", MAX_SHORT, where=where)
        if path and not FIELD_PATH.match(path):
            raise _Bad(f"第 {n} 条意见的填写项路径“{printable(path, 40)}”格式不对")
        text = _text(item, "text", MAX_TEXT, required=True, where=where)
        comments.append(NoticeComment(_text(item, "form", 64, where=where) or primary, path,
                                      _text(item, "label", MAX_SHORT, where=where), text))
    return tuple(comments)


def _list(obj: dict, key: str, limit: int) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"“{key}”应为列表")
    if len(value) > limit:
        raise _Bad(f"“{key}”超过 {limit} 条")
    return value
