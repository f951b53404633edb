"""Numbers typed on a command line or read from a line of JSON, bounded before any arithmetic.

``Decimal("1e999999999")`` is cheap, but ``int()`` of it builds a
billion-digit integer and never returns; a 5,000-digit string is no better.
So the text is measured first (length, shape, exponent), then converted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

MAX_CHARS = 40
MAX_DIGITS = 15   # before the point: 10^15 people or 万元 is beyond any enterprise
_LONG = re.compile(r"[+-]?([0-9,]{%d,}(\.[0-9]*)?|[0-9.,]*[eE][+-]?[0-9]{4,})" % (MAX_CHARS + 1))
_SHAPE = re.compile(r"[+-]?([0-9]+(,[0-9]{3})*|[0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,3})?")


def bounded_decimal(value: object) -> Decimal:
    """``value`` as a Decimal with at most ``MAX_DIGITS`` digits before the point; ValueError (Chinese) if not."""
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是数字")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("数值超出范围")
    if isinstance(value, int) and value.bit_length() > 64:
        raise ValueError(f"数字超过 {MAX_DIGITS} 位，请核对")
    text = value if isinstance(value, str) else str(value) if isinstance(value, (int, float, Decimal)) else None
    if text is None:
        raise ValueError("应为数字")
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 4]).strip()
    shown = text if len(text) <= 24 else text[:20] + "…"
    if _LONG.fullmatch(text):
        raise ValueError(f"“{shown}”超出范围（整数部分最多 {MAX_DIGITS} 位）")
    if len(text) > MAX_CHARS or not text or not _SHAPE.fullmatch(text):
        raise ValueError(f"“{shown}”不是数字")
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字") from None
    if not number.is_finite() or (number and number.adjusted() >= MAX_DIGITS):
        raise ValueError(f"“{text}”超出范围（整数部分最多 {MAX_DIGITS} 位）")
    return number
