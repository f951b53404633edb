"""The password of a shared desk store: never stored by the program, taken where PostgreSQL's own tools take it.

The settings keep the server's URL without a password (``desktop.settings``).
libpq — and psycopg with it — finds the password itself in the ``PGPASSWORD``
environment variable or in the password file (``PGPASSFILE``, else
``~/.pgpass``; ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows).  When neither
has it, the desk asks for it and keeps it in memory for the running program.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.settings import url_without_password

ENV_PASSWORD, ENV_PASSFILE = "PGPASSWORD", "PGPASSFILE"
_ASKS_PASSWORD = ("no password supplied", "password authentication failed", "password is required")


def is_server(target: str) -> bool:
    return target.startswith(("postgresql", "postgres")) and "://" in target


def split_password(target: str) -> tuple[str, str | None]:
    """(the URL without its password, the password or None)."""
    bare, removed = url_without_password(target)
    if not removed:
        return target, None
    from sqlalchemy.engine import make_url

    url = make_url(target)
    password = url.password or url.query.get("password")
    return bare, str(password) if password is not None else ""


def with_password(target: str, password: str) -> str:
    """The URL to connect with (kept in memory only): special characters are escaped."""
    from sqlalchemy.engine import make_url

    return make_url(target).set(password=password).render_as_string(hide_password=False)


def password_file(environ=os.environ) -> Path:
    if environ.get(ENV_PASSFILE):
        return Path(environ[ENV_PASSFILE]).expanduser()
    if os.name == "nt":
        return Path(environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path("~/.pgpass").expanduser()


def password_source(environ=os.environ) -> str:
    """Where libpq will look for the password first, in words; "" when it has nowhere to look."""
    if environ.get(ENV_PASSWORD):
        return f"{ENV_PASSWORD} 环境变量"
    found = password_file(environ)
    return f"口令文件 {found}" if found.is_file() else ""


def asks_password(error: BaseException) -> bool:
    """True when the server refused because a password is missing or wrong."""
    text = " ".join(str(e) for e in (error, error.__cause__) if e is not None).lower()
    return any(words in text for words in _ASKS_PASSWORD)


def server_name(target: str) -> str:
    """user@host/database as the officer reads it (never the password)."""
    from sqlalchemy.engine import make_url

    url = make_url(url_without_password(target)[0])
    host = url.host or url.query.get("host") or "本机"
    return f"{url.username + '@' if url.username else ''}{host}/{url.database or ''}"
