"""Page set-up and styles of the Word document.

East Asian fonts are set explicitly (w:eastAsia) on the document defaults, on
Normal, and on the title and heading styles (宋体 for text and the title, 黑体
for headings): the template's headings name theme fonts, which Word and WPS
would resolve to a Latin face for Chinese text on some PCs.  Theme attributes
are removed, because they win over explicit font names; the font table and
the theme are made Chinese in ``word_fonts``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from . import layout as L
from .fonts import DOCX_EAST_ASIA_FONT, DOCX_HEADING_FONT, DOCX_HEADING_LATIN_FONT, DOCX_LATIN_FONT, DOCX_TITLE_FONT
from .word_fonts import declare_fonts

THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
TABLE_TEXT_STYLE = "表格文字"
FOOTER_STYLE = "Footer"
BLACK = RGBColor(0, 0, 0)


@dataclass(frozen=True)
class WordStyles:
    normal: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    table_text: ParagraphStyle
    footer: ParagraphStyle


def add_paragraph(doc: WordDocument, text: str, style: ParagraphStyle) -> Paragraph:
    """``doc.add_paragraph`` with the style id set directly (python-docx scans every style per call)."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = style.style_id
    return paragraph


def set_rfonts(rpr, east_asia: str, latin: str = DOCX_LATIN_FONT) -> None:
    """Explicit w:rFonts on an rPr element, theme references removed."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for name in THEME_ATTRIBUTES:
        rfonts.attrib.pop(qn(name), None)
    for name, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(name), value)


def setup_page(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(L.FOOTER_BASELINE_MM - 4)


def setup_styles(doc: WordDocument) -> WordStyles:
    declare_fonts(doc)
    _document_defaults(doc)
    styles = doc.styles
    normal = reset_style(styles["Normal"], DOCX_EAST_ASIA_FONT, L.BODY_PT)
    normal.paragraph_format.line_spacing = 1.3
    title = reset_style(styles["Title"], DOCX_TITLE_FONT, L.TITLE_PT, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(6), Pt(12)
    heading = _heading(styles["Heading 1"], L.HEADING_PT, before=10)
    subheading = _heading(styles["Heading 2"], L.BODY_PT, before=6)
    table_text = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    reset_style(table_text, DOCX_EAST_ASIA_FONT, L.TABLE_PT)
    table_text.paragraph_format.line_spacing = 1.2
    footer = reset_style(styles[FOOTER_STYLE], DOCX_EAST_ASIA_FONT, L.FOOTER_PT)
    return WordStyles(normal, title, heading, subheading, table_text, footer)


def _document_defaults(doc: WordDocument) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(rpr, DOCX_EAST_ASIA_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    # the template says Japanese here, which makes Word pick Japanese glyph forms for theme text
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def reset_style(style: ParagraphStyle, east_asia: str, size: float, bold: bool = False,
                latin: str = DOCX_LATIN_FONT) -> ParagraphStyle:
    """Drop the template's paragraph and run properties (borders, theme colours, spacing) and set ours."""
    for tag in ("w:pPr", "w:rPr"):
        old = style.element.find(qn(tag))
        if old is not None:
            style.element.remove(old)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = BLACK
    set_rfonts(style.element.get_or_add_rPr(), east_asia, latin)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    return style


def _heading(style: ParagraphStyle, size: float, before: float) -> ParagraphStyle:
    reset_style(style, DOCX_HEADING_FONT, size, bold=True, latin=DOCX_HEADING_LATIN_FONT)
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(6)
    style.paragraph_format.keep_with_next = True
    outline = OxmlElement("w:outlineLvl")  # keeps headings in Word's navigation pane
    outline.set(qn("w:val"), "0" if style.name == "Heading 1" else "1")
    style.element.get_or_add_pPr().append(outline)
    return style
