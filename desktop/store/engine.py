"""Engines for the store: a SQLite file (the clerk's PC) or a server URL.

SQLite settings, and why:
- ``journal_mode=WAL``: a commit appends to the write-ahead log and never
  rewrites the database in place, so a kill or crash mid-write leaves the
  database intact (the torn tail of the log is ignored on the next open), and
  readers do not block the autosave.
- ``synchronous=FULL``: the log is fsynced at every commit. With NORMAL a
  killed *process* loses nothing either (the data is in the OS cache), but a
  power cut may lose every commit since the last checkpoint — minutes of
  typing. Autosave commits at most about once a second from a worker thread,
  so one fsync per commit is affordable, and it keeps the promise "at most the
  last second is lost" for power cuts as well (see benchmarks/bench_autosave.py).
- ``foreign_keys=ON``: SQLite leaves them off by default.
- ``busy_timeout``: a reader thread and the autosave thread may meet.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from desktop.store.paths import data_dir, db_path

BUSY_TIMEOUT_MS = 10_000

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def resolve_target(target: str | Path | None) -> tuple[URL, Path | None]:
    """The URL to connect to and, for a SQLite file, the file's path."""
    if target is None:
        target = db_path(data_dir())
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return url, Path(url.database).resolve()
        return url, None
    path = Path(target).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def create_store_engine(url: URL) -> Engine:
    """An engine for ``url``; SQLite gets the pragmas and transaction handling above."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    # The GUI saves from a worker thread; pooled connections move between threads.
    options: dict = {"connect_args": {"check_same_thread": False}}
    if url.database in (None, "", ":memory:"):
        # An in-memory database (tests) lives in one connection: share it
        # instead of giving each thread a separate, empty database.
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 (DBAPI objects)
    # Take BEGIN/COMMIT away from the sqlite3 module: its legacy mode does not
    # begin a transaction for SELECT or DDL, so reads before a write and the
    # migrations would not be atomic (SQLAlchemy docs, "sqlite_transactions").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_sqlite_begin(connection) -> None:  # noqa: ANN001 (SQLAlchemy Connection)
    connection.exec_driver_sql("BEGIN")
