"""Field formats (docs/rules.md §3). Checkers return None when fine, else a Chinese message.

Input is NFKC-normalised before checking, so full-width digits and punctuation
typed with a Chinese input method are accepted.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?")
_POSTCODE = re.compile(r"[0-9]{6}")
# A practical RFC 5322 subset: dot-atom local part, dotted host name with a TLD.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
# Digits, optionally grouped by thousands commas, optional fraction.
_NUMBER = re.compile(r"(?P<int>[0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.(?P<frac>[0-9]+))?")
_DATE_SEP = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_DATE_CN = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_CENT = Decimal("0.01")
MONEY_MAX_DIGITS = 13   # 万元 before the point: up to 9,999,999,999,999.99 万元, far beyond any enterprise
INT_MAX_DIGITS = 15     # counts of people, patents, years
NUMBER_MAX_CHARS = 40   # as typed, separators included; longer is refused before any conversion
# Control characters (C0, DEL, C1) and lone surrogates are never part of a typed value.  Characters Python's
# splitlines() takes as line breaks (VT, FF, FS, GS, RS, NEL) are read as breaks, not refused: one-line fields
# turn them into spaces.  Printable output drops every control character but tab and line feed.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _prepared(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def check_mobile(s: str) -> str | None:
    if _MOBILE.fullmatch(_prepared(s)):
        return None
    return "手机号码应为 11 位数字，以 13–19 开头（如 13800000000），请核对"


def check_phone(s: str) -> str | None:
    text = _prepared(s)
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return None
    return "电话号码应为手机号码，或“区号-号码”形式的固定电话（如 010-12345678，分机可写作 010-12345678-123），请核对"


def check_postcode(s: str) -> str | None:
    if _POSTCODE.fullmatch(_prepared(s)):
        return None
    return "邮政编码应为 6 位数字（如 100804），请核对"


def check_email(s: str) -> str | None:
    text = _prepared(s)
    if len(text) <= 254 and _EMAIL.fullmatch(text):
        return None
    return "电子邮箱格式不正确，应形如 name@example.com（不含空格，只有一个 @），请核对"


def _bounded(s: str) -> str:
    """The text of a number, refused before any conversion when it is longer than a number can be."""
    if len(s) > NUMBER_MAX_CHARS * 4:
        raise ValueError(f"数字过长（{len(s)} 个字符），请核对")
    text = _prepared(s)
    if len(text) > NUMBER_MAX_CHARS:
        raise ValueError(f"数字过长（{len(text)} 个字符），请核对")
    return text


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def parse_money(s: str) -> Decimal:
    """万元 amount: ≥ 0, at most 2 decimals, thousands separators allowed."""
    text = _bounded(s)
    if not text:
        raise ValueError("请填写金额（万元）")
    if text.startswith("-"):
        raise ValueError(f"金额不能为负数，现为“{text}”")
    match = _NUMBER.fullmatch(text)
    if not match:
        raise ValueError(f"“{text}”不是有效的金额，请填写数字（如 12345.67，单位万元）")
    if len(match["frac"] or "") > 2:
        raise ValueError(f"金额最多保留 2 位小数，现为“{text}”")
    if len(match["int"].replace(",", "").lstrip("0")) > MONEY_MAX_DIGITS:
        raise ValueError(f"金额整数部分最多 {MONEY_MAX_DIGITS} 位（单位万元），现为“{_short(text)}”，请核对单位")
    return Decimal(text.replace(",", "")).quantize(_CENT)


def format_money(d: Decimal | int | float) -> str:
    """Thousands separators and always two decimals, e.g. 12,345.67."""
    amount = Decimal(str(d)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return f"{amount:,.2f}"


def parse_int(s: str) -> int:
    text = _bounded(s)
    if not text:
        raise ValueError("请填写整数")
    if text.startswith("-"):
        raise ValueError(f"不能为负数，现为“{text}”")
    match = _NUMBER.fullmatch(text)
    if not match or match["frac"] is not None:
        raise ValueError(f"“{text}”不是整数，请填写不带小数的数字（如 120）")
    if len(match["int"].replace(",", "").lstrip("0")) > INT_MAX_DIGITS:
        raise ValueError(f"整数最多 {INT_MAX_DIGITS} 位，现为“{_short(text)}”，请核对")
    return int(text.replace(",", ""))


def parse_date(s: str) -> datetime.date:
    """YYYY-MM-DD, YYYY/M/D, YYYY.M.D or 2023年4月27日."""
    text = _bounded(s)
    match = _DATE_SEP.fullmatch(text)
    parts = (match[1], match[3], match[4]) if match else None
    if parts is None and (match := _DATE_CN.fullmatch(text)):
        parts = match.groups()
    if parts is None:
        raise ValueError(f"“{text}”不是可识别的日期，请写作 2023-04-27 或 2023年4月27日")
    try:
        return datetime.date(*(int(p) for p in parts))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在，请核对年月日") from None


def format_date_cn(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


find_forbidden = _FORBIDDEN.search  # the first control character or lone surrogate of a text, None if none


def forbidden_character(s: str) -> str | None:
    """A message when ``s`` holds a control character or a lone surrogate (which no file can store), else None."""
    found = _FORBIDDEN.search(s)
    if found is None:
        return None
    code = ord(found.group())
    what = "无效的字符（孤立的代理项）" if 0xD800 <= code < 0xE000 else "不可见的控制字符"
    return f"第 {found.start() + 1} 个字符是{what} U+{code:04X}，请删除后重新输入"


def strip_forbidden(s: str) -> str:
    """``s`` without control characters (tab, line feed and carriage return kept) or lone surrogates."""
    return _UNPRINTABLE.sub("", s)


def clean_text(s: str) -> str:
    """As stored: NFC-normalised, trimmed of ASCII and full-width (U+3000) spaces."""
    return unicodedata.normalize("NFC", s).strip()


def char_count(s: str) -> int:
    """Length limits count characters (a Chinese character is 1)."""
    return len(unicodedata.normalize("NFC", s))
