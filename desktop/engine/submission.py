"""The submission JSON: what leaves the program (package data, CLI files, GUI import/export).

``{"format": "xieshou-submission", "version": 1, "form": ..., "edition": ...,
"form_hash": ..., "revision": N, "data": {...}}`` — canonical bytes are UTF-8,
keys sorted, no insignificant white space, so the binding code is stable.
"""

from __future__ import annotations

import json
from typing import Any

from .bounds import shape_problems
from desktop.oserrors import os_advice, os_reason
from .kinds import kind_of
from .model import ERROR, WARNING, Field, Form, Group, Item, Problem, Table
from .schema import form_hash, record_items
from .validate import Cleaned, clean

FORMAT = "xieshou-submission"
VERSION = 1


class SubmissionError(ValueError):
    """A file that is not a usable submission; the message is Chinese."""


def canonical_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def to_json_data(form: Form, cleaned: Cleaned) -> dict:
    return _record_json(record_items(form), cleaned.data)


def _record_json(items: tuple[Item, ...], values: dict) -> dict:
    out: dict = {}
    for item in items:
        value = values.get(item.id)
        if isinstance(item, Table):
            out[item.id] = [_record_json(item.columns, row) for row in value or []]
        elif isinstance(item, Group):
            out[item.id] = _record_json(item.fields, value or {})
        else:
            out[item.id] = None if value is None else kind_of(item).to_json(value)
    return out


def make_submission(form: Form, raw: dict, revision: int = 1) -> tuple[dict, Cleaned]:
    cleaned = clean(form, raw)
    return {"format": FORMAT, "version": VERSION, "form": form.id, "edition": form.edition,
            "form_hash": form_hash(form), "revision": revision, "data": to_json_data(form, cleaned)}, cleaned


def raw_from_json(form: Form, data: dict) -> dict:
    """Submission values → the raw values a draft stores (strings as the user would type them)."""
    return _record_raw(record_items(form), data if isinstance(data, dict) else {})


def _record_raw(items: tuple[Item, ...], values: dict) -> dict:
    out: dict = {}
    for item in items:
        value = values.get(item.id)
        if isinstance(item, Table):
            out[item.id] = [_record_raw(item.columns, row) for row in value if isinstance(row, dict)] \
                if isinstance(value, list) else []
        elif isinstance(item, Group):
            out[item.id] = _record_raw(item.fields, value if isinstance(value, dict) else {})
        elif isinstance(item, Field) and not kind_of(item).computed and value is not None:
            out[item.id] = kind_of(item).to_raw(value)
    return out


MAX_REVISION = 1_000_000_000


def parse_submission(obj: Any) -> tuple[Form, dict]:
    """Check the envelope, find the form and measure the data; returns (form, data).  Raises SubmissionError."""
    form, data = _envelope(obj)
    too_large = shape_problems(record_items(form), data)
    if too_large:
        path = f"{too_large[0].path}：" if too_large[0].path else ""
        raise SubmissionError(f"填报数据超出表格的限制（{path}{too_large[0].message}）")
    return form, data


def _envelope(obj: Any) -> tuple[Form, dict]:
    from desktop.forms.registry import get_form

    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise SubmissionError("这不是携手填报的填报数据文件（缺少 \"format\": \"xieshou-submission\"）")
    version = obj.get("version")
    if type(version) is not int or version != VERSION:  # True == 1 in Python: a boolean is no version
        raise SubmissionError(f"填报数据文件的格式版本 {_shown(version)} 无法识别，请升级携手填报后再打开")
    revision = obj.get("revision", 1)
    if type(revision) is not int or not 1 <= revision <= MAX_REVISION:
        raise SubmissionError(f"填报数据文件的修订号 {_shown(revision)} 无效，应为 1 到 {MAX_REVISION} 之间的整数")
    form_id, edition = obj.get("form"), obj.get("edition")
    try:
        if not isinstance(form_id, str) or not isinstance(edition, str):
            raise KeyError(form_id)
        form = get_form(form_id, edition)
    except KeyError:
        raise SubmissionError(f"未知的表格或版本：{_shown(form_id)}（{_shown(edition)} 版），"
                              "请确认文件来源，或升级携手填报") from None
    if not isinstance(obj.get("data"), dict):
        raise SubmissionError("填报数据文件缺少 data 部分，文件可能已损坏")
    return form, obj["data"]


def _shown(value: Any) -> str:
    from desktop.package.safe_json import printable

    text = value if isinstance(value, str) else repr(value) if isinstance(value, (bool, float, type(None))) \
        else type(value).__name__ if not isinstance(value, int) else (str(value) if value.bit_length() < 64 else "（过大的整数）")
    return printable(text, 60)


def validate_submission(obj: Any) -> list[Problem]:
    """Every problem of a submission object, envelope included (for CLI validate and disc verification).

    Everything a final export would refuse is here, characters the print font lacks included.
    """
    try:
        form, data = _envelope(obj)
    except SubmissionError as exc:
        return [Problem("", ERROR, "submission.invalid", str(exc))]
    too_large = shape_problems(record_items(form), data)
    if too_large:  # measured before cleaning: a million rows are refused, not validated
        return too_large
    cleaned = clean(form, data)
    problems = list(cleaned.problems) + _print_problems(form, cleaned)
    if obj.get("form_hash") not in (None, form_hash(form)):
        problems.insert(0, Problem("", WARNING, "submission.form_hash",
                                   "本文件填写时使用的表格定义与当前版本不同，请逐项核对后再导出"))
    return problems


def _print_problems(form: Form, cleaned: Cleaned) -> list[Problem]:
    """Characters the print font cannot print (read from the font's coverage list; reportlab is not loaded)."""
    from desktop.documents.glyphs import cleaned_glyph_problems

    return cleaned_glyph_problems(form, cleaned)


MAX_FILE_BYTES = 50 * 1024 * 1024


def load_submission_file(path) -> dict:
    """Read a submission file; SubmissionError with a Chinese message when it cannot be read."""
    from desktop.package.safe_json import JsonRefused, loads_limited

    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SubmissionError(f"无法读取文件 {path}：{os_reason(exc)}。{os_advice(exc)}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SubmissionError(f"文件 {path} 超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不是填报数据文件")
    try:
        return loads_limited(raw, max_bytes=MAX_FILE_BYTES)
    except JsonRefused as exc:
        raise SubmissionError(f"文件 {path} 不是有效的填报数据：{exc}，文件可能已损坏。"
                              "请用携手填报的“导出填报数据”重新生成这个文件。") from None
