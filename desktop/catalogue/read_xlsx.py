"""The XLSX catalogue: sheet 需求目录, columns found by their header names.

The container is checked before any parser sees it: an old .xls/.et renamed,
a file that is not a zip, or a zip whose members would unpack to more than
``MAX_UNPACKED`` bytes is refused with a message.  zipfile never inflates a
member past its declared size, so the declared sizes bound the work.  Then
every XML part is counted by a streaming parser (:mod:`.xlsx_limits`:
styles, fonts, shared strings, cells per row and per sheet, the sheet's
extent) so a workbook that would make the reader build millions of objects
is refused first.  Only then does calamine (:mod:`.xlsx_cells`) read the cells.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar
from xml.parsers import expat

from desktop.package.safe_json import printable
from desktop.errorlog import note

from .model import COLUMNS, INFO_SHEET, MAX_NEEDS, SHEET, Catalogue, CatalogueError
from .rows import Row, clean_value, needs_from_rows
from .xlsx_cells import Workbook, open_workbook
from .xlsx_limits import WorkbookTooLarge, check_parts


T = TypeVar("T")
MAX_COLUMNS = 64
MAX_SCANNED_ROWS = 100_000     # blank but formatted rows count too; stops a sheet claiming a million rows
HEADER_SEARCH_ROWS = 10        # a title row or two above the header is common in hand-made sheets
MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .xls, .et and .wps are OLE compound files
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"})
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_ALIASES = (("发榜企业名称", "owner"), ("发榜单位", "owner"), ("需求内容摘要", "content"),
            ("需求内容及主要技术指标", "content"), ("所在省份", "province"), ("联系方式", "phone"))
_INFO_KEYS = {"活动编号": "campaign", "目录名称": "title", "生成时间": "created_at"}


def header_key(text: Any) -> str:
    """A header as compared: NFKC, no white space or * marks, no trailing （…） note, case-folded."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).replace("*", "")
    return _TRAILING_NOTE.sub("", text).casefold()


KEY_OF_HEADER: dict[str, str] = {header_key(c.header): c.key for c in COLUMNS} \
    | {header_key(alias): key for alias, key in _ALIASES}
HEADER_OF_KEY: dict[str, str] = {c.key: c.header for c in COLUMNS}


def load_xlsx(path: Path, source: str) -> Catalogue:
    return read_bounded(path, source, lambda workbook: _read_workbook(workbook, source))


def read_bounded(path: Path, source: str, read: Callable[[Workbook], T], own_errors: tuple[type, ...] = ()) -> T:
    """``read(workbook)`` on an XLSX whose container passed the limits (xlsx_limits), and only then opened
    (xlsx_cells: ``workbook.sheetnames``, ``workbook.rows(name, max_col, max_row)``).

    A damaged file or a sheet that breaks while it is streamed is a CatalogueError saying so; the reader's
    own refusals (CatalogueError, ``own_errors``) pass through unchanged.
    """
    error_cells = check_container(path, source)
    try:
        workbook = open_workbook(path, error_cells)
    except Exception as exc:  # calamine raises its zip, XML and format errors on damaged files
        raise _damaged(source, exc) from None
    try:
        return read(workbook)
    except (CatalogueError, *own_errors):
        raise
    except Exception as exc:  # a sheet that breaks while it is streamed
        raise _damaged(source, exc) from None
    finally:
        workbook.close()


def _damaged(source: str, exc: Exception) -> CatalogueError:
    note(exc, f"workbook {source} refused")
    return CatalogueError.refused(source, "文件已损坏或不是 Excel 工作簿，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")


