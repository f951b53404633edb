"""The shape of a submission's data, checked against the form before any per-row work.

A data file from a stranger may hold a million table rows, a megabyte-long
name or a field that is a list of ten thousand lists.  Cleaning such data row
by row costs minutes and gigabytes, so the raw values are first measured
against the form definition: rows per table (the table's own maximum), keys
per record (the form's items plus a few unknown ones), characters per text
and per number, items in a multi-choice, keys in a file record.  Anything
over is one problem and the data is not cleaned at all.
"""

from __future__ import annotations

from typing import Any

from .kinds import kind_of
from .model import ERROR, Field, Group, Item, Problem, Table
from .schema import per_items

MAX_TEXT_CHARS = 100_000       # any text value as typed; the field's own max_len is checked later
MAX_NUMBER_CHARS = 40          # int, money and date values as typed ("1,234,567,890.12" is 16)
EXTRA_KEYS = 32                # unknown keys tolerated in a record (ignored when cleaned)
MAX_FILE_KEYS = 32             # an attachment record has a handful of keys
MAX_PROBLEMS = 50              # the walk stops after this many findings
_NUMBER_BITS = 133             # 2**133 has 41 digits


class _Bounds:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(path, ERROR, code, message))

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def shape_problems(items: tuple[Item, ...], data: Any) -> list[Problem]:
    """Every place where ``data`` is larger than the form allows (empty when it may be cleaned)."""
    bounds = _Bounds()
    _record(items, data, "", bounds)
    return bounds.problems


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _record(items: tuple[Item, ...], raw: Any, prefix: str, bounds: _Bounds) -> None:
    if not isinstance(raw, dict):
        return  # not a record: cleaning treats it as empty and reports the required fields
    if len(raw) > len(items) + EXTRA_KEYS:
        bounds.add(prefix, "limit.keys", f"{prefix or '数据'} 中有 {len(raw)} 项，表格只定义了 {len(items)} 项，"
                   "不是本程序生成的数据")
        return
    for item, limit in _text_limits(items):
        if bounds.problems and bounds.full:
            return
        value = raw.get(item.id)
        if value is None or (value.__class__ is str and len(value) <= limit):
            continue  # the usual case
        if isinstance(item, Table):
            _table(item, value, _join(prefix, item.id), bounds)
        elif isinstance(item, Group):
            _record(item.fields, value, _join(prefix, item.id), bounds)
        else:
            _value(item, value, _join(prefix, item.id), bounds)


@per_items
def _text_limits(items: tuple[Item, ...]) -> tuple[tuple[Item, float], ...]:
    """Each item with the longest text it may hold as typed (a table or group holds none)."""
    def limit(item: Item) -> float:
        if isinstance(item, (Table, Group)):
            return -1
        kind = kind_of(item)
        return float("inf") if kind.computed else MAX_NUMBER_CHARS if kind.short_raw else MAX_TEXT_CHARS
    return tuple((item, limit(item)) for item in items)


def _table(table: Table, raw: Any, path: str, bounds: _Bounds) -> None:
    if not isinstance(raw, list):
        return
    maximum = len(table.fixed_rows) or table.max_rows
    if len(raw) > maximum:
        bounds.add(path, "table.max_rows", f"{table.label}最多 {maximum} 行，现有 {len(raw)} 行，"
                   f"请删除 {len(raw) - maximum} 行")
        return
    for index, row in enumerate(raw):
        _record(table.columns, row, f"{path}[{index}]", bounds)


def _value(field: Field, raw: Any, path: str, bounds: _Bounds) -> None:
    kind = kind_of(field)
    if kind.computed:
        return  # written out for readers of the file, recomputed here and never read
    if isinstance(raw, str):
        limit = MAX_NUMBER_CHARS if kind.short_raw else MAX_TEXT_CHARS
        if len(raw) > limit:
            bounds.add(path, "limit.text", f"{field.label}有 {len(raw)} 个字符，超过上限 {limit}，"
                       "不是本程序生成的数据")
    elif isinstance(raw, list):
        if not kind.several:
            bounds.add(path, "limit.value", f"{field.label}应为单个值，现为 {len(raw)} 项的列表")
        elif len(raw) > len(field.choices):
            bounds.add(path, "limit.value", f"{field.label}最多可选 {len(field.choices)} 项，现有 {len(raw)} 项")
        elif not all(isinstance(v, str) and len(v) <= MAX_TEXT_CHARS for v in raw):
            bounds.add(path, "limit.value", f"{field.label}的选项应为文字")
    elif isinstance(raw, dict):
        if not kind.attachment or len(raw) > MAX_FILE_KEYS or not all(_scalar(v) for v in raw.values()):
            bounds.add(path, "limit.value", f"{field.label}的值结构不对，不是本程序生成的数据")
    elif isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > _NUMBER_BITS:
        bounds.add(path, "limit.number", f"{field.label}的数值超过 {MAX_NUMBER_CHARS} 位，不是有效的数值")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= 4096)
