"""Made-up samples: valid, and forms that share fields (附件2, 附件3) give one enterprise and one need per seed."""

from __future__ import annotations

import pytest

from desktop.forms.registry import all_forms, get_form
from desktop.samples import sample_raw, sample_submission

MATCH, APPLICATION, NEEDS = get_form("2023-a2-match"), get_form("2023-a3-application"), get_form("2023-a1-needs")


@pytest.mark.parametrize("seed", range(6))
def test_every_form_sample_is_valid(seed: int):
    for form in all_forms():
        assert sample_submission(form, seed)["form"] == form.id  # raises when a sample has errors


@pytest.mark.parametrize("seed", range(6))
def test_a_match_and_an_application_of_one_seed_belong_together(seed: int):
    match, application = sample_raw(MATCH, seed), sample_raw(APPLICATION, seed)
    assert {k: match[k] for k in MATCH.shared_fields} == {k: application[k] for k in APPLICATION.shared_fields}
    same = ("name", "uscc", "province", "address", "legal_rep", "contact_name", "contact_mobile")
    assert {k: match["profile"][k] for k in same} == {k: application["profile"][k] for k in same}
    # each form's pins still apply on top (the 附件3's enterprise is pinned smaller than the 附件2's)
    assert (match["profile"]["employees"], application["profile"]["employees"]) == ("186", "126")


def test_different_seeds_give_different_enterprises_and_the_needs_form_its_own():
    assert sample_raw(MATCH, 1)["profile"]["uscc"] != sample_raw(MATCH, 2)["profile"]["uscc"]
    assert sample_raw(NEEDS, 1)["profile"]["uscc"] != sample_raw(MATCH, 1)["profile"]["uscc"]
    assert sample_raw(NEEDS, 0)["profile"]["employees"] == "3860"  # 大型: the 附件1 pins still hold
