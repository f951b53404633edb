"""The newest schema revision this program knows, read without Alembic or SQLAlchemy.

Migration files are named ``NNNN_what.py`` after their revision id, so the
newest is the largest name; tests check that this agrees with Alembic's own
head.  Start-up compares it with the revision stamped in the database and
imports Alembic only when they differ.
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def newest_revision_file() -> str:
    """The revision id of the newest migration file."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))
