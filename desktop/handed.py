"""What a file handed to the program is (``xieshou FILE``, a double-click, a second start).

A package folder, an .iso file, a mounted disc or a folder of packages goes
to the 打开光盘 window; a submission JSON becomes a new draft; a catalogue
(JSON or .xlsx) becomes the remembered needs catalogue; a campaign file is
imported as a campaign. Anything else gets a Chinese sentence saying what the
program can open. The file is a stranger's: its size is checked before it is
read, and JSON is parsed with the depth and duplicate-key limits of
:mod:`desktop.package.safe_json`. Nothing here imports Qt.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from desktop.package.safe_json import JsonRefused, loads_limited
from desktop.errorlog import reason

MAX_JSON_BYTES = 50 * 1024 * 1024  # as load_submission_file
KINDS = ("disc", "submission", "catalogue", "campaign", "unknown")
JSON_FORMATS = {"xieshou-submission": "submission", "xieshou-catalogue": "catalogue",
                "xieshou-campaign": "campaign", "xieshou-package": "disc"}
CAN_OPEN = ("携手填报能打开：材料包文件夹、光盘映像（.iso）、光盘、填报数据文件（.json）、"
            "需求目录（.json 或 .xlsx）和活动文件（.json）。")


@dataclass(frozen=True)
class Handed:
    path: Path
    kind: str          # one of KINDS
    message: str = ""  # for 'unknown': what is wrong, in Chinese


def classify(path: Path | str) -> Handed:
    """Which window a handed path belongs to; never raises for a bad file."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError:
        return Handed(path, "unknown", f"找不到“{path}”。文件可能已被移动或删除，请重新选择。")
    if stat.S_ISDIR(info.st_mode) or stat.S_ISBLK(info.st_mode) or path.suffix.lower() == ".iso" \
            or path.name == "manifest.json":
        return Handed(path, "disc")
    if path.suffix.lower() == ".xlsx":
        return Handed(path, "catalogue")
    if path.suffix.lower() == ".json":
        return _json_kind(path, info.st_size)
    return Handed(path, "unknown", f"不认识文件“{path.name}”。{CAN_OPEN}")


def _json_kind(path: Path, size: int) -> Handed:
    if size > MAX_JSON_BYTES:
        return Handed(path, "unknown", f"文件“{path.name}”超过 50 MB，不是携手填报的数据文件。{CAN_OPEN}")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_JSON_BYTES + 1)
        obj = loads_limited(raw, max_bytes=MAX_JSON_BYTES)
    except (OSError, JsonRefused) as error:
        return Handed(path, "unknown", f"无法读取“{path.name}”：{reason(error)}。{CAN_OPEN}")
    kind = JSON_FORMATS.get(obj.get("format")) if isinstance(obj, dict) else None
    if kind is None:
        return Handed(path, "unknown", f"“{path.name}”是 JSON 文件，但不是携手填报的数据文件。{CAN_OPEN}")
    return Handed(path.parent if kind == "disc" else path, kind)


def handed_paths(args: list[str], cwd: Path | None = None) -> list[Path]:
    """The paths among a start's arguments, made absolute (a second start may run in another folder)."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    return [(base / a) if not Path(a).is_absolute() else Path(a) for a in args if a and not a.startswith("-")]
