"""附件6 as a sealed-ready PDF: A4 landscape, the same columns, header rows and totals as the XLSX.

Built on the documents package (bundled CJK font embedded, CJK line breaking,
reproducible bytes with the time taken from the caller); ends with the
填报人 line and an empty seal area for the 填报单位's seal, kept together.
"""

from __future__ import annotations

import datetime as dt
import io
from itertools import accumulate

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.engine.kinds import kind_of
from desktop.documents import layout as L
from desktop.documents.fonts import register_fonts
from desktop.documents.pdf import FixedTimestamp
from desktop.documents.pdf_blocks import paragraph, paragraph_style

from .stats import COLUMNS, FIGURE_COLUMNS, TOTAL_LABEL, StatsTable, value_text

PAGE = landscape(A4)
MARGIN = 12 * mm
TEXT_WIDTH = PAGE[0] - 2 * MARGIN
CELL_PT = 7.5
PADDING = 2
CELL_VERTICAL_PADDING = 3      # reportlab's default TOPPADDING and BOTTOMPADDING of a table cell
WEIGHTS = {"text": 3.2, "date": 1.9, "choice": 1.5, "int": 1.15, "money": 1.5}
SEAL = L.SEAL_SIZE_MM * mm
GRID = colors.black
HEADER_BACKGROUND = colors.Color(0.9, 0.93, 0.97)
FIXED_BACKGROUND = colors.Color(1, 0.95, 0.8)


def render_stats_pdf(table: StatsTable, unit: str, created_at: dt.datetime) -> tuple[bytes, int]:
    """(the PDF, its page count)."""
    fonts = register_fonts()
    styles = _styles(fonts)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=16 * mm, invariant=1, initialFontName=fonts.regular, title=table.title,
                            author=L.AUTHOR, creator=L.AUTHOR, producer=L.AUTHOR, lang="zh-CN")
    pages = [0]

    def footer(canvas, document) -> None:
        canvas._doc._timeStamp = FixedTimestamp(created_at)
        pages[0] = document.page
        canvas.saveState()
        canvas.setFont(fonts.regular, L.FOOTER_PT)
        canvas.drawCentredString(PAGE[0] / 2, 8 * mm, f"{table.title}　第 {document.page} 页")
        canvas.restoreState()

    ending = [Spacer(1, 10), _signature(styles)]
    tail = sum(f.wrap(TEXT_WIDTH, PAGE[1])[1] for f in ending)
    story = [paragraph(table.title, styles["title"]),
             paragraph(f"填报单位（盖章）：{unit}；报送期：{table.period.label}；{table.scope_note}", styles["note"]),
             Spacer(1, 4), _grid(table, styles, tail), *ending]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue(), pages[0]


def _styles(fonts) -> dict:
    leading = CELL_PT * 1.3
    return {
        "title": paragraph_style(fonts, "a6title", 16, 24, bold=True, alignment=TA_CENTER, spaceAfter=4),
        "note": paragraph_style(fonts, "a6note", 10, 15),
        "cell": paragraph_style(fonts, "a6cell", CELL_PT, leading),
        "number": paragraph_style(fonts, "a6number", CELL_PT, leading, alignment=TA_RIGHT),
        "header": paragraph_style(fonts, "a6header", CELL_PT, leading, bold=True, alignment=TA_CENTER),
        "seal": paragraph_style(fonts, "a6seal", 10, 15, alignment=TA_CENTER),
    }


