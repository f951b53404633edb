"""The register as lists: filters, sorting, one package in full, the needs.

Filters become one SQL query over the summary columns (never the data
blobs), so 10,000 entries filter in a few milliseconds on SQLite and on
PostgreSQL alike (benchmarks/bench_desk.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Callable

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from desktop.desk.db import DeskDB, DeskError
from desktop.desk.facts import fold
from desktop.desk.tables import (DeskComment, DeskDecision, DeskNeed, DeskPackage, DeskPaperCheck,
                                 DeskReceipt)
from desktop.package.manifest import CHINA_TZ

SUMMARY_COLUMNS = (DeskPackage.id, DeskPackage.binding_code, DeskPackage.form_id, DeskPackage.revision,
                   DeskPackage.submitter_name, DeskPackage.submitter_uscc, DeskPackage.province,
                   DeskPackage.channel, DeskPackage.arrived_at, DeskPackage.ems_no, DeskPackage.verdict,
                   DeskPackage.state, DeskPackage.state_version, DeskPackage.superseded_by_id,
                   DeskPackage.warnings_json, DeskPackage.problems_json, DeskPackage.need_code,
                   DeskPackage.sectors, DeskPackage.domains, DeskPackage.search_text)
SORTABLE = {"id": DeskPackage.id, "arrived": DeskPackage.arrived_at, "submitter": DeskPackage.submitter_name,
            "state": DeskPackage.state, "province": DeskPackage.province, "form": DeskPackage.form_id}


@dataclass(frozen=True)
class PackageFilter:
    province: str = ""
    channel: str = ""
    form: str = ""
    verdict: str = ""
    state: str = ""
    sector: str = ""           # 产业链
    domain: str = ""           # 领域
    arrived_from: dt.date | None = None
    arrived_to: dt.date | None = None
    text: str = ""             # titles, names, credit codes, binding code
    ids: tuple[int, ...] = ()

    def conditions(self) -> list:
        c = DeskPackage
        found = [column == value for column, value in ((c.province, self.province), (c.channel, self.channel),
                 (c.form_id, self.form), (c.verdict, self.verdict), (c.state, self.state)) if value]
        if self.sector:
            found.append(c.sectors.contains(f"|{self.sector}|", autoescape=True))
        if self.domain:
            found.append(c.domains.contains(f"|{self.domain}|", autoescape=True))
        if self.arrived_from:
            found.append(c.arrived_at >= _day_start(self.arrived_from))
        if self.arrived_to:
            found.append(c.arrived_at < _day_start(self.arrived_to + dt.timedelta(days=1)))
        if self.text.strip():
            needle = fold(self.text.strip())
            found.append(or_(c.search_text.contains(needle, autoescape=True),
                             c.binding_code.contains(self.text.strip().upper(), autoescape=True)))
        if self.ids:
            found.append(c.id.in_(self.ids))
        return found


def _day_start(day: dt.date) -> dt.datetime:
    """Dates are the officer's dates (China time)."""
    return dt.datetime.combine(day, dt.time(0), CHINA_TZ)


@dataclass(frozen=True)
class Row:
    id: int
    binding_code: str | None
    form: str
    revision: int
    submitter: str
    uscc: str
    province: str
    channel: str
    arrived_at: dt.datetime
    ems_no: str
    verdict: str
    state: str
    state_version: int
    superseded_by: int | None
    warnings: tuple[str, ...]
    problems: tuple[str, ...]
    need_code: str
    sectors: str
    domains: str
    search: str = ""           # folded text the text filter looks in

    def to_json(self) -> dict:
        out = asdict(self)
        del out["search"]
        out["arrived_at"] = self.arrived_at.astimezone(CHINA_TZ).isoformat()
        out["warnings"], out["problems"] = list(self.warnings), list(self.problems)
        out["sectors"] = [s for s in self.sectors.split("|") if s]
        out["domains"] = [s for s in self.domains.split("|") if s]
        return out


def list_query(flt: PackageFilter | None = None, sort: str = "id", descending: bool = False) -> Select:
    column = SORTABLE.get(sort)
    if column is None:
        raise DeskError(f"不能按“{sort}”排序，可用：{'、'.join(SORTABLE)}")
    orders = (column.desc(), DeskPackage.id.desc()) if descending else (column.asc(), DeskPackage.id.asc())
    return select(*SUMMARY_COLUMNS).where(and_(True, *(flt or PackageFilter()).conditions())).order_by(*orders)


