"""The installer's data: what the bundle leaves out, the desktop entry, MIME types, versions, icons."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
spec = importlib.util.spec_from_file_location("bundle_filter", INSTALLER / "bundle_filter.py")
bundle_filter = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bundle_filter)
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libicudata.so.73", "libpython3.11.so.1.0",
    "libsqlite3.so.0", "pillow.libs/libxcb-9065bb12.so.1.1.0",
    "PySide6\\plugins\\platforms\\qwindows.dll"])
def test_kept(dest):
    assert bundle_filter.keep_binary(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so", "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6", "libgtk-3.so.0", "libX11.so.6", "libxcb-cursor.so.0",
    "libfontconfig.so.1", "libglib-2.0.so.0", "libdbus-1.so.3", "libcrypto.so.3", "libssl.so.3", "libEGL.so.1",
    "libstdc++.so.6", "libgcc_s.so.1"])
def test_left_out(dest):
    assert not bundle_filter.keep_binary(dest)


def test_only_the_chinese_qtbase_translation_is_kept():
    assert bundle_filter.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    for name in ("qtbase_de.qm", "qt_zh_CN.qm", "qtmultimedia_zh_CN.qm", "assistant_zh_CN.qm"):
        assert not bundle_filter.keep_data(f"PySide6/Qt/translations/{name}")
    assert bundle_filter.keep_data("resources/fonts/XieshouSerif-Regular.ttf")


def test_the_program_never_imports_what_the_bundle_excludes():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "desktop").rglob("*.py"))
    imported = set(re.findall(r"^\s*(?:from|import)\s+([\w.]+)", sources, re.M))
    excluded = set(bundle_filter.PYTHON_EXCLUDES) | set(bundle_filter.PIL_EXCLUDES)
    clashes = {m for m in imported for x in excluded if m == x or m.startswith(x + ".")}
    assert not clashes


def test_desktop_entry_names_the_program_in_chinese_and_its_file_types():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(INSTALLER / "linux" / "xieshou.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "携手填报" and section["Exec"] == "xieshou %f" and section["Icon"] == "xieshou"
    types = set(filter(None, section["MimeType"].split(";")))
    mime = ET.parse(INSTALLER / "linux" / "xieshou-mime.xml").getroot()
    declared = {m.get("type") for m in mime}
    assert declared <= types and "application/x-cd-image" in types
    assert declared == {"application/x-xieshou-submission", "application/x-xieshou-catalogue",
                        "application/x-xieshou-campaign"}


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_is_valid():
    done = subprocess.run(["desktop-file-validate", str(INSTALLER / "linux" / "xieshou.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_versions_agree_with_pyproject():
    info = (INSTALLER / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(n) for n in VERSION.split("."))
    assert f"filevers=({', '.join(map(str, numbers))}, 0)" in info and f"'ProductVersion', '{VERSION}'" in info
    from desktop import __version__
    assert __version__ == VERSION


def test_icons_are_square_pngs_of_the_usual_sizes_and_an_ico():
    from PIL import Image

    sizes = []
    for png in sorted((INSTALLER / "icons" / "png").glob("xieshou-*.png")):
        with Image.open(png) as image:
            assert image.size[0] == image.size[1] == int(png.stem.split("-")[1])
            sizes.append(image.size[0])
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]
    with Image.open(INSTALLER / "windows" / "xieshou.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_the_spec_ships_resources_migrations_and_docx_parts_as_source():
    spec_text = (INSTALLER / "xieshou.spec").read_text(encoding="utf-8")
    assert '"resources"' in spec_text and '"desktop/store/migrations"' in spec_text
    assert '"docx.parts": "pyz+py"' in spec_text


def test_the_nsis_script_is_per_user_unicode_chinese_and_keeps_the_data():
    script = (INSTALLER / "windows" / "xieshou.nsi").read_text(encoding="utf-8")
    assert "Unicode true" in script and "RequestExecutionLevel user" in script
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\xieshou"' in script
    # the data folder is removed only after a Yes in a question whose default is No, never when silent
    uninstall = script[script.index('Section "Uninstall"'):]
    assert "IfSilent keep" in uninstall and "MB_DEFBUTTON2" in uninstall
    assert uninstall.index("MessageBox") < uninstall.index('RMDir /r "${DATA_DIR}"')


@pytest.mark.skipif(shutil.which("makensis") is None, reason="nsis (makensis) is not installed")
def test_makensis_compiles_the_setup_script(tmp_path):
    payload = tmp_path / "bundle"
    (payload / "_internal").mkdir(parents=True)
    (payload / "xieshou.exe").write_bytes(b"MZ stand-in")
    (payload / "xieshou-cli.exe").write_bytes(b"MZ stand-in")
    done = subprocess.run(["bash", str(INSTALLER / "windows" / "build_setup.sh"), str(payload), str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    setup = tmp_path / "out" / f"xieshou-setup-{VERSION}.exe"
    assert setup.read_bytes()[:2] == b"MZ"
