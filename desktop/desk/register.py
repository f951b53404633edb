"""Registering one verified source: a new entry, a duplicate, a completed entry or a newer revision.

- One binding code is one entry. A second sighting of a known code (the
  folder and its ISO, a disc read twice, a broken copy) adds a receipt row.
  A complete copy of a code so far seen only broken completes the entry.
- A complete package of the same form, enterprise (credit code) and, for the
  揭榜 forms, the same need as an earlier one is a revision: the older entry
  becomes 已更新 and points at the newest (both kept). A revision older than
  one already registered is registered as 已更新 at once.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.desk import arrival_checks, audit
from desktop.desk.db import UNIT, Actor, DeskDB
from desktop.desk.facts import PackageFacts, data_json, fold
from desktop.desk.tables import RECEIVED, UPDATED, DeskNeed, DeskPackage, DeskReceipt
from desktop.package.verify import COMPLETE, PackageVerdict


def register(db: DeskDB, verdict: PackageVerdict, facts: PackageFacts, folder: Path | None, ems_no: str,
             arrived_at: dt.datetime, *, actor: Actor | None = None, unit: str | None = None):
    """Register one source; ``actor`` and ``unit`` may be read once per batch by the caller."""
    from desktop.desk.receive import Received

    actor = actor or db.actor()
    found = arrival_checks.for_package(db.setting(UNIT) if unit is None else unit, verdict, facts, arrived_at)
    with db.writing() as session:
        existing = _by_code(session, verdict.binding_code)
        if existing is not None:
            outcome = _known_code(session, existing, verdict, facts, folder, found)
            package = existing
        else:
            package = _new_entry(session, verdict, facts, folder, found, ems_no, arrived_at)
            outcome = "新收件"
        _receipt(session, package.id, verdict, ems_no, arrived_at, duplicate=outcome == "重复")
        audit.record(session, actor, "收件" if outcome != "重复" else "重复收件", package_id=package.id,
                     subject=_subject(verdict), new=f"{verdict.verdict}（{outcome}）")
        linked: tuple[int, ...] = ()
        if outcome in ("新收件", "补全") and package.verdict == COMPLETE:
            _add_needs(session, package, facts)
            outcome, linked = _link_revisions(session, actor, package, outcome)
        return Received(package.id, outcome, verdict, tuple(json.loads(package.warnings_json)), linked)


def _by_code(session: Session, code: str | None) -> DeskPackage | None:
    if not code:
        return None
    return session.scalars(select(DeskPackage).where(DeskPackage.binding_code == code)).first()


def _subject(verdict: PackageVerdict) -> str:
    return f"{verdict.binding_code or '（无装订码）'} {verdict.submitter_name} {verdict.form or ''}".strip()


def _known_code(session: Session, package: DeskPackage, verdict: PackageVerdict, facts: PackageFacts,
                folder: Path | None, found: list[str]) -> str:
    if package.verdict == COMPLETE or not verdict.complete:
        return "重复"
    _fill(package, verdict, facts, folder, found)
    return "补全"


def _new_entry(session: Session, verdict: PackageVerdict, facts: PackageFacts, folder: Path | None,
               found: list[str], ems_no: str, arrived_at: dt.datetime) -> DeskPackage:
    package = DeskPackage(binding_code=verdict.binding_code or None, arrived_at=arrived_at, ems_no=ems_no,
                          state=RECEIVED, state_version=1)
    _fill(package, verdict, facts, folder, found)
    session.add(package)
    session.flush()
    return package


def _fill(package: DeskPackage, verdict: PackageVerdict, facts: PackageFacts, folder: Path | None,
          found: list[str]) -> None:
    package.form_id, package.edition = verdict.form or "", verdict.edition or ""
    package.forms_text = facts.forms_text or "、".join(filter(None, [verdict.form, *verdict.companions]))
    package.revision = facts.revision
    package.submitter_name, package.submitter_uscc = verdict.submitter_name, verdict.submitter_uscc
    package.province, package.channel, package.need_code = facts.province, facts.channel, facts.need_code
    package.sectors = "".join(f"|{s}" for s in facts.sectors) + ("|" if facts.sectors else "")
    package.domains = "".join(f"|{s}" for s in facts.domains) + ("|" if facts.domains else "")
    package.search_text = facts.search_text or fold(f"{verdict.submitter_name} {verdict.submitter_uscc}")
    package.created_at, package.source = facts.created_at, verdict.source
    package.verdict, package.problems_json = verdict.verdict, json.dumps(list(verdict.problems), ensure_ascii=False)
    package.warnings_json = json.dumps(found, ensure_ascii=False)
    package.draft, package.answers_notice = facts.draft, facts.answers_notice
    package.workspace = folder.name if folder is not None else ""
    package.data_json = data_json(facts)


def _receipt(session: Session, package_id: int, verdict: PackageVerdict, ems_no: str, arrived_at: dt.datetime,
             duplicate: bool) -> None:
    session.add(DeskReceipt(package_id=package_id, source=verdict.source, arrived_at=arrived_at, ems_no=ems_no,
                            verdict=verdict.verdict, duplicate=duplicate,
                            problems_json=json.dumps(list(verdict.problems), ensure_ascii=False)))


# ---------------------------------------------------------------- needs
def _add_needs(session: Session, package: DeskPackage, facts: PackageFacts) -> None:
    if not facts.needs:
        return
    older = _older_needs(session, package)
    prefix = need_code_prefix(package, facts)
    number = _last_number(session, prefix)
    for need in facts.needs:
        code = older.get(need.row)
        if code is None:
            number += 1
            code = f"{prefix}{number:04d}"
        session.add(DeskNeed(package_id=package.id, row=need.row, code=code, title=need.title, sector=need.sector,
                             domain=need.domain, is_public=need.is_public, budget=need.budget,
                             deadline=need.deadline, data_json=json.dumps(need.data, ensure_ascii=False)))
    session.flush()


def need_code_prefix(package: DeskPackage, facts: PackageFacts) -> str:
    """``2023-35-``: the campaign's year and the enterprise's province digits from its credit code."""
    year = facts.campaign_id[:4] if facts.campaign_id[:4].isdigit() else str(package.arrived_at.year)
    digits = package.submitter_uscc[2:4]
    return f"{year}-{digits if digits.isdigit() else '00'}-"


def _last_number(session: Session, prefix: str) -> int:
    codes = session.scalars(select(DeskNeed.code).where(DeskNeed.code.like(prefix + "%"))).all()
    return max((int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()), default=0)


def _older_needs(session: Session, package: DeskPackage) -> dict[int, str]:
    """Row → code of the needs of the newest earlier revision, so a need keeps its number."""
    peers = [p for p in _peers(session, package) if p.id != package.id]
    if not peers:
        return {}
    newest = max(peers, key=_revision_key)
    rows = session.scalars(select(DeskNeed).where(DeskNeed.package_id == newest.id)).all()
    return {n.row: n.code for n in rows}


# ------------------------------------------------------------ revisions
def _peers(session: Session, package: DeskPackage) -> list[DeskPackage]:
    if not package.submitter_uscc or not package.form_id:
        return []
    query = select(DeskPackage).where(
        DeskPackage.form_id == package.form_id, DeskPackage.submitter_uscc == package.submitter_uscc,
        DeskPackage.need_code == package.need_code, DeskPackage.verdict == COMPLETE)
    return list(session.scalars(query))


def _revision_key(package: DeskPackage) -> tuple:
    return (package.revision, package.created_at or package.arrived_at, package.id)


def _link_revisions(session: Session, actor, package: DeskPackage, outcome: str) -> tuple[str, tuple[int, ...]]:
    peers = _peers(session, package)
    if len(peers) < 2:
        return outcome, ()
    newest = max(peers, key=_revision_key)
    changed = []
    for older in peers:
        if older.id == newest.id or (older.state == UPDATED and older.superseded_by_id == newest.id):
            continue
        audit.record(session, actor, "版本更新", package_id=older.id, subject=older.binding_code or "",
                     old=older.state, new=f"{UPDATED}（新版本 #{newest.id}）")
        older.state, older.superseded_by_id = UPDATED, newest.id
        older.state_version += 1
        changed.append(older.id)
    session.flush()
    if newest.id != package.id:
        return "旧版本", (newest.id,)
    return "新版本", tuple(changed)


def count_packages(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DeskPackage)) or 0
