"""Choice lists and small derived values shared by several forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from desktop.engine.model import Rule
from desktop.rules import credit_code, regions, size_class
from desktop.rules.formats import format_date_cn, format_money

COOPERATION = ("联合研发", "委托开发", "技术转让/许可", "采购配套", "股权投资", "其他")
GB_CHOICES = tuple(f"{letter} {name}" for letter, name in size_class.GB_SECTIONS)

SAMPLE_NEED_TITLE = "高精度轴承寿命检测工艺"  # the need the sample SME answers, published by the 附件1 sample
# The sample SME (附件2 and 附件3 pin the same enterprise and need: one seed, one set of facts).
SME_SAMPLE = (("profile.industry_gb", "C 制造业"), ("profile.size_industry", "工业"), ("profile.employees", "186"),
              ("profile.revenue", "12800.00"), ("profile.total_assets", "9650.00"),
              ("profile.honours", ("专精特新“小巨人”企业", "高新技术企业")), ("need_code", "2023-FJ-0012"),
              ("need_title", SAMPLE_NEED_TITLE))


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
    return value["class"] if value else ""


def size_note(value: dict | None) -> str:
    """Why, in words (printed under the class, and shown under it in the wizard)."""
    return value.get("note", "") if isinstance(value, dict) else ""


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


def yearly_rows_message(d: dict, table: str, date_field: str) -> str | None:
    """A table of the last years (前年, 上年, 本年) must hold the years counted from the filing year."""
    filed, rows = d[date_field].year, d[table]
    wanted = [filed - len(rows) + 1 + i for i in range(len(rows))]
    years = [row["year"] for row in rows]
    return years != wanted and (
        f"近三年经营情况的年度应依次为 {'、'.join(map(str, wanted))}，现为 {'、'.join(map(str, years))}：按申报日期"
        f"（{format_date_cn(d[date_field])}），上年为 {filed - 1} 年，本年为 {filed} 年截至上月末")


def same_as_profile(table: str, row: int, column: str, profile_field: str, label: str) -> Rule:
    """A yearly table's figure equals the profile's one of the same year: one enterprise, one set of facts."""
    def check(d: dict, _: dict) -> str | None:
        record, value = d[table][row], d["profile"][profile_field]
        return record[column] != value and (
            f"上年（{record['year']} 年）{label} {format_money(record[column])} 万元与企业基本信息中的{label}（上年度）"
            f"{format_money(value)} 万元不同：同一年的同一数据应一致，请核对后修改")
    return Rule(f"{table}[{row}].{column}", f"{table}.{column}_differs_from_profile", check,
                reads=(f"{table}[{row}].{column}", f"profile.{profile_field}"))


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
