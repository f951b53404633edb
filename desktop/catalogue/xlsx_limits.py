"""Limits on a workbook's XML, measured by a streaming count before a reader (calamine, openpyxl) opens it.

Even in read-only mode openpyxl builds every style, font and shared string
as an object before the first row is read, and a row's cells all at once: a
400 KB workbook of 100,000 styles, or a row of a million cells, costs
gigabytes.  Each XML part is therefore streamed through expat once, counting
elements by name, and the workbook is refused at the first count over its
limit — the count stops there, so the check costs at most the limit's worth
of parsing.  Entity declarations are refused outright.  The limits are those
of Excel itself (16,384 columns, 65,490 cell formats) or far above any
catalogue (at most 20,000 needs in a dozen columns: 240,000 cells).

The reader (calamine) holds a sheet as one rectangle from its first to its
last cell, so two cells far apart (A1 and XFD150000) would cost billions of
empty cells: the extent of every sheet — its last row times its last column,
from the cells' and rows' positions — is limited too.
"""

from __future__ import annotations

import re
import time
import zipfile
from xml.parsers import expat

MAX_PART_BYTES = {"xl/styles.xml": 16 << 20, "xl/sharedStrings.xml": 64 << 20}
MAX_OTHER_PART_BYTES = 128 << 20
# element (local name) → the most one part may hold
MAX_ELEMENTS = {"xf": 65_536, "font": 4_096, "fill": 4_096, "border": 4_096, "numFmt": 4_096, "dxf": 4_096,
                "cellStyle": 65_536, "si": 500_000, "row": 200_000, "c": 800_000, "col": 16_384,
                "definedName": 10_000, "sheet": 1_000}
MAX_ELEMENTS_PER_PART = 1_200_000   # about 3 s of counting; a 20,000-need sheet of inline strings has ~800,000
MAX_CELLS_PER_ROW = 16_384            # Excel's own column limit
MAX_EXTENT = 5_000_000                # last row × last column: 100,000 rows of 50 columns, about 200 MB read
MAX_ROW_NUMBER = 1_048_576            # Excel's own row limit
_REF = re.compile(r"([A-Za-z]{1,3})([1-9][0-9]{0,6})")
MAX_SECONDS = 8.0
_CHUNK = 1 << 20
_ERROR_MARKS = (b't="e"', b"t='e'")


class WorkbookTooLarge(Exception):
    """The message (Chinese) says what is over which limit."""


def check_parts(archive: zipfile.ZipFile) -> bool:
    """Count the elements of every XML part; raise WorkbookTooLarge at the first limit passed.

    True when a part holds error cells (``t="e"``: #N/A, #DIV/0! …), which the fast reader cannot show.
    """
    deadline = time.monotonic() + MAX_SECONDS
    error_cells = False
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        limit = MAX_PART_BYTES.get(info.filename, MAX_OTHER_PART_BYTES)
        if info.file_size > limit:
            raise WorkbookTooLarge(f"{info.filename} 解压后有 {info.file_size // (1 << 20)} MB，超过上限 "
                                   f"{limit >> 20} MB")
        error_cells |= _count(archive, info, deadline)
    return error_cells


