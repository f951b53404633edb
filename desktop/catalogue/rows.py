"""The checks every catalogue row passes, whichever file it came from.

Readers turn a JSON object or a sheet row into ``{key: text}`` (recording
type problems themselves); this module checks required values, code length
and uniqueness and the deadline, collecting every problem instead of stopping
at the first, because the person fixing the file wants the whole list.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable

from desktop.package.safe_json import printable
from desktop.rules.formats import clean_text, parse_date

from .model import CODE_MAX_LEN, COLUMNS, HEADERS, CatalogueNeed, folded

# (where, e.g. "第 5 行"; values by key, None when the row is not a record at all;
# the problems the reader found in the row's cells).  A value of None marks a
# cell already reported as unusable, so it is not reported again as missing.
Row = tuple[str, "dict[str, str | None] | None", list[str]]


def clean_value(key: str, text: str) -> str:
    """Stored form of a cell: codes NFKC (full-width digits and dashes typed in a Chinese IME)."""
    text = clean_text(text)
    return unicodedata.normalize("NFKC", text) if key == "code" else text


def needs_from_rows(rows: Iterable[Row], problems: list[str]) -> tuple[CatalogueNeed, ...]:
    """The needs of valid rows; every problem found is appended to ``problems``, in row order."""
    needs: list[CatalogueNeed] = []
    seen: dict[str, str] = {}
    for where, values, found in rows:
        if values is not None:
            found = found + _row_problems(values, where, seen)
        problems.extend(f"{where}：{p}" for p in found)
        if not found and values is not None:
            needs.append(CatalogueNeed(**{c.key: values.get(c.key) or "" for c in COLUMNS}))
    if not needs and not problems:
        problems.append("目录中没有任何需求（表格为空，或只有表头）")
    return tuple(needs)


def _row_problems(values: dict[str, str | None], where: str, seen: dict[str, str]) -> list[str]:
    missing = [c.header for c in COLUMNS if c.required and values.get(c.key, "") == ""]
    found = [f"缺少{'、'.join(missing)}"] if missing else []
    code = values.get("code") or ""
    if len(code) > CODE_MAX_LEN:
        found.append(f"需求编号“{printable(code, 40)}”超过 {CODE_MAX_LEN} 个字符，不是有效的编号")
    elif code:
        key = folded(code)
        if key in seen:
            found.append(f"需求编号 {printable(code)} 重复（{seen[key]}已有同一编号）")
        else:
            seen[key] = where
    deadline = values.get("deadline")
    if deadline:
        try:
            values["deadline"] = parse_date(printable(deadline, 40)).isoformat()
        except ValueError as exc:
            found.append(f"{HEADERS['deadline']}有误，{exc}")
    return found
