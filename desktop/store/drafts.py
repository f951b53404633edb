"""Draft operations on an open Session (the Store wraps them in transactions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store.errors import DraftNotFoundError, StoreValueError
from desktop.store.models import Draft, Enterprise, Export
from desktop.store.records import (
    DraftRecord,
    DraftSummary,
    dump_json,
    enterprise_name_of,
    load_json,
)

TITLE_MAX = 100


def get(session: Session, draft_id: int) -> Draft:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise DraftNotFoundError(draft_id)
    return draft


def to_record(draft: Draft, data: dict[str, Any] | None = None) -> DraftRecord:
    return DraftRecord(
        id=draft.id, form_id=draft.form_id, edition=draft.edition, form_hash=draft.form_hash,
        title=draft.title, enterprise_id=draft.enterprise_id,
        data=load_json(draft.data_json) if data is None else data,
        problem_count=draft.problem_count, revision=draft.revision, sealed=draft.sealed,
        created_at=draft.created_at, updated_at=draft.updated_at, deleted_at=draft.deleted_at,
    )


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > TITLE_MAX:
        raise StoreValueError(
            f"草稿名称最多 {TITLE_MAX} 个字，现在有 {len(title)} 个字，请改短一些。"
        )
    return title


def create(session: Session, now: datetime, *, form_id: str, edition: str, form_hash: str,
           data: dict[str, Any], enterprise_id: int | None, title: str) -> int:
    if enterprise_id is not None and "profile" not in data:
        # The enterprise's saved profile is offered to every new draft.
        enterprise = session.get(Enterprise, enterprise_id)
        if enterprise is not None:
            data = {**data, "profile": load_json(enterprise.profile_json)}
    draft = Draft(
        form_id=form_id, edition=edition, form_hash=form_hash, title=clean_title(title),
        enterprise_id=enterprise_id, data_json=dump_json(data), problem_count=0,
        revision=1, sealed=False, created_at=now, updated_at=now,
    )
    session.add(draft)
    session.flush()
    return draft.id


def save(session: Session, now: datetime, draft_id: int, data: dict[str, Any],
         problem_count: int) -> DraftRecord:
    draft = get(session, draft_id)
    text = dump_json(data)
    if text == draft.data_json:
        # An autosave of unchanged data is not an edit: it must not unseal.
        draft.problem_count = problem_count
        return to_record(draft)
    if draft.sealed:
        # The exported revision stays as it was; this edit starts the next one.
        draft.revision += 1
        draft.sealed = False
    draft.data_json = text
    draft.problem_count = problem_count
    draft.updated_at = now
    return to_record(draft)


def rename(session: Session, draft_id: int, title: str) -> None:
    get(session, draft_id).title = clean_title(title)


def set_enterprise(session: Session, draft_id: int, enterprise_id: int | None) -> None:
    get(session, draft_id).enterprise_id = enterprise_id


def duplicate(session: Session, now: datetime, draft_id: int) -> int:
    source = get(session, draft_id)
    base = source.title or enterprise_name_of(load_json(source.data_json))
    copy = Draft(
        form_id=source.form_id, edition=source.edition, form_hash=source.form_hash,
        title=clean_title(f"{base[:TITLE_MAX - 3]} 副本" if base else "副本"),
        enterprise_id=source.enterprise_id, data_json=source.data_json,
        problem_count=source.problem_count, revision=1, sealed=False,
        created_at=now, updated_at=now,
    )
    session.add(copy)
    session.flush()
    return copy.id


def set_deleted(session: Session, draft_id: int, deleted_at: datetime | None) -> None:
    get(session, draft_id).deleted_at = deleted_at


def purge(session: Session, draft_id: int) -> None:
    draft = get(session, draft_id)
    session.execute(delete(Export).where(Export.draft_id == draft_id))
    session.delete(draft)


def summaries(session: Session, *, deleted: bool | None) -> list[DraftSummary]:
    """Drafts newest first; ``deleted`` None = all, True = recycle bin, False = live."""
    query = select(Draft)
    if deleted is True:
        query = query.where(Draft.deleted_at.is_not(None)).order_by(Draft.deleted_at.desc())
    else:
        if deleted is False:
            query = query.where(Draft.deleted_at.is_(None))
        query = query.order_by(Draft.updated_at.desc(), Draft.id.desc())
    drafts = session.scalars(query).all()
    last_final = _last_final_exports(session, [d.id for d in drafts])
    return [_summary(d, last_final.get(d.id)) for d in drafts]


def _last_final_exports(session: Session, draft_ids: list[int]) -> dict[int, Export]:
    if not draft_ids:
        return {}
    query = (select(Export).where(Export.kind == "final", Export.draft_id.in_(draft_ids))
             .order_by(Export.exported_at, Export.id))
    return {export.draft_id: export for export in session.scalars(query)}


def _summary(draft: Draft, export: Export | None) -> DraftSummary:
    return DraftSummary(
        id=draft.id, form_id=draft.form_id, edition=draft.edition, title=draft.title,
        enterprise_name=enterprise_name_of(load_json(draft.data_json)),
        updated_at=draft.updated_at, problem_count=draft.problem_count,
        revision=draft.revision, sealed=draft.sealed,
        last_binding_code=export.binding_code if export else None,
        last_exported_at=export.exported_at if export else None,
        last_export_revision=export.revision if export else None,
        deleted_at=draft.deleted_at,
    )
