"""Chinese line breaking (GB/T 15834-2011 标点符号用法, 禁则), independent of any renderer.

A closing mark never starts a line and an opening mark never ends one (the
break moves back instead: the line ends ragged, never past the border), a
run of Latin letters or digits (a phone number, an e-mail address,
GB/T 4754-2017) is kept whole when it fits on a line, and so are a short
bracketed unit such as （万元） and the legal form of an enterprise name
(股份有限公司).

``balanced_lines`` breaks a title into lines of nearly equal length, the way
a typesetter sets a two-line title (大中小企业融通创新项目 / 中小企业“揭榜”申请书)
instead of filling the first line and leaving a few characters on the second.
"""

from __future__ import annotations

# 点号、后引号、后括号、后书名号、省略号 and their ASCII forms cannot start a line
CANNOT_START = frozenset("。，、；：？！）》〉」』】〕〗］｝”’…%‰℃,.;:?!)]}")
# 前引号、前括号、前书名号 cannot end a line
CANNOT_END = frozenset("（《〈「『【〔〖［｛“‘([{")
CJK_START = 0x2E80
FUZZ = 1e-6
# Chinese quotation marks are set full width in Chinese text
FULL_WIDTH_MARKS = frozenset("“”‘’…—")
# Words a line never breaks inside: the legal forms that end an enterprise name (企业名称登记管理规定),
# so 嵘锋动力工业技术 / 股份有限公司 and never 嵘锋动力工业技术股 / 份有限公司.
UNBROKEN_WORDS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团", "合伙企业", "公司")
# A bracketed group this short (a unit, a note) stays whole: 营业收入 / （万元）, never （万 / 元）.
BRACKET_GROUP_MAX = 6
OPENING_BRACKETS, CLOSING_BRACKETS = "（(", "）)"


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
    while end < len(widths) and used + widths[end] <= limit + FUZZ:
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
    whole = _unbroken_start(text, best)
    if whole is not None and whole > start:
        best = whole
    while best > start + 1 and (text[best] in CANNOT_START or text[best - 1] in CANNOT_END):
        best -= 1
    return best if best > start else end


def _unbroken_start(text: str, end: int) -> int | None:
    """Where a word of UNBROKEN_WORDS or a short bracket group cut by a break at ``end`` starts, if any."""
    starts = []
    for word in UNBROKEN_WORDS:
        at = text.find(word, max(0, end - len(word) + 1), end + len(word) - 1)
        if 0 <= at < end < at + len(word):
            starts.append(at)
    window = text[max(0, end - BRACKET_GROUP_MAX - 1):end]
    opening = max(window.rfind(mark) for mark in OPENING_BRACKETS)
    if opening >= 0 and not any(mark in window[opening:] for mark in CLOSING_BRACKETS):
        at = end - len(window) + opening
        closing = [text.find(mark, end, at + BRACKET_GROUP_MAX + 2) for mark in CLOSING_BRACKETS]
        if any(c >= 0 for c in closing):
            starts.append(at)
    return min(starts) if starts else None


def em_widths(text: str) -> list[float]:
    """Advance widths in em: Chinese characters and marks 1, Latin letters and digits about ½."""
    return [1.0 if ord(c) >= CJK_START or c in FULL_WIDTH_MARKS else 0.5 for c in text]


def balanced_lines(text: str, max_width: float, widths: list[float] | None = None) -> tuple[str, ...]:
    """``text`` in as few lines of at most ``max_width`` as possible, the lines as even as the rules allow.

    ``widths`` are the characters' advance widths in the unit of ``max_width`` (default: em).
    """
    widths = em_widths(text) if widths is None else widths
    count = len(break_lines(text, widths, [max_width]))
    if count < 2:
        return (text,)
    narrow, wide = sum(widths) / count, float(max_width)
    step = max(widths) / 4
    while wide - narrow > step:  # the narrowest width that still needs no more lines
        middle = (narrow + wide) / 2
        if len(break_lines(text, widths, [middle])) > count:
            narrow = middle
        else:
            wide = middle
    return tuple(line.rstrip() for _, line in break_lines(text, widths, [wide]))
