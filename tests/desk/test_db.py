"""The desk's store: default file, server URL, migrations on both backends, a clear error for a bad target."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from desktop.desk.db import DESK_DB_NAME, DeskDB, DeskError
from desktop.store.models import Base
from desktop.store.schema import alembic_config


def test_default_store_is_a_file_in_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("XIESHOU_DESK_DB", raising=False)
    with DeskDB.open() as db:
        assert db.path == (tmp_path / "data" / DESK_DB_NAME).resolve()
        assert db.workspace() == db.path.parent / "desk-workspace"
    assert (tmp_path / "data" / DESK_DB_NAME).is_file()


def test_migrations_match_the_models(desk):
    with desk.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_desk_revision_downgrades_to_the_first(tmp_path):
    path = tmp_path / "desk.db"
    DeskDB.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not any(t.startswith("desk_") for t in tables) and "drafts" in tables


def test_an_unreachable_server_gives_a_chinese_message(tmp_path):
    with pytest.raises(DeskError, match="无法打开收件数据库.*请检查"):
        DeskDB.open(f"postgresql+psycopg://nobody@/nothing?host={tmp_path}")


def test_a_file_that_is_no_database_gives_a_chinese_message(tmp_path):
    path = tmp_path / "desk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DeskError, match="无法打开收件数据库"):
        DeskDB.open(str(path))
