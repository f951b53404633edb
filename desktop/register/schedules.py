"""The ministry's schedules (附件1–4): import from XLSX or JSON, list what changed, filter, mark 本省参加.

A schedule's columns are its form definition's ``rows`` table (desktop/forms/a2024_schedules.py);
the XLSX header is those labels.  Every row is checked with the engine before
anything is stored: a malformed sheet gets a row-by-row report and imports
nothing.  A re-import compares with what is stored, by activity name: it
reports moved dates, new places, other changes, new rows and cancelled rows
(kept, marked 已取消) rather than silently replacing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop.engine.model import Form, Table
from desktop.engine.validate import clean
from desktop.forms.a2024_schedules import SCHEDULES, ScheduleInfo
from desktop.package.safe_json import JsonRefused, loads_limited
from desktop.rules.formats import format_date_cn
from desktop.store.models import utc_now

from .activity import normalise
from .models import ChangeRow, ScheduleRow
from .sheet import Column, SheetError, cell_text, read_sheet
from .store import Register, dumps
from .workbook import write_template

MAX_JSON_BYTES = 20 * 1024 * 1024


def rows_table(form: Form) -> Table:
    return form.sections[0].items[0]


def schedule(form_id: str) -> ScheduleInfo:
    for info in SCHEDULES:
        if info.form.id == form_id:
            return info
    raise KeyError(form_id)


def columns_of(info: ScheduleInfo) -> tuple[Column, ...]:
    return tuple(Column(c.id, c.label, c.required) for c in rows_table(info.form).columns)


def write_schedule_template(info: ScheduleInfo, path: Path) -> None:
    write_template(path, info.form.attachment_no, columns_of(info),
                   info={"表格": f"{info.form.attachment_no} {info.form.title}"},
                   note="每行一项活动；带 * 的列必填；举办时间写成 2024-06-18。")


@dataclass
class ScheduleImport:
    schedule: ScheduleInfo
    rows: list[dict]                                   # clean rows, JSON values
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)   # moved date, new place, …
    cancelled: list[str] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        title = f"{self.schedule.form.attachment_no} {self.schedule.form.title}"
        head = (f"{title}：共 {len(self.rows)} 项；新增 {len(self.added)} 项，变更 {len(self.changed)} 项，"
                f"取消 {len(self.cancelled)} 项，未变 {self.unchanged} 项")
        return [head] + [f"  新增：{t}" for t in self.added] + [f"  变更：{t}" for t in self.changed] + \
            [f"  取消：{t}" for t in self.cancelled]


def read_schedule_file(path: Path, form_id: str | None = None) -> tuple[ScheduleInfo, list[dict]]:
    """(the schedule, its clean rows); SheetError with every problem when anything is wrong."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        info, raw_rows = _json_rows(path, form_id)
        return info, _checked(info, raw_rows, path.name, [f"第 {n} 项" for n in range(1, len(raw_rows) + 1)])
    candidates = [schedule(form_id)] if form_id else list(SCHEDULES)
    best_error = None
    for info in sorted(candidates, key=lambda i: -len(rows_table(i.form).columns)):
        try:
            sheet = read_sheet(path, path.name, columns_of(info), rows_table(info.form).max_rows, "填报信息")
        except SheetError as exc:
            best_error = best_error or exc
            if "前 10 行中没有找到表头" not in exc.message:
                raise
            continue
        raw_rows = [{k: cell_text(v) if not isinstance(v, ValueError) else v for k, v in values.items()}
                    for _, values in sheet.rows]
        return info, _checked(info, raw_rows, path.name, [f"第 {n} 行" for n, _ in sheet.rows])
    raise best_error or SheetError(f"“{path.name}”不是附件1–4 中的任何一张日程表")


def _json_rows(path: Path, form_id: str | None) -> tuple[ScheduleInfo, list]:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise JsonRefused(f"文件过大（上限 {MAX_JSON_BYTES // 1024 // 1024} MB）")
        obj = loads_limited(path.read_bytes(), max_bytes=MAX_JSON_BYTES)
    except (JsonRefused, OSError) as exc:
        raise SheetError(f"“{path.name}”未导入：{exc}") from None
    wanted = form_id or (obj.get("form") if isinstance(obj, dict) else None)
    rows = obj.get("rows") if isinstance(obj, dict) else None
    if not isinstance(wanted, str) or not isinstance(rows, list):
        raise SheetError(f"“{path.name}”未导入：应为 {{\"form\": \"2024-a1-chain-events\", \"rows\": [...]}} 形式的 JSON")
    try:
        return schedule(wanted), rows
    except KeyError:
        raise SheetError(f"“{path.name}”未导入：不认识日程表“{wanted[:40]}”，应为附件1–4 之一") from None


def _checked(info: ScheduleInfo, raw_rows: list, source: str, wheres: list[str]) -> list[dict]:
    table = rows_table(info.form)
    problems = []
    for n, raw in enumerate(raw_rows):
        for key, value in (raw.items() if isinstance(raw, dict) else ()):
            if isinstance(value, ValueError):
                problems.append(f"{wheres[n]}：{_label(table, key)}{value}")
    raw_clean = [{k: v for k, v in r.items() if not isinstance(v, ValueError)} if isinstance(r, dict) else r
                 for r in raw_rows]
    cleaned = clean(info.form, {table.id: raw_clean})
    for problem in cleaned.errors:
        where = _where(problem.path, wheres)
        problems.append(f"{where}：{problem.message}")
    seen: dict[str, str] = {}
    for n, row in enumerate(cleaned.data[table.id]):
        key = normalise(row.get("name") or "")
        if key and key in seen:
            problems.append(f"{wheres[n]}：活动名称与{seen[key]}相同，请删去重复的一行")
        seen.setdefault(key, wheres[n])
    if problems:
        raise SheetError.listing(source, problems)
    return [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items() if v is not None}
            for row in cleaned.data[table.id]]


