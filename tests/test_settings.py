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