def list_rows(db: DeskDB, flt: PackageFilter | None = None, sort: str = "id", descending: bool = False) -> list[Row]:
    with db.reading() as session:
        return rows_of(session, flt, sort, descending)


def rows_of(session: Session, flt: PackageFilter | None = None, sort: str = "id",
            descending: bool = False) -> list[Row]:
    result = session.execute(list_query(flt, sort, descending))
    return [Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
                tuple(json.loads(r[14])), tuple(json.loads(r[15])), r[16], r[17], r[18], r[19]) for r in result]


def matches(row: Row, flt: PackageFilter) -> bool:
    """The filter applied to a row already loaded (the window's table): the same rules as the SQL."""
    return predicate(flt)(row)


def predicate(flt: PackageFilter) -> Callable[[Row], bool]:
    """``flt`` as a test on loaded rows: one small check per criterion given, worked out once."""
    checks: list[Callable[[Row], bool]] = []
    for name, wanted in (("province", flt.province), ("channel", flt.channel), ("form", flt.form),
                         ("verdict", flt.verdict), ("state", flt.state)):
        if wanted:
            checks.append(lambda row, name=name, wanted=wanted: getattr(row, name) == wanted)
    if flt.sector:
        checks.append(lambda row, mark=f"|{flt.sector}|": mark in row.sectors)
    if flt.domain:
        checks.append(lambda row, mark=f"|{flt.domain}|": mark in row.domains)
    if flt.arrived_from:
        checks.append(lambda row, start=_day_start(flt.arrived_from): row.arrived_at >= start)
    if flt.arrived_to:
        checks.append(lambda row, end=_day_start(flt.arrived_to + dt.timedelta(days=1)): row.arrived_at < end)
    if flt.ids:
        checks.append(lambda row, ids=frozenset(flt.ids): row.id in ids)
    text = flt.text.strip()
    if text:
        needle, code = fold(text), text.upper()
        checks.append(lambda row: needle in row.search or code in (row.binding_code or ""))

    def test(row: Row) -> bool:
        for check in checks:
            if not check(row):
                return False
        return True
    return test


@dataclass
class PackageDetail:
    row: Row
    forms_text: str
    created_at: dt.datetime | None
    source: str
    workspace: str
    answers_notice: str
    draft: bool
    data: dict
    decisions: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    paper_checks: list[dict] = field(default_factory=list)
    receipts: list[dict] = field(default_factory=list)
    needs: list[dict] = field(default_factory=list)
    older: list[int] = field(default_factory=list)      # revisions this one superseded

    def to_json(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k not in ("row", "data")}
        out["created_at"] = self.created_at.isoformat() if self.created_at else None
        return {**self.row.to_json(), **out}


def detail(db: DeskDB, package_id: int) -> PackageDetail:
    with db.reading() as session:
        rows = rows_of(session, PackageFilter(ids=(package_id,)))
        if not rows:
            raise DeskError(f"找不到编号为 {package_id} 的收件，请用 desk list 查看收件编号")
        p = session.get(DeskPackage, package_id)
        out = PackageDetail(rows[0], p.forms_text, p.created_at, p.source, p.workspace, p.answers_notice, p.draft,
                            json.loads(p.data_json or "{}"))
        out.decisions = [_when(d, "old_state", "new_state", "reason", "officer", "os_user")
                         for d in _children(session, DeskDecision, package_id)]
        out.comments = [_when(c, "id", "form_id", "field_path", "text", "officer")
                        for c in _children(session, DeskComment, package_id)]
        out.paper_checks = [_when(c, "typed_code", "matched", "officer")
                            for c in _children(session, DeskPaperCheck, package_id)]
        out.receipts = [{**_when(r, "source", "verdict", "duplicate", "ems_no", stamp="arrived_at"),
                         "problems": json.loads(r.problems_json)} for r in _children(session, DeskReceipt, package_id)]
        out.needs = [{"code": n.code, "title": n.title, "sector": n.sector, "domain": n.domain,
                      "is_public": n.is_public, "budget": str(n.budget) if n.budget is not None else None,
                      "selected": n.selected} for n in _children(session, DeskNeed, package_id)]
        out.older = list(session.scalars(select(DeskPackage.id).where(DeskPackage.superseded_by_id == package_id)))
        return out


def _children(session: Session, model, package_id: int) -> list:
    return list(session.scalars(select(model).where(model.package_id == package_id).order_by(model.id)))


def _when(obj, *names: str, stamp: str = "at") -> dict:
    out = {name: getattr(obj, name) for name in names}
    out[stamp] = getattr(obj, stamp).astimezone(CHINA_TZ).isoformat()
    return out
