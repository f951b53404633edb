"""Opening a catalogue file chosen by the user: by extension, size capped, never a traceback."""

from __future__ import annotations

from pathlib import Path

from desktop.oserrors import os_reason
from .model import MAX_BYTES, Catalogue, CatalogueError
from .read_json import load_json_bytes
from .read_xlsx import load_xlsx

_CONVERT_HINT = {".xls": "旧版 Excel", ".et": "WPS 表格", ".csv": "CSV", ".ods": "OpenDocument 表格"}


def load_catalogue(path: Path | str) -> Catalogue:
    """The whole catalogue, or CatalogueError listing every problem (nothing is imported half)."""
    path = Path(path)
    source = path.name
    _check_file(path, source)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return load_json_bytes(_read_capped(path, source), source)
    if suffix == ".xlsx":
        return _guarded(load_xlsx, path, source)
    if suffix in _CONVERT_HINT:
        raise CatalogueError.refused(source, f"这是{_CONVERT_HINT[suffix]}文件，"
                                     "请在 Excel 或 WPS 中另存为 .xlsx 格式后再导入")
    raise CatalogueError.refused(source, "只能导入 .json 或 .xlsx 格式的需求目录")


def _check_file(path: Path, source: str) -> None:
    try:
        if not path.exists():
            raise CatalogueError.refused(source, f"找不到文件 {path}，可能已被移动或删除")
        if path.is_dir():
            raise CatalogueError.refused(source, "这是一个文件夹，请选择其中的需求目录文件")
        if not path.is_file():
            raise CatalogueError.refused(source, "不是普通文件，请选择 .json 或 .xlsx 格式的需求目录")
        size = path.stat().st_size
    except OSError as exc:
        raise CatalogueError.refused(source, f"无法读取文件（{os_reason(exc)}）") from None
    if size > MAX_BYTES:
        raise CatalogueError.refused(source, f"文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB"
                                     "的上限，不是正常的需求目录")


def _read_capped(path: Path, source: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)  # one byte over lets the JSON reader report the size
    except OSError as exc:
        raise CatalogueError.refused(source, _read_problem(exc)) from None


def _guarded(reader, path: Path, source: str) -> Catalogue:
    try:
        return reader(path, source)
    except OSError as exc:
        raise CatalogueError.refused(source, _read_problem(exc)) from None


def _read_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限，或文件正被其他程序打开，请关闭该文件后重试"
    return f"无法读取文件（{os_reason(exc)}）"
