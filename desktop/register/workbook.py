"""Writing the templates the program hands out: a header row, drop-down lists, an info sheet.

A template is filled in Excel or WPS and read back by ``desktop.register.sheet``;
the header texts are the column names the README documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.fileio import write_atomically

from .sheet import Column

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_TEMPLATE_ROWS = 2000           # rows the drop-down lists cover


def write_template(path: Path, sheet: str, columns: tuple[Column, ...], rows: Iterable[dict] = (),
                   choices: dict[str, tuple[str, ...]] | None = None, info: dict[str, str] | None = None,
                   note: str = "") -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append([f"{c.header}*" if c.required else c.header for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(10, min(36, len(column.header) * 2.2 + 2))
    for row in rows:
        ws.append([row.get(c.key) for c in columns])
    ws.freeze_panes = "B2"
    for key, options in (choices or {}).items():
        index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
        letter = get_column_letter(index)
        rule = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                              errorTitle="请从列表中选择", error=f"只能是：{'、'.join(options)}")
        rule.add(f"{letter}2:{letter}{MAX_TEMPLATE_ROWS + 1}")
        ws.add_data_validation(rule)
    if info or note:
        about = workbook.create_sheet("填报信息")
        for key, value in (info or {}).items():
            about.append([key, value])
        if note:
            about.append([])
            about.append(["说明", note])
        about.column_dimensions["A"].width = 14
        about.column_dimensions["B"].width = 80
    write_atomically(Path(path), _bytes(workbook))


def _bytes(workbook: Workbook) -> bytes:
    import io

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
