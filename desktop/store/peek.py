"""The draft list read with the standard library alone, while the full store is still opening.

Start-up shows the drafts before SQLAlchemy has finished loading (a few hundred
milliseconds): when the file's schema is the newest this program knows
(the stamped Alembic revision equals the newest migration file), the list is
read here, read-only, with :mod:`sqlite3`.  Anything unexpected — no file, an
older or newer schema, a damaged file — gives None, and the list waits for the
store, which deals with it properly.  A test checks that both readers agree.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from desktop.store.records import DraftSummary, enterprise_name_of
from desktop.store.schema_version import newest_revision_file

_DRAFTS = ("SELECT id, form_id, edition, title, data_json, updated_at, problem_count, revision, sealed, deleted_at "
           "FROM drafts WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC")
# The newest final export of each draft: the last by (exported_at, id), as the store orders them.
_LAST_FINAL = ("SELECT draft_id, binding_code, exported_at, revision FROM exports WHERE kind = 'final' "
               "ORDER BY exported_at, id")


def _moment(text: str | None) -> datetime | None:
    """SQLAlchemy keeps naive UTC text on SQLite (models.UTCDateTime)."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc) if text else None


def _name(data_json: str) -> str:
    try:
        data = json.loads(data_json) if data_json else {}
    except ValueError:
        return ""
    return enterprise_name_of(data) if isinstance(data, dict) else ""


def peek_drafts(database: Path) -> list[DraftSummary] | None:
    """The live drafts, newest first, as :meth:`Store.list_drafts` lists them; None when in doubt."""
    database = Path(database)
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        stamped = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
        if stamped != [newest_revision_file()]:
            return None
        last = {row[0]: row for row in connection.execute(_LAST_FINAL)}
        return [_summary(row, last.get(row[0])) for row in connection.execute(_DRAFTS)]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()


def _summary(row: tuple, export: tuple | None) -> DraftSummary:
    draft_id, form_id, edition, title, data_json, updated, problems, revision, sealed, deleted = row
    return DraftSummary(
        id=draft_id, form_id=form_id, edition=edition, title=title or "", enterprise_name=_name(data_json),
        updated_at=_moment(updated), problem_count=problems or 0, revision=revision, sealed=bool(sealed),
        last_binding_code=export[1] if export else None, last_exported_at=_moment(export[2]) if export else None,
        last_export_revision=export[3] if export else None, deleted_at=_moment(deleted),
    )
