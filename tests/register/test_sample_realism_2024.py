"""Samples of the 2024 officers' forms and the register's sample year read as an officer writes them.

The expectations are written here, not taken from the generator: what word an activity of each
附件6 type is named by, what a venue, an organiser and a contact look like, and that the texts of a
report are whole sentences about a matchmaking activity, not an enterprise's research plan.
"""

from __future__ import annotations

import re

import pytest

from desktop.forms.registry import get_form
from desktop.register.samples import make_year
from desktop.samples import sample_submission

SEEDS = range(6)
SENTENCE_MARKS = re.compile(r"[，。；：、,;]")
EVENT_NAME = re.compile(r".*(对接|融通).*(会|活动|专场)）?")
VENUE = re.compile(r"[\u4e00-\u9fff]{2,9}(国际会展中心|国际博览中心|国际会议中心|创新中心|会议中心|设计中心|科技会堂|"
                   r"服务中心|展示中心)")
CONTACT = re.compile(r"[\u4e00-\u9fff]{2,3} 0\d{2,3}-[2-8]\d{6,7}")
# 附件6 活动类型 → a word its activities are named by (as the notice's 附件1–4 name them)
TYPE_WORDS = {"产业链专场": "产业链", "央企专场": "央企|中央企业", "民企专场": "民营", "展会对接": "博览会",
              "专利转化": "专利", "地方自办": "产业集群|产业链"}
RESEARCH_WORDS = ("揭榜", "轴承", "样机", "寿命试验", "研究生")


def rows(form_id: str, seed: int) -> list[dict]:
    return sample_submission(get_form(form_id), seed)["data"]["rows"]


def city(text: str) -> str:
    """The first two characters of the city a venue starts with: enough to tell the samples' cities apart."""
    return text[:2]


@pytest.mark.parametrize("form_id", ["2024-a1-chain-events", "2024-a2-provincial-events",
                                     "2024-a3-private-events", "2024-a4-expo-events", "2024-a6-stats"])
def test_schedule_and_statistics_rows_name_activities_and_venues(form_id):
    for seed in SEEDS:
        for row in rows(form_id, seed):
            assert EVENT_NAME.fullmatch(row["name"]) and not SENTENCE_MARKS.search(row["name"]), row["name"]
            assert VENUE.fullmatch(row["place"]), row["place"]
            if "contact" in row:
                assert CONTACT.fullmatch(row["contact"]), row["contact"]
            if "chain" in row:
                assert row["chain"] in row["name"] and not SENTENCE_MARKS.search(row["chain"])
            if "organiser" in row:
                assert re.search(r"(厅|局|委员会|联合会|人民政府)$", row["organiser"]), row["organiser"]


def test_a_provincial_event_is_held_and_organised_in_its_province():
    for seed in SEEDS:
        for row in rows("2024-a2-provincial-events", seed):
            assert row["organiser"].startswith(row["province"])
            assert city(row["place"]) in row["name"]


def test_national_events_are_organised_by_the_host_city():
    for form_id in ("2024-a1-chain-events", "2024-a4-expo-events"):
        for seed in SEEDS:
            for row in rows(form_id, seed):
                assert row["organiser"].startswith(city(row["place"])), row
    for seed in SEEDS:
        for row in rows("2024-a4-expo-events", seed):
            assert row["expo"].endswith("博览会") and row["name"].startswith(row["expo"])


def test_statistics_rows_are_named_for_their_type_and_held_in_the_unit_s_province():
    for seed in SEEDS:
        data = sample_submission(get_form("2024-a6-stats"), seed)["data"]
        for row in data["rows"]:
            assert re.search(TYPE_WORDS[row["kind"]], row["name"]), (row["kind"], row["name"])
            assert row["host"] == data["unit"]
            assert row["little_giants"] <= row["smes"] and row["specialised"] <= row["smes"]


def test_an_activity_report_reads_as_an_officer_writes_it():
    for seed in SEEDS:
        data = sample_submission(get_form("2024-report"), seed)["data"]
        assert data["title"].startswith(data["region"] + "举办") and not SENTENCE_MARKS.search(data["title"])
        event = data["title"].removeprefix(data["region"] + "举办")
        assert EVENT_NAME.fullmatch(event) and data["activity"].startswith(event)
        for section in ("practice", "results", "lessons"):
            text = data[section]
            sentences = [s for s in text.split("。") if s]
            assert text.endswith("。") and len(sentences) == len(set(sentences)) >= 2, text
            assert not any(word in text for word in RESEARCH_WORDS), text
        figures = data["figures"]
        assert figures["little_giants"] <= figures["smes"] and figures["specialised"] <= figures["smes"]


def test_the_register_s_sample_year_names_activities_for_their_type():
    year = make_year(600, 20, 10)
    activities = [a for department in year.reports.values() for a in department]
    originals = [a for a in activities if a.name == a.name.strip()]
    assert len({(a.name, a.start, a.place) for a in originals}) == len(originals) == 580
    for activity in activities:
        name = activity.name.strip()
        assert EVENT_NAME.fullmatch(name) and not re.search(r"样例\d", name), name
        assert re.search(TYPE_WORDS[activity.kind], name), (activity.kind, name)
        assert VENUE.fullmatch(activity.place.replace(" ", "")), activity.place
        assert activity.chain in name, (activity.chain, name)
