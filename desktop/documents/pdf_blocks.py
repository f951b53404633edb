"""Layout blocks → reportlab flowables (bordered tables, headings, long texts).

A table row cannot be split by reportlab's ``splitByRow``, so a long memo is
wrapped once and cut into chunks of a few lines, one table row each, drawn
without a rule between them: the text reads as one cell and may continue on
the next page wherever a chunk ends (nothing is ever clipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from . import layout as L
from .fonts import FontNames
from .header_fit import fit_header_widths
from .pdf_split import ClosedTable, Continued
from .pdf_text import ChineseParagraph

TEXT_WIDTH = L.TEXT_WIDTH_MM * mm
LABEL_WIDTH = L.LABEL_COLUMN_MM * mm
PAD = 4.0                      # cell padding, points
CHUNK_LINES = 4                # lines per memo chunk: at most this much space is left at a page foot
RULE = 0.6                     # table rule weight, points
TITLE_ROW_BACKGROUND = colors.Color(0.94, 0.94, 0.94)
# A heading or record title starts a new page unless this much room is left: itself and a few rows.
# (keepWithNext would move a heading and the whole multi-page table after it to a new page.)
MIN_ROOM_FOR_HEADING = 110.0
ROOM_PER_FOLLOWING_TITLE = 34.0  # a sub-heading or record title row, with its spacing


@dataclass(frozen=True)
class Styles:
    fonts: FontNames
    attachment: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    amount: ParagraphStyle       # a right-aligned value
    note: ParagraphStyle         # the small explanation under a calculated value
    header: ParagraphStyle
    record_title: ParagraphStyle
    body: ParagraphStyle


def paragraph_style(fonts: FontNames, name: str, size: float, leading: float, bold: bool = False,
                    **kw) -> ParagraphStyle:
    """A CJK-wrapping paragraph style in the bundled regular or bold face."""
    return ParagraphStyle(name, fontName=fonts.bold if bold else fonts.regular, fontSize=size,
                          leading=leading, wordWrap="CJK", alignment=kw.pop("alignment", TA_LEFT), **kw)


@lru_cache(maxsize=4)
def styles_for(fonts: FontNames) -> Styles:
    def style(name: str, size: float, leading: float, bold: bool = False, **kw) -> ParagraphStyle:
        return paragraph_style(fonts, name, size, leading, bold, **kw)

    table_leading = L.TABLE_PT * 1.45
    return Styles(
        fonts=fonts,
        attachment=style("attachment", L.ATTACHMENT_PT, 22, bold=True),
        title=style("title", L.TITLE_PT, 32, bold=True, alignment=TA_CENTER, spaceBefore=6, spaceAfter=12),
        subtitle=style("subtitle", L.BODY_PT, 20, spaceAfter=6),
        heading=style("heading", L.HEADING_PT, 22, bold=True, spaceBefore=10, spaceAfter=6),
        subheading=style("subheading", L.BODY_PT, 18, bold=True, spaceBefore=6, spaceAfter=4),
        label=style("label", L.TABLE_PT, table_leading, alignment=TA_CENTER),
        value=style("value", L.TABLE_PT, table_leading),
        amount=style("amount", L.TABLE_PT, table_leading, alignment=TA_RIGHT),
        note=style("note", L.NOTE_PT, L.NOTE_PT * 1.45, spaceBefore=2),
        header=style("header", L.TABLE_PT, table_leading, bold=True, alignment=TA_CENTER),
        record_title=style("record_title", L.BODY_PT, 18, bold=True),
        body=style("body", L.BODY_PT, 20),
    )


def paragraph(text: str, style: ParagraphStyle) -> ChineseParagraph:
    return ChineseParagraph(escape(text).replace("\n", "<br/>"), style)


def block_flowables(block: L.Block, styles: Styles, room: float = MIN_ROOM_FOR_HEADING) -> list[Flowable]:
    """``room``: what a heading or record title asks to be left on the page (0: it follows a heading)."""
    keep = [CondPageBreak(room)] if room > 0 else []
    if isinstance(block, L.Heading):
        style = styles.heading if block.level == 1 else styles.subheading
        return keep + [paragraph(block.text, style)]
    if isinstance(block, L.KeyValueTable):
        return [key_value_flowable(block, styles), Spacer(1, 6)]
    if isinstance(block, L.RecordBlock):
        return keep + [key_value_flowable(block.table, styles, title=block.title), Spacer(1, 8)]
    if isinstance(block, L.GridTable):
        return [grid_flowable(block, styles), Spacer(1, 6)]
    if isinstance(block, L.Photo):
        return [photo_flowable(block, styles), Spacer(1, 8)]
    return [paragraph(block.text, styles.body)]


def photo_size(path: str, max_width: float, max_height: float) -> tuple[float, float]:
    """The picture's size scaled to fit ``max_width`` × ``max_height``, aspect ratio kept."""
    from reportlab.lib.utils import ImageReader

    width, height = ImageReader(path).getSize()
    scale = min(max_width / width, max_height / height)
    return width * scale, height * scale


