"""The store: drafts, enterprise profiles and exports, saved as the user types.

One :class:`Store` per running program. It holds the single-instance lock of
its SQLite file, records the run (to report an unclean end the next time) and
is safe to call from several threads: each call runs in its own short
transaction, and writes are serialised inside the process.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.store import drafts, exports, profiles, sessions
from desktop.store.engine import create_store_engine, resolve_target
from desktop.store.errors import (StoreCorruptError, StoreDiskFullError, StoreError, StoreFolderError,
                                  StoreForeignError, StoreWriteError)
from desktop.store.lock import InstanceLock
from desktop.store.models import utc_now
from desktop.store.paths import lock_path
from desktop.store.records import (
    DraftRecord,
    DraftSummary,
    EnterpriseRecord,
    ExportRecord,
    RecoveryReport,
)
from desktop.store.schema import upgrade_to_head


class Store:
    """Open with :meth:`Store.open`; close with :meth:`close` or a ``with`` block."""

    def __init__(self, engine: Engine, url: URL, path: Path | None, lock: InstanceLock | None):
        self.url = url
        self.path = path
        self.recovery: RecoveryReport | None = None
        self._engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # pysqlite gives SQLITE_BUSY at once (without waiting) when two
        # transactions that both read first try to write; serialise writers.
        self._write_lock = threading.RLock()
        self._session_id: int | None = None
        self._closed = False

    # ----------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, url_or_path: str | Path | None = None, lock: InstanceLock | None = None) -> Store:
        """Open (creating and upgrading as needed) the store.

        None opens the default file in the data directory; a path opens that
        SQLite file; a string containing "://" is an SQLAlchemy URL.  ``lock``
        is the file's single-instance lock when the caller took it already
        (start-up takes it before the store's libraries have loaded); the
        store releases it when it closes or fails to open.
        """
        url, path = resolve_target(url_or_path)
        if lock is None and path is not None:
            lock = InstanceLock.acquire(lock_path(path))
        engine = None
        try:
            if path is not None:
                _refuse_foreign(path)
            engine = create_store_engine(url)
            with engine.begin() as connection:
                upgrade_to_head(connection)
            store = cls(engine, url, path, lock)
            store._begin_run()
        except BaseException as error:
            if engine is not None:
                engine.dispose()
            if lock is not None:
                lock.release()
            if isinstance(error, DatabaseError):
                raise _open_failure(error, url, path) from error
            raise
        atexit.register(store.close)
        return store

    def _begin_run(self) -> None:
        with self._writing() as session:
            self._session_id, report = sessions.begin(session, utc_now())
        # Only a locked SQLite file belongs to one program at a time; on a
        # shared server an open session may simply be a colleague's.
        self.recovery = report if self._lock is not None else None

    def close(self) -> None:
        """Mark this run as ended cleanly, close connections, release the lock."""
        with self._write_lock:
            if self._closed:
                return
            try:
                if self._session_id is not None:
                    with self._sessions.begin() as session:
                        sessions.end(session, self._session_id, utc_now())
            finally:
                self._closed = True
                self._engine.dispose()
                if self._lock is not None:
                    self._lock.release()
                atexit.unregister(self.close)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def integrity_ok(self) -> bool:
        """True when SQLite's own check finds nothing wrong (always True elsewhere)."""
        if self._engine.dialect.name != "sqlite":
            return True
        with self._reading() as session:
            rows = session.connection().exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return list(rows) == ["ok"]

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        self._check_open()
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with self._write_lock:
            self._check_open()
            try:
                with self._sessions.begin() as session:
                    yield session
            except OperationalError as error:  # the transaction was rolled back: what was saved before is kept
                raise write_failure(error, self.path) from error

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("数据存储已经关闭，无法再读写草稿。请重新启动携手填报。")

    # -------------------------------------------------------------- drafts
    def create_draft(self, form_id: str, edition: str, form_hash: str, data: dict[str, Any],
                     enterprise_id: int | None = None, title: str = "") -> int:
        with self._writing() as s:
            return drafts.create(s, utc_now(), form_id=form_id, edition=edition,
                                 form_hash=form_hash, data=data,
                                 enterprise_id=enterprise_id, title=title)

    def get_draft(self, draft_id: int) -> DraftRecord:
        with self._reading() as s:
            return drafts.to_record(drafts.get(s, draft_id))

    def save_draft(self, draft_id: int, data: dict[str, Any], problem_count: int) -> DraftRecord:
        """Autosave; editing a sealed (exported) draft starts its next revision."""
        with self._writing() as s:
            return drafts.save(s, utc_now(), draft_id, data, problem_count)

    def list_drafts(self, include_deleted: bool = False) -> list[DraftSummary]:
        with self._reading() as s:
            return drafts.summaries(s, deleted=None if include_deleted else False)

    def list_deleted(self) -> list[DraftSummary]:
        """The recycle bin (回收站), most recently deleted first."""
        with self._reading() as s:
            return drafts.summaries(s, deleted=True)

    def rename_draft(self, draft_id: int, title: str) -> None:
        with self._writing() as s:
            drafts.rename(s, draft_id, title)

    def set_draft_enterprise(self, draft_id: int, enterprise_id: int | None) -> None:
        """Attach a draft to a saved enterprise profile (see :meth:`save_profile`)."""
        with self._writing() as s:
            drafts.set_enterprise(s, draft_id, enterprise_id)

    def duplicate_draft(self, draft_id: int) -> int:
        with self._writing() as s:
            return drafts.duplicate(s, utc_now(), draft_id)

    def delete_draft(self, draft_id: int) -> None:
        """Move to the recycle bin; :meth:`restore_draft` undoes it."""
        with self._writing() as s:
            drafts.set_deleted(s, draft_id, utc_now())

    def restore_draft(self, draft_id: int) -> None:
        with self._writing() as s:
            drafts.set_deleted(s, draft_id, None)

    def purge_draft(self, draft_id: int) -> None:
        """Delete for good, with the draft's export records."""
        with self._writing() as s:
            drafts.purge(s, draft_id)

    # ---------------------------------------------------- enterprise profiles
    def save_profile(self, profile: dict[str, Any]) -> int:
        """Upsert the profile; unsealed drafts of the enterprise take the new values."""
        with self._writing() as s:
            return profiles.save(s, utc_now(), profile)

    def list_enterprises(self) -> list[EnterpriseRecord]:
        with self._reading() as s:
            return profiles.list_all(s)

    def get_profile(self, enterprise_id: int) -> dict[str, Any]:
        with self._reading() as s:
            return profiles.get(s, enterprise_id)

    # -------------------------------------------------------------- exports
    def record_export(self, draft_id: int, binding_code: str, path: str | Path,
                      submission: dict[str, Any], kind: str = "final",
                      exported_at: datetime | None = None) -> ExportRecord:
        """Keep the exported submission; a final export seals the current revision."""
        with self._writing() as s:
            return exports.record(s, draft_id=draft_id, binding_code=binding_code, path=path,
                                  submission=submission, kind=kind,
                                  exported_at=exported_at or utc_now())

    def list_exports(self, draft_id: int) -> list[ExportRecord]:
        with self._reading() as s:
            return exports.list_for(s, draft_id)


# SQLite result codes (sqlite3 sets ``sqlite_errorcode`` on Python 3.11+; the message says the same)
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 13, 14


def _sqlite_code(error: DatabaseError) -> int | None:
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF  # extended codes carry the primary code in the low byte
    text = str(error.orig).lower()
    for needle, value in (("disk is full", _SQLITE_FULL), ("readonly", _SQLITE_READONLY),
                          ("disk i/o error", _SQLITE_IOERR), ("unable to open", _SQLITE_CANTOPEN)):
        if needle in text:
            return value
    return None


def write_failure(error: OperationalError, path: Path | None) -> StoreError:
    """The message for a failed write: disk full, read-only or an I/O error; anything else as it is."""
    code = _sqlite_code(error)
    if code == _SQLITE_FULL:
        return StoreDiskFullError(path)
    if code in (_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN):
        reason = {_SQLITE_READONLY: "文件或文件夹是只读的", _SQLITE_IOERR: "磁盘读写出错",
                  _SQLITE_CANTOPEN: "无法打开文件"}[code]
        return StoreWriteError(path, reason)
    return StoreError(f"保存失败（{str(error.orig)[:80]}），刚才的修改没有保存，上一次保存的内容完好无损。请再试一次。")


def _refuse_foreign(path: Path) -> None:
    """An SQLite file with tables but none of ours is another program's: refused before anything is written.

    Read through a read-only connection, since opening it with the store's
    pragmas would already switch the file to WAL mode.
    """
    import sqlite3

    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return  # not SQLite at all: opening it reports the damaged file
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return  # the real open below says what is wrong
    if tables and not tables & {"alembic_version", "drafts"}:
        raise StoreForeignError(path)


def _open_failure(error: DatabaseError, url: URL, path: Path | None) -> StoreError:
    if path is None:
        where = url.render_as_string(hide_password=True)
        return StoreError(f"无法连接数据库 {where}。请检查地址、用户名、密码和网络后再试。")
    if isinstance(error, OperationalError):
        code = _sqlite_code(error)
        if code == _SQLITE_FULL:
            return StoreDiskFullError(path)
        if code in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
            return StoreFolderError(path.parent, "文件或文件夹是只读的，或无法在这里创建文件")
        return StoreError(
            f"无法打开数据文件：{path}（{str(error.orig)[:80]}）。请确认磁盘没有写满、这个文件夹可以写入，"
            "然后重新启动程序。"
        )
    return StoreCorruptError(path, str(error.orig))
