"""Writing the templates the program hands out: a header row, drop-down lists, an info sheet.

A template is filled in Excel or WPS and read back by ``desktop.register.sheet``;
the header texts are the column names the README documents.  Written with
XlsxWriter as Excel saves a workbook (shared strings, dates as day numbers with a
date format), so a template handed back unchanged reads as fast as one saved by
Excel; text is always written as text (a name starting with “=” is not a formula).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Iterable

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from desktop.fileio import write_atomically

from .sheet import Column

HEADER_FILL = "#DDEBF7"
MAX_TEMPLATE_ROWS = 2000           # rows the drop-down lists cover
DATE_FORMAT = "yyyy-mm-dd"
INFO_SHEET = "填报信息"


def write_template(path: Path, sheet: str, columns: tuple[Column, ...], rows: Iterable[dict] = (),
                   choices: dict[str, tuple[str, ...]] | None = None, info: dict[str, str] | None = None,
                   note: str = "") -> None:
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    workbook.set_properties({"created": dt.datetime(2024, 1, 1)})
    ws = workbook.add_worksheet(sheet)
    header = workbook.add_format({"bold": True, "bg_color": HEADER_FILL, "align": "center", "valign": "vcenter",
                                  "text_wrap": True})
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    for index, column in enumerate(columns):
        ws.write_string(0, index, f"{column.header}*" if column.required else column.header, header)
        ws.set_column(index, index, max(10, min(36, len(column.header) * 2.2 + 2)))
    keys = [c.key for c in columns]
    for number, row in enumerate(rows, start=1):
        for index, key in enumerate(keys):
            _write(ws, number, index, row.get(key), date_format)
    ws.freeze_panes(1, 1)
    for key, options in (choices or {}).items():
        index = keys.index(key)
        letter = xl_col_to_name(index)
        ws.data_validation(f"{letter}2:{letter}{MAX_TEMPLATE_ROWS + 1}", {
            "validate": "list", "source": list(options), "ignore_blank": True,
            "error_title": "请从列表中选择", "error_message": f"只能是：{'、'.join(options)}"})
    if info or note:
        _info_sheet(workbook.add_worksheet(INFO_SHEET), info or {}, note)
    workbook.close()
    write_atomically(Path(path), out.getvalue())


def _write(ws, row: int, column: int, value, date_format) -> None:
    if value is None:
        return
    if isinstance(value, str):
        ws.write_string(row, column, value)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date_format)
    elif isinstance(value, bool):
        ws.write_boolean(row, column, value)
    else:
        ws.write_number(row, column, value)


def _info_sheet(ws, info: dict[str, str], note: str) -> None:
    row = 0
    for row, (key, value) in enumerate(info.items()):
        ws.write_string(row, 0, key)
        ws.write_string(row, 1, value)
    if note:
        row = row + 2 if info else 1
        ws.write_string(row, 0, "说明")
        ws.write_string(row, 1, note)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 80)
