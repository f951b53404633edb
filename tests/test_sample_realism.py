"""Samples look like what a clerk would type: each kind of field holds its own kind of value.

The facts checked here (postcode areas, the order of dates, growing money series) come from outside
the generator: the postcode table below is the 邮政编码 area of each province, written down separately.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from desktop.engine.model import Table
from desktop.engine.schema import iter_fields, record_items
from desktop.forms.registry import all_forms, get_form
from desktop.samples import sample_submission

APPLICATION = get_form("2023-a3-application")
SEEDS = range(8)

# first two digits of the postcodes of each province (中国邮政编码 areas)
POSTCODE_AREAS = {
    "北京市": "10", "天津市": "30", "河北省": "05 06 07", "山西省": "03 04", "内蒙古自治区": "01 02",
    "辽宁省": "11 12", "吉林省": "13", "黑龙江省": "15 16", "上海市": "20", "江苏省": "21 22", "浙江省": "31 32",
    "安徽省": "23 24", "福建省": "35 36", "江西省": "33 34", "山东省": "25 26 27", "河南省": "45 46 47",
    "湖北省": "43 44", "湖南省": "41 42", "广东省": "51 52", "广西壮族自治区": "53 54", "海南省": "57",
    "重庆市": "40", "四川省": "61 62 63 64", "贵州省": "55 56", "云南省": "65 66 67", "西藏自治区": "85",
    "陕西省": "71 72", "甘肃省": "73 74", "青海省": "81", "宁夏回族自治区": "75", "新疆维吾尔自治区": "83 84",
    "大连市": "11", "青岛市": "26", "宁波市": "31", "厦门市": "36", "深圳市": "51", "新疆生产建设兵团": "83",
}
PROSE_MARKS = re.compile(r"[，。；、：]")


def samples():
    """The samples of the forms an enterprise fills (with a profile); the 2024 officers' forms have none."""
    for form in all_forms():
        for seed in SEEDS:
            data = sample_submission(form, seed)["data"]
            if "profile" in data:
                yield form, seed, data


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_postcode_and_phone_belong_to_the_province():
    for form, seed, data in samples():
        profile = data["profile"]
        assert profile["postcode"][:2] in POSTCODE_AREAS[profile["province"]].split(), (form.id, seed, profile)
        assert re.fullmatch(r"0\d{2,3}-[2-8]\d{6,7}", profile["contact_phone"])


def test_names_places_and_titles_are_not_sentences():
    for form, seed, data in samples():
        profile = data["profile"]
        assert re.fullmatch(r".{2,6}[市区]", profile["city"] or "")
        assert profile["city"] in profile["address"] and re.search(r"\d+号", profile["address"])
        for value in (profile["city"], profile["address"], profile["contact_title"], profile["legal_rep"],
                      profile["contact_name"]):
            assert not PROSE_MARKS.search(value), (form.id, seed, value)
        assert 2 <= len(profile["legal_rep"]) <= 3 and len(profile["contact_title"]) <= 8


def test_every_text_and_memo_ends_properly_and_repeats_no_sentence():
    for form, seed, data in samples():
        for path, field in iter_fields(record_items(form)):
            if field.kind != "memo":
                continue
            for text in _values(data, path):
                assert text.endswith("。") and not re.search(r"[，；、]。", text), (path, text[-10:])
                sentences = [s for s in re.split(r"[。；]", text) if s]
                assert len(sentences) == len(set(sentences)), (path, text)


def _values(data, path):
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        for row in data.get(head[:-2]) or []:
            yield from _values(row, rest)
    elif rest:
        yield from _values(data.get(head) or {}, rest)
    elif data.get(head):
        yield data[head]


@pytest.mark.parametrize("seed", SEEDS)
def test_application_dates_follow_founding_and_filing(seed):
    data = sample_submission(APPLICATION, seed)["data"]
    filed, founded = _date(data["filed_on"]), _date(data["profile"]["founded"])
    assert founded.year <= filed.year - 6
    for ip in data["ip"]:
        assert founded < _date(ip["granted"]) < filed, (founded, ip)
        assert int(re.search(r"\d{4}", ip["number"]).group()) <= _date(ip["granted"]).year
    start, end = _date(data["project_start"]), _date(data["project_end"])
    assert filed < start < end
    stages = [(_date(m["start"]), _date(m["end"])) for m in data["milestones"]]
    assert stages[0][0] == start and stages[-1][1] <= end
    assert all(a_end < b_start for (_, a_end), (b_start, _) in zip(stages, stages[1:]))
    assert len({m["name"] for m in data["milestones"]}) == len(stages)


@pytest.mark.parametrize("seed", SEEDS)
def test_application_money_grows_and_agrees_with_the_profile(seed):
    data = sample_submission(APPLICATION, seed)["data"]
    filed = _date(data["filed_on"]).year
    finance = data["finance"]
    assert [row["year"] for row in finance] == [filed - 2, filed - 1, filed]
    revenue = [Decimal(row["revenue"]) for row in finance]
    assert revenue[0] < revenue[1] and revenue[2] < revenue[1]  # growth; 本年 is January to the month before filing
    assert finance[1]["revenue"] == data["profile"]["revenue"] and finance[1]["rd"] == data["profile"]["rd_spend"]
    assert all(Decimal(row["net_profit"]) < Decimal(row["revenue"]) for row in finance)
    items = [row["item"] for row in data["budget"]]
    assert len(items) == len(set(items))
    amounts = [Decimal(row["amount"]) for row in data["budget"]]
    assert len(set(amounts)) > 1
    funding = sum(Decimal(data[k]) for k in ("funding_self", "funding_partner", "funding_other"))
    assert funding == sum(amounts)
    assert int(data["profile"]["rd_staff"]) < int(data["profile"]["employees"])


def test_rows_of_a_table_are_not_copies():
    for form, seed, data in samples():
        for item in record_items(form):
            if isinstance(item, Table) and not item.fixed_rows and len(data.get(item.id) or []) > 1:
                titles = [next(iter(row.values())) for row in data[item.id]]
                assert len(set(map(str, titles))) == len(titles), (form.id, item.id, titles)


def test_the_long_texts_of_one_application_rarely_repeat_a_sentence():
    for seed in range(4):
        data = sample_submission(APPLICATION, seed)["data"]
        texts = [data[k] for k in ("intro", "main_business", "understanding", "technical_route", "innovations",
                                   "outcomes", "risks", "rd_platforms", "equipment", "achievements")]
        sentences = [s for text in texts for s in re.split(r"[。；]", text) if s]
        assert len(set(sentences)) >= 0.7 * len(sentences)
