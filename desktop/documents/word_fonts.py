"""The fonts a Word document declares: 宋体 for text, 黑体 for headings, Times New Roman and Arial for Latin.

python-docx's template is a Japanese-locale Word file: its font table lists
ＭＳ 明朝 and ＭＳ ゴシック, its theme maps East Asian text to them, and a
hundred latent styles name the theme's fonts.  Word, WPS and LibreOffice
choose substitutes from the font table (name, alternative name, GB2312
charset, PANOSE class), so it must describe the Chinese fonts the document
uses.  The table here is rebuilt from the fonts the parts actually name; the
entries are those Word itself writes for SimSun and SimHei.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from .fonts import DOCX_EAST_ASIA_FONT, DOCX_HEADING_FONT, DOCX_HEADING_LATIN_FONT, DOCX_LATIN_FONT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RFONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# name → (alternative name, PANOSE-1, charset, family, pitch, signature usb0..3 csb0..1)
FONTS: dict[str, tuple[str, str, str, str, str, tuple[str, ...]]] = {
    DOCX_EAST_ASIA_FONT: ("SimSun", "02010600030101010101", "86", "auto", "variable",
                          ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")),
    DOCX_HEADING_FONT: ("SimHei", "02010609060101010101", "86", "modern", "fixed",
                        ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")),
    DOCX_LATIN_FONT: ("", "02020603050405020304", "00", "roman", "variable",
                      ("E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000")),
    DOCX_HEADING_LATIN_FONT: ("", "020B0604020202020204", "00", "swiss", "variable",
                              ("E0002AFF", "C0007843", "00000009", "00000000", "000001FF", "00000000")),
}
# what the template's theme references stand for: major = headings, minor = text
THEME_FONTS = {"major": (DOCX_HEADING_LATIN_FONT, DOCX_HEADING_FONT), "minor": (DOCX_LATIN_FONT, DOCX_EAST_ASIA_FONT)}


def declare_fonts(doc: WordDocument) -> None:
    """Explicit fonts instead of theme references, a Chinese theme, and a font table of the fonts used."""
    for element in (doc.styles.element, _numbering(doc)):
        if element is not None:
            for rfonts in element.iter(qn("w:rFonts")):
                _explicit(rfonts)
    _chinese_theme(doc)


def write_font_table(doc: WordDocument) -> None:
    """The font table of every font the document's parts name (call after the content is written)."""
    used: list[str] = []
    for element in _xml_parts(doc):
        for rfonts in element.iter(qn("w:rFonts")):
            for attribute in RFONT_ATTRIBUTES:
                name = rfonts.get(qn(attribute))
                if name and name not in used:
                    used.append(name)
    part = _related(doc, RT.FONT_TABLE)
    old = etree.fromstring(part.blob)
    template = {font.get(qn("w:name")): font for font in old.iter(qn("w:font"))}
    table = etree.Element(qn("w:fonts"), nsmap={"w": W})
    for name in sorted(used, key=lambda n: (n not in FONTS, n)):
        if name in FONTS:
            table.append(_font(name, *FONTS[name]))
        elif name in template:  # a Latin face a template style names (Courier): keep its entry
            table.append(template[name])
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _explicit(rfonts) -> None:
    """A theme reference (majorEastAsia …) replaced by the font it stands for here."""
    theme = rfonts.get(qn("w:asciiTheme")) or rfonts.get(qn("w:eastAsiaTheme"))
    if theme is None:
        return
    latin, east_asia = THEME_FONTS["major" if theme.startswith("major") else "minor"]
    for attribute in THEME_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(attribute), value)


def _chinese_theme(doc: WordDocument) -> None:
    part = _related(doc, RT.THEME)
    if part is None:
        return
    theme = etree.fromstring(part.blob)
    for kind, (latin, east_asia) in THEME_FONTS.items():
        for fonts in theme.iter(f"{{{A}}}{kind}Font"):
            fonts.find(f"{{{A}}}latin").set("typeface", latin)
            fonts.find(f"{{{A}}}ea").set("typeface", east_asia)
            for script in list(fonts.iter(f"{{{A}}}font")):
                if script.get("script") == "Jpan":
                    fonts.remove(script)
                elif script.get("script") == "Hans":
                    script.set("typeface", east_asia)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font(name: str, alt: str, panose: str, charset: str, family: str, pitch: str, sig: tuple[str, ...]):
    font = etree.Element(qn("w:font"))
    font.set(qn("w:name"), name)
    if alt:
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
    for tag, value in (("w:panose1", panose), ("w:charset", charset), ("w:family", family), ("w:pitch", pitch)):
        etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    signature = etree.SubElement(font, qn("w:sig"))
    for attribute, value in zip(("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"), sig):
        signature.set(qn(f"w:{attribute}"), value)
    return font


def _related(doc: WordDocument, reltype: str):
    return next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == reltype), None)


def _numbering(doc: WordDocument):
    part = _related(doc, RT.NUMBERING)
    return part.element if part is not None else None


def _xml_parts(doc: WordDocument):
    yield doc.element
    yield doc.styles.element
    numbering = _numbering(doc)
    if numbering is not None:
        yield numbering
    for section in doc.sections:
        for part in (section.footer, section.header):
            if part._has_definition:
                yield part._element
