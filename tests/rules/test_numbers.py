"""Numbers bounded before arithmetic: the typed-value parsers and the command line's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.rules import formats
from desktop.rules.numbers import bounded_decimal


@pytest.mark.parametrize("text, value", [("1,234.5", Decimal("1234.5")), ("12", Decimal(12)), ("1e3", Decimal(1000)),
                                         ("999999999999999", Decimal("999999999999999"))])
def test_bounded_decimal_accepts_ordinary_numbers(text, value):
    assert bounded_decimal(text) == value


@pytest.mark.parametrize("value", ["1e999999999", "1e15", "9" * 16, "9" * 5000, "nan", "inf", "", "1.2.3", True,
                                   float("inf"), 10 ** 30, [1]])
def test_bounded_decimal_refuses_the_rest(value):
    with pytest.raises(ValueError):
        bounded_decimal(value)


def test_money_and_integers_are_bounded():
    assert formats.parse_money("9999999999999.99") == Decimal("9999999999999.99")
    with pytest.raises(ValueError, match="最多 13 位"):
        formats.parse_money("9" * 27)
    assert formats.parse_int("0" * 20 + "7") == 7  # leading zeros are no magnitude
    with pytest.raises(ValueError, match="最多 15 位"):
        formats.parse_int("1" + "0" * 15)
    with pytest.raises(ValueError, match="数字过长"):
        formats.parse_int("1" * 5000)


def test_a_printable_text_never_holds_a_forbidden_character():
    # kinds._as_text searches only texts that are not printable: exact only while this holds for every code point
    assert not [c for c in range(0x110000) if chr(c).isprintable() and formats.find_forbidden(chr(c))]


def test_forbidden_characters_are_named():
    assert formats.forbidden_character("样例\t企业\n") is None
    assert "U+0000" in formats.forbidden_character("a\x00b")
    assert "孤立的代理项" in formats.forbidden_character("\ud800")
    assert formats.strip_forbidden("a\x00b\x1b\x85c\udc00") == "abc"
