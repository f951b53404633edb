import sqlite3
import threading

from desktop.store import Store
from desktop.store.engine import resolve_target


def test_sqlite_file_is_in_wal_mode(store, db_file):
    store.create_draft("2023-a1-needs", "2023", "h", {})
    with sqlite3.connect(db_file) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_connections_use_full_sync_and_foreign_keys(store):
    with store._reading() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_sqlite_url_is_locked_like_a_path(tmp_path):
    url, path = resolve_target(f"sqlite:///{tmp_path / 'a.db'}")
    assert path == (tmp_path / "a.db").resolve()
    assert url.get_backend_name() == "sqlite"


def test_server_url_has_no_file():
    url, path = resolve_target("postgresql+psycopg://officer@db.example/review")
    assert path is None and url.get_backend_name() == "postgresql"


def test_in_memory_database_works_without_a_lock():
    with Store.open("sqlite://") as store:
        draft_id = store.create_draft("2023-a1-needs", "2023", "h", {"a": 1})
        assert store.get_draft(draft_id).data == {"a": 1}
        assert store.path is None and store.recovery is None
        seen_from_thread = []
        worker = threading.Thread(target=lambda: seen_from_thread.extend(store.list_drafts()))
        worker.start()
        worker.join()
        assert [s.id for s in seen_from_thread] == [draft_id], "one database for all threads"
