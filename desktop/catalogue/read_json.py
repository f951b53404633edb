"""The JSON catalogue: envelope checks, then every need through the common row checks."""

from __future__ import annotations

from typing import Any

from desktop.package.safe_json import JsonRefused, loads_limited, printable

from .model import COLUMNS, FORMAT, MAX_BYTES, MAX_NEEDS, VERSION, Catalogue, CatalogueError
from .rows import Row, clean_value, needs_from_rows

MAX_DEPTH = 16   # a catalogue nests 3 levels; anything far deeper was not written by a catalogue tool
META_KEYS = {"campaign": "活动编号", "title": "目录名称", "created_at": "生成时间"}


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    return {list: "列表", dict: "对象"}.get(type(value), "文字")


def load_json_bytes(raw: bytes, source: str) -> Catalogue:
    try:
        obj = loads_limited(raw, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    except JsonRefused as exc:
        raise CatalogueError.refused(source, f"{exc}。需求目录应由发布单位或本程序生成，如用记事本等编辑过，请以 UTF-8 编码保存") from None
    return parse_catalogue_json(obj, source)


def parse_catalogue_json(obj: Any, source: str) -> Catalogue:
    """A catalogue from a parsed JSON value; CatalogueError listing every problem."""
    _check_envelope(obj, source)
    problems: list[str] = []
    meta = {key: _meta_text(obj, key, problems) for key in META_KEYS}
    needs = obj.get("needs")
    if not isinstance(needs, list):
        raise CatalogueError.refused(source, "缺少需求列表 \"needs\"" if needs is None
                                     else f"需求列表 \"needs\" 应为列表，现为{type_name(needs)}")
    if len(needs) > MAX_NEEDS:
        raise CatalogueError.refused(source, f"需求多达 {len(needs)} 条，超过 {MAX_NEEDS} 条的上限")
    found = needs_from_rows(_rows(needs), problems)
    if problems:
        raise CatalogueError.listing(source, problems)
    return Catalogue(found, **meta)


def _check_envelope(obj: Any, source: str) -> None:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        hint = "（这是填报数据文件，不是需求目录）" if isinstance(obj, dict) \
            and obj.get("format") == "xieshou-submission" else ""
        raise CatalogueError.refused(source, f"不是需求目录文件{hint}：缺少 \"format\": \"{FORMAT}\"")
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise CatalogueError.refused(source, f"需求目录格式版本 {version} 比本程序新，请升级携手填报后再导入")
    if version != VERSION:
        raise CatalogueError.refused(source, f"需求目录格式版本 {printable(str(version), 20)} 无法识别")


def _meta_text(obj: dict, key: str, problems: list[str]) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{META_KEYS[key]}（\"{key}\"）应为文字，现为{type_name(value)}")
        return ""
    return clean_value(key, value)


def _rows(needs: list) -> list[Row]:
    rows: list[Row] = []
    for number, item in enumerate(needs, 1):
        where = f"第 {number} 条需求"
        if isinstance(item, dict):
            rows.append((where, *_values(item)))
        else:
            rows.append((where, None, [f"应为对象 {{…}}，现为{type_name(item)}"]))
    return rows


def _values(item: dict) -> tuple[dict[str, str | None], list[str]]:
    values: dict[str, str | None] = {}
    problems: list[str] = []
    for column in COLUMNS:
        value = item.get(column.key)
        if isinstance(value, str):
            values[column.key] = clean_value(column.key, value)
        elif value is not None:
            values[column.key] = None
            problems.append(f"{column.header}（\"{column.key}\"）应为文字，现为{type_name(value)}")
    return values, problems
