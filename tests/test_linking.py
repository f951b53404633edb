"""Shared fields of a 附件2 and a 附件3 for the same need of the same enterprise, on a real store."""

from __future__ import annotations

import pytest

from desktop.engine.schema import form_hash
from desktop.forms.registry import all_forms, get_form
from desktop.linking import linked_drafts, propagate_shared, share_sources, start_from
from desktop.samples import sample_raw
from desktop.store import Store

MATCH = get_form("2023-a2-match")
APPLICATION = get_form("2023-a3-application")
NEEDS = get_form("2023-a1-needs")
FORMS = all_forms()


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "xieshou.db")
    yield opened
    opened.close()


def create(store, form, profile, enterprise_id=None, **values) -> int:
    raw = sample_raw(form, seed=3)
    raw["profile"] = dict(profile)
    raw.update(values)
    return store.create_draft(form.id, form.edition, form_hash(form), raw, enterprise_id=enterprise_id)


@pytest.fixture
def profile():
    return dict(sample_raw(MATCH, seed=1)["profile"])


def test_a_match_and_an_application_of_the_same_need_and_enterprise_are_linked(store, profile):
    match = create(store, MATCH, profile, need_code="2023-FJ-0012")
    application = create(store, APPLICATION, profile, need_code="2023-fj-0012 ")  # folded, trimmed
    other_need = create(store, APPLICATION, profile, need_code="2023-FJ-0099")
    other_firm = create(store, APPLICATION, {**profile, "uscc": "91350100M000100Y43"}, need_code="2023-FJ-0012")
    no_shared = create(store, NEEDS, profile)
    assert linked_drafts(store, FORMS, match) == [application]
    assert linked_drafts(store, FORMS, application) == [match]
    assert linked_drafts(store, FORMS, other_need) == []
    assert linked_drafts(store, FORMS, other_firm) == []
    assert linked_drafts(store, FORMS, no_shared) == []


def test_the_same_saved_enterprise_links_drafts_without_a_credit_code(store, profile):
    enterprise_id = store.save_profile(profile)
    bare = {"name": profile["name"]}
    match = create(store, MATCH, bare, enterprise_id=enterprise_id, need_code="2023-FJ-0012")
    application = create(store, APPLICATION, bare, enterprise_id=enterprise_id, need_code="2023-FJ-0012")
    assert linked_drafts(store, FORMS, match) == [application]


def test_deleted_and_sealed_drafts_are_not_linked(store, profile):
    match = create(store, MATCH, profile, need_code="2023-FJ-0012")
    deleted = create(store, APPLICATION, profile, need_code="2023-FJ-0012")
    sealed = create(store, APPLICATION, profile, need_code="2023-FJ-0012")
    store.delete_draft(deleted)
    record = store.get_draft(sealed)
    store.record_export(sealed, "ABCD-EFGH", "/tmp/out", record.data, kind="final")
    assert store.get_draft(sealed).sealed
    assert linked_drafts(store, FORMS, match) == []


def test_saving_copies_the_shared_values_and_nothing_else(store, profile):
    match = create(store, MATCH, profile, need_code="2023-FJ-0012")
    application = create(store, APPLICATION, profile, need_code="2023-FJ-0012", project_title="轴承寿命检测")
    store.save_draft(application, store.get_draft(application).data, 7)
    before = store.get_draft(application)
    raw = store.get_draft(match).data
    raw.update(need_title="高精度轴承寿命检测工艺", need_owner="曜铎精工（样例）", recommender="福建省工业和信息化厅",
               solution_summary="只属于附件2的内容")
    store.save_draft(match, raw, 0)
    assert propagate_shared(store, FORMS, match, raw) == [application]
    after = store.get_draft(application)
    assert after.data["need_title"] == "高精度轴承寿命检测工艺"
    assert after.data["need_owner"] == "曜铎精工（样例）"
    assert after.data["recommender"] == "福建省工业和信息化厅"
    assert "solution_summary" not in after.data
    assert after.data["project_title"] == "轴承寿命检测"
    assert {k: v for k, v in after.data.items() if k not in MATCH.shared_fields} == \
        {k: v for k, v in before.data.items() if k not in MATCH.shared_fields}
    assert after.problem_count == 7
    assert propagate_shared(store, FORMS, match, raw) == []  # already equal: no new save


def test_an_empty_value_never_wipes_the_partner_and_skipped_drafts_stay(store, profile):
    match = create(store, MATCH, profile, need_code="2023-FJ-0012", recommender="")
    application = create(store, APPLICATION, profile, need_code="2023-FJ-0012", recommender="福建省工业和信息化厅")
    raw = store.get_draft(match).data
    assert propagate_shared(store, FORMS, match, raw, skip={application}) == []
    propagate_shared(store, FORMS, match, raw)
    assert store.get_draft(application).data["recommender"] == "福建省工业和信息化厅"
    assert store.get_draft(application).data["need_title"] == raw["need_title"]


def test_a_new_draft_starts_from_the_common_values_of_another(store, profile):
    match = create(store, MATCH, profile, need_code="2023-FJ-0012", need_title="高精度轴承寿命检测工艺")
    create(store, NEEDS, profile)
    create(store, APPLICATION, profile, need_code="")  # no key yet: nothing to offer
    sources = share_sources(store, FORMS, APPLICATION)
    assert [(s.draft_id, s.key_value, s.form.id) for s in sources] == [(match, "2023-FJ-0012", MATCH.id)]
    assert sources[0].values["need_title"] == "高精度轴承寿命检测工艺"
    assert share_sources(store, FORMS, NEEDS) == []
    data, enterprise_id = start_from(store, APPLICATION, match, {"budget": [{}]})
    assert data["need_code"] == "2023-FJ-0012" and data["need_title"] == "高精度轴承寿命检测工艺"
    assert data["profile"] == profile and data["budget"] == [{}]
    assert "solution_summary" not in data and enterprise_id is None
