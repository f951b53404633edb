import random
import string
from decimal import Decimal

import pytest

from desktop.rules.size_class import (
    GB_SECTIONS, INDUSTRIES, TABLES, SizeInputError, classify, default_size_industry,
    what_would_change,
)

ROWS = TABLES["2011"]
RANK = {"微型": 0, "小型": 1, "中型": 2, "大型": 3}
ARG = {"E": "employees", "Y": "revenue", "Z": "assets"}
# The finest step of each indicator: one person, one hundredth of 万元.
STEP = {"E": 1, "Y": Decimal("0.01"), "Z": Decimal("0.01")}


def run(row, values):
    return classify(row.name, **{ARG[i]: values.get(i) for i in "EYZ"})


def test_industries_are_the_16_rows_of_the_standard():
    assert INDUSTRIES == (
        "农、林、牧、渔业", "工业", "建筑业", "批发业", "零售业", "交通运输业", "仓储业",
        "邮政业", "住宿业", "餐饮业", "信息传输业", "软件和信息技术服务业", "房地产开发经营",
        "物业管理", "租赁和商务服务业", "其他未列明行业",
    )


@pytest.mark.parametrize("args, size", [
    (("工业", 1500, 1000, None), "小型"),
    (("工业", 1000, 40000, None), "大型"),
    (("零售业", 8, 5000, None), "微型"),
    (("租赁和商务服务业", 150, None, 90), "微型"),
    (("工业", 250, 1000, None), "小型"),
    (("建筑业", None, 7000, 6000), "中型"),
    (("农、林、牧、渔业", None, 20000, None), "大型"),
    (("农、林、牧、渔业", None, 49.99, None), "微型"),
    (("房地产开发经营", None, 300000, 9000), "中型"),
    (("其他未列明行业", 120, None, None), "中型"),
])
def test_worked_examples(args, size):
    result = classify(*args)
    assert result.size_class == size
    assert result.sme is (size != "大型")
    assert result.edition == "2011"


def test_reason_for_small():
    reason = classify("工业", 1500, 1000, None).reason
    assert reason.startswith("工业：营业收入 1000 万元 < 40000 万元，属于中小企业；")
    assert "营业收入 1000 万元 < 2000 万元，不满足中型" in reason
    assert reason.endswith("从业人员 1500 人 ≥ 20 人且营业收入 1000 万元 ≥ 300 万元 → 小型")


def test_reason_for_large_names_every_ceiling():
    assert classify("工业", 1000, 40000, None).reason == (
        "工业：从业人员 1000 人 ≥ 1000 人且营业收入 40000 万元 ≥ 40000 万元，"
        "不低于任一中小企业上限 → 大型")
    assert classify("其他未列明行业", 300, None, None).reason == (
        "其他未列明行业：从业人员 300 人 ≥ 300 人，不低于中小企业上限 → 大型")


def test_reason_for_micro_names_the_failed_bound():
    reason = classify("租赁和商务服务业", 150, None, 90).reason
    assert "资产总额 90 万元 < 100 万元，不满足小型" in reason and reason.endswith("→ 微型")


def test_numbers_print_plainly():
    reason = classify("工业", 1500, 1234.50, Decimal("1E+5")).reason
    assert "营业收入 1234.5 万元" in reason
    assert "," not in reason and ".0 " not in reason
    assert "营业收入 40000 万元" in classify("工业", 20, 40000.0, None).reason


def test_to_json():
    assert classify("零售业", 8, 5000, None).to_json() == {
        "class": "微型", "sme": True, "reason": classify("零售业", 8, 5000, None).reason,
        "note": classify("零售业", 8, 5000, None).note}


def test_only_the_rows_indicators_are_required():
    assert classify("农、林、牧、渔业", None, 600, None).size_class == "中型"
    assert classify("其他未列明行业", 50, None, None).size_class == "小型"


@pytest.mark.parametrize("args, message", [
    (("工业", None, 1000, None), "划型需要从业人员人数，请填写"),
    (("工业", 100, None, None), "划型需要营业收入（万元），请填写"),
    (("建筑业", None, 100, None), "划型需要资产总额（万元），请填写"),
])
def test_missing_indicator(args, message):
    with pytest.raises(SizeInputError, match=message):
        classify(*args)


def test_unknown_industry_and_edition_and_negative():
    with pytest.raises(SizeInputError, match="不在划型标准的行业列表中"):
        classify("制造业", 10, 10, 10)
    with pytest.raises(SizeInputError, match="2011"):
        classify("工业", 10, 10, 10, edition="1999")
    with pytest.raises(SizeInputError, match="负数"):
        classify("工业", -1, 10, None)
    with pytest.raises(SizeInputError, match="应为数字"):
        classify("工业", 10, "十万", None)
    assert issubclass(SizeInputError, ValueError)


