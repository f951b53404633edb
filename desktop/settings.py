"""Program settings (设置): one typed place, written atomically.

Every option is a field of :class:`Settings` with its default. The file is
JSON; a missing, unreadable or damaged file, or a value of the wrong type,
falls back to the defaults instead of stopping the program. When an option is
renamed or changes meaning, raise ``SETTINGS_VERSION`` and add a function to
``UPGRADES`` that turns the old version's dict into the next one's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.fileio import write_atomically
from desktop.store.paths import data_dir

SETTINGS_VERSION = 1
SETTINGS_FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    last_export_dir: str = ""
    # Print a guide for the 骑缝章 (seal across the page edges) on documents.
    seam_seal_guide: bool = False
    campaign_file: str = ""
    window_geometry: str = ""
    # Where each draft was left (draft id → wizard step key), so that reopening returns there.
    draft_steps: dict = field(default_factory=dict)
    # 收件与审核: the desk's store, "" = desk.db in the data folder, or postgresql+psycopg://… (shared).
    # Never with a password: libpq takes it from PGPASSWORD or ~/.pgpass, or the desk asks and keeps it in memory.
    desk_db: str = ""
    # A password found in desk_db was removed; the desk window says so once, then clears this.
    desk_password_removed: bool = False
    version: int = SETTINGS_VERSION


# version n → function turning a version-n dict into a version-(n+1) dict.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def default_settings_path() -> Path:
    """``settings.json`` in the data directory (so portable installs keep it too)."""
    return data_dir() / SETTINGS_FILE_NAME


def load_settings(path: str | Path) -> Settings:
    """The settings in ``path``; defaults for anything missing or damaged. Never raises."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    settings = _from_dict(upgrade(raw))
    bare, removed = url_without_password(settings.desk_db)
    if removed:   # an older program stored it in clear text: take it out of the file at once
        settings = replace(settings, desk_db=bare, desk_password_removed=True)
        try:
            save_settings(path, settings)
        except OSError:
            pass      # a read-only data folder: the password is still never used from here
    return settings


def url_without_password(text: str) -> tuple[str, bool]:
    """``postgresql+psycopg://user:secret@host/db`` → (``postgresql+psycopg://user@host/db``, True).

    Stdlib only (settings load before SQLAlchemy is imported); anything that is not a URL with a
    password is returned unchanged with False.
    """
    if "://" not in text:
        return text, False
    try:
        netloc = urlsplit(text).netloc
    except ValueError:
        return text, False
    # libpq also takes ?password=… among the query parameters
    bare = re.sub(r"(?<=[?&])password=[^&]*(&|$)", "", text).rstrip("?&")
    userinfo, at, host = netloc.rpartition("@")
    user, colon, _password = userinfo.partition(":")
    if at and colon:
        bare = bare.replace(netloc, f"{user}@{host}", 1)
    return bare, bare != text


def upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """Run the upgrade functions from the file's version up to the current one."""
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        version = 1
    while version < SETTINGS_VERSION and version in UPGRADES:
        raw = UPGRADES[version](dict(raw))
        version += 1
    return {**raw, "version": SETTINGS_VERSION}


def _from_dict(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values = {}
    for option in fields(Settings):
        value = raw.get(option.name, getattr(defaults, option.name))
        expected = type(getattr(defaults, option.name))
        # bool is an int in Python; keep the two apart so 1 is not taken as True.
        if type(value) is not expected:
            value = getattr(defaults, option.name)
        values[option.name] = value
    return Settings(**values)


def save_settings(path: str | Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the old file or the new one, never half."""
    values = asdict(settings)
    values["desk_db"] = url_without_password(settings.desk_db)[0]   # never a password on disk
    text = json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True)
    write_atomically(Path(path), (text + "\n").encode("utf-8"))
