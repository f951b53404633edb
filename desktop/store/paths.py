"""Where the program keeps its data (数据目录).

The data directory holds the SQLite store, its lock file and the settings file.
``XIESHOU_DATA_DIR`` overrides the per-user default so that tests and portable
installs (a folder on a USB stick) keep everything in one chosen place.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "XIESHOU_DATA_DIR"
DB_FILE_NAME = "xieshou.db"
LOCK_SUFFIX = ".lock"


def data_dir() -> Path:
    """The per-user data directory, or the one named by ``XIESHOU_DATA_DIR``.

    The directory is not created here; whoever writes into it creates it.
    """
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    # appauthor=False: on Windows the path is %LOCALAPPDATA%\\xieshou, without
    # an extra vendor folder the clerk would not recognise.
    return Path(user_data_dir("xieshou", appauthor=False))


def db_path(directory: Path) -> Path:
    """The SQLite store inside a data directory."""
    return Path(directory) / DB_FILE_NAME


def lock_path(database: Path) -> Path:
    """The single-instance lock file that sits next to a SQLite store."""
    database = Path(database)
    return database.with_name(database.name + LOCK_SUFFIX)
