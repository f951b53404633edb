"""Program runs (AppSession rows) and the report of an unclean end."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store.models import AppSession, Draft
from desktop.store.records import (
    RecoveredDraft,
    RecoveryReport,
    draft_label,
    enterprise_name_of,
    load_json,
)

# Older rows only ever serve as history; a few hundred runs are plenty.
SESSIONS_KEPT = 200


def begin(session: Session, now: datetime) -> tuple[int, RecoveryReport | None]:
    """Record this run; report on the previous one if it never ended."""
    previous = session.scalars(select(AppSession).order_by(AppSession.id.desc()).limit(1)).first()
    report = None
    if previous is not None and previous.ended_at is None:
        report = RecoveryReport(previous.started_at, _changed_since(session, previous.started_at))
    current = AppSession(started_at=now, pid=os.getpid())
    session.add(current)
    session.flush()
    session.execute(delete(AppSession).where(AppSession.id <= current.id - SESSIONS_KEPT))
    return current.id, report


def end(session: Session, session_id: int, now: datetime) -> None:
    row = session.get(AppSession, session_id)
    if row is not None:
        row.ended_at = now


def _changed_since(session: Session, started_at: datetime) -> list[RecoveredDraft]:
    query = (select(Draft).where(Draft.updated_at >= started_at, Draft.deleted_at.is_(None))
             .order_by(Draft.updated_at.desc()))
    return [
        RecoveredDraft(d.id, draft_label(d.title, enterprise_name_of(load_json(d.data_json)),
                                         d.form_id), d.updated_at)
        for d in session.scalars(query)
    ]