class _Counter:
    def __init__(self, part: str) -> None:
        self.part = part
        self.counts = dict.fromkeys(MAX_ELEMENTS, 0)     # only the limited elements are counted by name
        self.total = 0
        self.row_cells = 0
        self.row_number = 0           # of the current <row>: its r attribute, else the one after the last
        self.row_text = "0"
        self.last_row = 0
        self.last_column = 0
        self.columns_seen: set[str] = set()    # column letters already within the extent

    def start(self, name: str, attrs: list) -> None:
        # called for every element of every part (a 10,000-row sheet has ~500,000): the common
        # elements (<v>, <t>, <is>) pass with one comparison and one dictionary look-up
        self.total += 1
        if self.total > MAX_ELEMENTS_PER_PART:
            raise WorkbookTooLarge(f"{self.part} 中的 XML 元素超过 {MAX_ELEMENTS_PER_PART} 个")
        local = name.rpartition(":")[2] if ":" in name else name
        limit = MAX_ELEMENTS.get(local)
        if limit is None:
            return
        count = self.counts[local] = self.counts[local] + 1
        if count > limit:
            raise WorkbookTooLarge(f"{self.part} 中的 <{local}> 超过 {limit} 个（{_what(local)}）")
        if local == "c":
            self.row_cells += 1
            if self.row_cells > MAX_CELLS_PER_ROW:
                raise WorkbookTooLarge(f"{self.part} 中有一行超过 {MAX_CELLS_PER_ROW} 个单元格（Excel 最多 16384 列）")
            ref = attrs[1] if attrs and attrs[0] == "r" else _attribute(attrs, "r")
            if ref is None:
                if self.row_cells > self.last_column:
                    self._reach(self.row_number, self.row_cells)
            # the common case in two look-ups: a cell of the current row in a column seen before
            elif not (ref.endswith(self.row_text) and ref[:-len(self.row_text)] in self.columns_seen):
                self._reach(*_cell_position(ref))
        elif local == "row":
            self.row_cells = 0
            self.row_number = _row_position(attrs, self.row_number + 1)
            self.row_text = str(self.row_number)
            self._reach(self.row_number, 0)

    def _reach(self, row: int, column: int, letters: str = "") -> None:
        """Widen the sheet's extent to a cell; refuse an extent past the limits."""
        if row > MAX_ROW_NUMBER or column > MAX_CELLS_PER_ROW:
            raise WorkbookTooLarge(f"{self.part} 中有单元格位于第 {row} 行第 {column} 列，超出 Excel 的范围")
        self.last_row, self.last_column = max(row, self.last_row), max(column, self.last_column)
        if self.last_row * self.last_column > MAX_EXTENT:
            raise WorkbookTooLarge(f"{self.part} 的范围（{self.last_row} 行 × {self.last_column} 列）超过 "
                                   f"{MAX_EXTENT} 个单元格")
        if letters:
            self.columns_seen.add(letters)


def _attribute(attrs: list, name: str) -> str | None:
    """An attribute's value from expat's ordered list (name, value, name, value …)."""
    for index in range(0, len(attrs), 2):
        if attrs[index] == name:
            return attrs[index + 1]
    return None


def _cell_position(ref: str) -> tuple[int, int, str]:
    """(row, column, column letters) of a cell reference in A1 notation, 1-based."""
    found = _REF.fullmatch(ref)
    if found is None:
        raise WorkbookTooLarge(f"单元格位置“{ref[:20]}”无效")
    letters, digits = found.groups()
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return int(digits), number, letters


def _row_position(attrs: list, following: int) -> int:
    ref = _attribute(attrs, "r")
    if ref is None:
        return following
    if not ref.isdigit() or len(ref) > 7:
        raise WorkbookTooLarge(f"行号“{ref[:20]}”无效")
    return int(ref)


def _what(local: str) -> str:
    return {"xf": "单元格格式", "font": "字体", "fill": "填充", "border": "边框", "numFmt": "数字格式",
            "si": "共享字符串", "row": "行", "c": "单元格", "col": "列设置"}.get(local, "元素")


def _no_entities(*_args) -> None:
    raise WorkbookTooLarge("XML 中声明了实体（可被用来让文件膨胀）")


def _count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: float) -> bool:
    """Count one part; True when it holds an error cell (found by its bytes, across chunk ends)."""
    counter = _Counter(info.filename)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = counter.start
    parser.EntityDeclHandler = _no_entities
    parser.buffer_text = True
    parser.ordered_attributes = True          # attributes as a flat list: no dict built per element
    error_cells, tail = False, b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            error_cells = error_cells or any(mark in tail + chunk[:8] or mark in chunk for mark in _ERROR_MARKS)
            tail = chunk[-8:]
            if time.monotonic() > deadline:
                raise WorkbookTooLarge(f"检查工作簿结构超过 {MAX_SECONDS:.0f} 秒，内容过多")
    parser.Parse(b"", True)
    return error_cells
