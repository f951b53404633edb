from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop import resources
from desktop.resources import ResourceMissingError, resource_path, resource_text

# Every icon the UI may ask for (resources/icons/README.md).
ICON_NAMES = (
    "new", "open", "duplicate", "rename", "delete", "restore", "export", "burn",
    "open-disc", "ok", "warning", "error", "info", "next", "previous", "add",
    "remove", "up", "down", "paste", "print", "save",
)


def test_finds_bundled_fonts_in_the_checkout():
    for name in ("XieshouSerif-Regular.ttf", "XieshouSerif-Bold.ttf"):
        path = resource_path("fonts", name)
        assert path.is_file()
        assert path.stat().st_size > 10_000_000
        assert path.parent.parent == resources.resources_root()


def test_finds_every_icon_and_the_licences():
    for name in ICON_NAMES:
        assert resource_path("icons", f"{name}.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert "Attribution-ShareAlike 3.0" in resource_text("icons", "LICENSE-CC-BY-SA-3.0-US.txt")
    assert "SIL OPEN FONT LICENSE Version 1.1" in resource_text("fonts", "OFL.txt")


def test_missing_file_raises_a_clear_chinese_error():
    with pytest.raises(ResourceMissingError) as caught:
        resource_path("fonts", "不存在.ttf")
    message = str(caught.value)
    assert "resources/fonts/不存在.ttf" in message
    assert "重新安装" in message
    assert isinstance(caught.value, FileNotFoundError)


def test_resource_text_of_a_folder_is_refused():
    with pytest.raises(ResourceMissingError, match="不是文件"):
        resource_text("icons")


@pytest.mark.parametrize("parts", [(), ("..", "pyproject.toml"), ("/etc", "passwd"), ("a\\b",)])
def test_paths_leaving_resources_are_refused(parts):
    with pytest.raises(ValueError):
        resource_path(*parts)


def test_inside_a_pyinstaller_bundle_reads_from_meipass(tmp_path: Path, monkeypatch):
    bundled = tmp_path / "resources" / "campaigns"
    bundled.mkdir(parents=True)
    (bundled / "说明.txt").write_bytes("\ufeff打包后的文件".encode("utf-8"))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resource_path("campaigns", "说明.txt") == bundled / "说明.txt"
    assert resource_text("campaigns", "说明.txt") == "打包后的文件"
    with pytest.raises(ResourceMissingError, match=str(tmp_path)):
        resource_path("fonts", "XieshouSerif-Regular.ttf")


@pytest.fixture
def offscreen_qapp(request):
    # No display is needed to render icons (also on CI).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return request.getfixturevalue("qapp")


def test_qt_loads_every_icon(offscreen_qapp):
    from PySide6.QtGui import QColor, QIcon, QImageReader

    assert b"svg" in [bytes(f) for f in QImageReader.supportedImageFormats()]
    for name in ICON_NAMES:
        icon = QIcon(str(resource_path("icons", f"{name}.svg")))
        image = icon.pixmap(32, 32).toImage()
        assert not image.isNull(), name
        # Something was drawn: at least one pixel is not transparent.
        opaque = any(
            QColor(image.pixel(x, y)).alpha() > 0 for x in range(32) for y in range(32)
        )
        assert opaque, name
