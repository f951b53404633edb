"""Writing a catalogue as JSON or XLSX, atomically (temp file beside the target, then rename).

Both writers first read the catalogue back through the JSON checks, so a file
they write always imports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence

from desktop.oserrors import os_reason
from desktop.fileio import replace_atomically

from .model import COLUMNS, INFO_SHEET, SHEET, Catalogue, CatalogueError
from .read_json import parse_catalogue_json

_WIDTHS = {"code": 16, "title": 30, "owner": 30, "owner_uscc": 22, "content": 60, "deadline": 14}


def write_catalogue_json(catalogue: dict | Catalogue, path: Path | str) -> None:
    checked = _checked(catalogue)
    text = json.dumps(checked.to_json(), ensure_ascii=False, indent=2) + "\n"
    _atomic(Path(path), lambda temp: temp.write_bytes(text.encode("utf-8")))


def write_catalogue_xlsx(catalogue: dict | Catalogue, path: Path | str, *,
                         extra_columns: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
    """``extra_columns``: (header, one value per need) appended after the standard columns; a reader
    ignores columns it does not know, so the file still imports (the desk marks 不公开 needs so)."""
    checked = _checked(catalogue)
    _atomic(Path(path), lambda temp: _workbook(checked, extra_columns).save(temp))


def _checked(catalogue: dict | Catalogue) -> Catalogue:
    obj = catalogue.to_json() if isinstance(catalogue, Catalogue) else catalogue
    try:
        return parse_catalogue_json(obj, str(obj.get("title") or "需求目录") if isinstance(obj, dict) else "需求目录")
    except CatalogueError as exc:
        raise CatalogueError.listing("待保存的目录", exc.problems, "未保存", "请核对目录内容") from None


def _workbook(catalogue: Catalogue, extra_columns: Sequence[tuple[str, Sequence[str]]] = ()):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([c.header for c in COLUMNS] + [header for header, _ in extra_columns])
    for n, need in enumerate(catalogue.needs):
        _append_text_row(sheet, [getattr(need, c.key) for c in COLUMNS] + [str(v[n]) for _, v in extra_columns])
    for index in range(1, len(COLUMNS) + len(extra_columns) + 1):
        sheet.cell(1, index).font = Font(bold=True)
        key = COLUMNS[index - 1].key if index <= len(COLUMNS) else ""
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(key, 14)
    content = [c.key for c in COLUMNS].index("content") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=content, max_col=content):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    info = workbook.create_sheet(INFO_SHEET)
    for row in (("格式", "xieshou-catalogue"), ("版本", "1"), ("活动编号", catalogue.campaign),
                ("目录名称", catalogue.title), ("生成时间", catalogue.created_at)):
        _append_text_row(info, list(row))
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 12, 40
    return workbook


def _append_text_row(sheet, values: list[str]) -> None:
    """Every value stays text: a need text starting with “=” must never become a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.data_type = "s"


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    try:
        replace_atomically(path, write)
    except OSError as exc:
        raise CatalogueError(f"无法保存需求目录到 {path}（{os_reason(exc)}），"
                             "请检查文件夹是否可写、文件是否正被其他程序打开、磁盘空间是否足够") from None
