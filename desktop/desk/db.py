"""Opening the desk's store: a SQLite file in the data directory, or a shared server by URL.

The desk uses the store's engine and Alembic history (``desktop.store``), in a
file of its own (``desk.db``) so that the clerk's drafts and the officer's
register never share a lock. Several officers may share one PostgreSQL store:
every writing transaction first updates the single ``desk_audit_head`` row,
which serialises writers on both backends (a row lock on PostgreSQL, the
write lock on SQLite taken before anything is read), so the audit chain never
forks and a decision's check of the current state cannot race another's.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from desktop.desk.tables import DeskAuditHead, DeskSetting
from desktop.store.engine import create_store_engine, resolve_target
from desktop.store.paths import data_dir
from desktop.store.schema import upgrade_to_head

DESK_DB_NAME = "desk.db"
WORKSPACE_NAME = "desk-workspace"
DB_ENV = "XIESHOU_DESK_DB"

UNIT, OFFICER, WORKSPACE = "unit", "officer", "workspace"


class DeskError(Exception):
    """Something the officer can fix; the message (Chinese) says what is wrong and what to do."""


@dataclass(frozen=True)
class Actor:
    officer: str
    os_user: str


def default_target() -> str | Path:
    return os.environ.get(DB_ENV, "").strip() or data_dir() / DESK_DB_NAME


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class DeskDB:
    """Open with :meth:`open`; ``reading()`` / ``writing()`` give short transactions."""

    def __init__(self, engine: Engine, url: URL, path: Path | None):
        self.engine, self.url, self.path = engine, url, path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | Path | None = None) -> DeskDB:
        url, path = resolve_target(target if target is not None else default_target())
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_store_engine(url)
        try:
            with engine.begin() as connection:
                upgrade_to_head(connection)
        except DatabaseError as error:
            engine.dispose()
            shown = str(path) if path else url.render_as_string(hide_password=True)
            reason = (str(error.orig or error).strip().splitlines() or ["未知错误"])[0]
            raise DeskError(f"无法打开收件数据库 {shown}：{reason}。"
                            "请检查路径或服务器地址、用户名和权限") from error
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url, path)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> DeskDB:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:   # closing ends the transaction; loaded objects stay usable
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction that holds the writers' lock from its first statement."""
        with self._sessions.begin() as session:
            session.execute(update(DeskAuditHead).where(DeskAuditHead.id == 1)
                            .values(writes=DeskAuditHead.writes + 1))
            yield session

    # ------------------------------------------------------------ settings
    def setting(self, key: str, default: str = "") -> str:
        with self.reading() as session:
            row = session.get(DeskSetting, key)
            return row.value if row is not None else default

    def actor(self) -> Actor:
        return Actor(self.setting(OFFICER), os_user())

    def workspace(self) -> Path:
        """Where received packages are kept: a setting, else next to the SQLite file or in the data directory."""
        chosen = self.setting(WORKSPACE)
        if chosen:
            return Path(chosen)
        base = self.path.parent if self.path is not None else data_dir()
        return base / WORKSPACE_NAME
