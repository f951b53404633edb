"""Every registered rule of every form is proven to fire: a rule that cannot fire protects nothing.

Each rule code has a change to a valid sample that must trigger it; a new rule without one fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.engine.model import Group, Rule, Table
from desktop.engine.schema import record_items
from desktop.engine.validate import clean
from desktop.forms.registry import all_forms
from desktop.samples import sample_raw


def _day_before(text: str) -> str:
    return (dt.date.fromisoformat(text) - dt.timedelta(days=1)).isoformat()


def _profile(**values):
    return lambda raw: raw["profile"].update(values)


TRIGGERS = {
    "profile.rd_staff_over_employees": lambda raw: raw["profile"].update(
        rd_staff=str(int(raw["profile"]["employees"]) + 1)),
    "profile.rd_over_revenue": lambda raw: raw["profile"].update(rd_spend=str(float(raw["profile"]["revenue"]) * 2)),
    "size.not_large": _profile(employees="250", revenue="1000", rd_staff="20", rd_spend="30"),
    "size.not_sme": _profile(size_industry="工业", employees="1500", revenue="52000"),
    "need.deadline_before_fill": lambda raw: raw["needs"][0].update(deadline=raw["filled_on"]),
    "match.finish_before_fill": lambda raw: raw.update(planned_finish=raw["filled_on"]),
    "milestone.end_before_start": lambda raw: raw["milestones"][0].update(end=_day_before(raw["milestones"][0]["start"])),
    "milestone.before_project": lambda raw: raw["milestones"][0].update(start=_day_before(raw["project_start"])),
    "milestone.after_project": lambda raw: raw["milestones"][-1].update(end="2099-01-01"),
    "project.end_before_start": lambda raw: raw.update(project_end=raw["project_start"]),
    "budget.funding_sum": lambda raw: raw.update(funding_self="0.01"),
    "finance.years": lambda raw: raw["finance"][0].update(year="2019"),
    "finance.revenue_differs_from_profile": lambda raw: raw["finance"][1].update(revenue="1.00"),
    "finance.rd_differs_from_profile": lambda raw: raw["finance"][1].update(rd="1.00"),
    "promise.legal_rep": lambda raw: raw.update(legal_rep_sign="另一人"),
    "ip.granted_after_filing": lambda raw: raw["ip"][0].update(granted="2099-01-01"),
    "ip.granted_before_founding": lambda raw: raw["ip"][0].update(granted="1980-01-01"),
    "stats.little_giants_over_smes": lambda raw: raw["rows"][0].update(little_giants=str(int(raw["rows"][0]["smes"]) + 1)),
    "stats.specialised_over_smes": lambda raw: raw["rows"][0].update(specialised=str(int(raw["rows"][0]["smes"]) + 1)),
    "stats.signed_over_intentions": lambda raw: raw["rows"][0].update(
        projects_signed=str(int(raw["rows"][0]["intentions"]) + 1)),
    "stats.outside_period": lambda raw: raw["rows"][0].update(held_on="2023-12-31"),
}


def rules_of(items) -> list[Rule]:
    found: list[Rule] = []
    for item in items:
        if isinstance(item, (Table, Group)):
            found += list(item.rules) + rules_of(item.columns if isinstance(item, Table) else item.fields)
    return found


CASES = [(form, rule) for form in all_forms() for rule in (*form.rules, *rules_of(record_items(form)))]


def test_every_rule_code_has_a_trigger():
    assert {rule.code for _, rule in CASES} <= set(TRIGGERS), "add a trigger for the new rule"
    assert set(TRIGGERS) <= {rule.code for _, rule in CASES}, "a trigger for a rule no form has"


@pytest.mark.parametrize("form,rule", CASES, ids=lambda x: getattr(x, "id", None) or getattr(x, "code", ""))
def test_rule_fires(form, rule):
    raw = sample_raw(form, 0)
    assert rule.code not in {p.code for p in clean(form, raw).problems}  # the valid sample does not trip it
    TRIGGERS[rule.code](raw)
    fired = [p for p in clean(form, raw).problems if p.code == rule.code]
    assert fired and fired[0].level == rule.level and fired[0].message
    assert fired[0].path.endswith(rule.field)  # named by the field it is about (the row's, for a table rule)
