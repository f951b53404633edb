"""The same store on PostgreSQL (the officer's review store runs there).

On the session's PostgreSQL server (tests/conftest.py: a throwaway cluster, or the
server XIESHOU_TEST_PG_URL names), in a database of this module's own; its tables are dropped.
"""

from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, text

from desktop.store import Store
from desktop.store.models import Base
from desktop.store.schema import head_revision



@pytest.fixture
def pg_store(pg_database):
    engine = create_engine(pg_database)
    stale = MetaData()
    stale.reflect(engine)
    stale.drop_all(engine)
    engine.dispose()
    with Store.open(pg_database) as store:
        yield store


def test_store_works_on_postgresql(pg_store, profile):
    with pg_store._reading() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision()
    enterprise_id = pg_store.save_profile(profile)
    draft_id = pg_store.create_draft("2023-a1-needs", "2023", "h", {}, enterprise_id=enterprise_id)
    pg_store.save_draft(draft_id, {"profile": profile, "need": "一"}, problem_count=1)
    when = datetime(2023, 4, 27, 2, 30, tzinfo=timezone.utc)
    pg_store.record_export(draft_id, "K3PQ-7WX2", "/out", {"need": "一"}, exported_at=when)
    edited = pg_store.save_draft(draft_id, {"profile": profile, "need": "二"}, problem_count=0)
    assert (edited.revision, edited.sealed) == (2, False)
    assert edited.updated_at.tzinfo == timezone.utc
    (summary,) = pg_store.list_drafts()
    assert (summary.last_exported_at, summary.enterprise_name) == (when, profile["name"])
    pg_store.save_profile({**profile, "contact_name": "李四"})
    assert pg_store.get_draft(draft_id).data["profile"]["contact_name"] == "李四"
    pg_store.delete_draft(draft_id)
    pg_store.purge_draft(draft_id)
    assert pg_store.list_drafts(include_deleted=True) == []
    assert pg_store.integrity_ok() and pg_store.recovery is None


def test_migrations_match_the_models_on_postgresql(pg_store):
    with pg_store._reading() as session:
        context = MigrationContext.configure(session.connection(), opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
