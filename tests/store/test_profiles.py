import pytest

from desktop.store import EnterpriseNotFoundError, StoreValueError


def test_profile_is_kept_once_per_credit_code(store, profile):
    first = store.save_profile(profile)
    second = store.save_profile({**profile, "address": "上海市示例区样板路 2 号"})
    assert first == second
    assert store.get_profile(first)["address"] == "上海市示例区样板路 2 号"
    (enterprise,) = store.list_enterprises()
    assert (enterprise.name, enterprise.uscc) == (profile["name"], profile["uscc"])


def test_profile_without_credit_code_is_matched_by_name_then_completed(store, profile):
    by_name = store.save_profile({**profile, "uscc": ""})
    completed = store.save_profile(profile)
    assert by_name == completed
    assert len(store.list_enterprises()) == 1


def test_different_credit_codes_are_different_enterprises(store, profile):
    one = store.save_profile(profile)
    other = store.save_profile({**profile, "name": "另一示例有限公司", "uscc": "91110000MA00000002"})
    assert one != other
    assert [e.name for e in store.list_enterprises()] == ["另一示例有限公司", profile["name"]]


def test_profile_change_flows_into_unsealed_drafts_only(store, profile):
    enterprise_id = store.save_profile(profile)
    open_id = store.create_draft("2023-a1-needs", "2023", "h", {"x": 1}, enterprise_id=enterprise_id)
    sealed_id = store.create_draft("2023-a2-answers", "2023", "h", {}, enterprise_id=enterprise_id)
    other_id = store.create_draft("2023-a1-needs", "2023", "h", {"profile": {"name": "别家"}})
    store.record_export(sealed_id, "AAAA-1111", "/out", {"profile": profile})

    store.save_profile({**profile, "contact_name": "李四"})

    assert store.get_draft(open_id).data == {"x": 1, "profile": {**profile, "contact_name": "李四"}}
    assert store.get_draft(sealed_id).data["profile"]["contact_name"] == "张三"
    assert store.get_draft(sealed_id).revision == 1
    assert store.list_exports(sealed_id)[0].submission["profile"]["contact_name"] == "张三"
    assert store.get_draft(other_id).data == {"profile": {"name": "别家"}}


def test_draft_attached_later_receives_profile_changes(store, profile):
    draft_id = store.create_draft("2023-a1-needs", "2023", "h", {"profile": {"name": profile["name"]}})
    enterprise_id = store.save_profile(profile)
    store.set_draft_enterprise(draft_id, enterprise_id)
    store.save_profile({**profile, "address": "新地址"})
    assert store.get_draft(draft_id).data["profile"]["address"] == "新地址"


def test_profile_without_name_or_code_is_refused(store):
    with pytest.raises(StoreValueError, match="至少填写企业名称"):
        store.save_profile({"address": "某地"})


def test_unknown_enterprise(store):
    with pytest.raises(EnterpriseNotFoundError, match="找不到编号为 42 的企业信息"):
        store.get_profile(42)
