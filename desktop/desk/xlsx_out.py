"""XLSX exports of the register: 收件清单 (one row per package) and 需求汇总表 (one row per need).

Written with openpyxl's write-only mode (lxml underneath): frozen header
row, set column widths, times and dates as real Excel dates, money as
numbers with two decimals, and on the 收件清单 empty 盖章/签字/份数 columns
for the paper check.  Per cell only what must be: the styles are made once
per column (one styled cell per column, given each row's value in turn),
empty cells are not written, and the needs are read as plain rows of the
columns shown (no ORM objects).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from sqlalchemy import select

from desktop.desk.db import DeskDB
from desktop.desk.tables import UPDATED, DeskNeed, DeskPackage
from desktop.desk.query import PackageFilter, Row, rows_of
from desktop.package.manifest import CHINA_TZ

DATE_TIME = 'yyyy"年"m"月"d"日" hh:mm'
DATE = 'yyyy"年"m"月"d"日"'
MONEY = "#,##0.00"
_THIN = Side(style="thin", color="999999")
HEADER_FONT = Font(name="宋体", bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    number_format: str | None = None


RECEIPT_COLUMNS = (
    Col("收件编号", 9), Col("装订码", 22), Col("表格", 18), Col("版次", 6), Col("报送单位", 36),
    Col("统一社会信用代码", 22), Col("所在地区", 12), Col("组织渠道", 24), Col("到达时间", 20, DATE_TIME),
    Col("EMS单号", 16), Col("校验结果", 9), Col("状态", 9), Col("提醒", 40), Col("问题", 50),
    Col("盖章", 6), Col("签字", 6), Col("份数", 6),
)
NEED_COLUMNS = (
    Col("需求编号", 14), Col("需求名称", 36), Col("发榜企业", 32), Col("统一社会信用代码", 22), Col("所在地区", 12),
    Col("重点产业链", 24), Col("所属领域", 18), Col("需求类型", 12), Col("是否公开", 9),
    Col("拟投入资金（万元）", 16, MONEY), Col("期望完成时间", 16, DATE), Col("联系人", 10), Col("联系电话", 16),
    Col("收件编号", 9), Col("状态", 9), Col("迫切性", 8), Col("可行性", 8), Col("入选", 8),
)


def _local(moment: dt.datetime) -> dt.datetime:
    """Excel has no time zones: the officer's (China) wall-clock time."""
    return moment.astimezone(CHINA_TZ).replace(tzinfo=None, microsecond=0)


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def write_sheet(path: Path, title: str, columns: tuple[Col, ...], rows: Iterable[list[Any]]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, col in enumerate(columns, 1):
        sheet.column_dimensions[_letter(index)].width = col.width
    sheet.append([_header_cell(sheet, col.header) for col in columns])
    # openpyxl writes each row's cells before the next row is given: one styled cell per column serves every row
    styled = [_styled_cell(sheet, col.number_format) for col in columns]
    count = 0
    for values in rows:
        sheet.append([_cell(value, cell) for value, cell in zip(values, styled)])
        count += 1
    sheet.auto_filter.ref = f"A1:{_letter(len(columns))}{count + 1}"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return count


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = Border(bottom=_THIN)
    return cell


def _styled_cell(sheet, number_format: str | None) -> WriteOnlyCell | None:
    if number_format is None:
        return None
    cell = WriteOnlyCell(sheet)
    cell.number_format = number_format
    return cell


def _cell(value: Any, styled: WriteOnlyCell | None) -> Any:
    if value == "" or value is None:
        return None                  # an empty cell is not written at all (a third of the 收件清单)
    if styled is None:
        return value
    styled.value = value
    return styled


# ------------------------------------------------------------- 收件清单
def receipt_values(row: Row) -> list[Any]:
    return [row.id, row.binding_code or "", row.form, row.revision or None, row.submitter, row.uscc, row.province,
            row.channel, _local(row.arrived_at), row.ems_no, row.verdict, row.state, "；".join(row.warnings),
            "；".join(row.problems), "", "", ""]


def write_receipts(db: DeskDB, path: Path, flt: PackageFilter | None = None) -> int:
    with db.reading() as session:
        rows = rows_of(session, flt)
    return write_sheet(path, "收件清单", RECEIPT_COLUMNS, (receipt_values(r) for r in rows))


# ----------------------------------------------------------- 需求汇总表
_CENT = Decimal("0.01")
_SELECTED = {True: "入选", False: "不入选"}


def need_values(need) -> list[Any]:
    """One line of the 需求汇总表 from a row of :func:`need_rows`."""
    data = json.loads(need.data_json or "{}")
    budget = need.budget.quantize(_CENT) if need.budget is not None else None
    return [need.code, need.title, need.submitter_name, need.submitter_uscc, need.province, need.sector,
            need.domain, _text(data, "kind"), "公开" if need.is_public else "不公开", budget, _date(need.deadline),
            _text(data, "need_contact"), _text(data, "need_phone"), need.package_id, need.state, need.urgency,
            need.feasibility, _SELECTED.get(need.selected, "")]


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


NEED_FIELDS = (DeskNeed.code, DeskNeed.title, DeskNeed.sector, DeskNeed.domain, DeskNeed.is_public, DeskNeed.budget,
               DeskNeed.deadline, DeskNeed.data_json, DeskNeed.urgency, DeskNeed.feasibility, DeskNeed.selected,
               DeskNeed.package_id, DeskPackage.submitter_name, DeskPackage.submitter_uscc, DeskPackage.province,
               DeskPackage.state)      # never the packages' data (hundreds of KB each)


def need_rows(db: DeskDB, package_ids: Iterable[int] | None = None, *, include_updated: bool = False) -> list:
    """Plain rows of ``NEED_FIELDS`` (by name: ``row.code``, ``row.submitter_name`` …) in need-code order;
    by default the needs of current revisions only."""
    query = select(*NEED_FIELDS).join(DeskPackage, DeskNeed.package_id == DeskPackage.id)
    if package_ids is not None:
        query = query.where(DeskPackage.id.in_(list(package_ids)))
    if not include_updated:
        query = query.where(DeskPackage.state != UPDATED)
    with db.reading() as session:
        return list(session.execute(query.order_by(DeskNeed.code, DeskNeed.id)))


def write_needs(db: DeskDB, path: Path, package_ids: Iterable[int] | None = None) -> int:
    return write_sheet(path, "需求汇总表", NEED_COLUMNS, (need_values(n) for n in need_rows(db, package_ids)))
