"""Cover page, 目录 page and chapter anchors of a long PDF document (e.g. the 附件3 申请书).

The cover: 附件3 at the top left, the title in even lines, the cover values as
"label：value" on underlines (a long value continues on a second underline),
and the date at the foot of the page.  The 目录 lists every chapter with the
page it starts on: an :class:`Anchor` before each chapter heading records its
page while the document is laid out, and the renderer lays it out a second
time with the numbers found (the contents page has the same height either
way, so the pages do not move).  Each entry links to its chapter, and the
chapters are the PDF's bookmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from . import cover as C
from .fonts import FontNames
from .pdf_blocks import TEXT_WIDTH, Styles, paragraph, paragraph_style
from .linebreak import balanced_lines
from .pdf_text import break_lines, char_widths

COVER_TOP_GAP = 24 * mm          # between 附件3 and the title
COVER_TITLE_GAP = 18 * mm        # between the title and the cover values
COVER_LINE_HEIGHT = 11 * mm      # room to write on an empty line by hand
COVER_INDENT = 8 * mm            # the cover values sit a little in from both margins
CONTENTS_LEADING = 30.0
NUMBER_COLUMN = 36.0             # points kept for the page number at the right
LEADER_GAP = 6.0
LEADER_DASH = (0.9, 3.1)         # a dotted leader: short dashes with round caps


@dataclass
class Marks:
    """Chapter pages found while laying out: entry index → page (1-based)."""

    pages: dict[int, int] = field(default_factory=dict)
    tops: dict[int, float] = field(default_factory=dict)   # where on its page the chapter starts (points)

    @staticmethod
    def key(index: int) -> str:
        return f"chapter-{index}"


@dataclass(frozen=True)
class CoverStyles:
    title: ParagraphStyle
    line: ParagraphStyle
    value: ParagraphStyle
    foot: ParagraphStyle
    contents_title: ParagraphStyle


@lru_cache(maxsize=4)
def cover_styles(fonts: FontNames) -> CoverStyles:
    def style(name: str, size: float, leading: float, bold: bool = False, **kw) -> ParagraphStyle:
        return paragraph_style(fonts, name, size, leading, bold, **kw)

    return CoverStyles(
        title=style("cover_title", C.COVER_TITLE_PT, C.COVER_TITLE_PT * 1.55, bold=True, alignment=TA_CENTER),
        line=style("cover_line", C.COVER_TEXT_PT, C.COVER_TEXT_PT * 1.5),
        value=style("cover_value", C.COVER_TEXT_PT, C.COVER_TEXT_PT * 1.5, alignment=TA_CENTER),
        foot=style("cover_foot", C.COVER_TEXT_PT, C.COVER_TEXT_PT * 1.5, alignment=TA_CENTER),
        contents_title=style("contents_title", C.CONTENTS_TITLE_PT, C.CONTENTS_TITLE_PT * 1.6, bold=True,
                             alignment=TA_CENTER, spaceAfter=18),
    )


class Anchor(Flowable):
    """Zero-size mark before a chapter heading: records the page it lands on."""

    def __init__(self, index: int, marks: Marks):
        super().__init__()
        self.index = index
        self.marks = marks

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.marks.pages[self.index] = self.canv.getPageNumber()
        self.marks.tops[self.index] = self.canv.absolutePosition(0, 0)[1]


class AtPageFoot(Flowable):
    """Takes the rest of the page and draws its content at the bottom (the cover's date)."""

    def __init__(self, content: Flowable):
        super().__init__()
        self.content = content

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, height = self.content.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, max(height, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


def cover_flowables(cover: C.Cover, styles: Styles) -> list[Flowable]:
    own = cover_styles(styles.fonts)
    story: list[Flowable] = [paragraph(cover.attachment_no, styles.attachment), Spacer(1, COVER_TOP_GAP)]
    story += [paragraph(line, own.title) for line in cover.title_lines]
    story.append(Spacer(1, COVER_TITLE_GAP))
    if cover.lines:
        story.append(_cover_lines(cover.lines, own))
    if cover.foot:
        story.append(AtPageFoot(paragraph(f"{cover.foot.label}：{cover.foot.value}", own.foot)))
    story.append(PageBreak())
    return story


def _cover_lines(lines: tuple[C.CoverLine, ...], own: CoverStyles) -> Table:
    """One row per written line: the label on the first, the value centred on an underline."""
    font, size = own.line.fontName, own.line.fontSize
    label_width = max(stringWidth(f"{line.label}：", font, size) for line in lines) + 2
    value_width = TEXT_WIDTH - 2 * COVER_INDENT - label_width
    # FONTNAME: an empty label cell is still drawn as a text object, in reportlab's Helvetica otherwise
    data, commands = [], [("FONTNAME", (0, 0), (-1, -1), own.line.fontName), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                          ("TOPPADDING", (0, 0), (-1, -1), 0)]
    for line in lines:
        written = balanced_lines(line.value, value_width, char_widths(line.value, font, size)) if line.value else ("",)
        for i, text in enumerate(written):
            row = len(data)
            data.append([paragraph(f"{line.label}：", own.line) if i == 0 else "", paragraph(text, own.value)])
            commands.append(("LINEBELOW", (1, row), (1, row), 0.8, colors.black))
    return Table(data, colWidths=[label_width, value_width], rowHeights=[COVER_LINE_HEIGHT] * len(data),
                 style=TableStyle(commands))


def contents_flowables(contents: C.Contents, anchors: list[int], pages: dict[int, int] | None,
                       styles: Styles) -> list[Flowable]:
    """``anchors``: the anchor (bookmark) index of each entry; ``pages``: anchor index → page found."""
    own = cover_styles(styles.fonts)
    story: list[Flowable] = [paragraph(contents.title, own.contents_title)]
    for entry, index in zip(contents.entries, anchors):
        number = str(pages[index]) if pages and index in pages else ""
        story.append(ContentsEntry(entry, number, Marks.key(index), styles.fonts))
    story.append(PageBreak())
    return story


class ContentsEntry(Flowable):
    """One 目录 line: the chapter title, a dotted leader and the page number; the line links to the chapter."""

    def __init__(self, title: str, number: str, key: str, fonts: FontNames):
        super().__init__()
        self.title, self.number, self.key = title, number, key
        self.font, self.size = fonts.regular, C.CONTENTS_ENTRY_PT
        self.lines: list[tuple[float, str]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = avail_width - NUMBER_COLUMN - LEADER_GAP
        self.lines = break_lines(self.title, char_widths(self.title, self.font, self.size), [room])
        self.width, self.height = avail_width, len(self.lines) * CONTENTS_LEADING
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        baseline = self.height - CONTENTS_LEADING + (CONTENTS_LEADING - self.size) / 2 + 2
        for i, (_, text) in enumerate(self.lines):
            canvas.drawString(0, baseline - i * CONTENTS_LEADING, text)
        last_y = baseline - (len(self.lines) - 1) * CONTENTS_LEADING
        text_end = stringWidth(self.lines[-1][1].rstrip(), self.font, self.size) + LEADER_GAP
        number_start = self.width - stringWidth(self.number or "00", self.font, self.size) - LEADER_GAP
        canvas.saveState()
        canvas.setLineWidth(1.1)
        canvas.setLineCap(1)
        canvas.setDash(*LEADER_DASH)
        if number_start > text_end:
            canvas.line(text_end, last_y + 1, number_start, last_y + 1)
        canvas.restoreState()
        canvas.drawRightString(self.width, last_y, self.number)
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
