"""企业规模划型 — 《中小企业划型标准规定》（工信部联企业〔2011〕300号）, docs/rules.md §1.

The thresholds are data (TABLES, one entry per edition of the standard); the
reading of a row is code:
- "X以下" is strictly below, "X及以上" is at or above;
- an enterprise is an SME when it is under ANY ceiling ("或"), else 大型;
- 中型/小型 need EVERY lower bound ("且"); failing one drops a class ("下划一档");
- 微型 is what is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.rules.size_tables import (
    GB_SECTIONS, TABLES, Bound, SizeRow, default_size_industry,
)

__all__ = [
    "GB_SECTIONS", "INDUSTRIES", "TABLES", "SizeInputError", "SizeResult", "SizeRow",
    "classify", "default_size_industry", "what_would_change",
]

Number = int | float | Decimal

INDUSTRIES: tuple[str, ...] = tuple(row.name for row in TABLES["2011"])

# indicator → (name, unit, missing-value prompt)
_INDICATORS = {
    "E": ("从业人员", "人", "划型需要从业人员人数，请填写"),
    "Y": ("营业收入", "万元", "划型需要营业收入（万元），请填写"),
    "Z": ("资产总额", "万元", "划型需要资产总额（万元），请填写"),
}


class SizeInputError(ValueError):
    """Inputs that cannot be classified; the message is for the user."""


@dataclass(frozen=True)
class SizeResult:
    size_class: str  # 大型/中型/小型/微型
    sme: bool
    reason: str
    edition: str
    note: str = ""   # the reason in words, for printed documents: 从业人员186人，少于1000人，…

    def to_json(self) -> dict:
        return {"class": self.size_class, "sme": self.sme, "reason": self.reason, "note": self.note}


def classify(industry: str, employees: int | None, revenue: Number | None,
             assets: Number | None, edition: str = "2011") -> SizeResult:
    row = _row(industry, edition)
    values = _values(row, {"E": employees, "Y": revenue, "Z": assets})
    head = f"{row.name}："
    words = _Words(row.name, values)
    met_ceilings = [b for b in row.ceilings if values[b[0]] < b[1]]
    if not met_ceilings:
        join = "，不低于任一中小企业上限" if len(row.ceilings) > 1 else "，不低于中小企业上限"
        reason = head + _join_bounds(row.ceilings, values, "≥", "且") + join + " → 大型"
        words.add(row.ceilings, "≥", "超出中小企业标准，属于大型企业")
        return SizeResult("大型", False, reason, edition, words.text())
    parts = [_join_bounds(met_ceilings, values, "<", "、") + "，属于中小企业"]
    words.add(met_ceilings, "<", "属于中小企业")
    for size, bounds in (("中型", row.medium), ("小型", row.small)):
        failed = [b for b in bounds if values[b[0]] < b[1]]
        if not failed:
            parts.append(_join_bounds(bounds, values, "≥", "且") + f" → {size}")
            words.add(bounds, "≥", f"属于{size}企业")
            return SizeResult(size, True, head + "；".join(parts), edition, words.text())
        parts.append(_join_bounds(failed, values, "<", "、") + f"，不满足{size}")
        words.add(failed, "<", f"未达到{size}企业标准")
    words.clauses.append("属于微型企业")
    return SizeResult("微型", True, head + "；".join(parts) + " → 微型", edition, words.text())


class _Words:
    """The reason as a sentence with no symbols: 从业人员186人，少于1000人，…，属于小型企业。"""

    VERBS = {"<": ("少于", "低于"), "≥": ("不少于", "不低于")}   # (people, amounts)

    def __init__(self, industry: str, values: dict[str, Decimal]):
        self.head = f"依据《中小企业划型标准规定》（{industry}）："
        self.values = values
        self.clauses: list[str] = []

    def add(self, bounds: Iterable[Bound], op: str, conclusion: str) -> None:
        texts = []
        for indicator, limit in bounds:
            name, unit, _ = _INDICATORS[indicator]
            verb = self.VERBS[op][0 if indicator == "E" else 1]
            texts.append(f"{name}{_num(self.values[indicator])}{unit}，{verb}{_num(limit)}{unit}")
        self.clauses.append("，".join(texts + [conclusion]))

    def text(self) -> str:
        return self.head + "；".join(self.clauses) + "。"


def what_would_change(industry: str, employees: int | None, revenue: Number | None,
                      assets: Number | None, edition: str = "2011") -> str:
    """For a 大型 result, the ceilings that would make it an SME; "" when it already is one."""
    if classify(industry, employees, revenue, assets, edition).sme:
        return ""
    row = _row(industry, edition)
    options = []
    for indicator, limit in row.ceilings:
        name, unit, _ = _INDICATORS[indicator]
        verb = "少于" if indicator == "E" else "低于"
        options.append(f"{name}{verb} {_num(limit)} {unit}")
    return "若" + "或".join(options) + "，则属于中小企业"


def _row(industry: str, edition: str) -> SizeRow:
    if edition not in TABLES:
        raise SizeInputError(f"没有“{edition}”版的划型标准，可用版本：{'、'.join(TABLES)}")
    for row in TABLES[edition]:
        if row.name == industry:
            return row
    raise SizeInputError(f"划型所属行业“{industry}”不在划型标准的行业列表中，请从列表中选择")


def _values(row: SizeRow, given: dict[str, Number | None]) -> dict[str, Decimal]:
    """The indicators the row uses, as Decimals; the others are not required."""
    values = {}
    for indicator in row.indicators():
        raw = given[indicator]
        name, _, prompt = _INDICATORS[indicator]
        if raw is None:
            raise SizeInputError(prompt)
        try:
            value = Decimal(str(raw))  # str() so a float 0.1 stays 0.1
        except InvalidOperation:
            raise SizeInputError(f"{name}应为数字，现为“{raw}”，请核对") from None
        if not value.is_finite() or value < 0:
            raise SizeInputError(f"{name}不能为负数或非数字，请核对")
        values[indicator] = value
    return values


def _join_bounds(bounds: Iterable[Bound], values: dict[str, Decimal], op: str, sep: str) -> str:
    texts = []
    for indicator, limit in bounds:
        name, unit, _ = _INDICATORS[indicator]
        texts.append(f"{name} {_num(values[indicator])} {unit} {op} {_num(limit)} {unit}")
    return sep.join(texts)


def _num(value: Number) -> str:
    """Plain digits: no thousands separator, no trailing ".0", no exponent."""
    text = format(Decimal(str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
