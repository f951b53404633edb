"""Where the program's own files (resources/: fonts, icons, campaigns) live.

Every read of resources/ goes through `resource_path`, so the same code works
from a source checkout or editable install (resources/ beside the desktop
package) and from a PyInstaller bundle (resources/ inside ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

RESOURCES_DIR = "resources"


class ResourceMissingError(FileNotFoundError):
    """A file the program ships with is absent: the installation is damaged."""


def resources_root() -> Path:
    """The resources/ folder of this installation (it may be missing)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / RESOURCES_DIR
    return Path(__file__).resolve().parent.parent / RESOURCES_DIR


def _relative(parts: tuple[str, ...]) -> PurePosixPath:
    """Join the parts, refusing anything that could leave resources/."""
    if not parts:
        raise ValueError("resource_path needs at least one path part")
    relative = PurePosixPath(*parts)
    if relative.is_absolute() or ".." in relative.parts or "\\" in str(relative):
        raise ValueError(f"resource path must stay inside resources/: {relative}")
    return relative


def resource_path(*parts: str) -> Path:
    """Path of resources/<parts...>; raises ResourceMissingError if it is absent.

    Example: ``resource_path("fonts", "XieshouSerif-Regular.ttf")``.
    """
    relative = _relative(parts)
    path = resources_root().joinpath(*relative.parts)
    if not path.exists():
        raise ResourceMissingError(
            f"找不到程序自带的文件 {RESOURCES_DIR}/{relative}（应在 {path}）。"
            "程序安装不完整或文件被删除，请重新安装本程序。"
        )
    return path


def resource_text(*parts: str) -> str:
    """Text of a UTF-8 file under resources/ (a leading BOM is dropped)."""
    path = resource_path(*parts)
    if not path.is_file():
        raise ResourceMissingError(
            f"程序自带的 {RESOURCES_DIR}/{_relative(parts)} 不是文件。"
            "程序安装不完整，请重新安装本程序。"
        )
    return path.read_text(encoding="utf-8-sig")
