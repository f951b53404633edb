"""Reading a sheet with named columns (schedules, department templates), bounded before the work.

The container is checked first (the catalogue's checks: not an old .xls, a real
zip, declared unpacked size, member count, XML counts and the sheet's extent within
limits), then calamine reads the cells (desktop/catalogue/xlsx_cells.py); the row
count is checked as rows arrive.
Columns are found by their header text (order free, a ``*`` or （…） note ignored).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.catalogue.model import CatalogueError
from desktop.catalogue.read_xlsx import EXCEL_ERRORS, header_key, read_bounded
from desktop.package.safe_json import printable

MAX_COLUMNS = 64
HEADER_SEARCH_ROWS = 10


class SheetError(ValueError):
    """A sheet that was not imported; ``problems`` lists every reason (row by row), nothing was imported."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.problems = problems or (message,)

    @classmethod
    def listing(cls, source: str, problems: list[str], shown: int = 20) -> "SheetError":
        more = f"\n……另有 {len(problems) - shown} 处问题" if len(problems) > shown else ""
        lines = "\n".join(f"  {p}" for p in problems[:shown])
        return cls(f"“{source}”有 {len(problems)} 处问题，未导入任何一行，请修改后重新导入：\n{lines}{more}",
                   tuple(problems))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetRows:
    sheet: str
    rows: tuple[tuple[int, dict[str, Any]], ...]   # (row number in the sheet, key → cell value)
    info: dict[str, str]                            # key → value of the optional info sheet


def read_sheet(path: Path, source: str, columns: tuple[Column, ...], max_rows: int,
               info_sheet: str = "") -> SheetRows:
    """The rows of the first sheet whose header (within its first ten rows) names the required columns."""
    try:
        return read_bounded(path, source, lambda workbook: _read(workbook, source, columns, max_rows, info_sheet),
                            own_errors=(SheetError,))
    except CatalogueError as exc:  # over a limit, or damaged: said as the catalogue reader says it
        raise SheetError(f"“{source}”未导入：{exc.problems[0]}") from None


def _read(workbook, source: str, columns: tuple[Column, ...], max_rows: int, info_sheet: str) -> SheetRows:
    by_header = {header_key(c.header): c.key for c in columns} | \
        {header_key(a): c.key for c in columns for a in c.aliases}
    for name in workbook.sheetnames[:20]:
        if info_sheet and header_key(name) == header_key(info_sheet):
            continue
        lines = enumerate(workbook.rows(name, MAX_COLUMNS), 1)
        found = _header(lines, by_header, columns)
        if found is not None:
            return SheetRows(name, tuple(_rows(lines, found, source, max_rows)), _info(workbook, info_sheet))
    wanted = "、".join(c.header for c in columns if c.required)
    raise SheetError(f"“{source}”未导入：前 {HEADER_SEARCH_ROWS} 行中没有找到表头（应有“{wanted}”等列名），"
                     "请使用程序生成的模板")


def _header(lines, by_header: dict[str, str], columns: tuple[Column, ...]) -> dict[int, str] | None:
    for number, cells in lines:
        found = {i: by_header[header_key(c)] for i, c in enumerate(cells) if c is not None and header_key(c) in by_header}
        keys = set(found.values())
        if all(c.key in keys for c in columns if c.required):
            if len(keys) != len(found):
                raise SheetError("表头中有重复的列名，请删去多余的一列后重新导入")
            return found
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def _rows(lines, columns: dict[int, str], source: str, max_rows: int):
    count = 0
    for number, cells in lines:
        values = {key: _value(cells[i] if i < len(cells) else None) for i, key in columns.items()}
        if all(v is None for v in values.values()):
            continue  # blank rows are normal in hand-made sheets
        count += 1
        if count > max_rows:
            raise SheetError(f"“{source}”未导入：超过 {max_rows} 行的上限，请分成几个文件导入")
        yield number, values


def _value(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value in EXCEL_ERRORS:
            return ValueError(f"是公式错误 {value}，请改为实际内容")
        return value or None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _info(workbook, info_sheet: str) -> dict[str, str]:
    name = next((n for n in workbook.sheetnames if info_sheet and header_key(n) == header_key(info_sheet)), None)
    if name is None:
        return {}
    info = {}
    for cells in workbook.rows(name, 2, max_row=20):
        if cells and cells[0] is not None and len(cells) > 1 and cells[1] is not None:
            info[printable(str(cells[0]).strip(), 40)] = printable(str(cells[1]).strip(), 200)
    return info


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
