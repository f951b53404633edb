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
def test_a_match_and_an_application_of_one_seed_describe_one_enterprise(seed: int):
    match, application = sample_raw(MATCH, seed), sample_raw(APPLICATION, seed)
    assert {k: match[k] for k in MATCH.shared_fields} == {k: application[k] for k in APPLICATION.shared_fields}
    assert match["profile"] == application["profile"]  # every profile field, pins included
    assert sample_submission(MATCH, seed)["data"]["profile"] == sample_submission(APPLICATION, seed)["data"]["profile"]


def test_the_same_seed_gives_the_same_sample():
    for form in all_forms():
        assert sample_raw(form, 3) == sample_raw(form, 3)


def test_different_seeds_give_different_enterprises_and_the_needs_form_its_own():
    """附件1 is filed by the large enterprise that publishes needs, a 附件2/附件3 by an SME answering one."""
    assert sample_raw(MATCH, 1)["profile"]["uscc"] != sample_raw(MATCH, 2)["profile"]["uscc"]
    assert sample_raw(NEEDS, 1)["profile"]["uscc"] != sample_raw(MATCH, 1)["profile"]["uscc"]
    assert sample_raw(NEEDS, 0)["profile"]["employees"] == "3860"  # 大型: the 附件1 pins still hold


def test_the_needs_form_of_a_seed_publishes_the_need_its_sme_samples_answer():
    for seed in range(4):
        needs, match = sample_raw(NEEDS, seed), sample_raw(MATCH, seed)
        assert match["need_owner"] == needs["profile"]["name"] == sample_raw(APPLICATION, seed)["need_owner"]
        assert needs["needs"][0]["title"] == match["need_title"]
        assert len({n["title"] for n in needs["needs"]}) == 20
