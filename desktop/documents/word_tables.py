"""Layout tables → real bordered Word tables (python-docx).

Rows are filled through ``row.cells`` once per row (``table.cell(r, c)`` per
cell is several times slower).  Column widths are written to the grid and to
every cell with a fixed table layout, so Word, WPS and LibreOffice agree.
Long rows may break across pages (Word's default), so a 1000-character memo
continues on the next page; record titles and grid headers repeat there.
"""

from __future__ import annotations


from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row

from . import layout as L
from .header_fit import fit_header_widths
from .linebreak import break_lines, em_widths
from .word_styles import WordStyles

VALUE_MM = (L.TEXT_WIDTH_MM - 2 * L.LABEL_COLUMN_MM) / 2
KV_WIDTHS_MM = (L.LABEL_COLUMN_MM, VALUE_MM, L.LABEL_COLUMN_MM, VALUE_MM)
TITLE_ROW_FILL = "F0F0F0"
TABLE_STYLE = "Table Grid"
TWIPS_PER_MM = 1440 / 25.4
MM_PER_POINT = 25.4 / 72
CELL_SIDE_MM = 1.9               # left and right cell margins
# w:tblPr children that must follow w:tblInd (ECMA-376 CT_TblPr sequence)
TBLPR_AFTER_IND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                   "w:tblDescription", "w:tblPrChange")
# w:tcPr children that must follow w:shd (ECMA-376 CT_TcPr sequence)
TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
# w:tcPr children that must follow w:tcBorders
TCPR_AFTER_BORDERS = ("w:shd",) + TCPR_AFTER_SHD


def new_table(doc: WordDocument, widths_mm: tuple[float, ...], bordered: bool = True,
              inside: _Cell | None = None, margins_mm: tuple[float, float] = (1.0, CELL_SIDE_MM)) -> Table:
    """A table in the body (or nested in the cell ``inside``), fixed widths, cell margins (top/bottom, sides)."""
    table = (inside or doc).add_table(0, len(widths_mm))
    if bordered:
        table.style = doc.styles[TABLE_STYLE]
    table.autofit = False  # w:tblLayout fixed: the widths below are kept as given
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    _indent(table, margins_mm[1])
    _cell_margins(table, *margins_mm)
    return table


def _indent(table: Table, sides_mm: float) -> None:
    """w:tblInd = the left cell margin: the left border sits on the text margin, not 1.9 mm left of it.

    (The document is in Word 2010 compatibility mode, where an indent of 0 puts the first cell's
    text on the margin and its border to the left of it; LibreOffice follows the same rule.)
    """
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(round(sides_mm * TWIPS_PER_MM)))
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.insert_element_before(indent, *TBLPR_AFTER_IND)


