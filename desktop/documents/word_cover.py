"""Cover page and 目录 of a long Word document, and the bookmarks the 目录 points to.

The 目录 is a real TOC field (TOC \\o "1-1" \\h \\z \\u) over the chapter
headings, which carry the Heading 1 style.  Its shown result is written here:
each chapter title, linked to a bookmark on its heading, and no page number.
Word, WPS and LibreOffice lay the editable file out each in its own way
(the fonts on the PC, table row heights), so a number written into the file
would be wrong in some of them, and a PAGEREF field shows a blank until a
program updates it (LibreOffice never does on opening).  The file does not ask
to update its fields when opened (no prompt, no blank): it opens complete in
all three.  The page numbers an officer checks are those of the sealed PDF,
whose 目录 is computed from its own pages; in Word, 更新域 on the 目录 adds
Word's own numbers for that layout.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from . import cover as C
from . import layout as L
from .fonts import DOCX_EAST_ASIA_FONT
from .linebreak import balanced_lines
from .word_styles import WordStyles, add_paragraph, reset_style
from .word_tables import new_table, set_cell_borders, set_text

TOC_STYLE = "toc 1"              # Word's own name for the first TOC level
TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '
COVER_LINE_MM = 11.0
COVER_INDENT_MM = 8.0
MM_PER_POINT = 25.4 / 72


def bookmark_name(index: int) -> str:
    """Word hides bookmarks whose names start with _Toc, as it does for its own TOC targets."""
    return f"_Toc{index + 1:08d}"


def add_cover(doc: WordDocument, cover: C.Cover, styles: WordStyles) -> None:
    attachment = add_paragraph(doc, "", styles.normal)
    run = attachment.add_run(cover.attachment_no)
    run.bold, run.font.size = True, Pt(L.ATTACHMENT_PT)
    title = add_paragraph(doc, "", styles.title)
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(56), Pt(36)
    for i, line in enumerate(cover.title_lines):
        run = title.add_run(line)
        run.font.size = Pt(C.COVER_TITLE_PT)
        if i < len(cover.title_lines) - 1:
            run.add_break()
    if cover.lines:
        _cover_lines(doc, cover.lines, styles)
    if cover.foot:
        foot = add_paragraph(doc, f"{cover.foot.label}：{cover.foot.value}", styles.normal)
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.paragraph_format.space_before = Pt(28)
        foot.runs[0].font.size = Pt(C.COVER_TEXT_PT)


def _cover_lines(doc: WordDocument, lines: tuple[C.CoverLine, ...], styles: WordStyles) -> None:
    label_mm = max(len(line.label) + 1 for line in lines) * C.COVER_TEXT_PT * MM_PER_POINT + 2
    value_mm = L.TEXT_WIDTH_MM - 2 * COVER_INDENT_MM - label_mm
    table = new_table(doc, (COVER_INDENT_MM, label_mm, value_mm), bordered=False, margins_mm=(0, 0))
    for line in lines:
        row = table.add_row()
        row.height, row.height_rule = Mm(COVER_LINE_MM), WD_ROW_HEIGHT_RULE.AT_LEAST
        _, label, value = row.cells
        set_text(label, f"{line.label}：", styles.normal)
        set_text(value, "", styles.normal, center=True)
        # the same even lines as the PDF: Chinese characters are one em wide in every Song face
        written = balanced_lines(line.value, value_mm / (C.COVER_TEXT_PT * MM_PER_POINT)) if line.value else ()
        for i, text in enumerate(written):
            run = value.paragraphs[0].add_run(text)
            if i < len(written) - 1:
                run.add_break()
        for cell in (label, value):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(C.COVER_TEXT_PT)
        set_cell_borders(value, {"bottom": ("single", "000000", 6)})


def add_contents(doc: WordDocument, contents: C.Contents, styles: WordStyles) -> None:
    heading = add_paragraph(doc, contents.title, styles.normal)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.space_after = Pt(18)
    run = heading.runs[0]
    run.bold, run.font.size = True, Pt(C.CONTENTS_TITLE_PT)
    style = _toc_style(doc)
    for index, entry in enumerate(contents.entries):
        paragraph = add_paragraph(doc, "", style)
        if index == 0:
            _field_char(paragraph, "begin")
            _instruction(paragraph, TOC_INSTRUCTION)
            _field_char(paragraph, "separate")
        _entry(paragraph, entry, bookmark_name(index))
    closing = add_paragraph(doc, "", style)
    _field_char(closing, "end")


def _toc_style(doc: WordDocument) -> ParagraphStyle:
    style = doc.styles.add_style(TOC_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    reset_style(style, DOCX_EAST_ASIA_FONT, C.CONTENTS_ENTRY_PT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.tab_stops.add_tab_stop(Mm(L.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    return style


def _entry(paragraph: Paragraph, text: str, bookmark: str) -> None:
    """The chapter title linked to the heading's bookmark (no page number: see the module note)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    Paragraph(link, paragraph._parent).add_run(text)


def _field_char(paragraph: Paragraph, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _instruction(paragraph: Paragraph, code: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = code
    paragraph.add_run()._r.append(element)


def add_bookmark(paragraph: Paragraph, index: int) -> None:
    """The chapter heading as the target of its 目录 entry."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index + 1))
    start.set(qn("w:name"), bookmark_name(index))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index + 1))
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(end)
