"""The end of the Word document: signature lines, the empty seal area, the disc QR code.

Everything sits in one borderless single-row table whose row cannot split, so
Word, WPS and LibreOffice move the whole block to the next page rather than
separate the seal area from its caption and the signature lines
(docs/package.md §1).  "Keep with next" on the paragraphs of two separate tables
was not enough: LibreOffice put the seal area on the page after the lines.
"""

from __future__ import annotations

import io

import segno
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from . import layout as L
from .word_cover import add_bookmark
from .word_styles import WordStyles, add_paragraph
from .word_tables import keep_row_whole, new_table, no_wrap, set_cell_borders, set_text

SEAL_BORDER_COLOR = "737373"
MM_PER_POINT = 25.4 / 72
CODE_EM = 0.7                    # width of a capital or digit of the code, in em (generous)


def add_signature(doc: WordDocument, area: L.SignatureArea, binding_code: str, styles: WordStyles,
                  bookmark: int | None = None, carried=None) -> Table:
    """Adds the block; returns the table whose right cell of the first row is the seal area.

    ``carried``: a w:tbl taken from the end of the body, printed first inside the block (so the
    block never starts a page without form content).

    With a heading (承诺书) the block starts a new page under that heading (a Heading 1, so the
    目录 lists it; ``bookmark`` is its entry there), the statement indented two characters, then
    the part's typed values.
    """
    if area.heading or carried is None:  # a carried table follows its own section heading directly
        _lead(doc, area, styles, bookmark)
    container = new_table(doc, (L.TEXT_WIDTH_MM,), bordered=False, margins_mm=(0, 0))
    row = container.add_row()
    keep_row_whole(row)
    cell = row.cells[0]
    set_text(cell, area.statement, styles.normal)
    if carried is not None:
        cell._tc.insert(cell._tc.index(cell.paragraphs[0]._p), carried)
    if area.heading:
        statement = cell.paragraphs[0].paragraph_format
        statement.first_line_indent, statement.line_spacing, statement.space_after = Pt(2 * L.BODY_PT), 1.6, Pt(12)
        for label, value in area.pairs:
            cell.add_paragraph(f"{label}：{value}", styles.normal.name)
    if area.lines:
        _lines_table(doc, cell, area.lines, styles)
    return _seal_table(doc, cell, area, binding_code, styles)


def _lead(doc: WordDocument, area: L.SignatureArea, styles: WordStyles, bookmark: int | None) -> None:
    """The paragraph before the block: the part's heading (承诺书), or an empty line kept with the block."""
    lead = add_paragraph(doc, area.heading, styles.heading if area.heading else styles.normal)
    lead.paragraph_format.keep_with_next = True
    if area.heading:
        lead.alignment = WD_ALIGN_PARAGRAPH.CENTER
        lead.paragraph_format.page_break_before = True
        lead.paragraph_format.space_after = Pt(18)
        lead.runs[0].font.size = Pt(L.PART_HEADING_PT)
        if bookmark is not None:
            add_bookmark(lead, bookmark)


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
            set_cell_borders(cells[2 * j + 1], {"bottom": ("single", "000000", 6)})
    return table


def _seal_table(doc: WordDocument, cell: _Cell, area: L.SignatureArea, binding_code: str,
                styles: WordStyles) -> Table:
    # the code on one line even in a wide Latin face: about 0.7 em a character
    qr_column = max(L.QR_SIZE_MM + 10, len(binding_code) * L.FOOTER_PT * CODE_EM * MM_PER_POINT + 4)
    table = new_table(doc, (qr_column, L.TEXT_WIDTH_MM - qr_column - L.SEAL_SIZE_MM, L.SEAL_SIZE_MM),
                      bordered=False, inside=cell, margins_mm=(0, 0))
    box = table.add_row()
    box.height, box.height_rule = Mm(L.SEAL_SIZE_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    qr_cell, _, seal_cell = box.cells
    set_text(qr_cell, "", styles.table_text, center=True)
    qr_cell.paragraphs[0].add_run().add_picture(io.BytesIO(_qr_png(area.qr_payload)), width=Mm(L.QR_SIZE_MM))
    set_text(seal_cell, "", styles.normal)
    dashed = ("dashed", SEAL_BORDER_COLOR, 6)
    set_cell_borders(seal_cell, {side: dashed for side in ("top", "left", "bottom", "right")})
    caption_row = table.add_row().cells
    set_text(caption_row[0], f"{area.qr_caption}\n{binding_code}", styles.footer, center=True)
    caption_row[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    no_wrap(caption_row[0])
    set_text(caption_row[2], area.seal_caption, styles.normal, center=True, bold=True)
    date_row = table.add_row().cells
    set_text(date_row[2], area.date_line, styles.normal, center=True)
    return table


def _qr_png(payload: str) -> bytes:
    out = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(out, kind="png", scale=8, border=2)
    return out.getvalue()
