import pytest

from desktop.store.records import draft_label, dump_json, enterprise_name_of, load_json


def test_equal_data_gives_equal_text_whatever_the_key_order():
    assert dump_json({"b": 1, "a": {"y": 2, "x": "中"}}) == dump_json({"a": {"x": "中", "y": 2}, "b": 1})


def test_chinese_is_kept_readable_and_round_trips():
    data = {"name": "示例精工科技有限公司", "rows": [1, 2.5, None, True]}
    text = dump_json(data)
    assert "示例精工" in text
    assert load_json(text) == data


def test_only_dicts_of_json_values_are_accepted():
    with pytest.raises(TypeError):
        dump_json(["not", "a", "dict"])
    with pytest.raises(ValueError):
        dump_json({"budget": float("nan")})


def test_enterprise_name_comes_from_the_profile():
    assert enterprise_name_of({"profile": {"name": " 示例公司 "}}) == "示例公司"
    assert enterprise_name_of({"profile": "damaged"}) == ""
    assert enterprise_name_of({}) == ""


def test_label_prefers_title_then_enterprise_and_form():
    assert draft_label("我的草稿", "示例公司", "2023-a1-needs") == "我的草稿"
    assert draft_label("", "示例公司", "2023-a1-needs") == "示例公司 · 2023-a1-needs"
    assert draft_label("", "", "2023-a1-needs") == "2023-a1-needs"