def _boundary_cases():
    """For every row and threshold: (row, values at the limits, class, one step below, class).

    In the 2011 table every level of a row lists all the row's indicators, so "all
    values at this level's limits" is the base and one indicator steps below it.
    """
    levels = (("ceilings", "大型", "中型"), ("medium", "中型", "小型"), ("small", "小型", "微型"))
    for row in ROWS:
        for level, at_class, below_class in levels:
            base = dict(getattr(row, level))
            assert set(base) == set(row.indicators())
            for indicator, limit in getattr(row, level):
                below = dict(base, **{indicator: limit - STEP[indicator]})
                yield pytest.param(row, base, at_class, below, below_class,
                                   id=f"{row.name}-{level}-{indicator}{limit}")


@pytest.mark.parametrize("row, at, at_class, below, below_class", list(_boundary_cases()))
def test_every_threshold(row, at, at_class, below, below_class):
    assert run(row, at).size_class == at_class
    assert run(row, below).size_class == below_class


def test_boundary_cases_cover_every_threshold():
    expected = sum(len(r.ceilings) + len(r.medium) + len(r.small) for r in ROWS)
    assert len(list(_boundary_cases())) == expected == 90


def _random_values(rng, row):
    limits = [limit for _, limit in row.ceilings]
    top = max(limits) * 2
    return {i: (rng.randint(0, top) if i == "E" else Decimal(rng.randint(0, top * 100)) / 100)
            for i in row.indicators()}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_more_never_gives_a_smaller_class(row):
    # Every condition in the standard is "value ≥ bound" for the larger class, so raising
    # any indicator can only keep or raise the class.
    rng = random.Random(row.name)
    for _ in range(300):
        low = _random_values(rng, row)
        high = {i: v + rng.choice([0, STEP[i], rng.randint(0, 5000)]) for i, v in low.items()}
        assert RANK[run(row, high).size_class] >= RANK[run(row, low).size_class], (low, high)


def test_what_would_change():
    assert what_would_change("工业", 1000, 40000, None) == (
        "若从业人员少于 1000 人或营业收入低于 40000 万元，则属于中小企业")
    assert what_would_change("农、林、牧、渔业", None, 30000, None) == (
        "若营业收入低于 20000 万元，则属于中小企业")
    assert what_would_change("工业", 999, 40000, None) == ""


def test_gb_sections():
    assert [letter for letter, _ in GB_SECTIONS] == list(string.ascii_uppercase[:20])
    assert GB_SECTIONS[0] == ("A", "农、林、牧、渔业")
    assert GB_SECTIONS[-1] == ("T", "国际组织")


@pytest.mark.parametrize("letter, default, choices", [
    ("A", "农、林、牧、渔业", ()),
    ("B", "工业", ()), ("C", "工业", ()), ("D", "工业", ()),
    ("E", "建筑业", ()),
    ("F", "批发业", ("批发业", "零售业")),
    ("G", "交通运输业", ("交通运输业", "仓储业", "邮政业")),
    ("H", "住宿业", ("住宿业", "餐饮业")),
    ("I", "信息传输业", ("信息传输业", "软件和信息技术服务业")),
    ("K", "房地产开发经营", ("房地产开发经营", "物业管理")),
    ("L", "租赁和商务服务业", ()),
    ("J", "其他未列明行业", ()), ("M", "其他未列明行业", ()), ("T", "其他未列明行业", ()),
    ("c", "工业", ()),
])
def test_default_size_industry(letter, default, choices):
    assert default_size_industry(letter) == (default, choices)


def test_default_size_industry_rows_exist_and_bad_letter():
    for letter, _ in GB_SECTIONS:
        default, choices = default_size_industry(letter)
        assert default in INDUSTRIES and set(choices) <= set(INDUSTRIES)
    with pytest.raises(ValueError, match="A–T"):
        default_size_industry("U")


def test_the_note_says_the_reason_in_words_without_symbols():
    result = classify("工业", 186, 12800, None)
    assert result.size_class == "小型"
    assert result.note == ("依据《中小企业划型标准规定》（工业）：从业人员186人，少于1000人，营业收入12800万元，"
                           "低于40000万元，属于中小企业；从业人员186人，少于300人，未达到中型企业标准；"
                           "从业人员186人，不少于20人，营业收入12800万元，不低于300万元，属于小型企业。")
    for size, args in (("大型", (3860, 268500)), ("中型", (500, 30000)), ("微型", (5, 50))):
        note = classify("工业", *args, None).note
        assert note.endswith(f"属于{size}企业。"), note
        assert not set(note) & set("<>≥≤→"), note
    assert classify("工业", 186, 12800, None).to_json()["note"] == result.note
