from __future__ import annotations

import pytest

from desktop.register.samples import make_year
from desktop.register.store import Register
from desktop.rules.campaign import campaign_by_id


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Evidence files and photos go to the attachment store of the data folder: keep it private."""
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def campaign():
    return campaign_by_id("2024-baichang")


@pytest.fixture
def register(tmp_path):
    opened = Register.open(str(tmp_path / "register.db"))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def year():
    """300 rows from three departments: 20 repeat another department's activity, 10 of those with other figures."""
    return make_year(300, 20, 10)
