"""The register in the store's database: open, read activities, merge departments' reports.

Opened on the same engine as the officer's desk (SQLite file by default, any
SQLAlchemy URL); the schema is brought to the newest Alembic revision first.
Merging is by activity (name + start date + place, normalised): a second
department reporting the same activity is listed as co-host and the activity
is counted once; figures that differ from those that count are kept beside
them (``conflicts``) for the officer to decide.  Every change is logged.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.engine import create_store_engine, resolve_target
from desktop.store.models import utc_now
from desktop.store.schema import upgrade_to_head

from .activity import FIGURES, Activity, figure_json, figures_from_json
from .models import ActivityRow, ChangeRow


def dumps(obj: object) -> str:
    if not obj and isinstance(obj, (list, tuple, dict)):
        return "{}" if isinstance(obj, dict) else "[]"     # most lists are empty: skip the encoder
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def figures_text(figures: dict) -> dict:
    return {k: figure_json(v) for k, v in figures.items() if v is not None}


def _list(text: str) -> tuple:
    return () if text == "[]" else tuple(json.loads(text))     # most lists are empty: skip the parser


def _dict(text: str) -> dict:
    return {} if text == "{}" else json.loads(text)


def to_activity(row: ActivityRow) -> Activity:
    """An activity from its ORM row (or any row with the columns' names)."""
    return _activity(*(getattr(row, column.name) for column in ACTIVITY_COLUMNS))


def _activity(id_, name, start, end, place, mode, level, kind, chain, lead, co_hosts, schedule_ref, figures,
              evidence, files, conflicts, updated_by, updated_at) -> Activity:
    """An activity from the values of ``ACTIVITY_COLUMNS``, in their order."""
    return Activity(
        id=id_, name=name, start=start, end=end, place=place, mode=mode, level=level, kind=kind, chain=chain,
        lead=lead, co_hosts=_list(co_hosts), schedule_ref=schedule_ref, figures=figures_from_json(_dict(figures)),
        evidence=_dict(evidence), files=_list(files), conflicts=_list(conflicts), updated_by=updated_by,
        updated_at=updated_at)


_TABLE = ActivityRow.__table__
# what an Activity holds: a year's register is read as plain rows of these (no key, report texts or creation time)
ACTIVITY_COLUMNS = tuple(_TABLE.c[name] for name in (
    "id", "name", "start_date", "end_date", "place", "mode", "level", "kind", "chain", "lead_department",
    "co_departments_json", "schedule_ref", "figures_json", "evidence_json", "files_json", "conflicts_json",
    "updated_by", "updated_at"))


def _row_values(activity: Activity) -> dict:
    return dict(key=activity.key, name=activity.name, start_date=activity.start, end_date=activity.end,
                place=activity.place, mode=activity.mode, level=activity.level, kind=activity.kind,
                chain=activity.chain, lead_department=activity.lead,
                co_departments_json=dumps(list(activity.co_hosts)), schedule_ref=activity.schedule_ref,
                figures_json=dumps(figures_text(activity.figures)), evidence_json=dumps(activity.evidence),
                files_json=dumps(list(activity.files)), conflicts_json=dumps(list(activity.conflicts)))


@dataclass
class MergeResult:
    added: int = 0
    co_hosted: int = 0           # reported again by another department: counted once, both listed
    updated: int = 0             # the same department's new figures
    conflicts: int = 0           # figures differing from those that count, kept for the officer
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"新增 {self.added} 项，与其他部门合并 {self.co_hosted} 项，更新 {self.updated} 项，"
                f"数据不一致待裁定 {self.conflicts} 项，未变 {self.unchanged} 项")