def check_container(path: Path, source: str) -> bool:
    """Refuse what is not a bounded XLSX; True when it holds error cells (xlsx_limits.check_parts)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == _OLE_SIGNATURE:
        raise CatalogueError.refused(source, "这是旧版 Excel（.xls）或 WPS 表格（.et）文件，"
                                     "请在 Excel 或 WPS 中另存为 .xlsx 格式后再导入")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive.infolist(), source)
            return check_parts(archive)
    except CatalogueError:
        raise
    except WorkbookTooLarge as exc:
        raise CatalogueError.refused(source, f"{exc}，不是正常的需求目录（文件可能已损坏或被恶意构造）") from None
    except expat.ExpatError as exc:
        raise _damaged(source, exc) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
        raise CatalogueError.refused(
            source, "不是有效的 Excel（.xlsx）文件（文件已损坏，或是改了扩展名的其他文件）") from None


def _check_members(members: list[zipfile.ZipInfo], source: str) -> None:
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise CatalogueError.refused(source, f"解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不是正常的需求目录"
                                     "（文件可能已损坏或被恶意构造）")
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise CatalogueError.refused(source, "不是 Excel 工作簿（压缩包中没有 xl/workbook.xml），请另存为 .xlsx 后再导入")


def _read_workbook(workbook, source: str) -> Catalogue:
    lines = enumerate(workbook.rows(_sheet_name(workbook, SHEET, source), MAX_COLUMNS), 1)
    columns = _header(lines, source)
    problems: list[str] = []
    needs = needs_from_rows(list(_data_rows(lines, columns, source)), problems)
    if problems:
        raise CatalogueError.listing(source, problems)
    return Catalogue(needs, **_info(workbook))


def _sheet_name(workbook, wanted: str, source: str | None) -> str | None:
    for name in workbook.sheetnames:
        if header_key(name) == header_key(wanted):
            return name
    if source is None:
        return None
    present = "、".join(printable(n, 31) for n in workbook.sheetnames[:10])
    raise CatalogueError.refused(source, f"工作簿中没有名为“{wanted}”的工作表（现有：{present}），"
                                 f"请把需求所在的工作表改名为“{wanted}”后再导入")


def _header(lines: Iterator[tuple[int, tuple]], source: str) -> dict[int, str]:
    """Column index → need key, from the first row (of the first ten) that names a known column."""
    for number, cells in lines:
        found = [(i, KEY_OF_HEADER.get(header_key(c))) for i, c in enumerate(cells) if c is not None]
        columns = {i: key for i, key in found if key}
        if columns:
            _check_header(columns, number, source)
            return columns
        if number >= HEADER_SEARCH_ROWS:
            break
    raise CatalogueError.refused(source, f"“{SHEET}”工作表前 {HEADER_SEARCH_ROWS} 行中没有表头"
                                 "（应有“需求编号”“需求名称”“发榜企业”等列名）")


def _check_header(columns: dict[int, str], number: int, source: str) -> None:
    from openpyxl.utils import get_column_letter

    problems, first = [], {}
    for index, key in columns.items():
        if key in first:
            problems.append(f"表头中“{HEADER_OF_KEY[key]}”出现了不止一次（{get_column_letter(first[key] + 1)} 列和"
                            f" {get_column_letter(index + 1)} 列），请删去多余的一列")
        first.setdefault(key, index)
    missing = [c.header for c in COLUMNS if c.required and c.key not in first]
    if missing:
        problems.append(f"缺少必需的列：{'、'.join(missing)}（第 {number} 行是表头）")
    if problems:
        raise CatalogueError.listing(source, problems)


def _data_rows(lines, columns: dict[int, str], source: str) -> Iterator[Row]:
    count = 0
    for number, cells in lines:
        if number > MAX_SCANNED_ROWS:
            raise CatalogueError.refused(source, f"工作表超过 {MAX_SCANNED_ROWS} 行，不是正常的需求目录")
        found: list[str] = []
        values = {key: _cell_text(cells[i] if i < len(cells) else None, key, found) for i, key in columns.items()}
        if all(v == "" for v in values.values()):
            continue  # blank rows between blocks of needs are normal in hand-made sheets
        count += 1
        if count > MAX_NEEDS:
            raise CatalogueError.refused(source, f"需求超过 {MAX_NEEDS} 行的上限")
        yield f"第 {number} 行", values, found


def _cell_text(value: Any, key: str, problems: list[str]) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        problems.append(f"{HEADER_OF_KEY[key]}应为文字，现为 {'TRUE' if value else 'FALSE'}")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # phone numbers and codes typed into number cells
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean_value(key, str(value))
    if text in EXCEL_ERRORS:
        problems.append(f"{HEADER_OF_KEY[key]}是公式错误 {text}，请改为实际内容")
        return None
    return text


def _info(workbook) -> dict[str, str]:
    name = _sheet_name(workbook, INFO_SHEET, None)
    if name is None:
        return {}
    info: dict[str, str] = {}
    for cells in workbook.rows(name, 2, max_row=20):
        key = _INFO_KEYS.get(header_key(cells[0])) if cells and cells[0] is not None else None
        if key and len(cells) > 1 and cells[1] is not None:
            info[key] = clean_value(key, str(cells[1]))
    return info