def _label(table: Table, key: str) -> str:
    return next((c.label for c in table.columns if c.id == key), key)


def _where(path: str, wheres: list[str]) -> str:
    if "[" not in path:
        return "整张表"
    index = int(path.split("[", 1)[1].split("]", 1)[0])
    return wheres[index] if index < len(wheres) else f"第 {index + 1} 项"


def import_schedule(register: Register, info: ScheduleInfo, rows: list[dict], by: str) -> ScheduleImport:
    """Store the rows; what changed since the last import is returned and logged."""
    result = ScheduleImport(info, rows)
    now = utc_now()
    labels = {c.id: c.label for c in rows_table(info.form).columns}
    with register.session() as session:
        stored = {r.key: r for r in session.scalars(select(ScheduleRow).where(ScheduleRow.schedule == info.form.id))}
        incoming = {normalise(r["name"]): r for r in rows}
        for key, row in incoming.items():
            old = stored.get(key)
            if old is None:
                session.add(ScheduleRow(schedule=info.form.id, key=key, data_json=dumps(row), joined=False,
                                        cancelled=False, imported_at=now))
                result.added.append(_describe_row(row))
                continue
            before = json.loads(old.data_json)
            differences = _differences(before, row, labels)
            if differences or old.cancelled:
                result.changed.append(f"{row['name']}：" + ("；".join(differences) or "重新列入"))
            else:
                result.unchanged += 1
            old.data_json, old.cancelled, old.imported_at = dumps(row), False, now
        for key, old in stored.items():
            if key not in incoming and not old.cancelled:
                old.cancelled = True
                result.cancelled.append(_describe_row(json.loads(old.data_json)))
        detail = "\n".join(result.lines())
        session.add(ChangeRow(activity_id=None, at=now, by=by, action="导入日程", detail=detail[:20000]))
    return result


def _describe_row(row: dict) -> str:
    when = format_date_cn(dt.date.fromisoformat(row["held_on"])) if row.get("held_on") else ""
    return f"{row.get('name', '')}（{when}，{row.get('place', '')}）"


def _differences(before: dict, after: dict, labels: dict[str, str]) -> list[str]:
    out = []
    for key in labels:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "held_on" and old and new:
            out.append(f"时间改期：{format_date_cn(dt.date.fromisoformat(old))} → {format_date_cn(dt.date.fromisoformat(new))}")
        elif key == "place":
            out.append(f"地点变更：{old or '（空）'} → {new or '（空）'}")
        else:
            out.append(f"{labels[key]}：{old or '（空）'} → {new or '（空）'}")
    return out


@dataclass(frozen=True)
class ListedRow:
    id: int
    schedule: ScheduleInfo
    data: dict
    joined: bool
    cancelled: bool

    @property
    def month(self) -> int | None:
        return int(self.data["held_on"][5:7]) if self.data.get("held_on") else None

    def to_json(self) -> dict:
        return {"id": self.id, "schedule": self.schedule.form.id, "type": self.schedule.short, **self.data,
                "joined": self.joined, "cancelled": self.cancelled}


def list_rows(register: Register, kind: str = "", chain: str = "", month: int | None = None, place: str = "",
              organiser: str = "", joined: bool | None = None) -> list[ListedRow]:
    """All schedule rows, filtered: type (附件号 or 类型), 产业链, month, place and organiser by part of the text."""
    with register.session() as session:
        stored = list(session.scalars(select(ScheduleRow).order_by(ScheduleRow.id)))
    rows = [ListedRow(r.id, schedule(r.schedule), json.loads(r.data_json), r.joined, r.cancelled) for r in stored]

    def keep(row: ListedRow) -> bool:
        data, info = row.data, row.schedule
        who = " ".join(str(data.get(k, "")) for k in ("organiser", "firm", "leader", "province", "expo"))
        return ((not kind or kind in (info.form.attachment_no, info.short, info.form.id))
                and (not chain or chain in str(data.get("chain", "")))
                and (month is None or row.month == month)
                and (not place or place in str(data.get("place", "")))
                and (not organiser or organiser in who)
                and (joined is None or row.joined == joined))
    return sorted((r for r in rows if keep(r)), key=lambda r: (r.data.get("held_on", ""), r.id))


def mark_joined(register: Register, row_id: int, joined: bool, by: str) -> ListedRow:
    with register.session() as session:
        row = session.get(ScheduleRow, row_id)
        if row is None:
            raise KeyError(row_id)
        row.joined = joined
        data = json.loads(row.data_json)
        session.add(ChangeRow(activity_id=None, at=utc_now(), by=by, action="本省参加" if joined else "取消参加",
                              detail=f"{schedule(row.schedule).form.attachment_no} {data.get('name', '')}"))
        return ListedRow(row.id, schedule(row.schedule), data, row.joined, row.cancelled)


def unknown_schedule_refs(register: Register, activities) -> list[str]:
    """Warnings for activities whose 对应日程 names no imported schedule row (matched by 活动名称, normalised)."""
    with register.session() as session:
        known = {key for key in session.scalars(select(ScheduleRow.key))}
    return [f"“{a.name}”的对应日程“{a.schedule_ref}”不在已导入的附件1–4 日程中，请核对名称"
            for a in activities if a.schedule_ref and normalise(a.schedule_ref) not in known]