class Register:
    def __init__(self, engine, url):
        self.url = url
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | Path | None = None) -> "Register":
        url, _ = resolve_target(target)
        engine = create_store_engine(url)
        with engine.begin() as connection:
            upgrade_to_head(connection)
        return cls(engine, url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # --------------------------------------------------------------- reading
    def activities(self, first: dt.date | None = None, last: dt.date | None = None) -> list[Activity]:
        """Activities starting within [first, last] (all when not given), by start date and name."""
        # plain rows rather than ORM objects: a year's register (10 000 activities) is read at once
        query = select(*ACTIVITY_COLUMNS).order_by(ActivityRow.start_date, ActivityRow.name, ActivityRow.id)
        if first is not None:
            query = query.where(ActivityRow.start_date >= first)
        if last is not None:
            query = query.where(ActivityRow.start_date <= last)
        with self._engine.connect() as connection:      # Core rows, unpacked by position: no ORM per row
            return [_activity(*row) for row in connection.execute(query).all()]

    def get(self, activity_id: int) -> Activity | None:
        with self.session() as session:
            row = session.get(ActivityRow, activity_id)
            return to_activity(row) if row else None

    def find(self, text: str) -> list[Activity]:
        """By number (the id ``register list`` shows) or by a part of the name."""
        if text.isdigit():
            found = self.get(int(text))
            return [found] if found else []
        return [a for a in self.activities() if text in a.name]

    def changes(self, activity_id: int | None = None) -> list[ChangeRow]:
        query = select(ChangeRow).order_by(ChangeRow.id)
        if activity_id is not None:
            query = query.where(ChangeRow.activity_id == activity_id)
        with self.session() as session:
            return list(session.scalars(query))

    # --------------------------------------------------------------- writing
    def merge(self, activities: list[Activity], by: str, at: dt.datetime | None = None) -> MergeResult:
        """Merge one department's activities (already checked) into the register, in one transaction."""
        at = at or utc_now()
        result = MergeResult()
        keys = {a.key for a in activities}
        with self.session() as session:
            existing = {row.key: row for part in _chunks(keys)
                        for row in session.scalars(select(ActivityRow).where(ActivityRow.key.in_(part)))}
            new_rows, changes = [], []
            for activity in activities:
                row = existing.get(activity.key)
                if row is None:
                    new_rows.append(_row_values(activity) | dict(figures_by=by, report_json="{}", created_at=at,
                                                                  updated_at=at, updated_by=by))
                    result.added += 1
                    continue
                detail = self._merge_into(row, activity, by, at, result)
                if detail:
                    changes.append(dict(activity_id=row.id, at=at, by=by, action=detail[0], detail=detail[1]))
            if new_rows:
                session.execute(insert(ActivityRow.__table__), new_rows)     # Core executemany, no ORM per row
                ids = {key: id_ for part in _chunks({r["key"] for r in new_rows}) for key, id_ in
                       session.execute(select(ActivityRow.key, ActivityRow.id).where(ActivityRow.key.in_(part)))}
                changes += [dict(activity_id=ids.get(r["key"]), at=at, by=by, action="新增",
                                 detail=f"{r['name']}（{r['start_date'].isoformat()}，{r['place']}）") for r in new_rows]
            if changes:
                session.execute(insert(ChangeRow.__table__), changes)
        return result

    def _merge_into(self, row: ActivityRow, incoming: Activity, by: str, at: dt.datetime,
                    result: MergeResult) -> tuple[str, str] | None:
        current = to_activity(row)
        merged = current.with_departments(*incoming.departments)
        differing = {k: v for k, v in incoming.figures.items() if v is not None and v != current.figure(k)}
        filled = {k: v for k, v in differing.items() if current.figure(k) is None}
        notes = []
        if merged.departments != current.departments:
            row.co_departments_json = dumps(list(merged.co_hosts))
            notes.append(f"主办部门：{merged.host_text}")
            result.co_hosted += 1
        if row.figures_by == by and differing:
            row.figures_json = dumps(figures_text({**current.figures, **differing}))
            notes.append("数据更新：" + _describe(current.figures, differing))
            result.updated += 1
        elif differing:
            if filled:
                row.figures_json = dumps(figures_text({**current.figures, **filled}))
                notes.append("补充数据：" + _describe(current.figures, filled))
            rest = {k: v for k, v in differing.items() if k not in filled}
            if rest:
                others = [c for c in json.loads(row.conflicts_json) if c.get("by") != by]
                others.append({"by": by, "at": at.isoformat(), "figures": figures_text(rest)})
                row.conflicts_json = dumps(others)
                notes.append(f"数据与{row.figures_by}不一致，待裁定：" + _describe(current.figures, rest))
                result.conflicts += 1
        if not notes:
            result.unchanged += 1
            return None
        row.updated_at, row.updated_by = at, by
        action = "数据不一致" if "待裁定" in notes[-1] else "合并"
        return action, "；".join(notes)

    def update(self, activity: Activity, by: str, action: str, detail: str, at: dt.datetime | None = None) -> None:
        """Save an activity the officer edited (figures, evidence, files, conflicts) with its log entry."""
        at = at or utc_now()
        with self.session() as session:
            row = session.get(ActivityRow, activity.id)
            for name, value in _row_values(activity).items():
                setattr(row, name, value)
            row.updated_at, row.updated_by = at, by
            session.add(ChangeRow(activity_id=row.id, at=at, by=by, action=action, detail=detail))

    def decide(self, activity_id: int, department: str, by: str, reason: str = "") -> Activity:
        """Take the figures ``department`` reported (or keep the current ones: its own name) and close the conflict;
        ``reason`` (the officer's) goes into the change log."""
        activity = self.get(activity_id)
        if activity is None:
            raise KeyError(activity_id)
        chosen = next((c for c in activity.conflicts if c.get("by") == department), None)
        figures = activity.figures
        if chosen is not None:
            figures = {**figures, **figures_from_json({**figures_text(figures), **chosen["figures"]})}
        decided = replace(activity, figures=figures, conflicts=())
        self.update(decided, by, "裁定", f"采用{department}报送的数据" + (
            "：" + _describe(activity.figures, chosen["figures"]) if chosen else "") + (
            f"；理由：{reason.strip()[:500]}" if reason.strip() else ""))
        with self.session() as session:
            session.get(ActivityRow, activity_id).figures_by = department
        return decided

    def save_report(self, activity_id: int, texts: dict, by: str) -> None:
        with self.session() as session:
            row = session.get(ActivityRow, activity_id)
            row.report_json = dumps(texts)
            session.add(ChangeRow(activity_id=activity_id, at=utc_now(), by=by, action="活动信息",
                                  detail=str(texts.get("title", ""))[:100]))

    def report_texts(self, activity_id: int) -> dict:
        with self.session() as session:
            row = session.get(ActivityRow, activity_id)
            return json.loads(row.report_json) if row else {}


def _chunks(keys: set[str], size: int = 500) -> Iterator[list[str]]:
    """Keys in slices small enough for any backend's bound-parameter limit."""
    ordered = sorted(keys)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _describe(before: dict, after: dict) -> str:
    labels = {c.id: c.label for c in FIGURES}
    return "，".join(f"{labels.get(k, k)} {figure_json(before.get(k))} → {figure_json(v) if not isinstance(v, str) else v}"
                    for k, v in after.items())
