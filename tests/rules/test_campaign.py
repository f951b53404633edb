"""Campaign files: the 2024 round's reporting periods and e-mail recipient; hostile files refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.resources import resource_path
from desktop.rules.campaign import (CampaignError, all_campaigns, campaign_by_id, current_campaign, deadline_text,
                                    load_campaign, parse_campaign)


def raw_2024() -> dict:
    return json.loads((resource_path("campaigns") / "2024-baichang.json").read_text("utf-8"))


def test_2024_has_two_periods_the_recipient_address_and_its_forms():
    campaign = campaign_by_id("2024-baichang")
    assert campaign.notice == "工信厅联企业函〔2024〕174号" and campaign.audience == "officer"
    half, whole = campaign.periods
    assert (half.id, half.end, half.due, half.cumulative) == ("2024H1", dt.date(2024, 6, 30), dt.date(2024, 7, 10), False)
    assert (whole.id, whole.end, whole.due, whole.cumulative) == ("2024", dt.date(2024, 12, 31), dt.date(2025, 1, 10), True)
    assert campaign.email_recipient().email == "cxfwc@miit.gov.cn"
    assert "2024-a6-stats" in campaign.forms and "2024-report" in campaign.forms


def test_deadlines_show_days_left_then_closed():
    half = campaign_by_id("2024-baichang").period("2024H1")
    assert deadline_text(half.deadline, dt.date(2024, 7, 7)) == "距截止还有 3 天（2024年7月10日）"
    assert deadline_text(half.deadline, dt.date(2026, 1, 1)).startswith("已截止")


def test_enterprises_keep_the_2023_round_as_theirs():
    assert current_campaign().id == "2023-jiebang"
    assert current_campaign(audience="officer").id == "2024-baichang"
    assert [c.id for c in all_campaigns()] == ["2023-jiebang", "2024-baichang"]


@pytest.mark.parametrize("change, message", [
    (lambda o: o["recipients"]["电子邮件"].update(email="not an address"), "收件邮箱"),
    (lambda o: o["periods"][0].update(due="2024-06-01"), "依次为开始、截止统计、报送期限"),
    (lambda o: o["periods"][0].update(start="2024-13-01"), "格式不对"),
    (lambda o: o.update(periods=[o["periods"][0]] * 51), "不超过 50 项"),
    (lambda o: o.update(audience="everyone"), "适用对象"),
    (lambda o: o["recipients"].update(空={"name": "某单位"}), "既没有地址也没有电子邮箱"),
])
def test_broken_2024_files_are_refused_with_a_reason(change, message):
    obj = raw_2024()
    change(obj)
    with pytest.raises(CampaignError, match=message):
        parse_campaign(obj)


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps({**raw_2024(), "padding": "x" * 300_000}), "utf-8")
    with pytest.raises(CampaignError, match="超过 256 KB"):
        load_campaign(path)
