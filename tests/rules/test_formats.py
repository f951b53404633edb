import datetime
from decimal import Decimal

import pytest

from desktop.rules import formats as f


@pytest.mark.parametrize("s", ["13800000000", "19912345678", " 15000000000 ", "１３８００００００００"])
def test_mobile_ok(s):
    assert f.check_mobile(s) is None


@pytest.mark.parametrize("s", ["", "12800000000", "1380000000", "138000000000", "138-0000-0000",
                               "1380000000a", "+8613800000000"])
def test_mobile_bad(s):
    assert "11 位" in f.check_mobile(s)


@pytest.mark.parametrize("s", ["13800000000", "010-12345678", "01012345678", "0591-1234567",
                               "0755-12345678-123", "０１０－１２３４５６７８"])
def test_phone_ok(s):
    assert f.check_phone(s) is None


@pytest.mark.parametrize("s", ["", "12345678", "010-123456", "010-123456789", "10-12345678",
                               "010-12345678-", "010 12345678", "010-12345678-1234567"])
def test_phone_bad(s):
    assert "区号" in f.check_phone(s)


def test_postcode():
    assert f.check_postcode("100804") is None
    assert f.check_postcode("１００８０４") is None
    for bad in ["", "10080", "1008041", "10080a"]:
        assert "6 位数字" in f.check_postcode(bad)


@pytest.mark.parametrize("s", ["a@example.com", "zhang.san+tag@mail.example.com.cn",
                               "x_y-z@a-b.cn", " user@example.org "])
def test_email_ok(s):
    assert f.check_email(s) is None


@pytest.mark.parametrize("s", ["", "a", "a@b", "a@@b.com", "a@b@c.com", "a b@c.com", "a@b .com",
                               ".a@b.com", "a..b@c.com", "a.@b.com", "a@-b.com", "a@b-.com",
                               "a@b.c", "a@.com", "张三@example.com"])
def test_email_bad(s):
    assert "电子邮箱" in f.check_email(s)


@pytest.mark.parametrize("s, value", [
    ("0", "0.00"), ("12345.67", "12345.67"), ("12,345.67", "12345.67"), ("1,234,567", "1234567.00"),
    ("１２，３４５．６", "12345.60"), (" 7.5 ", "7.50"),
])
def test_parse_money(s, value):
    assert f.parse_money(s) == Decimal(value)
    assert str(f.parse_money(s)) == value


@pytest.mark.parametrize("s, words", [
    ("", "请填写"), ("-1", "负数"), ("1.234", "2 位小数"), ("abc", "不是有效的金额"),
    ("1,23", "不是有效的金额"), ("12,3456", "不是有效的金额"), ("1e5", "不是有效的金额"),
    ("NaN", "不是有效的金额"), (".5", "不是有效的金额"), ("12.", "不是有效的金额"),
])
def test_parse_money_rejects(s, words):
    with pytest.raises(ValueError, match=words):
        f.parse_money(s)


@pytest.mark.parametrize("d, text", [
    (Decimal("12345.67"), "12,345.67"), (Decimal("0"), "0.00"),
    (Decimal("1234567.5"), "1,234,567.50"),
    (Decimal("0.005"), "0.01"), (Decimal("999.995"), "1,000.00"), (12, "12.00"), (0.1, "0.10"),
])
def test_format_money(d, text):
    assert f.format_money(d) == text


def test_parse_int():
    assert f.parse_int("120") == 120
    assert f.parse_int("1,200") == 1200
    assert f.parse_int("１２０") == 120
    for bad, words in [("", "请填写"), ("-3", "负数"), ("1.5", "不是整数"), ("十", "不是整数"),
                       ("1,20", "不是整数")]:
        with pytest.raises(ValueError, match=words):
            f.parse_int(bad)


@pytest.mark.parametrize("s", ["2023-04-27", "2023-4-27", "2023/4/27", "2023.4.27", "2023年4月27日",
                               "2023年04月27日", " ２０２３－０４－２７ "])
def test_parse_date(s):
    assert f.parse_date(s) == datetime.date(2023, 4, 27)


@pytest.mark.parametrize("s, words", [
    ("2023-02-30", "不存在"), ("2023-13-01", "不存在"), ("2024-02-30", "不存在"),
    ("2023-04/27", "不是可识别的日期"), ("23-4-27", "不是可识别的日期"), ("", "不是可识别的日期"),
    ("2023年4月27", "不是可识别的日期"),
])
def test_parse_date_rejects(s, words):
    with pytest.raises(ValueError, match=words):
        f.parse_date(s)


def test_leap_day():
    assert f.parse_date("2024-02-29") == datetime.date(2024, 2, 29)


def test_format_date_cn():
    assert f.format_date_cn(datetime.date(2023, 4, 27)) == "2023年4月27日"
    assert f.format_date_cn(datetime.date(2024, 12, 5)) == "2024年12月5日"


def test_clean_text():
    assert f.clean_text("\u3000 某某科技有限公司 \t\u3000") == "某某科技有限公司"
    assert f.clean_text("a\u3000b") == "a\u3000b"  # inner spaces are kept as typed
    assert f.clean_text("e\u0301") == "\u00e9"  # NFC
    assert f.clean_text("（全角）,(半角)") == "（全角）,(半角)"  # punctuation kept as typed


def test_char_count():
    assert f.char_count("企业名称") == 4
    assert f.char_count("e\u0301") == 1
    assert f.char_count("AB 中") == 4
