"""Grid columns wide enough for their headers' short words, in either renderer (Word, PDF).

A grid's widths are given as shares of the text width (layout.GridTable); a
share chosen for the values can leave a header such as 名次 too narrow, and
both Word and reportlab then break it one character per line (名 / 次).  The
columns that are too narrow take the room from those with some to spare, in
proportion to it, so the table keeps its width.
"""

from __future__ import annotations

import re

from . import layout as L
from .linebreak import em_widths

MM_PER_POINT = 25.4 / 72
# A header part this short (名次, 份数, 营业收入, 技术先进性) stays on one line: without a dictionary the
# words inside it are unknown, so any break could cut one (技术先进 / 性).  Longer parts break, but every
# line holds at least HEADER_LINE_MIN characters (统一社会 / 信用代码).
HEADER_WHOLE_MAX = 6
HEADER_LINE_MIN = 4


def header_need_mm(text: str, padding_mm: float) -> float:
    """The narrowest column whose header keeps its short words whole (parts split at brackets, spaces, slashes)."""
    parts = [p for p in re.split(r"[\s/]+|(?=[（(])|(?<=[）)])", text) if p]
    kept = [p if len(p) <= HEADER_WHOLE_MAX else p[:HEADER_LINE_MIN] for p in parts]
    longest = max((sum(em_widths(part)) for part in kept), default=0.0)
    return longest * L.TABLE_PT * MM_PER_POINT + padding_mm + 0.2


def fit_header_widths(headers: tuple[str, ...], widths_mm: tuple[float, ...], padding_mm: float) -> tuple[float, ...]:
    """Widen columns too narrow for their header's words, taking the room from the columns that have some
    to spare (in proportion to it), so the table keeps its width: 名次 never prints as 名 / 次."""
    needs = [header_need_mm(text, padding_mm) for text in headers] + [0.0] * (len(widths_mm) - len(headers))
    deficit = sum(max(0.0, need - width) for need, width in zip(needs, widths_mm))
    slack = [max(0.0, width - need) for need, width in zip(needs, widths_mm)]
    if deficit <= 0 or sum(slack) <= 0:
        return widths_mm
    taken, grown = min(1.0, deficit / sum(slack)), min(1.0, sum(slack) / deficit)
    return tuple(width + (need - width) * grown if need > width else width - spare * taken
                 for need, width, spare in zip(needs, widths_mm, slack))
