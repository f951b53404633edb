"""Chinese line breaking for reportlab paragraphs (GB/T 15834-2011 标点符号用法, 禁则).

reportlab's CJK wrap cuts "like a knife" and only knows the Japanese
prohibitions, so a line could start with ，or ； and end with （ or 《.
Paragraphs here break by the rules of ``linebreak``: a closing mark never
starts a line, an opening mark never ends one, and a run of Latin letters or
digits is kept whole when it fits on a line.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph

from .linebreak import CANNOT_END, CANNOT_START, break_lines

__all__ = ["CANNOT_END", "CANNOT_START", "ChineseParagraph", "break_lines", "char_widths"]


_widths: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(text: str, font_name: str, size: float) -> list[float]:
    """Advance widths of each character; a font's widths never change, so they are kept per font and size."""
    known = _widths.setdefault((font_name, size), {})
    missing = set(text).difference(known)
    if missing:
        font = getFont(font_name)
        known.update({char: font.stringWidth(char, size) for char in missing})
    return [known[char] for char in text]


class ChineseParagraph(Paragraph):
    """A Paragraph whose single-style text breaks by the Chinese rules above."""

    def breakLinesCJK(self, maxWidths):
        frags = self.frags
        plain = len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not self.style.endDots
        if not plain or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0)):
            return super().breakLinesCJK(maxWidths)
        frag = frags[0]
        # the second part of a split paragraph carries its text as the list of its lines
        text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
        lines = break_lines(text, char_widths(text, frag.fontName, frag.fontSize), list(maxWidths))
        return frag.clone(kind=0, lines=[(spare, [line]) for spare, line in lines],
                          ascent=frag.fontSize, descent=-0.2 * frag.fontSize)
