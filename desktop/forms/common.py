"""Choice lists and small derived values shared by several forms."""

from __future__ import annotations

from decimal import Decimal

from desktop.rules import credit_code, regions, size_class

COOPERATION = ("联合研发", "委托开发", "技术转让/许可", "采购配套", "股权投资", "其他")
GB_CHOICES = tuple(f"{letter} {name}" for letter, name in size_class.GB_SECTIONS)

# The sample SME (附件2 and 附件3 pin the same enterprise and need: one seed, one set of facts).
SME_SAMPLE = (("profile.industry_gb", "C 制造业"), ("profile.size_industry", "工业"), ("profile.employees", "186"),
              ("profile.revenue", "12800.00"), ("profile.total_assets", "9650.00"),
              ("profile.honours", ("专精特新“小巨人”企业", "高新技术企业")), ("need_code", "2023-FJ-0012"),
              ("need_title", "高精度轴承寿命检测工艺"))


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
