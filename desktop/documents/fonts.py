"""The fonts documents are printed with.

PDF: the bundled Xieshou Serif (Noto Serif CJK SC converted to TrueType
outlines, see resources/fonts/README.md), embedded as a subset by reportlab.
Word: system fonts named by the constants below, since Word and WPS on a
Chinese PC render with their own 宋体 (docs/package.md §1).

reportlab is imported inside the functions so that importing this module
stays cheap for callers that only need the constants.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from desktop.resources import resource_path

# Word / WPS: East Asian text (w:eastAsia), titles, and Latin letters/digits.
DOCX_EAST_ASIA_FONT = "宋体"
# Spec §1: title 宋体/小标宋, bold. 方正小标宋 is not installed on ordinary
# office PCs, so the title uses 宋体 set bold by the renderer.
DOCX_TITLE_FONT = "宋体"
DOCX_LATIN_FONT = "Times New Roman"
# Headings: 黑体, as chapter headings of Chinese official documents; Arial for their Latin letters.
DOCX_HEADING_FONT = "黑体"
DOCX_HEADING_LATIN_FONT = "Arial"

REGULAR_FONT_NAME = "XieshouSerif"
BOLD_FONT_NAME = "XieshouSerif-Bold"
FAMILY_NAME = REGULAR_FONT_NAME
REGULAR_FONT_FILE = ("fonts", "XieshouSerif-Regular.ttf")
BOLD_FONT_FILE = ("fonts", "XieshouSerif-Bold.ttf")

# Layout characters that never need a glyph of their own.
_IGNORED = frozenset("\n\r\t")

_lock = threading.Lock()
_registered: FontNames | None = None


@dataclass(frozen=True)
class FontNames:
    """reportlab font names to use in styles and in ``initialFontName=``."""

    regular: str
    bold: str


def register_fonts() -> FontNames:
    """Register the bundled fonts with reportlab once; later calls are free.

    Safe to call from several threads (exports run off the UI thread).
    """
    global _registered
    with _lock:
        if _registered is None:
            _registered = _register()
        return _registered


def _register() -> FontNames:
    from reportlab.pdfbase import pdfmetrics

    _fix_astral_to_unicode()
    pdfmetrics.registerFont(_load_font(REGULAR_FONT_NAME, REGULAR_FONT_FILE))
    pdfmetrics.registerFont(_load_font(BOLD_FONT_NAME, BOLD_FONT_FILE))
    # The family carries the regular face's name, so <b> inside a paragraph set
    # in the regular font picks the bold face. There is no italic face:
    # italic requests fall back to the upright ones.
    pdfmetrics.registerFontFamily(
        FAMILY_NAME,
        normal=REGULAR_FONT_NAME,
        bold=BOLD_FONT_NAME,
        italic=REGULAR_FONT_NAME,
        boldItalic=BOLD_FONT_NAME,
    )
    return FontNames(regular=REGULAR_FONT_NAME, bold=BOLD_FONT_NAME)


def _load_font(name: str, file_parts: tuple[str, str]):
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, str(resource_path(*file_parts)))


def _fix_astral_to_unicode() -> None:
    """Make copy/search of CJK Ext-B characters (𠮷, 𬌗 …) in the PDF work.

    reportlab writes each ToUnicode target as "%04X", so U+20BB7 becomes the
    five digits <20BB7>, which readers take as U+20BB plus junk. A PDF
    ToUnicode target is UTF-16BE: outside the BMP it must be a surrogate pair.
    The correction is installed only while reportlab still has the fault.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if "<20BB7>" not in original("probe", [0x20BB7]):
        return

    def make_to_unicode_cmap(fontname, subset):
        return _ASTRAL_TARGET.sub(_as_surrogate_pair, original(fontname, subset))

    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


# A bfchar line whose target has more than four hex digits: a code point
# above U+FFFF written as a plain number.
_ASTRAL_TARGET = re.compile(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$", re.MULTILINE)


def _as_surrogate_pair(match: re.Match) -> str:
    utf16 = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
    return f"{match.group(1)}<{utf16}>"


# The regular face's character map as code-point ranges ("4E00-9FEA" per line),
# written by scripts/make_fonts.py: the wizard checks every field against it
# without parsing the 14 MB font (which costs ~70 MB of memory in reportlab).
COVERAGE_FILE = ("fonts", "XieshouSerif-Regular.coverage.txt")


@lru_cache(maxsize=1)
def covered_characters() -> frozenset[str]:
    """Every character the regular font has a glyph for (read once, from the coverage file)."""
    return frozenset(chr(code) for start, end in parse_ranges(resource_path(*COVERAGE_FILE).read_text("ascii"))
                     for code in range(start, end + 1))


def font_characters() -> frozenset[str]:
    """The same set read from the font itself through reportlab (to write and to check the coverage file)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(register_fonts().regular).face
    return frozenset(chr(code) for code, glyph in face.charToGlyph.items() if glyph)


def format_ranges(characters: frozenset[str]) -> str:
    codes = sorted(map(ord, characters))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{a:04X}-{b:04X}\n" for a, b in ranges)


def parse_ranges(text: str) -> list[tuple[int, int]]:
    return [(int(a, 16), int(b, 16)) for a, b in (line.split("-") for line in text.split())]


def missing_characters(text: str) -> list[str]:
    """Characters of `text` the PDF font cannot print (生僻字 etc.), each once,
    in order of first appearance; [] when everything can be printed."""
    if _unprintable().search(text) is None:  # the usual case, scanned in C without a str per character
        return []
    covered = covered_characters()
    return [
        char
        for char in dict.fromkeys(text)
        if char not in covered and char not in _IGNORED
    ]


@lru_cache(maxsize=1)
def _unprintable() -> re.Pattern:
    """One character the font lacks: a class of everything but the covered ranges and the layout characters."""
    ranges = parse_ranges(resource_path(*COVERAGE_FILE).read_text("ascii"))
    covered = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[^{covered}{re.escape(''.join(sorted(_IGNORED)))}]")
