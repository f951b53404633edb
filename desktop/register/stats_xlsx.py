"""附件6 as the ministry's summary expects it: an XLSX sheet laid out for printing.

Title, 填报单位 and 报送期 lines, two header rows (the 其中 columns under the
column they are part of), one row per activity, the 合计 row, frozen panes
below the header and right of the name, A4 landscape fitted to the page width,
numbers as numbers.  Hand corrections are listed on a second sheet and noted
on their cells.  Written with XlsxWriter (openpyxl took several times as
long): a year of 10 000 activities is 160,000 cells, and the cell loop is
most of the time, so it does per cell only what XlsxWriter must.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from desktop.bulk import collector_paused
from desktop.fileio import write_atomically
from desktop.rules.formats import format_date_cn

from .activity import figure_json
from .stats import COLUMNS, FIGURE_COLUMNS, TOTAL_LABEL, StatsTable

SHEET = "附件6统计表"
CORRECTIONS_SHEET = "手工修改说明"
HEADER_ROWS = (2, 3)             # 0-based rows of the two header rows
FIRST_DATA_ROW = 4               # 0-based: Excel row 5
NUMBER_FORMATS = {"int": "#,##0", "money": "#,##0.00", "date": 'yyyy"年"m"月"d"日"'}
WIDTHS = {"text": 22, "date": 15, "choice": 11, "int": 10, "money": 13}
FONT = "宋体"
# texts are written as texts (no URL or formula guessing per string), in memory, dates in the sheet's format
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False,
                    "strings_to_numbers": False, "default_date_format": NUMBER_FORMATS["date"]}
SIGN_LINE = "填报人：　　　　　　联系电话：　　　　　　填报日期：　　　　年　　月　　日"


def write_stats_xlsx(table: StatsTable, unit: str, path: Path) -> None:
    write_atomically(Path(path), stats_xlsx_bytes(table, unit))


def stats_xlsx_bytes(table: StatsTable, unit: str) -> bytes:
    with collector_paused():         # 160,000 cells for a year: tuples and formats, no cycle among them
        return _workbook_bytes(table, unit)


def _workbook_bytes(table: StatsTable, unit: str) -> bytes:
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    workbook.set_properties({"title": table.title, "author": "携手填报", "created": dt.datetime(2024, 1, 1)})
    formats = _formats(workbook)
    ws = workbook.add_worksheet(SHEET)
    last = len(COLUMNS)
    _title(ws, table, unit, last, formats)
    _header(ws, formats)
    _body(ws, table, formats)
    total_row = FIRST_DATA_ROW + len(table.rows)
    _totals(ws, table, total_row, formats)
    _page(ws, total_row, last)
    if table.corrections:
        _corrections_sheet(workbook.add_worksheet(CORRECTIONS_SHEET), table, formats)
    workbook.close()
    return out.getvalue()


def _formats(workbook) -> dict:
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}

    def fmt(**kw):
        return workbook.add_format({**base, **kw})
    made = {"title": workbook.add_format({"font_name": FONT, "bold": True, "font_size": 16, "align": "center",
                                          "valign": "vcenter"}),
            "note": workbook.add_format({"font_name": FONT, "font_size": 10}),
            "header": fmt(bold=True, align="center", text_wrap=True, bg_color="#DDEBF7"),
            "text": fmt(text_wrap=True), "serial": fmt(align="center"),
            "total_label": fmt(bold=True, align="center"), "total_text": fmt(bold=True)}
    for kind, number_format in NUMBER_FORMATS.items():
        made[kind] = fmt(num_format=number_format)
        made[f"{kind}_fixed"] = fmt(num_format=number_format, bg_color="#FFF2CC")
        made[f"{kind}_total"] = fmt(num_format=number_format, bold=True)
    return made


def _title(ws, table: StatsTable, unit: str, last: int, formats: dict) -> None:
    ws.merge_range(0, 0, 0, last, table.title, formats["title"])
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last, f"填报单位（盖章）：{unit}　　报送期：{table.period.label}　　{table.scope_note}",
                   formats["note"])


def _header(ws, formats: dict) -> None:
    """Two header rows: a column with 其中 parts heads a group (小计 + parts); others span both rows."""
    top, bottom = HEADER_ROWS
    header = formats["header"]
    ws.merge_range(top, 0, bottom, 0, "序号", header)
    ws.set_column(0, 0, 6)
    parts = {c.option("subset_of") for c in COLUMNS if c.option("subset_of")}
    for index, column in enumerate(COLUMNS, start=1):
        ws.set_column(index, index, WIDTHS.get(column.kind, 12))
        if column.option("subset_of"):
            ws.write(bottom, index, column.label, header)
        elif column.id in parts:
            width = sum(1 for c in COLUMNS if c.option("subset_of") == column.id)
            ws.merge_range(top, index, top, index + width, column.label, header)
            ws.write(bottom, index, "小计", header)
        else:
            ws.merge_range(top, index, bottom, index, column.label, header)
    ws.set_row(top, 30)
    ws.set_row(bottom, 45)


def _body(ws, table: StatsTable, formats: dict) -> None:
    """One row per activity.  This loop is most of the export's time (160,000 cells for a year), so each
    column's conversion and format are chosen once, the writers are looked up once, and the rare corrected
    cells are written over the plain ones afterwards instead of being asked about at every cell."""
    columns = [(index, c.id, _CONVERT.get(c.kind, _TEXT), formats.get(c.kind, formats["text"]))
               for index, c in enumerate(COLUMNS, start=1)]
    serial = formats["serial"]
    write_number, write_string, write_blank = _plain_writers(ws)
    for r, row in enumerate(table.rows, start=FIRST_DATA_ROW):
        write_number(r, 0, r - FIRST_DATA_ROW + 1, serial)
        values = row.values
        for index, column_id, convert, plain in columns:
            value = values[column_id]
            if value is None:
                write_blank(r, index, None, plain)
            elif convert is _NUMBER:
                write_number(r, index, value, plain)
            elif convert is _TEXT:
                write_string(r, index, value if value.__class__ is str else str(value), plain)
            else:
                write_number(r, index, convert(value), plain)
        if row.fixes:
            _fixed_cells(ws, r, row, formats)


def _plain_writers(ws) -> tuple:
    """XlsxWriter's writers without their "A1"-notation check (write_number() converts "A1" to row and column,
    then calls _write_number()): this loop passes numbers, so the check is skipped; the public ones if the
    undecorated names ever go."""
    names = ("write_number", "write_string", "write_blank")
    return tuple(getattr(ws, f"_{name}", getattr(ws, name)) for name in names)


def _fixed_cells(ws, r: int, row, formats: dict) -> None:
    """The officer's corrections of one row: the reported value, highlighted, with a note of the register's."""
    for index, column in enumerate(COLUMNS, start=1):
        if column.id in row.fixes:
            cell = row.cell(column.id)
            ws.write(r, index, _excel(cell.value), formats[f"{column.kind}_fixed"])
            ws.write_comment(r, index, f"登记值 {figure_json(cell.register)}，差额 {figure_json(cell.difference)}；"
                             f"理由：{cell.correction.reason}（{cell.correction.by}）")


def _excel(value):
    return float(value) if isinstance(value, Decimal) else value


def _day_number(value: dt.date) -> int:
    """A date as Excel keeps it: the day number, shown by the date format (what write_datetime stores)."""
    return (value - EXCEL_EPOCH).days


EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER, _TEXT = "number", "text"          # written as they are
_CONVERT = {"date": _day_number, "int": _NUMBER, "money": _excel}


def _totals(ws, table: StatsTable, row: int, formats: dict) -> None:
    ws.merge_range(row, 0, row, 1, TOTAL_LABEL, formats["total_label"])
    for index, column in enumerate(COLUMNS, start=1):
        if index == 1:
            continue
        if column in FIGURE_COLUMNS:
            ws.write_number(row, index, _excel(table.totals[column.id]), formats[f"{column.kind}_total"])
        elif index == 2:
            ws.write_string(row, index, f"共 {len(table.rows)} 项活动", formats["total_text"])
        else:
            ws.write_blank(row, index, None, formats["total_text"])
    ws.write_string(row + 2, 0, SIGN_LINE, formats["note"])


def _page(ws, total_row: int, last: int) -> None:
    ws.freeze_panes(FIRST_DATA_ROW, 2)            # header rows, 序号 and 活动名称 stay in view
    ws.repeat_rows(*HEADER_ROWS)
    ws.print_area(0, 0, total_row + 2, last)
    ws.set_landscape()
    ws.set_paper(9)                                 # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页 共 &N 页")


def _corrections_sheet(ws, table: StatsTable, formats: dict) -> None:
    heads = ("活动编号", "活动名称", "列", "登记值", "报送值", "差额", "理由", "修改人", "修改时间")
    for index, (head, width) in enumerate(zip(heads, (9, 40, 18, 10, 10, 10, 40, 16, 16))):
        ws.write(0, index, head, formats["header"])
        ws.set_column(index, index, width)
    for n, (row, column, cell) in enumerate(table.corrections, start=1):
        number = formats[column.kind]
        values = (row.activity.id, row.activity.name, column.label, _excel(cell.register), _excel(cell.value),
                  _excel(cell.difference), cell.correction.reason, cell.correction.by,
                  format_date_cn(cell.correction.at.date()))
        for index, value in enumerate(values):
            ws.write(n, index, value, number if 3 <= index <= 5 else formats["text"])
