import pytest

from desktop.store import DraftNotFoundError, Store, StoreValueError


def new_draft(store: Store, name: str = "示例精工科技有限公司", **kw) -> int:
    data = {"profile": {"name": name}, "needs": [{"title": "轴承寿命检测"}]}
    return store.create_draft("2023-a1-needs", "2023", "sha256:abc", data, **kw)


def test_created_draft_reads_back(store):
    draft_id = new_draft(store, title="第一批需求")
    draft = store.get_draft(draft_id)
    assert (draft.form_id, draft.edition, draft.form_hash) == ("2023-a1-needs", "2023", "sha256:abc")
    assert draft.title == "第一批需求"
    assert draft.data["needs"] == [{"title": "轴承寿命检测"}]
    assert (draft.revision, draft.sealed, draft.problem_count) == (1, False, 0)
    assert draft.created_at.utcoffset().total_seconds() == 0
    assert draft.deleted_at is None


def test_save_keeps_the_data_and_problem_count(store):
    draft_id = new_draft(store)
    before = store.get_draft(draft_id)
    data = {"profile": {"name": "示例精工科技有限公司"}, "needs": [{"title": "改"}] * 3}
    saved = store.save_draft(draft_id, data, problem_count=4)
    again = store.get_draft(draft_id)
    assert saved == again
    assert again.data == data and again.problem_count == 4
    assert again.updated_at > before.updated_at


def test_saving_unchanged_data_changes_nothing_but_the_count(store):
    draft_id = new_draft(store)
    before = store.get_draft(draft_id)
    after = store.save_draft(draft_id, dict(reversed(list(before.data.items()))), problem_count=2)
    assert after.updated_at == before.updated_at
    assert after.problem_count == 2


def test_list_shows_newest_first_with_enterprise_and_problems(store):
    first = new_draft(store, name="甲示例科技有限公司")
    second = new_draft(store, name="乙示例科技有限公司")
    store.save_draft(first, {"profile": {"name": "甲示例科技有限公司"}, "x": 1}, problem_count=5)
    summaries = store.list_drafts()
    assert [s.id for s in summaries] == [first, second]
    assert summaries[0].enterprise_name == "甲示例科技有限公司"
    assert summaries[0].problem_count == 5
    assert summaries[0].last_binding_code is None


def test_draft_without_profile_name_lists_with_empty_enterprise(store):
    draft_id = store.create_draft("2023-a2-answers", "2023", "h", {})
    (summary,) = store.list_drafts()
    assert summary.id == draft_id and summary.enterprise_name == ""
    assert summary.label == "2023-a2-answers"


def test_rename(store):
    draft_id = new_draft(store)
    store.rename_draft(draft_id, "  给省厅的  版本 ")
    assert store.get_draft(draft_id).title == "给省厅的 版本"
    assert store.list_drafts()[0].label == "给省厅的 版本"


def test_too_long_title_is_refused_with_a_chinese_message(store):
    draft_id = new_draft(store)
    with pytest.raises(StoreValueError, match="最多 100 个字"):
        store.rename_draft(draft_id, "长" * 101)


def test_duplicate_is_a_fresh_copy(store):
    draft_id = new_draft(store)
    store.record_export(draft_id, "ABCD-EFGH", "/tmp/out", {"a": 1})
    copy_id = store.duplicate_draft(draft_id)
    copy = store.get_draft(copy_id)
    original = store.get_draft(draft_id)
    assert copy.data == original.data
    assert copy.title == "示例精工科技有限公司 副本"
    assert (copy.revision, copy.sealed) == (1, False)
    assert store.list_exports(copy_id) == []


def test_duplicate_of_titled_draft_uses_the_title(store):
    draft_id = new_draft(store, title="需求表")
    assert store.get_draft(store.duplicate_draft(draft_id)).title == "需求表 副本"


def test_delete_moves_to_recycle_bin_and_restore_brings_back(store):
    keep, gone = new_draft(store), new_draft(store)
    store.delete_draft(gone)
    assert [s.id for s in store.list_drafts()] == [keep]
    assert [s.id for s in store.list_deleted()] == [gone]
    assert {s.id for s in store.list_drafts(include_deleted=True)} == {keep, gone}
    assert store.get_draft(gone).deleted_at is not None
    store.restore_draft(gone)
    assert store.list_deleted() == []
    assert {s.id for s in store.list_drafts()} == {keep, gone}


def test_purge_deletes_the_draft_and_its_exports(store, db_file):
    draft_id = new_draft(store)
    store.record_export(draft_id, "ABCD-EFGH", "/tmp/out", {"a": 1})
    store.delete_draft(draft_id)
    store.purge_draft(draft_id)
    assert store.list_drafts(include_deleted=True) == []
    with pytest.raises(DraftNotFoundError, match="找不到编号为"):
        store.get_draft(draft_id)
    with pytest.raises(DraftNotFoundError):
        store.list_exports(draft_id)


def test_new_draft_of_an_enterprise_gets_its_profile(store, profile):
    enterprise_id = store.save_profile(profile)
    draft_id = store.create_draft("2023-a1-needs", "2023", "h", {}, enterprise_id=enterprise_id)
    assert store.get_draft(draft_id).data["profile"] == profile


def test_non_json_data_is_refused(store):
    with pytest.raises(TypeError):
        store.create_draft("2023-a1-needs", "2023", "h", {"when": object()})
