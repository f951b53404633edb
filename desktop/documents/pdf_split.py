"""Tables that break across pages the way a printed form must.

``ClosedTable``: each part of a split table is closed by its own bottom rule,
and a cell that continues on the next page says so: the label of a long text
reads 主营业务（续） at the top of the new page, the repeated record title
需求3：…（续）.

``KeepWithEnd``: the last table of a document and the signature block that
follows it.  The signature, seal area and QR never stand alone on a page: when
they do not fit under the table, the table's last rows go to the next page
with them (a detachable signature page is what sealed paper must avoid).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Table
from reportlab.platypus.flowables import _listWrapOn

from .pdf_text import ChineseParagraph

CONTINUED = "（续）"
RULE = 0.6                     # table rule weight, points (as pdf_blocks)
PAD = 4.0                      # cell padding, points (as pdf_blocks)


@dataclass(frozen=True)
class Continued:
    """What a cell says when its row opens a continued part: ``text`` + （续）, in ``style``."""

    column: int
    text: str
    style: ParagraphStyle

    def cell(self) -> ChineseParagraph:
        return ChineseParagraph(_escape(self.text + CONTINUED), self.style)


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


class ClosedTable(Table):
    """A bordered table whose parts, when split across pages, are closed and marked （续）.

    ``continued[row]``: the mark for that row when a part starts with it (None: the row starts
    afresh, nothing to mark); ``title``: the mark for the repeated title row of later parts.
    """

    continued: tuple[Continued | None, ...] = ()
    title: Continued | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        # PAD kept free: the first part's last row gets its bottom padding back below
        parts = super().split(avail_width, avail_height - PAD)
        if len(parts) != 2:
            return parts
        first, rest = parts
        cut = len(first._cellvalues)
        head = len(rest._cellvalues) - (len(self._cellvalues) - cut)
        first.continued, first.title = self.continued[:cut], self.title
        rest.continued, rest.title = self.continued[:head] + self.continued[cut:], self.title
        first.setStyle([("LINEBELOW", (0, -1), (-1, -1), RULE, colors.black),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), PAD)])
        rest.setStyle([("LINEABOVE", (0, head), (-1, head), RULE, colors.black),
                       ("TOPPADDING", (0, head), (-1, head), PAD)])
        mark = self.continued[cut] if cut < len(self.continued) else None
        if mark is not None:
            _replace(rest, head, mark)
            rest.setStyle([("VALIGN", (mark.column, head), (mark.column, head), "TOP")])
        if head and self.title is not None:
            _replace(rest, 0, self.title)
        return parts


def _replace(table: Table, row: int, mark: Continued) -> None:
    """The marked cell in a copy of the row: the parts of a split table share their row lists."""
    cells = list(table._cellvalues[row])
    cells[mark.column] = mark.cell()
    table._cellvalues[row] = cells


class KeepWithEnd(KeepTogether):
    """``lead`` (headings), the document's last ``table`` and the ``closing`` block, never the closing alone."""

    def __init__(self, lead: list[Flowable], table: Table, closing: list[Flowable]):
        super().__init__([*lead, table, *closing])
        self.lead, self.table, self.closing = lead, table, closing

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H <= avail_height:
            return list(self._content)
        lead = _listWrapOn(self.lead, avail_width, self.canv)[1] if self.lead else 0.0
        _, table = self.table.wrap(avail_width, avail_height)
        # the table fits but the closing block does not: its last row goes over with the closing block
        room = min(avail_height - lead, table - 1)
        parts = self.table.split(avail_width, room) if room > 0 else []
        if len(parts) == 2:
            return [*self.lead, parts[0], KeepWithEnd([], parts[1], self.closing)]
        return super().split(avail_width, avail_height)  # cannot split here: all of it on the next page
