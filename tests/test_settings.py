import json

import pytest

import desktop.settings as settings_module
from desktop.settings import Settings, default_settings_path, load_settings, save_settings
from desktop.store.paths import DATA_DIR_ENV


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "nothing.json") == Settings()


@pytest.mark.parametrize("content", ["{broken", "[1, 2]", "", "\x00\x01"])
def test_damaged_file_gives_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_round_trip(tmp_path):
    path = tmp_path / "sub" / "settings.json"
    chosen = Settings(last_export_dir="D:/导出", seam_seal_guide=True,
                      campaign_file="2023融通.json", window_geometry="AdnQywADAAA=")
    save_settings(path, chosen)
    assert load_settings(path) == chosen
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"], "no temp file left"


def test_wrong_typed_value_falls_back_for_that_key_only(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"seam_seal_guide": 1, "last_export_dir": "E:/", "extra": 5}),
                    encoding="utf-8")
    assert load_settings(path) == Settings(last_export_dir="E:/", seam_seal_guide=False)


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    save_settings(path, Settings(last_export_dir="旧"))

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("desktop.fileio.os.replace", refuse)
    with pytest.raises(OSError):
        save_settings(path, Settings(last_export_dir="新"))
    assert load_settings(path).last_export_dir == "旧"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_old_versions_are_upgraded_in_order(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "export_folder": "F:/旧名"}), encoding="utf-8")
    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 3)
    monkeypatch.setattr(settings_module, "UPGRADES", {
        1: lambda raw: {**raw, "last_export_dir": raw.pop("export_folder")},
        2: lambda raw: {**raw, "seam_seal_guide": True},
    })
    loaded = load_settings(path)
    assert (loaded.last_export_dir, loaded.seam_seal_guide, loaded.version) == ("F:/旧名", True, 3)


def test_settings_live_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert default_settings_path() == tmp_path / "settings.json"


@pytest.mark.parametrize("url, bare", [
    ("postgresql+psycopg://officer:s3cr@t@db.example/desk", "postgresql+psycopg://officer@db.example/desk"),
    ("postgresql+psycopg://officer:pw@/desk?host=/run/pg", "postgresql+psycopg://officer@/desk?host=/run/pg"),
    ("postgresql+psycopg://officer@db/desk?password=pw&sslmode=require",
     "postgresql+psycopg://officer@db/desk?sslmode=require"),
])
def test_a_desk_password_is_never_written_and_an_old_one_is_removed(tmp_path, url, bare):
    from dataclasses import replace as changed

    from desktop.settings import url_without_password

    path = tmp_path / "settings.json"
    save_settings(path, changed(Settings(), desk_db=url))
    assert json.loads(path.read_text("utf-8"))["desk_db"] == bare
    path.write_text(json.dumps({"desk_db": url, "version": 1}), encoding="utf-8")   # as an older program wrote it
    loaded = load_settings(path)
    assert (loaded.desk_db, loaded.desk_password_removed) == (bare, True)
    assert json.loads(path.read_text("utf-8"))["desk_db"] == bare                  # the file is clean at once
    assert url_without_password(bare) == (bare, False)


def test_addresses_without_a_password_are_left_alone():
    from desktop.settings import url_without_password

    for text in ("", "/home/officer/desk.db", "C:\\desk\\desk.db", "postgresql+psycopg://officer@db/desk",
                 "sqlite:////tmp/x.db"):
        assert url_without_password(text) == (text, False)