def photo_flowable(block: L.Photo, styles: Styles) -> Flowable:
    from reportlab.platypus import Image, KeepTogether

    width, height = photo_size(block.path, TEXT_WIDTH, L.PHOTO_MAX_HEIGHT_MM * mm)
    caption = ParagraphStyle("caption", parent=styles.value, alignment=TA_CENTER, spaceBefore=3)
    return KeepTogether([Image(block.path, width=width, height=height), paragraph(block.caption, caption)])


def break_rooms(blocks: tuple[L.Block, ...]) -> list[float]:
    """The room each block asks for before it (see ``block_flowables``).

    A heading followed by more headings or a record title (六、进度安排 → 阶段1：…) asks
    for room for all of them and a few rows, and those that follow ask for none: a heading is
    never left alone at the foot of a page.
    """
    rooms = [0.0] * len(blocks)
    titled = (L.Heading, L.RecordBlock)
    i = 0
    while i < len(blocks):
        if not isinstance(blocks[i], titled):
            i += 1
            continue
        last = i
        while isinstance(blocks[last], L.Heading) and last + 1 < len(blocks) and isinstance(blocks[last + 1], titled):
            last += 1
        rooms[i] = MIN_ROOM_FOR_HEADING + ROOM_PER_FOLLOWING_TITLE * (last - i)
        i = last + 1
    return rooms


def memo_chunks(text: str, style: ParagraphStyle, width: float, lines: int = CHUNK_LINES) -> list[ChineseParagraph]:
    """``text`` wrapped at ``width`` and cut into paragraphs of at most ``lines`` lines each."""
    chunks: list[ChineseParagraph] = []
    height = lines * style.leading + 0.01
    for part in text.split("\n"):
        rest = paragraph(part, style)
        while True:
            pieces = rest.split(width, height)
            if len(pieces) < 2:
                chunks.append(rest)
                break
            chunks.append(pieces[0])
            rest = pieces[1]
    return chunks


