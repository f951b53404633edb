"""Choice lists and small derived values shared by several forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from desktop.rules import credit_code, regions, size_class

COOPERATION = ("联合研发", "委托开发", "技术转让/许可", "采购配套", "股权投资", "其他")
GB_CHOICES = tuple(f"{letter} {name}" for letter, name in size_class.GB_SECTIONS)


def size_of(profile: dict) -> dict | None:
    """企业规模 of a clean profile, as {"class", "sme", "reason"}; None while inputs are missing."""
    try:
        result = size_class.classify(profile.get("size_industry"), profile.get("employees"),
                                     profile.get("revenue"), profile.get("total_assets"))
    except ValueError:
        return None
    return result.to_json()


def sme_gate(profile: dict, form_name: str) -> str | None:
    """The SME forms' export gate: a 大型 enterprise gets the deciding sentence and what would change it."""
    size = size_of(profile)
    if not size or size["sme"]:
        return None
    change = size_class.what_would_change(profile.get("size_industry"), profile.get("employees"),
                                          profile.get("revenue"), profile.get("total_assets"))
    return (f"{form_name}仅限符合《中小企业划型标准规定》的中小企业填报。按填写的数据，{size['reason']}。"
            f"{change}。如数据填错，请在“经营规模与创新能力”页修改")


def render_size(value: dict | None) -> str:
    return f"{value['class']}（{value['reason']}）" if value else ""


def suggest_size_industry(profile: dict, root: dict) -> str | None:
    gb = profile.get("industry_gb")
    return size_class.default_size_industry(gb.split()[0])[0] if gb else None


def suggest_province(profile: dict, root: dict) -> str | None:
    code = credit_code.normalize(profile.get("uscc") or "")
    return regions.province_for_region(code[2:8]) if len(code) == 18 else None


def percent(part: Decimal | None, whole: Decimal | None) -> str | None:
    if part is None or not whole:
        return None
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.01'))}"


@lru_cache(maxsize=4)
def _periods(campaign_id: str) -> dict:
    from desktop.rules.campaign import campaign_by_id

    return {p.label: p for p in campaign_by_id(campaign_id).periods}


def outside_period(day: dt.date, period_label: str, campaign_id: str = "2024-baichang") -> str | None:
    """The message for a date outside the chosen 报送期 (from the campaign file), or None."""
    period = _periods(campaign_id).get(period_label)
    if period is None or period.contains(day):
        return None
    from desktop.rules.formats import format_date_cn

    return (f"举办时间 {format_date_cn(day)} 不在{period.label}（{format_date_cn(period.start)}至"
            f"{format_date_cn(period.end)}）内，请核对日期或报送期")
