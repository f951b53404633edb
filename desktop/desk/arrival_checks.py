"""Warnings on receipt that do not block: another province, a channel that does not fit, late, a draft.

The desk's 本单位 (setting ``unit``) is a province (e.g. 福建省) or a ministry
司局 (e.g. 工业和信息化部装备工业一司). A province's desk expects packages of
its own province organised by the provincial authority; a ministry desk
expects the 行业司局 channel and takes every province.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from desktop.desk.facts import PackageFacts
from desktop.package.manifest import CHINA_TZ
from desktop.package.verify import PackageVerdict
from desktop.rules.campaign import Campaign, CampaignError, all_campaigns
from desktop.rules.formats import format_date_cn
from desktop.rules.regions import PROVINCES

PROVINCE_CHANNEL = "省级中小企业主管部门组织"
MINISTRY_CHANNEL = "工业和信息化部行业司局组织"


def for_package(unit: str, verdict: PackageVerdict, facts: PackageFacts, arrived_at: dt.datetime) -> list[str]:
    """``unit``: the desk's 本单位 (setting ``unit``)."""
    found = [*province_warning(unit, facts.province), *channel_warning(unit, facts.channel)]
    found += late_warning(verdict.form, facts.campaign_id, arrived_at)
    if facts.draft or any("草稿" in p for p in verdict.problems):
        found.append("这是草稿数据包（仅供校对），不是正式报送材料；请联系报送单位寄送正式材料")
    return found


def province_warning(unit: str, province: str) -> list[str]:
    if unit in PROVINCES and province and province != unit:
        return [f"报送单位所在地区为{province}，不是本单位（{unit}）；请确认是否寄错"]
    return []


def channel_warning(unit: str, channel: str) -> list[str]:
    if not unit or not channel:
        return []
    expected = PROVINCE_CHANNEL if unit in PROVINCES else MINISTRY_CHANNEL
    if channel != expected:
        return [f"组织渠道为“{channel}”，与本单位（{unit}）应收的“{expected}”不符；请确认是否应报送本单位"]
    return []


def late_warning(form_id: str | None, campaign_id: str, arrived_at: dt.datetime) -> list[str]:
    campaign = _campaigns().get(campaign_id)
    deadline = campaign.deadline_for(form_id or "") if campaign else None
    if deadline is None or deadline.date is None:
        return []
    arrived = arrived_at.astimezone(CHINA_TZ).date()
    if arrived > deadline.date:
        return [f"到达日期 {format_date_cn(arrived)} 晚于截止日期 {format_date_cn(deadline.date)}"]
    return []


@lru_cache(maxsize=1)
def _campaigns() -> dict[str, Campaign]:
    try:
        return {c.id: c for c in all_campaigns()}
    except CampaignError:
        return {}
