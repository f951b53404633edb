from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from desktop.store.models import AppSession, Base

BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def session(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    Base.metadata.create_all(engine)
    with Session(engine) as opened:
        yield opened
    engine.dispose()


def test_times_come_back_aware_in_utc(session):
    session.add(AppSession(started_at=datetime(2023, 4, 27, 10, 32, tzinfo=BEIJING), pid=1))
    session.commit()
    session.expunge_all()
    row = session.scalars(select(AppSession)).one()
    assert row.started_at == datetime(2023, 4, 27, 2, 32, tzinfo=timezone.utc)
    assert row.started_at.tzinfo == timezone.utc


def test_times_compare_in_sql_across_zones(session):
    session.add(AppSession(started_at=datetime(2023, 4, 27, 10, 0, tzinfo=BEIJING), pid=1))
    session.commit()
    later_utc = datetime(2023, 4, 27, 2, 30, tzinfo=timezone.utc)
    assert session.scalars(select(AppSession).where(AppSession.started_at < later_utc)).all()


def test_naive_times_are_refused(session):
    session.add(AppSession(started_at=datetime(2023, 4, 27, 10, 0), pid=1))
    with pytest.raises(StatementError, match="timezone-aware"):
        session.commit()
