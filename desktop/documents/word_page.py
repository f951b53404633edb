"""What every page of the Word document carries: the footer and, for drafts, the watermark.

Footer: 装订码 · 第 x 页 共 y 页 (PAGE / NUMPAGES fields, computed by Word, WPS
and LibreOffice when the page is laid out) · 第 N 版.
Draft watermark: the same VML text shape Word itself writes for
设计 → 水印 → 自定义文字 (a diagonal, semi-transparent 草稿 behind the text).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.document import Document as WordDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from . import layout as L
from .fonts import DOCX_EAST_ASIA_FONT
from .word_styles import WordStyles

WATERMARK_VML = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>
<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>
<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136"
 style="{shape_style}"
 o:allowincell="f" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>
<v:textpath style={style} string={text}/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>
</w:pict></w:r>"""


# centred on the text area, turned 45° (rotation 315), behind the text (negative z-index)
SHAPE_STYLE = ";".join((
    "position:absolute", "margin-left:0", "margin-top:0", "width:360pt", "height:180pt", "rotation:315",
    "z-index:-251657216", "mso-position-horizontal:center", "mso-position-horizontal-relative:margin",
    "mso-position-vertical:center", "mso-position-vertical-relative:margin"))


def add_footer(doc: WordDocument, footer: L.Footer, styles: WordStyles) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph._p.style = styles.footer.style_id
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(L.TEXT_WIDTH_MM / 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(L.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    left, _, right = footer.parts(1, 1)
    paragraph.add_run(f"{left}\t第 ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" 页 共 ")
    _field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(f" 页\t{right}")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field: begin, instruction, separate, last computed value, end."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def add_watermark(doc: WordDocument) -> None:
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    style = quoteattr(f'font-family:"{DOCX_EAST_ASIA_FONT}";font-size:1pt')
    run = parse_xml(WATERMARK_VML.format(shape_style=SHAPE_STYLE, style=style, text=quoteattr(L.WATERMARK_TEXT)))
    header.paragraphs[0]._p.append(run)