def _grid(table: StatsTable, styles: dict, tail: float = 0) -> "PagedTable":
    """``tail``: the height of what follows the grid (the signature and seal area), kept on the
    page of the totals row together with the last rows."""
    header_top, header_bottom, spans = _header_rows(styles)
    weights = [0.8] + [WEIGHTS.get(c.kind, 1.2) for c in COLUMNS]
    widths = [TEXT_WIDTH * w / sum(weights) for w in weights]
    cell = _cell_maker(styles["cell"], widths)
    body, fixed = [], []
    for n, row in enumerate(table.rows, start=1):
        line = [str(n)]
        for index, column in enumerate(COLUMNS, start=1):
            text = value_text(row.values[column.id], column)
            line.append(cell(text, index) if not kind_of(column).number else text)
            if column.id in row.fixes:
                fixed.append((len(body), index))
        body.append(line)
    body.append([TOTAL_LABEL, f"共 {len(table.rows)} 项"] + [
        value_text(table.totals[c.id], c) if c in FIGURE_COLUMNS else "" for c in COLUMNS[1:]])
    first_figure = 1 + COLUMNS.index(FIGURE_COLUMNS[0])
    style = list(spans) + [
        ("FONT", (0, 0), (-1, -1), styles["cell"].fontName, CELL_PT, CELL_PT * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (first_figure, 2), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    totals_font = ("FONT", (0, -1), (-1, -1), styles["header"].fontName, CELL_PT, CELL_PT * 1.3)
    grid = PagedTable([header_top, header_bottom], body, widths, style, totals_font, fixed)
    grid.tail = tail
    return grid


def _cell_maker(style, widths: list[float]):
    """A text cell: the text itself when it fits on one line (drawn as the table draws a string),
    a wrapping paragraph only when it does not — most cells of a year's table are one line."""
    room = [w - PADDING * 2 for w in widths]

    def cell(text: str, index: int):
        if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= room[index]:
            return text
        return paragraph(text, style)
    return cell


def _row_height(line: list, widths: list[float]) -> float:
    """A body row's height as reportlab's Table sizes it: the tallest cell (a string: one line at the
    cell leading; a paragraph: its wrapped height) plus the top and bottom padding."""
    tallest = CELL_PT * 1.3
    for cell, width in zip(line, widths):
        if isinstance(cell, Flowable):
            tallest = max(tallest, cell.wrap(width - 2 * PADDING, 1e9)[1])
    return tallest + 2 * CELL_VERTICAL_PADDING


class PagedTable(Flowable):
    """The statistics grid cut into one table per page, the two header rows on each.

    reportlab's own splitting measures every remaining row again at each page (a year of 10 000
    activities: 600 pages × 10 000 rows); here each row is measured once, then each page takes
    the rows its height allows.  The tables drawn are the ones reportlab would draw.
    """

    def __init__(self, header: list, body: list, widths: list[float], style: list, last_row_style: tuple,
                 fixed: list[tuple[int, int]], heights: list[float] | None = None, first: int = 0,
                 ends: list[float] | None = None):
        super().__init__()
        self.hAlign = "CENTER"                      # placed as reportlab places a Table
        self.header, self.body, self.widths, self.style = header, body, widths, style
        self.last_row_style, self.fixed, self.first = last_row_style, fixed, first
        if heights is None:
            measured = Table(header, colWidths=widths)          # the header's spans: as reportlab sizes them
            measured.setStyle(TableStyle(style))
            measured.wrap(sum(widths), 1e9)
            heights = list(measured._rowHeights) + [_row_height(line, widths) for line in body]
        self.heights = heights                     # the two header rows', then the body rows'
        self._ends = ends or [0.0, *accumulate(heights[2:])]     # body heights summed once, shared by the rest
        self._table: Table | None = None

    @property
    def _height_left(self) -> float:
        return self.heights[0] + self.heights[1] + self._ends[-1] - self._ends[self.first]

    def _rows_fitting(self, height: float) -> int:
        room = height - self.heights[0] - self.heights[1]
        count = 0
        for h in self.heights[2 + self.first:]:
            room -= h
            if room < 0:
                break
            count += 1
        return count

    def _page(self, count: int) -> Table:
        first, last = self.first, self.first + count
        rows = self.body[first:last]
        style = self.style + [("BACKGROUND", (column, 2 + row - first), (column, 2 + row - first), FIXED_BACKGROUND)
                              for row, column in self.fixed if first <= row < last]
        if last == len(self.body):
            style.append(self.last_row_style)
        grid = Table(self.header + rows, colWidths=self.widths,
                     rowHeights=self.heights[:2] + self.heights[2 + first:2 + last])
        grid.setStyle(TableStyle(style))
        return grid

    tail = 0.0                                     # what must follow the last rows on their page
    KEEP_ROWS = 3                                  # the rows (totals included) that go over with the tail

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        remaining = len(self.body) - self.first
        if self._rows_fitting(available_height - self.tail) >= remaining:
            self._table = self._page(remaining)
            return self._table.wrap(available_width, available_height)
        self._table = None
        return sum(self.widths), self._height_left + self.tail     # more than the page: the frame splits

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        count = self._rows_fitting(available_height)
        remaining = len(self.body) - self.first
        if count >= remaining:                      # the rows fit, the signature does not: the last
            count = remaining - self.KEEP_ROWS      # rows go over with it (the totals never alone)
        if count <= 0:
            return []                               # not even one row: the next page
        rest = PagedTable(self.header, self.body, self.widths, self.style, self.last_row_style, self.fixed,
                          self.heights, self.first + count, self._ends)
        rest.tail = self.tail
        return [self._page(count), rest]

    def draw(self) -> None:
        self._table.drawOn(self.canv, 0, 0)


def _header_rows(styles: dict) -> tuple[list, list, list]:
    top, bottom, spans = [paragraph("序号", styles["header"])], [""], [("SPAN", (0, 0), (0, 1))]
    parts = {c.option("subset_of") for c in COLUMNS if c.option("subset_of")}
    for index, column in enumerate(COLUMNS, start=1):
        label = paragraph(column.label, styles["header"])
        if column.option("subset_of"):
            top.append("")
            bottom.append(label)
        elif column.id in parts:
            width = sum(1 for c in COLUMNS if c.option("subset_of") == column.id)
            top.append(label)
            bottom.append(paragraph("小计", styles["header"]))
            spans.append(("SPAN", (index, 0), (index + width, 0)))
        else:
            top.append(label)
            bottom.append("")
            spans.append(("SPAN", (index, 0), (index, 1)))
    return top, bottom, spans


def _signature(styles: dict) -> Table:
    """填报人, 联系电话 and 填报日期 lines to write on at the left, the empty seal area at the right."""
    font = styles["note"].fontName
    lines = Table([["填报人：", ""], ["联系电话：", ""], ["填报日期：", "　　　　年　　月　　日"]],
                  colWidths=[22 * mm, 60 * mm], rowHeights=[12 * mm] * 3)
    lines.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LINEBELOW", (1, 0), (1, 1), 0.5, colors.black)]))
    seal = Table([[""], [paragraph("填报单位（盖章）", styles["seal"])]], colWidths=[SEAL], rowHeights=[SEAL, 18])
    seal.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 0.6, colors.Color(0.45, 0.45, 0.45)),
                              ("FONT", (0, 0), (-1, -1), font, 10)]))
    ending = Table([[lines, "", seal]], colWidths=[90 * mm, TEXT_WIDTH - 90 * mm - SEAL - 4, SEAL + 4])
    ending.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), font, 10)]))
    return ending
