"""The editable Word document (.docx): the same layout as the PDF, drawn with python-docx.

A long document opens with its cover and 目录 (``word_cover``); each chapter
heading is a Heading 1 with a bookmark the 目录 links to.

Same input → same bytes: core properties are taken from the export record
(``DocMeta.created_at``), and the zip is rewritten with fixed entry dates and
attributes (python-docx stamps every entry with the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from desktop.engine.model import Form

from . import layout as L
from .word_cover import add_bookmark, add_contents, add_cover
from .word_fonts import write_font_table
from .word_page import add_footer, add_watermark
from .word_signature import add_signature
from .word_styles import WordStyles, add_paragraph, setup_page, setup_styles
from .word_tables import add_grid, add_key_value

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
SHORT_TABLE_ROWS = 4               # a last table this short goes into the signature block
# w:pPr children that must follow w:pageBreakBefore (ECMA-376 CT_PPrBase sequence)
PPR_AFTER_PAGE_BREAK = (
    "w:framePr", "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def render_docx(form: Form, submission: dict, meta: L.DocMeta, files: L.FileResolver | None = None) -> bytes:
    return render_layout_docx(L.build_layout(form, submission, meta, files))


def render_layout_docx(document: L.Document) -> bytes:
    doc = new_word_document()
    _drop_template_thumbnail(doc)
    setup_page(doc)
    styles = setup_styles(doc)
    if document.cover:
        add_cover(doc, document.cover, styles)
    if document.contents:
        add_contents(doc, document.contents, styles)
    _title(doc, document, styles)
    front_matter = document.cover is not None or document.contents is not None
    chapter = 0
    for n, block in enumerate(document.blocks):
        end = len(doc.element.body) - 1  # new content goes before the closing w:sectPr
        _block(doc, block, styles)
        if n == 0 and front_matter:
            _page_break_before(doc.element.body[end])  # the body starts on the page after the 目录
        if document.contents and isinstance(block, L.Heading) and block.level == 1:
            add_bookmark(doc.paragraphs[-1], chapter)
            chapter += 1
    bookmark = chapter if document.contents and document.signature.heading else None
    carried = None
    if not document.signature.heading:
        carried = _short_last_table(doc, document.blocks)
        if carried is None:
            _keep_end_with_signature(doc)
    add_signature(doc, document.signature, document.footer.binding_code, styles, bookmark=bookmark,
                  carried=carried)
    add_footer(doc, document.footer, styles)
    if document.meta.draft:
        add_watermark(doc)
    _core_properties(doc, document)
    write_font_table(doc)
    out = io.BytesIO()
    doc.save(out)
    return normalize_zip(out.getvalue(), document.meta.created_at)


def _keep_end_with_signature(doc: WordDocument) -> None:
    """Keep-with-next on the last table's last row (and what follows it): the signature block that
    comes next never starts a page alone (a detachable signature page is what sealed paper must avoid)."""
    body = doc.element.body
    tables = body.findall(qn("w:tbl"))
    if not tables:
        return
    last = tables[-1]
    rows = last.findall(qn("w:tr"))
    following = [e for e in last.itersiblings() if e.tag == qn("w:p")]
    for paragraph in [*rows[-1].iter(qn("w:p")), *following]:
        Paragraph(paragraph, doc._body).paragraph_format.keep_with_next = True


def _short_last_table(doc: WordDocument, blocks: tuple[L.Block, ...]):
    """The last table when it is short (e.g. 填报人与签字), taken out of the body with its spacer.

    It goes into the signature block's unsplittable row: LibreOffice does not keep a table with
    what follows it, but it never splits that row, so the block cannot start a page alone.
    """
    last = blocks[-1] if blocks else None
    short = (isinstance(last, L.KeyValueTable) and len(last.rows) <= SHORT_TABLE_ROWS
             and not any(cell.long for row in last.rows for cell in row.cells)) or \
            (isinstance(last, L.GridTable) and len(last.rows) <= SHORT_TABLE_ROWS)
    body = doc.element.body
    if not short or len(body) < 3 or body[-3].tag != qn("w:tbl") or body[-2].tag != qn("w:p"):
        return None
    table, spacer = body[-3], body[-2]
    body.remove(spacer)
    body.remove(table)
    # nested in a cell without margins, the table is placed by its border: no indent (as LibreOffice lays it out)
    table.tblPr.find(qn("w:tblInd")).set(qn("w:w"), "0")
    return table


def _page_break_before(element) -> None:
    """Page break before the first paragraph of a new block (its own, or its table's first cell's)."""
    first = element if element.tag == qn("w:p") else next(element.iter(qn("w:p")))
    first.get_or_add_pPr().insert_element_before(OxmlElement("w:pageBreakBefore"), *PPR_AFTER_PAGE_BREAK)


def _title(doc: WordDocument, document: L.Document, styles: WordStyles) -> None:
    if document.cover is None:  # a cover carries the title already
        attachment = add_paragraph(doc, "", styles.normal)
        run = attachment.add_run(document.title.attachment_no)
        run.bold = True
        run.font.size = Pt(L.ATTACHMENT_PT)
        add_paragraph(doc, document.title.text, styles.title)
    if document.subtitle:
        text = "　　".join(f"{label}：{value}" for label, value in document.subtitle.pairs)
        add_paragraph(doc, text, styles.normal).paragraph_format.space_after = Pt(6)


def _block(doc: WordDocument, block: L.Block, styles: WordStyles) -> None:
    if isinstance(block, L.Heading):
        add_paragraph(doc, block.text, styles.heading if block.level == 1 else styles.subheading)
    elif isinstance(block, L.KeyValueTable):
        add_key_value(doc, block, styles)
        add_paragraph(doc, "", styles.table_text)
    elif isinstance(block, L.RecordBlock):
        add_key_value(doc, block.table, styles, title=block.title)
        add_paragraph(doc, "", styles.table_text)
    elif isinstance(block, L.GridTable):
        add_grid(doc, block, styles)
        add_paragraph(doc, "", styles.table_text)
    elif isinstance(block, L.Photo):
        _photo(doc, block, styles)
    else:
        add_paragraph(doc, block.text, styles.normal)


def _photo(doc: WordDocument, block: L.Photo, styles: WordStyles) -> None:
    """The picture centred at the size the PDF prints it, its caption centred below."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from .pdf_blocks import photo_size

    width, height = photo_size(block.path, L.TEXT_WIDTH_MM, L.PHOTO_MAX_HEIGHT_MM)
    picture = add_paragraph(doc, "", styles.normal)
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(block.path, width=Mm(width), height=Mm(height))
    add_paragraph(doc, block.caption, styles.table_text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _drop_template_thumbnail(doc: WordDocument) -> None:
    """The template carries a blank Letter-size preview picture; file browsers would show it."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def _core_properties(doc: WordDocument, document: L.Document) -> None:
    props = doc.core_properties
    when = document.meta.created_at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.title = document.metadata_title
    props.subject = f"装订码 {document.meta.printed_code}"
    props.author = document.author
    props.last_modified_by = L.AUTHOR
    props.created = props.modified = props.last_printed = when
    props.revision = max(1, document.meta.revision)
    props.keywords = props.comments = props.category = ""


def normalize_zip(data: bytes, created_at: dt.datetime) -> bytes:
    """The same entries in the same order, each with a fixed date and attributes."""
    stamp = max(ZIP_EPOCH, created_at.timetuple()[:6])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
