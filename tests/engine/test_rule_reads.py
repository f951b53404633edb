"""A rule cannot switch itself off: it declares what it reads, is skipped only when that is empty, and raises otherwise."""

from __future__ import annotations

import pytest

from desktop.engine.declare import calc, date, money, text
from desktop.engine.model import Form, Rule, Section, Table
from desktop.engine.reads import ReadError, read
from desktop.engine.validate import clean


def make_form(*items, rules=()):
    return Form(id="t", edition="1", title="测试表", attachment_no="附件0",
                sections=(Section("s", "第一页", items=tuple(items)),), rules=tuple(rules))


def test_a_rule_with_a_misspelled_key_in_its_check_fails_loudly():
    form = make_form(money("a", "甲"), money("b", "乙"),
                     rules=[Rule("b", "sum", lambda d, _: d["aa"] > d["b"] and "乙应不小于甲", reads=("a", "b"))])
    with pytest.raises(KeyError, match="aa"):
        clean(form, {"a": "2", "b": "1"})


def test_a_rule_declaring_a_field_the_form_lacks_fails_even_when_another_input_is_empty():
    form = make_form(money("a", "甲"), money("b", "乙"),
                     rules=[Rule("b", "sum", lambda d, _: "不会运行", reads=("a", "bb"))])
    with pytest.raises(ReadError, match="bb"):
        clean(form, {})


def test_a_rule_failing_on_a_wrong_type_fails_loudly():
    form = make_form(text("a", "甲", 5), money("b", "乙"),
                     rules=[Rule("b", "sum", lambda d, _: d["a"] > d["b"] and "乙应不小于甲", reads=("a", "b"))])
    with pytest.raises(TypeError):
        clean(form, {"a": "x", "b": "1"})


def test_a_rule_is_skipped_only_while_a_field_it_reads_is_empty():
    ran = []
    rule = Rule("b", "sum", lambda d, _: ran.append(1) or "乙应不小于甲", reads=("a", "b"))
    form = make_form(money("a", "甲"), money("b", "乙"), rules=[rule])
    assert clean(form, {"a": "2"}).problems == () and ran == []
    assert clean(form, {"a": "not money", "b": "1"}).problems[0].code == "money.invalid" and ran == []
    assert [p.code for p in clean(form, {"a": "2", "b": "1"}).problems] == ["sum"] and ran == [1]


def test_a_rule_must_declare_what_it_reads():
    with pytest.raises(ValueError, match="reads"):
        Rule("b", "sum", lambda d, _: None)
    with pytest.raises(ValueError, match="reads"):
        calc("s", "合计", lambda d, _: 0)


def test_optional_inputs_must_exist_but_may_be_empty():
    total = calc("s", "合计", lambda d, _: (d["a"] or 0) + (d["b"] or 0), optional=("a", "b"))
    assert str(clean(make_form(money("a", "甲"), money("b", "乙"), total), {"a": "2"}).data["s"]) == "2.00"
    typo = calc("s", "合计", lambda d, _: 0, optional=("a", "c"))
    with pytest.raises(ReadError, match="'c'"):
        clean(make_form(money("a", "甲"), typo), {})


def test_paths_reach_rows_and_the_root():
    data = {"rows": [{"x": 1}, {"x": None}], "start": "s", "group": {"y": 2}}
    assert read("rows[].x", data, data) == [1, None]
    assert read("rows[1].x", data, data) == [None]
    assert read("rows[5].x", data, data) == [None]  # a row not there counts as empty
    assert read("/start", {"x": 1}, data) == ["s"] and read("group.y", data, data) == [2]
    assert read("rows[].x", {"rows": []}, {}) == [None]
    with pytest.raises(ReadError):
        read("rows[].z", data, data)


def test_a_row_rule_reading_the_root_runs_per_row():
    table = Table("rows", "明细", columns=(date("end", "结束日期"),), rules=(
        Rule("end", "row.end", lambda r, d: r["end"] < d["start"] and "早于开始日期", reads=("end", "/start")),))
    form = make_form(table, date("start", "开始日期"))
    cleaned = clean(form, {"rows": [{"end": "2023-01-01"}, {}, {"end": "2023-03-01"}], "start": "2023-02-01"})
    assert [(p.path, p.code) for p in cleaned.problems] == [("rows[0].end", "row.end")]
