"""The engine on small inline forms: each test says what it checks."""

from desktop.engine.declare import calc, choice, date, memo, money, multi, text, uscc
from desktop.engine.model import WARNING, Form, Rule, Section, Table
from desktop.engine.validate import clean


def make_form(*items, rules=(), tables_rules=()):
    return Form(id="t", edition="1", title="测试表", attachment_no="附件0",
                sections=(Section("s", "第一页", items=tuple(items)),), rules=tuple(rules))


def codes(cleaned):
    return [(p.path, p.code) for p in cleaned.problems]


def test_required_text_missing_is_an_error():
    form = make_form(text("name", "企业名称", 10, required=True))
    assert codes(clean(form, {})) == [("name", "required")]
    assert clean(form, {}).problems[0].message == "请填写企业名称"


def test_whitespace_only_counts_as_empty():
    form = make_form(text("name", "企业名称", 10, required=True))
    assert codes(clean(form, {"name": " \u3000 "})) == [("name", "required")]


def test_text_is_nfc_normalised_and_trimmed():
    form = make_form(text("name", "名称", 10))
    assert clean(form, {"name": "  Cafe\u0301 "}).data["name"] == "Café"


def test_length_counts_characters_not_bytes():
    form = make_form(text("title", "需求名称", 5))
    assert codes(clean(form, {"title": "五个汉字啊"})) == []
    problem = clean(form, {"title": "六个汉字啊呀"}).problems[0]
    assert problem.code == "text.too_long" and "请删减 1 个字" in problem.message
    assert codes(clean(form, {"title": "Cafe\u0301s"})) == []              # counted as it is stored: 5 characters
    assert codes(clean(form, {"title": "Cafe\u0301s!"})) == [("title", "text.too_long")]


def test_memo_keeps_line_breaks_single_line_text_does_not():
    form = make_form(memo("m", "说明", 100), text("t", "名称", 100))
    data = clean(form, {"m": "甲\r\n乙", "t": "甲\n乙"}).data
    assert data["m"] == "甲\n乙" and data["t"] == "甲 乙"


def test_money_parses_thousands_and_rejects_three_decimals():
    form = make_form(money("m", "金额"))
    assert str(clean(form, {"m": "12,345.6"}).data["m"]) == "12345.60"
    assert codes(clean(form, {"m": "1.234"})) == [("m", "money.invalid")]


def test_bad_value_is_kept_out_of_clean_data_but_reported():
    form = make_form(date("d", "日期", required=True))
    cleaned = clean(form, {"d": "2023-02-30"})
    assert cleaned.data["d"] is None and codes(cleaned) == [("d", "date.invalid")]


def test_choice_outside_list_is_an_error():
    form = make_form(choice("c", "类型", ("甲", "乙")))
    assert codes(clean(form, {"c": "丙"})) == [("c", "choice.invalid")]


def test_multi_is_ordered_like_the_choices_and_deduplicated():
    form = make_form(multi("m", "方式", ("甲", "乙", "丙")))
    assert clean(form, {"m": ["丙", "甲", "丙"]}).data["m"] == ["甲", "丙"]


def test_credit_code_wrong_check_character_is_an_error():
    form = make_form(uscc("code", "统一社会信用代码"))
    problem = clean(form, {"code": "91350100M000100Y42"}).problems[0]
    assert problem.level == "error" and "校验位应为 3" in problem.message


def test_credit_code_in_another_province_is_only_a_warning():
    form = make_form(uscc("code", "统一社会信用代码", province_field="province"),
                     choice("province", "省份", ("福建省", "广东省")))
    cleaned = clean(form, {"code": "91350100M000100Y43", "province": "广东省"})
    assert [(p.level, p.code) for p in cleaned.problems] == [("warning", "uscc.province_mismatch")]


def test_table_row_counts_and_row_paths():
    table = Table("rows", "明细", columns=(text("a", "名称", 5, required=True),), min_rows=1, max_rows=2)
    form = make_form(table)
    assert codes(clean(form, {"rows": []})) == [("rows", "table.min_rows")]
    assert codes(clean(form, {"rows": [{"a": "x"}, {}, {"a": "y"}]})) == [
        ("rows", "table.max_rows"), ("rows[1].a", "required")]


def test_calc_uses_clean_values_of_its_row():
    table = Table("rows", "明细", columns=(money("x", "甲"), money("y", "乙"),
                                          calc("s", "合计", lambda r, d: r["x"] + r["y"], reads=("x", "y"))))
    form = make_form(table, calc("total", "总计", lambda d, _: sum(r["s"] for r in d["rows"]), reads=("rows[].s",)))
    data = clean(form, {"rows": [{"x": "1.5", "y": "2"}, {"x": "3", "y": "0"}]}).data
    assert str(data["rows"][0]["s"]) == "3.50" and str(data["total"]) == "6.50"


def test_calc_with_missing_inputs_is_empty_not_a_crash():
    form = make_form(money("x", "甲"), calc("s", "合计", lambda d, _: d["x"] * 2, reads=("x",)))
    assert clean(form, {}).data["s"] is None


def test_cross_field_rule_runs_after_all_fields_and_sorts_into_form_order():
    table = Table("rows", "明细", columns=(date("end", "结束日期"),), rules=(
        Rule("end", "row.end", lambda r, d: r["end"] < d["start"] and "结束日期早于开始日期", reads=("end", "/start")),))
    form = make_form(table, date("start", "开始日期"))
    cleaned = clean(form, {"rows": [{"end": "2023-01-01"}], "start": "2023-02-01"})
    assert codes(cleaned) == [("rows[0].end", "row.end")]


def test_rule_levels_and_rules_skipped_when_inputs_are_missing():
    form = make_form(money("a", "甲"), money("b", "乙"),
                     rules=[Rule("b", "sum", lambda d, _: d["a"] > d["b"] and "乙应不小于甲", WARNING, reads=("a", "b"))])
    assert [(p.level, p.code) for p in clean(form, {"a": "2", "b": "1"}).problems] == [("warning", "sum")]
    assert clean(form, {"a": "2"}).problems == ()


def test_scoped_sections_share_one_record():
    form = Form(id="t", edition="1", title="t", attachment_no="附件0", sections=(
        Section("p1", "基本", scope="profile", items=(text("name", "名称", 9),)),
        Section("x", "其他", items=(text("other", "其他", 9),)),
        Section("p2", "联系人", scope="profile", items=(text("contact", "联系人", 9),)),
    ))
    data = clean(form, {"profile": {"name": "甲", "contact": "乙"}, "other": "丙"}).data
    assert data == {"profile": {"name": "甲", "contact": "乙"}, "other": "丙"}


def test_garbage_shapes_never_crash():
    table = Table("rows", "明细", columns=(text("a", "名称", 5),))
    form = make_form(table, multi("m", "方式", ("甲",)), text("t", "文字", 5))
    cleaned = clean(form, {"rows": "not a list", "m": 5, "t": ["x"]})
    assert {p.code for p in cleaned.problems} == {"type.multi", "type.text"}


def test_normalising_neither_makes_nor_unmakes_white_space():
    """is_empty tests raw.strip() where values are stored as NFC(raw).strip(): the same only while no
    character decomposes into white space alone and no white space is composed of several characters."""
    import unicodedata

    characters = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000]
    assert not [c for c in characters if not c.isspace() and unicodedata.normalize("NFD", c).isspace()]
    assert not [c for c in characters if c.isspace() and len(unicodedata.normalize("NFD", c)) > 1]
