"""The sealed-ready PDF (docs/package.md §1), drawn from the layout model with reportlab platypus.

Same input → same bytes: reportlab's invariant mode, document dates taken from
the export record (``DocMeta.created_at``), no clock read anywhere.  Every font
on every page is the embedded subset of the bundled CJK font
(``initialFontName=``, so no unembedded Helvetica resource is left behind).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Spacer, Table
from reportlab.platypus.doctemplate import LayoutError

from desktop.engine.model import Form

from . import layout as L
from .fonts import FontNames, register_fonts
from .pdf_blocks import Styles, block_flowables, break_rooms, paragraph, styles_for, subtitle_flowable
from .pdf_cover import Anchor, Marks, contents_flowables, cover_flowables
from .pdf_signature import PageBox, SealAndCode, signature_flowables, signature_parts
from .pdf_split import KeepWithEnd

WATERMARK_PT = 150.0
WATERMARK_GREY = 0.55
WATERMARK_ALPHA = 0.22
MAX_PASSES = 3
BOOKMARK_ABOVE = 24.0           # a bookmark shows a little above the heading's top


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    seal_box: PageBox            # where the empty seal area is (last page)
    qr_box: PageBox              # the QR code with the full binding digest, quiet zone included


def render_pdf(form: Form, submission: dict, meta: L.DocMeta, files: L.FileResolver | None = None) -> RenderedPdf:
    return render_layout_pdf(L.build_layout(form, submission, meta, files))


def render_layout_pdf(document: L.Document) -> RenderedPdf:
    """Lay the document out; with a 目录, again with the chapter pages the first pass found.

    The contents page has the same height whatever the numbers, so the second pass puts every
    chapter where the first did; the loop only guards against that ever changing.
    """
    fonts = register_fonts()
    styles = styles_for(fonts)
    pages: dict[int, int] | None = None
    for _ in range(MAX_PASSES):
        rendered, marks = _build(document, fonts, styles, pages)
        if document.contents is None or marks.pages == pages:
            break
        pages = marks.pages
    return rendered


def _build(document: L.Document, fonts: FontNames, styles: Styles,
           pages: dict[int, int] | None) -> tuple[RenderedPdf, Marks]:
    marks = Marks()
    story, seal = _story(document, styles, pages, marks)
    out = io.BytesIO()
    count = _PageCount()
    template = _template(out, document, fonts)
    try:
        template.build(story, canvasmaker=_canvas_maker(document, fonts, count, marks))
    except LayoutError as exc:  # only a single item taller than a page gets here (long texts are cut)
        raise L.DocumentError(f"打印文档排版失败：有一项内容太长，一页放不下（{str(exc)[:80]}），"
                              "请缩短该项内容后重新导出") from None
    if seal.seal_box is None or seal.qr_box is None:  # build raises first if it cannot place the block
        raise RuntimeError("seal area was not drawn")
    return RenderedPdf(out.getvalue(), count.total, seal.seal_box, seal.qr_box), marks


def _story(document: L.Document, styles: Styles, pages: dict[int, int] | None,
           marks: Marks) -> tuple[list[Flowable], SealAndCode]:
    story: list[Flowable] = []
    outline = document.outline
    if document.cover:
        story += cover_flowables(document.cover, styles)
    if document.contents:
        chapters = [i for i, entry in enumerate(outline) if entry.level == 0]
        story += contents_flowables(document.contents, chapters, pages, styles)
    story += _title_flowables(document, styles)
    index = 0
    pieces: list[list[Flowable]] = []
    for block, room in zip(document.blocks, break_rooms(document.blocks)):
        flowables = block_flowables(block, styles, room)
        if index < len(outline) and _opens(block, outline[index]):
            # after the page break, just before the heading or the titled table
            flowables.insert(-1 if isinstance(block, L.Heading) else -2, Anchor(index, marks))
            index += 1
        pieces.append(flowables)
    area = document.signature
    anchor = Anchor(index, marks) if area.heading else None
    if area.heading or not document.blocks or not isinstance(document.blocks[-1], TABLES):
        ending, seal = signature_flowables(area, document.footer.binding_code, styles, anchor)
        return story + [f for piece in pieces for f in piece] + ending, seal
    parts, seal = signature_parts(area, document.footer.binding_code, styles)
    return story + _kept_with_end(document.blocks, pieces, parts), seal


TABLES = (L.KeyValueTable, L.GridTable, L.RecordBlock)


def _kept_with_end(blocks: tuple[L.Block, ...], pieces: list[list[Flowable]], closing: list) -> list[Flowable]:
    """The body with its last table (and the headings just above it) kept with the closing block."""
    first = len(blocks) - 1
    while first > 0 and isinstance(blocks[first - 1], L.Heading):
        first -= 1
    body = [f for piece in pieces[:first] for f in piece]
    kept = [f for piece in pieces[first:] for f in piece]
    breaks = [f for f in kept if isinstance(f, CondPageBreak)]
    kept = [f for f in kept if not isinstance(f, Spacer)]  # spacers and page-break conditions
    table = next(f for f in reversed(kept) if isinstance(f, Table))
    lead = kept[:kept.index(table)]
    return body + breaks[:1] + [KeepWithEnd(lead, table, closing)]


def _opens(block: L.Block, entry: L.OutlineEntry) -> bool:
    """Whether ``block`` prints the bookmark ``entry``."""
    if entry.level == 0:
        return isinstance(block, L.Heading) and block.level == 1 and block.text == entry.title
    return isinstance(block, L.RecordBlock) and block.title == entry.title


def _title_flowables(document: L.Document, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    if document.cover is None:  # a cover carries the title already
        story += [paragraph(document.title.attachment_no, styles.attachment),
                  paragraph(document.title.text, styles.title)]
    if document.subtitle:
        story.append(subtitle_flowable(document.subtitle, styles))
    return story


def _template(out: io.BytesIO, document: L.Document, fonts: FontNames) -> BaseDocTemplate:
    template = BaseDocTemplate(
        out, pagesize=A4, invariant=1, initialFontName=fonts.regular, initialFontSize=L.BODY_PT,
        leftMargin=L.MARGIN_LEFT_MM * mm, rightMargin=L.MARGIN_RIGHT_MM * mm,
        topMargin=L.MARGIN_TOP_MM * mm, bottomMargin=L.MARGIN_BOTTOM_MM * mm,
        title=document.metadata_title, author=document.author, creator=L.AUTHOR, producer=L.AUTHOR,
        subject=f"装订码 {document.meta.printed_code}", lang="zh-CN",
    )
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=A4)])
    return template


class _PageCount:
    total = 0


class FixedTimestamp:
    """What reportlab reads of its TimeStamp, taken from the export record instead of the clock."""

    def __init__(self, when: dt.datetime):
        offset = when.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        self.t = when.timestamp()
        self.lt = when.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = when.tzname() or "UTC"


def _canvas_maker(document: L.Document, fonts: FontNames, count: _PageCount, marks: Marks):
    class PagedCanvas(Canvas):
        """Holds every page until the end, so each footer can say 第 x 页 共 y 页."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = FixedTimestamp(document.meta.created_at)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count.total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                _decorate(self, document, fonts, number, count.total)
                _bookmark(self, document, marks, number)
                Canvas.showPage(self)
            if document.outline:
                self.showOutline()
            Canvas.save(self)

    return PagedCanvas


