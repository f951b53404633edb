"""The register on PostgreSQL (the officer's shared store), in a database of this module's own (tests/conftest.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData, create_engine

from desktop.register.stats import compute
from desktop.register.store import Register

from .test_year import expected


@pytest.fixture
def pg_register(pg_database):
    engine = create_engine(pg_database)
    stale = MetaData()
    stale.reflect(engine)
    stale.drop_all(engine)
    engine.dispose()
    with Register.open(pg_database) as register:
        yield register


def test_a_year_merges_and_counts_the_same_on_postgresql(pg_register, campaign, year):
    for department, rows in year.reports.items():
        pg_register.merge(rows, department)
    for period_id in ("2024H1", "2024"):
        period = campaign.period(period_id)
        inside, totals = expected(year, period.start, period.end)
        table = compute(pg_register, campaign, period_id)
        assert len(table.rows) == len(inside) and table.totals == totals
    assert sum(bool(a.conflicts) for a in pg_register.activities()) == year.conflicts
