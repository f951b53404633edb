"""The end of the Word document: signature lines, the empty seal area, the disc QR code.

Everything sits in one borderless single-row table whose row cannot split, so
Word, WPS and LibreOffice move the whole block to the next page rather than
separate the seal area from its caption and the signature lines
(package.md §1).  "Keep with next" on the paragraphs of two separate tables
was not enough: LibreOffice put the seal area on the page after the lines.
"""

from __future__ import annotations

import io

import segno
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from . import layout as L
from .word_styles import WordStyles, add_paragraph
from .word_tables import keep_row_whole, new_table, set_text

SEAL_BORDER_COLOR = "737373"
MM_PER_POINT = 25.4 / 72
# w:tcPr children that must follow w:tcBorders (ECMA-376 CT_TcPr sequence)
TCPR_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def add_signature(doc: WordDocument, area: L.SignatureArea, binding_code: str, styles: WordStyles) -> Table:
    """Adds the block; returns the table whose right cell of the first row is the seal area."""
    add_paragraph(doc, "", styles.normal).paragraph_format.keep_with_next = True
    container = new_table(doc, (L.TEXT_WIDTH_MM,), bordered=False, margins_mm=(0, 0))
    row = container.add_row()
    keep_row_whole(row)
    cell = row.cells[0]
    set_text(cell, area.statement, styles.normal)
    if area.lines:
        _lines_table(doc, cell, area.lines, styles)
    return _seal_table(doc, cell, area, binding_code, styles)


def _lines_table(doc: WordDocument, cell: _Cell, lines: tuple[str, ...], styles: WordStyles) -> Table:
    # label columns as wide as their longest "label：" (CJK characters are 1 em wide)
    left, right = (max(len(line) + 1 for line in lines[i::2] or lines) * L.BODY_PT * MM_PER_POINT + 2
                   for i in (0, 1))
    half = L.TEXT_WIDTH_MM / 2
    table = new_table(doc, (left, half - left - 6, right + 6, half - right), bordered=False,
                      inside=cell, margins_mm=(0, 0))
    for i in range(0, len(lines), 2):
        row = table.add_row()
        row.height, row.height_rule = Pt(30), WD_ROW_HEIGHT_RULE.AT_LEAST
        cells = row.cells
        for j, line in enumerate(lines[i:i + 2]):
            set_text(cells[2 * j], f"{line}：", styles.normal)
            cells[2 * j].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            if j:
                cells[2 * j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _borders(cells[2 * j + 1], {"bottom": ("single", "000000", 6)})
    return table


def _seal_table(doc: WordDocument, cell: _Cell, area: L.SignatureArea, binding_code: str,
                styles: WordStyles) -> Table:
    qr_column = L.QR_SIZE_MM + 10
    table = new_table(doc, (qr_column, L.TEXT_WIDTH_MM - qr_column - L.SEAL_SIZE_MM, L.SEAL_SIZE_MM),
                      bordered=False, inside=cell, margins_mm=(0, 0))
    box = table.add_row()
    box.height, box.height_rule = Mm(L.SEAL_SIZE_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    qr_cell, _, seal_cell = box.cells
    set_text(qr_cell, "", styles.table_text, center=True)
    qr_cell.paragraphs[0].add_run().add_picture(io.BytesIO(_qr_png(area.qr_payload)), width=Mm(L.QR_SIZE_MM))
    set_text(seal_cell, "", styles.normal)
    dashed = ("dashed", SEAL_BORDER_COLOR, 6)
    _borders(seal_cell, {side: dashed for side in ("top", "left", "bottom", "right")})
    caption_row = table.add_row().cells
    set_text(caption_row[0], f"{area.qr_caption}\n{binding_code}", styles.footer, center=True)
    caption_row[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    set_text(caption_row[2], area.seal_caption, styles.normal, center=True, bold=True)
    date_row = table.add_row().cells
    set_text(date_row[2], area.date_line, styles.normal, center=True)
    return table


def _qr_png(payload: str) -> bytes:
    out = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def _borders(cell: _Cell, sides: dict[str, tuple[str, str, int]]) -> None:
    borders = OxmlElement("w:tcBorders")
    for side, (kind, color, eighths) in sides.items():
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        edge.set(qn("w:sz"), str(eighths))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, *TCPR_AFTER_BORDERS)