def _bookmark(canvas: Canvas, document: L.Document, marks: Marks, page: int) -> None:
    """The chapters and record titles starting on this page become PDF bookmarks (the 目录 links to them).

    Done while each held page is written out, when the PDF page it refers to is the current one.
    """
    for index, entry in enumerate(document.outline):
        if marks.pages.get(index) == page:
            top = marks.tops.get(index, A4[1]) + BOOKMARK_ABOVE
            canvas.bookmarkPage(Marks.key(index), fit="XYZ", left=0, top=min(top, A4[1]), zoom=0)
            canvas.addOutlineEntry(entry.title, Marks.key(index), level=entry.level)


def _decorate(canvas: Canvas, document: L.Document, fonts: FontNames, page: int, pages: int) -> None:
    width, _ = A4
    left, centre, right = document.footer.parts(page, pages)
    y = L.FOOTER_BASELINE_MM * mm
    canvas.saveState()
    canvas.setFont(fonts.regular, L.FOOTER_PT)
    canvas.setFillColor(colors.black)
    canvas.drawString(L.MARGIN_LEFT_MM * mm, y, left)
    canvas.drawCentredString(L.MARGIN_LEFT_MM * mm + L.TEXT_WIDTH_MM * mm / 2, y, centre)
    canvas.drawRightString(width - L.MARGIN_RIGHT_MM * mm, y, right)
    canvas.restoreState()
    if document.meta.seam_guide and pages > 1:
        _seam_guide(canvas, fonts)
    if document.meta.draft:
        _watermark(canvas, fonts)


def _seam_guide(canvas: Canvas, fonts: FontNames) -> None:
    """骑缝章: a dashed strip at the right paper edge, where the stacked pages are stamped across."""
    width, height = A4
    strip, tall = L.SEAM_STRIP_MM * mm, L.SEAM_HEIGHT_MM * mm
    x, y = width - strip, (height - tall) / 2
    canvas.saveState()
    canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 2)
    canvas.lines([(width, y, x, y), (x, y, x, y + tall), (x, y + tall, width, y + tall)])
    canvas.setFillColor(colors.Color(0.55, 0.55, 0.55))
    canvas.setFont(fonts.regular, L.FOOTER_PT)
    for i, char in enumerate(L.SEAM_CAPTION):
        canvas.drawCentredString(x + strip / 2, y + tall / 2 + (1 - i) * 12 - 3, char)
    canvas.restoreState()


def _watermark(canvas: Canvas, fonts: FontNames) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(colors.Color(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY))
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.setFont(fonts.bold, WATERMARK_PT)
    canvas.drawCentredString(0, -WATERMARK_PT * 0.35, L.WATERMARK_TEXT)
    canvas.setFont(fonts.regular, L.HEADING_PT)
    canvas.drawCentredString(0, -WATERMARK_PT * 0.35 - 28, "仅供校对，不得盖章报送")
    canvas.restoreState()
