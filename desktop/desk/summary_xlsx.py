"""需求汇总表 (XLSX): one row per need of the forwarded 附件1 packages, and one sheet listing every package.

Input: package data (:class:`~desktop.desk.package_read.PackageData`) with the
state of each (初核通过, 已报部 …) and the moment the table is made.  Output:
XLSX bytes made with openpyxl — a frozen header row, column widths set,
dates as Excel dates (shown 2023年6月30日 style via the number format
``yyyy"年"m"月"d"日"``), money as numbers with two decimals (``#,##0.00``),
every text cell stored as text (a value starting with "=" never becomes a
formula).  Same input and moment → same bytes (fixed document dates and
zip entry dates).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Sequence

from desktop.documents.word import normalize_zip

from .package_read import PackageData

NEEDS_FORM = "2023-a1-needs"
NEEDS_SHEET = "需求汇总表"
PACKAGES_SHEET = "材料清单"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MONEY_FORMAT = "#,##0.00"
CORE_XML = "docProps/core.xml"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    cell_type: str = "text"  # text | int | money | date (a spreadsheet column, not a form field)


@dataclass(frozen=True)
class StatedPackage:
    package: PackageData
    state: str              # 初核通过 / 已报部 …


NEED_COLUMNS = (Column("序号", 6, "int"), Column("需求名称", 36), Column("发榜企业", 30), Column("统一社会信用代码", 22),
                Column("所在地区", 12), Column("重点产业链", 16), Column("所属领域", 14), Column("需求类型", 14),
                Column("拟投入资金（万元）", 16, "money"), Column("期望完成时间", 16, "date"), Column("是否公开", 9),
                Column("联系人", 10), Column("联系电话", 16), Column("装订码", 22), Column("版次", 6, "int"),
                Column("状态", 10))
PACKAGE_COLUMNS = (Column("序号", 6, "int"), Column("材料", 36), Column("企业名称", 30), Column("统一社会信用代码", 22),
                   Column("所在地区", 12), Column("组织渠道", 16), Column("版次", 6, "int"), Column("需求数", 8, "int"),
                   Column("装订码", 22), Column("状态", 10))


def need_rows(stated: Sequence[StatedPackage]) -> list[list[Any]]:
    rows = []
    for item in stated:
        package = item.package
        needs = package.form_data(NEEDS_FORM)
        if needs is None:
            continue
        profile = needs.data.get("profile") if isinstance(needs.data.get("profile"), dict) else {}
        for need in needs.data.get("needs") or []:
            if not isinstance(need, dict):
                continue
            rows.append([len(rows) + 1, need.get("title"), profile.get("name"), profile.get("uscc"),
                         profile.get("province"), need.get("sector"), need.get("domain"), need.get("kind"),
                         money(need.get("budget")), date(need.get("deadline")), need.get("is_public"),
                         need.get("need_contact") or profile.get("contact_name"),
                         need.get("need_phone") or profile.get("contact_phone"), package.binding_code,
                         package.revision, item.state])
    return rows


def package_rows(stated: Sequence[StatedPackage], title: Callable[[PackageData], str]) -> list[list[Any]]:
    rows = []
    for n, item in enumerate(stated, 1):
        package = item.package
        needs = package.form_data(NEEDS_FORM)
        count = len([x for x in needs.data.get("needs") or [] if isinstance(x, dict)]) if needs else None
        rows.append([n, title(package), package.text("name"), package.text("uscc"), package.text("province"),
                     package.text("channel"), package.revision, count, package.binding_code, item.state])
    return rows


def summary_xlsx(stated: Sequence[StatedPackage], title: Callable[[PackageData], str], created_at: dt.datetime) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    _sheet(book.active, NEEDS_SHEET, NEED_COLUMNS, need_rows(stated))
    _sheet(book.create_sheet(PACKAGES_SHEET), PACKAGES_SHEET, PACKAGE_COLUMNS, package_rows(stated, title))
    when = created_at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "携手填报"
    book.properties.created = book.properties.modified = when
    book.properties.title = NEEDS_SHEET
    out = io.BytesIO()
    book.save(out)  # openpyxl stamps the modified date with the clock as it saves: set it back
    return normalize_zip(_with_modified(out.getvalue(), when), created_at)


def _with_modified(data: bytes, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == CORE_XML:
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()


def _sheet(sheet, name: str, columns: Sequence[Column], rows: list[list[Any]]) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = name
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        for cell, column in zip(sheet[sheet.max_row], columns):
            _format(cell, column)
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _format(cell, column: Column) -> None:
    if cell.value is None:
        return
    if column.cell_type == "money" and isinstance(cell.value, float):
        cell.number_format = MONEY_FORMAT
    elif column.cell_type == "date" and isinstance(cell.value, dt.date):
        cell.number_format = DATE_FORMAT
    elif column.cell_type == "text" or isinstance(cell.value, str):
        cell.data_type = "s"


def money(value: Any) -> float | str | None:
    """A submission's money text ("1234.5") as a number rounded to two decimals; kept as text if it is none."""
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value).replace(",", "")).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return str(value)


def date(value: Any) -> dt.date | str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
