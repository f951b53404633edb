"""An activity as the register keeps it, its merge key, and its checks.

The figures are the int and money columns of the 附件6 definition
(``desktop.forms.a2024_stats.ROWS``); the cross-field rules are that table's
rules, run on the activity's figures, plus the register's own (dates inside
the campaign's year, a known department).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from decimal import Decimal

from desktop.engine.kinds import kind_of
from desktop.engine.model import ERROR, Field, Problem
from desktop.forms.a2024_stats import ACTIVITY_KINDS, ROWS
from desktop.rules.formats import INT_MAX_DIGITS, format_date_cn

MODES = ("线上", "线下", "线上线下")
LEVELS = ("国家", "省", "市", "县")
DEPARTMENTS = ("中小企业主管部门", "国资委", "知识产权局", "工商联")
FIGURES: tuple[Field, ...] = tuple(c for c in ROWS.columns if kind_of(c).figure)
FIGURE_IDS = tuple(f.id for f in FIGURES)
_INT_LIMIT = 10 ** INT_MAX_DIGITS
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Text as compared for merging: NFKC, case-folded, without white space or punctuation."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


def activity_key(name: str, start: dt.date, place: str) -> str:
    return f"{normalise(name)}|{start.isoformat()}|{normalise(place)}"


Figure = int | Decimal | None


@dataclass(frozen=True)
class Activity:
    name: str
    start: dt.date
    end: dt.date
    place: str
    mode: str
    level: str
    kind: str
    lead: str                                  # 牵头部门
    chain: str = ""                            # 产业链
    co_hosts: tuple[str, ...] = ()             # 协办部门
    schedule_ref: str = ""                     # schedule id:row key of 附件1–4, if any
    figures: dict[str, Figure] = field(default_factory=dict)
    evidence: dict[str, bool] = field(default_factory=dict)   # figure id → 有佐证
    id: int | None = None
    files: tuple[dict, ...] = ()
    conflicts: tuple[dict, ...] = ()           # {"by", "at", "figures"} differing reports
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    @cached_property
    def key(self) -> str:             # computed once: merging looks it up several times per activity
        return activity_key(self.name, self.start, self.place)

    @property
    def departments(self) -> tuple[str, ...]:
        if not self.co_hosts:
            return (self.lead,)
        return (self.lead, *[d for d in self.co_hosts if d != self.lead])

    @property
    def host_text(self) -> str:
        return "、".join(self.departments)

    def figure(self, figure_id: str) -> Figure:
        return self.figures.get(figure_id)

    def with_departments(self, *names: str) -> "Activity":
        extra = tuple(n for n in names if n and n not in self.departments)
        return replace(self, co_hosts=self.co_hosts + extra) if extra else self


def parse_figure(column: Field, raw: object) -> Figure:
    """A figure typed or read from a sheet; None when empty; FieldError when not a number of its kind."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if type(raw) is int and 0 <= raw < _INT_LIMIT and not kind_of(column).amount:
        return raw                # a count as a sheet holds it: what the kind's parser would give
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return kind_of(column).parse(column, str(raw))


def figure_json(value: Figure) -> object:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


_FIGURE_TYPES = tuple((f.id, Decimal if kind_of(f).amount else int) for f in FIGURES)


def figures_from_json(obj: dict) -> dict[str, Figure]:
    return {id_: None if (value := obj.get(id_)) is None else kind(value) for id_, kind in _FIGURE_TYPES}


def check_activity(activity: Activity, year_start: dt.date, year_end: dt.date) -> list[Problem]:
    """Register rules and the 附件6 row rules; errors block saving, warnings are shown."""
    found: list[Problem] = []

    def add(path: str, code: str, message: str, level: str = ERROR) -> None:
        found.append(Problem(path, level, code, message))

    for path, value, choices, label in (("mode", activity.mode, MODES, "线上/线下"), ("level", activity.level, LEVELS, "活动级别"),
                                        ("kind", activity.kind, ACTIVITY_KINDS, "活动类型")):
        if value not in choices:
            add(path, "choice.invalid", f"{label}只能是{'、'.join(choices)}之一，“{value}”不在其中")
    for path, value, label in (("name", activity.name, "活动名称"), ("place", activity.place, "举办地点"),
                               ("lead", activity.lead, "牵头部门")):
        if not value.strip():
            add(path, "required", f"请填写{label}")
    if activity.end < activity.start:
        add("end", "register.end_before_start",
            f"结束日期 {format_date_cn(activity.end)} 早于开始日期 {format_date_cn(activity.start)}")
    for day, path in ((activity.start, "start"), (activity.end, "end")):
        if not year_start <= day <= year_end:
            add(path, "register.outside_campaign", f"日期 {format_date_cn(day)} 不在本次活动期"
                f"（{format_date_cn(year_start)}至{format_date_cn(year_end)}）内，请核对")
    found += _figure_rules(activity)
    return found


def _figure_rules(activity: Activity) -> list[Problem]:
    row = dict(activity.figures)
    found = []
    for column in FIGURES:
        value = row.get(column.id)
        if value is not None and value < 0:
            found.append(Problem(column.id, ERROR, "register.negative", f"{column.label}不能为负数"))
    for rule in ROWS.rules:
        try:
            message = rule.check(row, {})
        except (TypeError, KeyError):
            continue  # a figure the rule reads is empty, or the rule is about a column the register fills itself
        if message:
            found.append(Problem(rule.field, rule.level, rule.code, message))
    return found


__all__ = ["Activity", "DEPARTMENTS", "FIGURES", "FIGURE_IDS", "LEVELS", "MODES", "activity_key",
           "check_activity", "figure_json", "figures_from_json", "normalise", "parse_figure"]