def _cell_margins(table: Table, vertical_mm: float, sides_mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", vertical_mm), ("left", sides_mm), ("bottom", vertical_mm), ("right", sides_mm)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(size * TWIPS_PER_MM)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                           "w:tblPrChange")


def header_lines(text: str, width_mm: float) -> list[str]:
    """A column title broken by the same rules as the PDF (营业收入 / （万元）), so Word never cuts a unit."""
    room = (width_mm - 2 * CELL_SIDE_MM) / (L.TABLE_PT * MM_PER_POINT)
    return [line for _, line in break_lines(text, em_widths(text), [max(room, 1.0)])] if text else []


def _add_lines(cell: _Cell, lines: list[str], bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if i < len(lines) - 1:
            run.add_break()


def keep_row_whole(row: _Row) -> None:
    """w:cantSplit: the row moves to the next page whole instead of breaking."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_text(cell: _Cell, text: str, style: ParagraphStyle, center: bool = False, bold: bool = False,
             right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    # the style id directly: ``paragraph.style = style`` scans every style to spot the default one
    paragraph._p.style = style.style_id
    if center or right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.RIGHT
    if text:
        paragraph.add_run(text).bold = bold or None
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def span(row: _Row, first: int, count: int) -> None:
    """One cell over ``count`` grid columns (w:gridSpan), written directly: ``_Cell.merge`` is slow."""
    cells = row._tr.tc_lst
    keep = cells[first]
    width = sum(tc.width for tc in cells[first:first + count])
    for tc in cells[first + 1:first + count]:
        row._tr.remove(tc)
    keep.grid_span = count
    keep.width = width


def repeat_as_header(row: _Row) -> None:
    """w:tblHeader: Word repeats the row at the top of each page the table continues on."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        tr_pr.append(element)


def set_cell_borders(cell: _Cell, sides: dict[str, tuple[str, str, int]]) -> None:
    """Borders of one cell: side → (kind, colour, width in eighths of a point)."""
    borders = OxmlElement("w:tcBorders")
    for side, (kind, color, eighths) in sides.items():
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        edge.set(qn("w:sz"), str(eighths))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, *TCPR_AFTER_BORDERS)


def no_wrap(cell: _Cell) -> None:
    """w:noWrap: the cell's text stays on one line (the binding code under the QR)."""
    cell._tc.get_or_add_tcPr().insert_element_before(OxmlElement("w:noWrap"), *TCPR_AFTER_SHD[1:])


def shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *TCPR_AFTER_SHD)


def add_key_value(doc: WordDocument, table_block: L.KeyValueTable, styles: WordStyles, title: str = "") -> Table:
    table = new_table(doc, KV_WIDTHS_MM)
    if title:
        row = table.add_row()
        span(row, 0, 4)
        cell = row.cells[0]
        set_text(cell, title, styles.table_text, bold=True)
        shade(cell, TITLE_ROW_FILL)
        repeat_as_header(row)
    for kv_row in table_block.rows:
        row = table.add_row()
        if not any(cell.long for cell in kv_row.cells):
            keep_row_whole(row)  # only memo rows may continue on the next page
        if kv_row.full_width:
            span(row, 1, 3)
        cells = row.cells
        if kv_row.full_width:
            cell = kv_row.cells[0]
            set_text(cells[0], cell.label, styles.table_text, center=True)
            set_text(cells[1], cell.value, styles.table_text, right=cell.align == "right")
            if cell.note:
                add_note(cells[1], cell.note, styles)
            if cell.long:  # a memo row may break across pages: its label stays on the first part
                cells[0].vertical_alignment = cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        else:
            for i, cell in enumerate(kv_row.cells):
                set_text(cells[2 * i], cell.label, styles.table_text, center=True)
                set_text(cells[2 * i + 1], cell.value, styles.table_text, right=cell.align == "right")
    return table


def add_note(cell: _Cell, text: str, styles: WordStyles) -> None:
    """The small explanation under a calculated value (小五, as the PDF)."""
    note = cell.add_paragraph(style=styles.table_text.name)
    note.paragraph_format.space_before = Pt(2)
    note.add_run(text).font.size = Pt(L.NOTE_PT)


def add_grid(doc: WordDocument, grid: L.GridTable, styles: WordStyles) -> Table:
    widths = fit_header_widths(grid.header, tuple(L.TEXT_WIDTH_MM * w for w in grid.widths), 2 * CELL_SIDE_MM)
    table = new_table(doc, widths)
    header = table.add_row()
    for cell, text, width in zip(header.cells, grid.header, widths):
        set_text(cell, "", styles.table_text, center=True)
        _add_lines(cell, header_lines(text, width), bold=True)
    repeat_as_header(header)
    right = [align == "right" for align in grid.align] + [False] * (len(grid.header) - len(grid.align))
    for values in grid.rows:
        row = table.add_row()
        keep_row_whole(row)
        for i, (cell, text) in enumerate(zip(row.cells, values)):
            set_text(cell, text, styles.table_text, center=grid.numbered and i == 0, right=right[i])  # 序号 centred
    return table
