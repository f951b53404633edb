"""附件2 and 附件3: the size-class gate and the tables' cross-row rules."""

import pytest

from desktop.engine.validate import clean
from desktop.forms.registry import get_form
from desktop.samples import sample_raw, sample_submission

MATCH = get_form("2023-a2-match")
APPLICATION = get_form("2023-a3-application")


@pytest.mark.parametrize("form", [MATCH, APPLICATION], ids=lambda f: f.id)
def test_samples_are_valid(form):
    for seed in range(5):
        sample_submission(form, seed)


@pytest.mark.parametrize("form", [MATCH, APPLICATION], ids=lambda f: f.id)
def test_large_enterprise_is_blocked_with_the_deciding_sentence_and_what_would_change(form):
    raw = sample_raw(form, 0)
    raw["profile"].update(size_industry="工业", employees="1500", revenue="52000")
    if "finance" in raw:  # the 附件3's 上年 revenue is the profile's
        raw["finance"][1]["revenue"] = "52000"
    errors = clean(form, raw).errors
    assert [p.code for p in errors] == ["size.not_sme"]
    message = errors[0].message
    assert "→ 大型" in message and "若从业人员少于 1000 人或营业收入低于 40000 万元" in message


def test_small_enterprise_passes_the_gate():
    raw = sample_raw(MATCH, 0)
    raw["profile"].update(size_industry="零售业", employees="8", revenue="5000", rd_staff="2", rd_spend="120")
    assert clean(MATCH, raw).errors == ()


def test_finance_ratio_is_computed_per_row():
    raw = sample_raw(APPLICATION, 0)
    raw["finance"][0].update(revenue="2000", rd="150")
    assert clean(APPLICATION, raw).data["finance"][0]["rd_ratio"] == "7.50"


def test_finance_has_exactly_three_rows():
    raw = sample_raw(APPLICATION, 0)
    raw["finance"].pop()
    assert [p.code for p in clean(APPLICATION, raw).errors] == ["table.min_rows", "finance.years"]


def test_milestones_must_lie_inside_the_project_period_and_end_after_start():
    raw = sample_raw(APPLICATION, 0)
    raw["milestones"][1].update(start="2023-01-01", end="2022-12-31")
    raw["milestones"][2].update(end="2027-01-01")
    codes = [(p.path, p.code) for p in clean(APPLICATION, raw).errors]
    assert codes == [("milestones[1].start", "milestone.before_project"),
                     ("milestones[1].end", "milestone.end_before_start"),
                     ("milestones[2].end", "milestone.after_project")]


def test_budget_total_is_the_sum_and_funding_must_add_up():
    raw = sample_raw(APPLICATION, 0)
    raw["budget"] = [{"item": "设备费", "amount": "250"}, {"item": "材料费", "amount": "150.50"},
                     {"item": "其他", "amount": "99.50"}]
    raw.update(funding_self="300", funding_partner="150", funding_other="50")
    cleaned = clean(APPLICATION, raw)
    assert str(cleaned.data["budget_total"]) == "500.00" and cleaned.errors == ()
    raw["funding_other"] = "49.99"
    errors = clean(APPLICATION, raw).errors
    assert [p.code for p in errors] == ["budget.funding_sum"]
    assert "499.99" in errors[0].message and "500.00" in errors[0].message
    raw["funding_other"] = ""  # an empty part counts as nothing, the rule still runs
    assert [p.code for p in clean(APPLICATION, raw).errors] == ["budget.funding_sum"]
