"""store/peek.py lists the drafts as the store does, and gives up (None) whenever it is not sure."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from desktop.store import Store
from desktop.store.peek import peek_drafts

T0 = datetime(2023, 4, 20, 2, 15, 30, 123456, tzinfo=timezone.utc)


def fill(store: Store) -> None:
    ids = [store.create_draft("needs", "2023", "h", {"profile": {"name": f" 福州示例{n}有限公司 "}}, title=title)
           for n, title in enumerate(("", "第二份", "", "回收站里的"))]
    store.create_draft("apply", "2023", "h", {"profile": "不是字典"})
    store.record_export(ids[0], "AAAA0000BBBB1111", "/tmp/a", {}, exported_at=T0)
    store.record_export(ids[0], "CCCC2222DDDD3333", "/tmp/b", {}, kind="draft", exported_at=T0 + timedelta(hours=1))
    store.save_draft(ids[0], {"profile": {"name": "改过的名称"}}, 3)  # starts 第2版 after the sealed 第1版
    store.record_export(ids[1], "EEEE4444FFFF5555", "/tmp/c", {}, exported_at=T0)
    store.record_export(ids[1], "GGGG6666HHHH7777", "/tmp/d", {}, exported_at=T0 + timedelta(days=1))
    store.delete_draft(ids[3])


def test_the_peeked_list_equals_the_stores_list(db_file):
    with Store.open(db_file) as store:
        fill(store)
        expected = store.list_drafts()
    peeked = peek_drafts(db_file)
    assert peeked == expected
    assert [d.enterprise_name for d in peeked] == ["改过的名称", "", "福州示例2有限公司", "福州示例1有限公司"]
    assert (peeked[0].revision, peeked[0].last_export_revision, peeked[0].last_binding_code) == (2, 1, "AAAA0000BBBB1111")
    assert peeked[3].last_binding_code == "GGGG6666HHHH7777", "the newest final export"


def test_an_empty_store_peeks_as_an_empty_list(db_file):
    Store.open(db_file).close()
    assert peek_drafts(db_file) == []


def test_no_file_an_other_schema_or_a_damaged_file_give_none(db_file, tmp_path):
    assert peek_drafts(db_file) is None
    Store.open(db_file).close()
    with sqlite3.connect(db_file) as db:
        db.execute("update alembic_version set version_num = '9999'")
    assert peek_drafts(db_file) is None, "a schema this program does not know is left to the store"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database" * 100)
    assert peek_drafts(damaged) is None


def test_peeking_never_creates_or_changes_the_file(db_file):
    assert peek_drafts(db_file) is None and not db_file.exists()
