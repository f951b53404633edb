"""Fixtures: the desk store on SQLite and on a real PostgreSQL server, and made-up packages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.exc import DBAPIError

from desktop.desk.db import DeskDB
from desktop.desk.review import set_setting
from desktop.store.models import Base

from .pg_cluster import ENV, Cluster


@pytest.fixture(scope="session")
def pg_url():
    """The URL of a scratch PostgreSQL database; skipped (with the reason) only where no server can run."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    cluster = Cluster()
    reason = cluster.why_not()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def _empty(url: str) -> None:
    engine = create_engine(url)
    stale = MetaData()
    stale.reflect(engine)
    stale.drop_all(engine)
    engine.dispose()


def _truncate_desk(url: str) -> None:
    """Empty the desk's tables but keep the migrated schema (much faster than migrating again)."""
    engine = create_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name.startswith("desk_"))
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO desk_audit_head (id, last_id, last_hash, writes) VALUES (1, 0, '', 0)"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_pg(pg_url):
    _empty(pg_url)
    DeskDB.open(pg_url).close()
    return pg_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("desk-template") / "desk.db"
    DeskDB.open(str(path)).close()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def desk_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "desk.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        return str(target)
    url = request.getfixturevalue("migrated_pg")
    try:
        _truncate_desk(url)
    except DBAPIError:            # another suite dropped the tables of the shared scratch database
        _empty(url)
        DeskDB.open(url).close()
    return url


@pytest.fixture
def desk(desk_url: str, tmp_path: Path):
    db = DeskDB.open(desk_url)
    set_setting(db, "workspace", str(tmp_path / "workspace"))
    set_setting(db, "unit", "河北省")
    set_setting(db, "officer", "李经办")
    yield db
    db.close()


@pytest.fixture
def sqlite_desk(tmp_path: Path):
    db = DeskDB.open(str(tmp_path / "desk.db"))
    set_setting(db, "officer", "李经办")
    yield db
    db.close()
