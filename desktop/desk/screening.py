"""The ministry's screening of needs (需求筛选): 迫切性 and 可行性 scores, 入选 or not.

Only needs of packages that passed review (初核通过, or already 已报部) can be
screened; the needs of an outdated revision (已更新) cannot. Every change is
audited with the old and new values.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.desk import audit
from desktop.desk.db import DeskDB, DeskError
from desktop.desk.tables import FORWARDED, PASSED, DeskNeed, DeskPackage

SCREENABLE = (PASSED, FORWARDED)


@dataclass(frozen=True)
class Screened:
    code: str
    title: str
    selected: bool
    urgency: int | None
    feasibility: int | None


def _score(value: int | None, name: str) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise DeskError(f"{name}应为 1 到 5 的整数（5 最高），收到 {value}")
    return value


def screen(db: DeskDB, codes: list[str] | None, selected: bool, *, urgency: int | None = None,
           feasibility: int | None = None) -> list[Screened]:
    """Mark the needs ``codes`` (None: every need that passed) as 入选 or not, with optional scores."""
    _score(urgency, "迫切性")
    _score(feasibility, "可行性")
    actor = db.actor()
    with db.writing() as session:
        pairs = _targets(session, codes)
        done = []
        for need, _package in pairs:
            old = _shown(need.selected, need.urgency, need.feasibility)
            need.selected = selected
            need.urgency = urgency if urgency is not None else need.urgency
            need.feasibility = feasibility if feasibility is not None else need.feasibility
            audit.record(session, actor, "需求筛选", package_id=need.package_id, subject=need.code, old=old,
                         new=_shown(need.selected, need.urgency, need.feasibility))
            done.append(Screened(need.code, need.title, selected, need.urgency, need.feasibility))
        return done


def _targets(session, codes: list[str] | None) -> list[tuple[DeskNeed, DeskPackage]]:
    query = select(DeskNeed, DeskPackage).join(DeskPackage, DeskNeed.package_id == DeskPackage.id)
    if codes is None:
        pairs = [tuple(r) for r in session.execute(query.where(DeskPackage.state.in_(SCREENABLE)))]
        if not pairs:
            raise DeskError("没有初核通过的需求可以筛选；请先对需求表作出“初核通过”的决定")
        return sorted(pairs, key=lambda p: p[0].code)
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    found = {}
    for need, package in session.execute(query.where(DeskNeed.code.in_(wanted))):
        if package.state in SCREENABLE:       # the current revision's need wins over an outdated one
            found[need.code] = (need, package)
        else:
            found.setdefault(need.code, (need, package))
    missing = [c for c in wanted if c not in found]
    if missing:
        raise DeskError(f"找不到需求编号：{'、'.join(missing[:10])}；可用 xieshou desk list --needs 查看需求编号")
    blocked = [f"{c}（{found[c][1].state}）" for c in wanted if found[c][1].state not in SCREENABLE]
    if blocked:
        raise DeskError(f"以下需求所在的需求表尚未初核通过，不能筛选：{'、'.join(blocked[:10])}")
    return [found[c] for c in wanted]


def _shown(selected: bool | None, urgency: int | None, feasibility: int | None) -> str:
    mark = {True: "入选", False: "不入选"}.get(selected, "未筛选")
    return f"{mark} 迫切性 {urgency or '-'} 可行性 {feasibility or '-'}"


def selected_needs(db: DeskDB) -> list[tuple[DeskNeed, DeskPackage]]:
    """The 入选 needs of current packages, in need-code order (the catalogues' input)."""
    query = (select(DeskNeed, DeskPackage).join(DeskPackage, DeskNeed.package_id == DeskPackage.id)
             .where(DeskNeed.selected.is_(True), DeskPackage.state.in_(SCREENABLE)).order_by(DeskNeed.code))
    with db.reading() as session:
        return [tuple(r) for r in session.execute(query)]


@dataclass(frozen=True)
class NeedRow:
    """One need as the screening page lists it (plain values, no store objects)."""

    code: str
    title: str
    owner: str               # 发榜企业
    province: str
    sector: str              # 产业链
    domain: str              # 领域
    public: bool             # False: 不公开
    urgency: int | None
    feasibility: int | None
    selected: bool | None    # 入选 / 不入选 / None: not screened yet
    state: str               # its package's state
    package_id: int

    @property
    def mark(self) -> str:
        return {True: "入选", False: "不入选"}.get(self.selected, "未筛选")

    def matches(self, *, sector: str = "", domain: str = "", province: str = "", text: str = "") -> bool:
        from desktop.desk.facts import fold

        if (sector and self.sector != sector) or (domain and self.domain != domain) \
                or (province and self.province != province):
            return False
        needle = fold(text.strip())
        return not needle or needle in fold(f"{self.code} {self.title} {self.owner}")


def screenable_needs(db: DeskDB) -> list[NeedRow]:
    """Every need of a package that passed (初核通过 or 已报部), in need-code order."""
    from sqlalchemy.orm import load_only

    shown = load_only(DeskPackage.id, DeskPackage.submitter_name, DeskPackage.province, DeskPackage.state)
    query = (select(DeskNeed, DeskPackage).join(DeskPackage, DeskNeed.package_id == DeskPackage.id).options(shown)
             .where(DeskPackage.state.in_(SCREENABLE)).order_by(DeskNeed.code, DeskNeed.id))
    with db.reading() as session:
        return [NeedRow(n.code, n.title, p.submitter_name, p.province, n.sector, n.domain, bool(n.is_public),
                        n.urgency, n.feasibility, n.selected, p.state, p.id) for n, p in session.execute(query)]
