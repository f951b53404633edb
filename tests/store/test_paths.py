from pathlib import Path

from platformdirs import user_data_dir

from desktop.store.paths import DATA_DIR_ENV, data_dir, db_path, lock_path


def test_env_var_overrides_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "portable"))
    assert data_dir() == tmp_path / "portable"


def test_default_data_dir_is_the_per_user_dir(monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert data_dir() == Path(user_data_dir("xieshou", appauthor=False))


def test_blank_env_var_is_ignored(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, "  ")
    assert data_dir() == Path(user_data_dir("xieshou", appauthor=False))


def test_db_and_lock_sit_side_by_side(tmp_path):
    database = db_path(tmp_path)
    assert database == tmp_path / "xieshou.db"
    assert lock_path(database) == tmp_path / "xieshou.db.lock"
