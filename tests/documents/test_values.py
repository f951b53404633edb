from desktop.documents.values import display_value, format_row_label
from desktop.engine.declare import boolean, calc, date, memo, money, multi, text


def test_json_values_print_as_their_kind_displays_them():
    assert display_value(money("m", "金额"), "1234567.50") == "1,234,567.50"
    assert display_value(date("d", "日期"), "2023-04-20") == "2023年4月20日"
    assert display_value(multi("t", "类型", ("甲", "乙", "丙")), ["丙", "甲"]) == "甲、丙"
    assert display_value(boolean("b", "是否"), False) == "否"
    assert display_value(calc("c", "规模", lambda s, r: None, lambda v: f"{v['class']}型", reads=("x",)), {"class": "大"}) == "大型"


def test_empty_values_print_as_nothing():
    for value in (None, "", "   ", []):
        assert display_value(text("x", "名称", 10), value) == ""
    assert display_value(calc("c", "规模", lambda s, r: None, str, reads=("x",)), None) == ""


def test_a_value_that_no_longer_parses_is_printed_as_stored():
    assert display_value(money("m", "金额"), "约一百万") == "约一百万"


def test_row_label_may_name_a_column_and_a_bad_template_prints_as_written():
    assert format_row_label("需求{n}", 3, {}) == "需求3"
    assert format_row_label("{year}年", 1, {"year": "2022"}) == "2022年"
    assert format_row_label("第{n}行{missing}", 1, {}) == "第{n}行{missing}"
    assert format_row_label("第{n行", 1, {}) == "第{n行"


def test_characters_no_document_can_carry_are_dropped():
    assert display_value(memo("x", "说明", 50), "甲\x00乙\x07丙\r\n丁\ud800") == "甲乙丙\n丁"
    assert display_value(text("x", "名称", 50), "甲\x0c乙\r\n丙") == "甲 乙 丙"  # one line: breaks become spaces
