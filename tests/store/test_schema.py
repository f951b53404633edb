import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from desktop.store import Store, StoreTooNewError
from desktop.store.models import Base
from desktop.store.schema import alembic_config, head_revision

DESK_TABLES = {"desk_audit", "desk_audit_head", "desk_comments", "desk_decisions", "desk_needs", "desk_packages",
               "desk_paper_checks", "desk_receipts", "desk_selection_scores", "desk_selections", "desk_settings"}
REGISTER_TABLES = {"register_activities", "register_changes", "register_schedule_rows", "register_corrections"}
TABLES = {"alembic_version", "app_sessions", "drafts", "enterprises", "exports"} | DESK_TABLES | REGISTER_TABLES


def tables_and_version(db_file) -> tuple[set[str], list[str]]:
    with sqlite3.connect(db_file) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = [r[0] for r in raw.execute("SELECT version_num FROM alembic_version")]
    return tables, version


def test_new_store_is_at_the_head_revision(store, db_file):
    assert head_revision() == "0003"
    assert tables_and_version(db_file) == (TABLES, [head_revision()])


def test_empty_database_file_is_upgraded(db_file):
    sqlite3.connect(db_file).close()
    with Store.open(db_file) as store:
        store.create_draft("2023-a1-needs", "2023", "h", {})
    assert tables_and_version(db_file) == (TABLES, [head_revision()])


def test_database_at_first_revision_is_brought_to_head(db_file):
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()
    with Store.open(db_file) as store:
        assert store.list_drafts() == []
    assert tables_and_version(db_file)[1] == [head_revision()]


def test_migrations_match_the_models(store):
    with store._reading() as session:
        context = MigrationContext.configure(session.connection(), opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_first_revision_downgrades_cleanly(db_file):
    Store.open(db_file).close()
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    engine.dispose()
    assert tables_and_version(db_file) == ({"alembic_version"}, [])


def test_database_from_a_newer_program_is_refused_and_left_alone(db_file):
    Store.open(db_file).close()
    with sqlite3.connect(db_file) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreTooNewError, match="请安装最新版本"):
        Store.open(db_file)
    # The refusal released the lock: a second try meets the same message.
    with pytest.raises(StoreTooNewError):
        Store.open(db_file)
    assert tables_and_version(db_file)[1] == ["0099"]



def test_start_up_shortcut_agrees_with_alembic_head():
    from desktop.store.schema import head_revision, newest_revision_file

    assert newest_revision_file() == head_revision()