class _Rows:
    """Table data and style commands collected row by row."""

    def __init__(self, fonts: FontNames):
        self.data: list[list] = []
        self.continued: list[Continued | None] = []   # per row: its mark when a page starts with it
        self.title: Continued | None = None
        self.commands: list[tuple] = [("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                                      ("TOPPADDING", (0, 0), (-1, -1), PAD),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), PAD)]

    def add(self, cells: list, *commands: tuple, continued: Continued | None = None) -> int:
        """Append a row; ``commands`` are written for row 0 and moved to this row."""
        row = len(self.data)
        self.data.append(cells)
        self.continued.append(continued)
        for name, start, stop, *args in commands:
            self.commands.append((name, (start[0], row), (stop[0], row), *args))
        return row

    def table(self, widths: list[float], repeat_rows: int = 0) -> ClosedTable:
        self.commands.append(("BOX", (0, 0), (-1, -1), RULE, colors.black))
        table = ClosedTable(self.data, colWidths=widths, repeatRows=repeat_rows, style=TableStyle(self.commands))
        table.continued, table.title = tuple(self.continued), self.title
        return table


def key_value_flowable(table: L.KeyValueTable, styles: Styles, title: str | None = None) -> Table:
    value_width = (TEXT_WIDTH - 2 * LABEL_WIDTH) / 2
    rows = _Rows(styles.fonts)
    if title:
        rows.title = Continued(0, title, styles.record_title)
        rows.add([paragraph(title, styles.record_title), "", "", ""],
                 ("SPAN", (0, 0), (3, 0)), ("BACKGROUND", (0, 0), (3, 0), TITLE_ROW_BACKGROUND),
                 ("LINEBELOW", (0, 0), (3, 0), RULE, colors.black))
    for kv_row in table.rows:
        first = len(rows.data)
        if kv_row.full_width:
            _full_width_rows(rows, kv_row.cells[0], styles)
        else:
            left, right = kv_row.cells
            rows.add([paragraph(left.label, styles.label), paragraph(left.value, _value_style(left, styles)),
                      paragraph(right.label, styles.label), paragraph(right.value, _value_style(right, styles))],
                     ("LINEAFTER", (0, 0), (2, 0), RULE, colors.black))
        if first > 0:
            rows.commands.append(("LINEABOVE", (0, first), (3, first), RULE, colors.black))
    return rows.table([LABEL_WIDTH, value_width, LABEL_WIDTH, value_width], repeat_rows=1 if title else 0)


def _value_style(cell: L.Cell, styles: Styles) -> ParagraphStyle:
    return styles.amount if cell.align == "right" else styles.value


def _full_width_rows(rows: _Rows, cell: L.Cell, styles: Styles) -> None:
    width = TEXT_WIDTH - LABEL_WIDTH - 2 * PAD
    value = _value_style(cell, styles)
    chunks = memo_chunks(cell.value, value, width) if cell.long else [paragraph(cell.value, value)]
    if cell.note:
        chunks[-1] = [chunks[-1], paragraph(cell.note, styles.note)]
    label_align = "TOP" if len(chunks) > 1 else "MIDDLE"
    for i, chunk in enumerate(chunks):
        commands = [("SPAN", (1, 0), (3, 0)), ("LINEAFTER", (0, 0), (0, 0), RULE, colors.black),
                    ("VALIGN", (0, 0), (0, 0), label_align)]
        if i > 0:
            commands.append(("TOPPADDING", (1, 0), (3, 0), 0))
        if i < len(chunks) - 1:
            commands.append(("BOTTOMPADDING", (1, 0), (3, 0), 0))
        rows.add([paragraph(cell.label, styles.label) if i == 0 else "", chunk, "", ""], *commands,
                 continued=Continued(0, cell.label, styles.label) if i > 0 else None)


def subtitle_flowable(subtitle: L.Subtitle, styles: Styles) -> Table:
    """The lines under the title, two "label：value" pairs per row, without rules."""
    texts = [f"{label}：{value}" for label, value in subtitle.pairs]
    rows = [texts[i:i + 2] + [""] * (2 - len(texts[i:i + 2])) for i in range(0, len(texts), 2)]
    # the first column as wide as its longest text (plus a gap), so short pairs sit on one line
    natural = max(stringWidth(row[0], styles.subtitle.fontName, styles.subtitle.fontSize) for row in rows)
    first = min(natural + 2 * styles.subtitle.fontSize, TEXT_WIDTH * 0.6)
    data = [[paragraph(text, styles.subtitle) for text in row] for row in rows]
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    return Table(data, colWidths=[first, TEXT_WIDTH - first], style=style)


def grid_flowable(grid: L.GridTable, styles: Styles) -> Table:
    rows = _Rows(styles.fonts)
    rows.add([paragraph(text, styles.header) for text in grid.header])
    first = styles.label if grid.numbered else styles.value  # 序号 centred
    column_styles = [first] + [styles.amount if align == "right" else styles.value for align in grid.align[1:]]
    column_styles += [styles.value] * (len(grid.header) - len(column_styles))
    for values in grid.rows:
        rows.add([paragraph(text, style) for text, style in zip(values, column_styles)])
    rows.commands.append(("INNERGRID", (0, 0), (-1, -1), RULE, colors.black))
    widths_mm = fit_header_widths(grid.header, tuple(L.TEXT_WIDTH_MM * w for w in grid.widths), 2 * PAD / mm)
    return rows.table([width * mm for width in widths_mm], repeat_rows=1)
