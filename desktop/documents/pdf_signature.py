"""The end of the printed form: signature lines, the empty seal area, the disc QR code.

The seal area (盖章处) and the QR code are one indivisible flowable, kept with
the signature lines, so they never split across a page break (docs/package.md §1).
The flowable records where it drew the seal box, so tests and callers can
check that nothing was printed inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from . import layout as L
from .pdf_blocks import TEXT_WIDTH, Styles, paragraph

SEAL = L.SEAL_SIZE_MM * mm
QR = L.QR_SIZE_MM * mm
CAPTION_GAP = 5.0          # points between the box and its caption
CAPTION_LEADING = 20.0
LINE_ROW_HEIGHT = 30.0     # room to sign by hand
SEAL_BORDER = colors.Color(0.45, 0.45, 0.45)


@dataclass(frozen=True)
class PageBox:
    """A drawn rectangle: page (1-based) and corners in points from the page's lower left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


class SealAndCode(Flowable):
    """QR code with its caption at the left, empty seal box with caption and date line at the right."""

    def __init__(self, area: L.SignatureArea, binding_code: str, styles: Styles):
        super().__init__()
        self.area = area
        self.binding_code = binding_code
        self.styles = styles
        self.seal_box: PageBox | None = None
        self.qr_box: PageBox | None = None
        self.qr_matrix = segno.make(area.qr_payload, error="m", micro=False).matrix

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = TEXT_WIDTH
        self.height = SEAL + CAPTION_GAP + 2 * CAPTION_LEADING
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        base = 2 * CAPTION_LEADING + CAPTION_GAP
        x0 = self.width - SEAL
        canvas.saveState()
        canvas.setStrokeColor(SEAL_BORDER)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.rect(x0, base, SEAL, SEAL, stroke=1, fill=0)
        canvas.restoreState()
        centre = x0 + SEAL / 2
        self._text(centre, base - CAPTION_GAP - 14, self.area.seal_caption, bold=True)
        self._text(centre, base - CAPTION_GAP - 14 - CAPTION_LEADING, self.area.date_line)
        qr_y = base + (SEAL - QR) / 2
        # the code under the QR is wider than it: centre both so the code starts at the text edge
        code_width = stringWidth(self.binding_code, self.styles.fonts.regular, L.FOOTER_PT)
        centre_x = max(QR, code_width) / 2
        self._draw_qr(centre_x - QR / 2, qr_y)
        self._text(centre_x, qr_y - CAPTION_GAP - 10, self.area.qr_caption, size=L.FOOTER_PT + 1)
        self._text(centre_x, qr_y - CAPTION_GAP - 22, self.binding_code, size=L.FOOTER_PT)
        self.seal_box = self._page_box(x0, base, SEAL)
        self.qr_box = self._page_box(centre_x - QR / 2, qr_y, QR)

    def _page_box(self, x: float, y: float, size: float) -> PageBox:
        x0, y0 = self.canv.absolutePosition(x, y)
        x1, y1 = self.canv.absolutePosition(x + size, y + size)
        return PageBox(self.canv.getPageNumber(), x0, y0, x1, y1)

    def _text(self, x: float, y: float, text: str, bold: bool = False, size: float = L.BODY_PT) -> None:
        fonts = self.styles.fonts
        self.canv.setFont(fonts.bold if bold else fonts.regular, size)
        self.canv.drawCentredString(x, y, text)

    def _draw_qr(self, x: float, y: float) -> None:
        # quiet zone of 2 modules is enough on white paper; runs of dark modules drawn as one rectangle
        rows = self.qr_matrix
        module = QR / (len(rows) + 4)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        for r, row in enumerate(rows):
            top = y + QR - (r + 2) * module
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                canvas.rect(x + (start + 2) * module, top - module, (c - start) * module, module, stroke=0, fill=1)
        canvas.restoreState()


def signature_flowables(area: L.SignatureArea, binding_code: str, styles: Styles,
                        anchor: Flowable | None = None) -> tuple[list, SealAndCode]:
    """The closing block, kept together; with a heading (承诺书) it is a part of its own on a new page."""
    parts, seal = signature_parts(area, binding_code, styles, anchor)
    return ([PageBreak()] if area.heading else []) + [KeepTogether(parts)], seal


def signature_parts(area: L.SignatureArea, binding_code: str, styles: Styles,
                    anchor: Flowable | None = None) -> tuple[list, SealAndCode]:
    """The flowables of the closing block, to be kept together (and with what must go with them)."""
    seal = SealAndCode(area, binding_code, styles)
    if area.heading:
        parts: list = [anchor] if anchor else []
        parts += [paragraph(area.heading, _part_heading_style(styles)),
                  paragraph(area.statement, _statement_style(styles))]
        parts += [paragraph(f"{label}：{value}", styles.body) for label, value in area.pairs]
    else:
        parts = [Spacer(1, 12)]
        if area.statement:
            parts.append(paragraph(area.statement, styles.body))
    if area.lines:
        parts.append(_lines_table(area.lines, styles))
    parts += [Spacer(1, 14), seal]
    return parts, seal


def _part_heading_style(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle("part_heading", parent=styles.title, fontSize=L.PART_HEADING_PT,
                          leading=L.PART_HEADING_PT * 1.6, spaceBefore=0, spaceAfter=18)


def _statement_style(styles: Styles) -> ParagraphStyle:
    """Body text with the first line indented two characters, as Chinese prose is set."""
    return ParagraphStyle("statement", parent=styles.body, firstLineIndent=2 * L.BODY_PT, leading=L.BODY_PT * 2,
                          spaceAfter=12)


def _lines_table(lines: tuple[str, ...], styles: Styles) -> Table:
    """Two signature lines per row: "label：" then a ruled blank for handwriting."""
    font = styles.fonts.regular
    labels = [f"{line}：" for line in lines]
    half = TEXT_WIDTH / 2
    # each label column as wide as its longest label, leaving at least 40 pt of line to sign on
    label_widths = [min(max(stringWidth(t, font, L.BODY_PT) for t in labels[i::2]) + 6, half - 52)
                    for i in range(min(2, len(labels)))]
    widths = [label_widths[0], half - label_widths[0] - 12, 12 + label_widths[-1], half - label_widths[-1]]
    data, commands = [], [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), L.BODY_PT),
                          ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for row, i in enumerate(range(0, len(labels), 2)):
        pair = labels[i:i + 2]
        data.append([pair[0], "", pair[1] if len(pair) > 1 else "", ""])
        commands.append(("LINEBELOW", (1, row), (1, row), 0.6, colors.black))
        if len(pair) > 1:
            commands.append(("LINEBELOW", (3, row), (3, row), 0.6, colors.black))
    return Table(data, colWidths=widths, rowHeights=[LINE_ROW_HEIGHT] * len(data), style=TableStyle(commands))
