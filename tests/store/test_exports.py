from datetime import datetime, timezone

import pytest

from desktop.store import StoreValueError


def draft_with(store, text: str) -> int:
    return store.create_draft("2023-a1-needs", "2023", "h", {"need": text})


def test_final_export_seals_the_current_revision(store):
    draft_id = draft_with(store, "一")
    when = datetime(2023, 4, 27, 2, 30, tzinfo=timezone.utc)
    export = store.record_export(draft_id, "K3PQ-7WX2", "/导出/第1版", {"need": "一"},
                                 exported_at=when)
    assert (export.revision, export.kind, export.exported_at) == (1, "final", when)
    draft = store.get_draft(draft_id)
    assert draft.sealed and draft.revision == 1
    (summary,) = store.list_drafts()
    assert (summary.sealed, summary.revision) == (True, 1)
    assert (summary.last_binding_code, summary.last_exported_at) == ("K3PQ-7WX2", when)
    assert summary.last_export_revision == 1


def test_edit_after_final_export_starts_the_next_revision(store):
    draft_id = draft_with(store, "一")
    store.record_export(draft_id, "K3PQ-7WX2", "/out/1", {"need": "一"})
    store.save_draft(draft_id, {"need": "一"}, problem_count=0)
    assert store.get_draft(draft_id).sealed, "an unchanged autosave must not unseal"
    edited = store.save_draft(draft_id, {"need": "二"}, problem_count=0)
    assert (edited.revision, edited.sealed) == (2, False)
    store.save_draft(draft_id, {"need": "三"}, problem_count=0)
    assert store.get_draft(draft_id).revision == 2, "further edits stay in revision 2"
    (summary,) = store.list_drafts()
    assert (summary.revision, summary.last_export_revision) == (2, 1)


def test_earlier_revisions_exports_stay_listed_with_their_data(store):
    draft_id = draft_with(store, "一")
    store.record_export(draft_id, "AAAA-1111", "/out/1", {"need": "一"})
    store.save_draft(draft_id, {"need": "二"}, problem_count=0)
    store.record_export(draft_id, "BBBB-2222", "/out/2-draft", {"need": "二"}, kind="draft")
    assert not store.get_draft(draft_id).sealed, "a draft printout does not seal"
    store.record_export(draft_id, "CCCC-3333", "/out/2", {"need": "二"})
    exports = store.list_exports(draft_id)
    assert [(e.revision, e.kind, e.binding_code) for e in exports] == [
        (1, "final", "AAAA-1111"), (2, "draft", "BBBB-2222"), (2, "final", "CCCC-3333")]
    assert exports[0].submission == {"need": "一"}
    assert exports[0].path == "/out/1"
    assert store.list_drafts()[0].last_binding_code == "CCCC-3333"


def test_unknown_export_kind_is_refused(store):
    draft_id = draft_with(store, "一")
    with pytest.raises(StoreValueError, match="导出类型"):
        store.record_export(draft_id, "AAAA-1111", "/out", {}, kind="sealed")
    assert store.list_exports(draft_id) == []
