"""Fixtures: the desk store on SQLite and on a real PostgreSQL server, and made-up packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.desk.db import DeskDB
from desktop.desk.review import set_setting
from desktop.store.models import Base


def _truncate_desk(url: str) -> None:
    """Empty the desk's tables but keep the migrated schema (much faster than migrating again)."""
    engine = create_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name.startswith("desk_"))
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO desk_audit_head (id, last_id, last_hash, writes) VALUES (1, 0, '', 0)"))
    engine.dispose()


@pytest.fixture(scope="session")
def desk_template(pg_server) -> str:
    """A database migrated once, copied for each test module (CREATE DATABASE … TEMPLATE)."""
    url = pg_server.create("desk_template")
    DeskDB.open(url).close()
    return make_url(url).database


@pytest.fixture(scope="module")
def migrated_pg(pg_server, desk_template, request):
    """This module's own migrated desk database on the session's PostgreSQL server (tests/conftest.py)."""
    url = pg_server.create(request.module.__name__, template=desk_template)
    yield url
    pg_server.drop(url)


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
    _truncate_desk(url)
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
