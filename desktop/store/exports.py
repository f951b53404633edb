"""Exports of drafts: the frozen submission of each one, and revision sealing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store import drafts
from desktop.store.errors import StoreValueError
from desktop.store.models import Export
from desktop.store.records import ExportRecord, dump_json, load_json

KINDS = ("final", "draft")


def record(session: Session, *, draft_id: int, binding_code: str, path: str | Path,
           submission: dict[str, Any], kind: str, exported_at: datetime) -> ExportRecord:
    if kind not in KINDS:
        raise StoreValueError(f"导出类型只能是 final（正式）或 draft（草稿），收到的是 {kind!r}。")
    draft = drafts.get(session, draft_id)
    export = Export(
        draft_id=draft_id, revision=draft.revision, binding_code=binding_code,
        exported_at=exported_at, path=str(path), data_json=dump_json(submission), kind=kind,
    )
    session.add(export)
    if kind == "final":
        # "已导出 第 N 版": the next edit of the draft starts revision N+1.
        draft.sealed = True
    session.flush()
    return to_record(export)


def to_record(export: Export) -> ExportRecord:
    return ExportRecord(
        id=export.id, draft_id=export.draft_id, revision=export.revision,
        binding_code=export.binding_code, exported_at=export.exported_at, path=export.path,
        kind=export.kind, submission=load_json(export.data_json),
    )


def list_for(session: Session, draft_id: int) -> list[ExportRecord]:
    drafts.get(session, draft_id)
    query = (select(Export).where(Export.draft_id == draft_id)
             .order_by(Export.exported_at, Export.id))
    return [to_record(e) for e in session.scalars(query)]
