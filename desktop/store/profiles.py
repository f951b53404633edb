"""Enterprise profiles (企业基本信息): kept once per enterprise, shared by drafts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.errors import EnterpriseNotFoundError, StoreValueError
from desktop.store.models import Draft, Enterprise
from desktop.store.records import EnterpriseRecord, dump_json, load_json


def _text(profile: dict[str, Any], key: str) -> str:
    value = profile.get(key)
    return value.strip() if isinstance(value, str) else ""


def _find(session: Session, name: str, uscc: str) -> Enterprise | None:
    if uscc:
        found = session.scalars(select(Enterprise).where(Enterprise.uscc == uscc)).first()
        if found is not None:
            return found
        # A profile first saved with its name only, now completed with the code.
        query = select(Enterprise).where(Enterprise.name == name, Enterprise.uscc.is_(None))
    else:
        query = select(Enterprise).where(Enterprise.name == name)
    return session.scalars(query.order_by(Enterprise.id)).first()


def save(session: Session, now: datetime, profile: dict[str, Any]) -> int:
    """Upsert by credit code (or by name without one); flow it into open drafts."""
    name, uscc = _text(profile, "name"), _text(profile, "uscc").upper()
    if not name and not uscc:
        raise StoreValueError(
            "企业名称和统一社会信用代码都没有填写，无法保存企业信息。请至少填写企业名称。"
        )
    enterprise = _find(session, name, uscc)
    if enterprise is None:
        enterprise = Enterprise()
        session.add(enterprise)
    enterprise.name = name
    enterprise.uscc = uscc or enterprise.uscc
    enterprise.profile_json = dump_json(profile)
    enterprise.updated_at = now
    session.flush()
    _flow_into_drafts(session, now, enterprise.id, profile)
    return enterprise.id


def _flow_into_drafts(session: Session, now: datetime, enterprise_id: int,
                      profile: dict[str, Any]) -> None:
    # Sealed drafts keep the values they were exported with; editing them
    # later starts a new revision that the user fills deliberately.
    query = select(Draft).where(Draft.enterprise_id == enterprise_id,
                                Draft.sealed.is_(False), Draft.deleted_at.is_(None))
    for draft in session.scalars(query):
        data = load_json(draft.data_json)
        old = data.get("profile") if isinstance(data.get("profile"), dict) else {}
        data["profile"] = {**old, **profile}
        text = dump_json(data)
        if text != draft.data_json:
            draft.data_json = text
            draft.updated_at = now


def get(session: Session, enterprise_id: int) -> dict[str, Any]:
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise EnterpriseNotFoundError(enterprise_id)
    return load_json(enterprise.profile_json)


def list_all(session: Session) -> list[EnterpriseRecord]:
    query = select(Enterprise).order_by(Enterprise.name, Enterprise.id)
    return [EnterpriseRecord(id=e.id, name=e.name, uscc=e.uscc or "", updated_at=e.updated_at)
            for e in session.scalars(query)]
