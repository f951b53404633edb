"""Choice lists and small derived values shared by several forms."""

from __future__ import annotations

from decimal import Decimal

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
