"""Chinese line breaking for reportlab paragraphs (GB/T 15834-2011 标点符号用法, 禁则).

reportlab's CJK wrap cuts "like a knife" and only knows the Japanese
prohibitions, so a line could start with ，or ； and end with （ or 《.
Here a closing mark never starts a line and an opening mark never ends one
(the break moves back instead: the line ends ragged, never past the cell
border), and a run of Latin letters or digits (a phone number, an e-mail
address, GB/T 4754-2017) is kept whole when it fits on a line.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph
from reportlab.rl_config import _FUZZ

# 点号、后引号、后括号、后书名号、省略号 and their ASCII forms cannot start a line
CANNOT_START = frozenset("。，、；：？！）》〉」』】〕〗］｝”’…%‰℃,.;:?!)]}")
# 前引号、前括号、前书名号 cannot end a line
CANNOT_END = frozenset("（《〈「『【〔〖［｛“‘([{")
CJK_START = 0x2E80


def _is_word_char(char: str) -> bool:
    """Part of a Latin word or number that should not be cut."""
    return ord(char) < CJK_START and not char.isspace()


def break_lines(text: str, widths: list[float], max_widths: list[float]) -> list[tuple[float, str]]:
    """Lines of ``text`` as (spare width, line text); ``widths`` are the characters' advance widths."""
    lines: list[tuple[float, str]] = []
    start, count = 0, len(text)
    while start < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        end = _fit(widths, start, limit)
        if end < count:
            end = _adjust(text, start, end)
        spare = limit - sum(widths[start:end])
        # spaces at a break stay at the end of the line (invisible), so the lines joined give
        # back the text exactly: a split paragraph is rebuilt from its lines' texts
        while end < count and text[end] == " ":
            end += 1
        lines.append((spare, text[start:end]))
        start = end
    return lines


def _fit(widths: list[float], start: int, limit: float) -> int:
    """First index that no longer fits on a line starting at ``start`` (at least one character fits)."""
    used = 0.0
    end = start
    while end < len(widths) and used + widths[end] <= limit + _FUZZ:
        used += widths[end]
        end += 1
    return max(end, start + 1)


def _adjust(text: str, start: int, end: int) -> int:
    """Move the break at ``end`` back so no rule is broken; keep it when no legal break exists."""
    best = end
    if _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        run = end
        while run > start and _is_word_char(text[run - 1]):
            run -= 1
        if run > start:
            best = run
    while best > start + 1 and (text[best] in CANNOT_START or text[best - 1] in CANNOT_END):
        best -= 1
    return best if best > start else end


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
