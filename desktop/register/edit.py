"""The officer editing the register cell by cell (活动登记表格): typed or pasted text in, checked, saved, logged.

A change to a row is checked with the register's rules (``check_activity``)
on the row as it would be saved.  Cells that cannot be read, or whose new
value breaks a rule (其中 > 参与中小企业数, a date outside the campaign's year,
an end before the start, the same name + date + place as another activity),
are refused with the rule's message; the other changed cells of the row are
saved at once.  The caller keeps a refused text on screen with its message.
Warnings (签约项目数 > 达成合作意向数) never stop a save.  Every save and every
deletion is one entry of the change log (变更记录) with who and when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from desktop.engine.declare import choice, date, text
from desktop.engine.kinds import FieldError, kind_of
from desktop.engine.model import ERROR, Field, Problem
from desktop.forms.a2024_stats import ACTIVITY_KINDS, ROWS
from desktop.rules.campaign import Campaign
from desktop.rules.formats import clean_text
from desktop.store.models import utc_now

from .activity import FIGURES, LEVELS, MODES, Activity, check_activity, figure_json, parse_figure
from .models import ActivityRow, ChangeRow
from .store import Register, _row_values, to_activity

# The columns of the register grid: the activity's own fields, then the 附件6 figures.
GRID_COLUMNS: tuple[Field, ...] = (
    text("name", "活动名称", 100, required=True),
    date("start", "开始日期", required=True),
    date("end", "结束日期"),
    text("place", "举办地点", 60, required=True),
    choice("mode", "线上/线下", MODES, required=True),
    choice("level", "活动级别", LEVELS, required=True),
    choice("kind", "活动类型", ACTIVITY_KINDS, required=True),
    text("chain", "产业链", 40),
    text("lead", "牵头部门", 40, required=True),
    text("co_hosts", "协办部门", 120),
) + FIGURES
COLUMN = {c.id: c for c in GRID_COLUMNS}
FIGURE_SET = frozenset(f.id for f in FIGURES)
_RULE_READS = {rule.code: tuple(rule.reads) for rule in ROWS.rules}
_SEPARATORS = ("，", ",", "；", ";", "/")


class EditError(ValueError):
    """An edit that cannot be made at all (the activity is gone); the message says what to do."""


@dataclass(frozen=True)
class EditOutcome:
    activity: Activity | None                         # as stored now; None: a new row not yet saved
    refused: dict[str, str] = field(default_factory=dict)    # column id → why the typed text was not saved
    missing: tuple[str, ...] = ()                     # a new row: labels still needed before it is saved
    saved: tuple[str, ...] = ()                       # column ids written by this change


def cells_of(activity: Activity) -> dict[str, str]:
    """The grid's text of each column, as the officer would type it."""
    cells = {"name": activity.name, "start": activity.start.isoformat(), "end": activity.end.isoformat(),
             "place": activity.place, "mode": activity.mode, "level": activity.level, "kind": activity.kind,
             "chain": activity.chain, "lead": activity.lead, "co_hosts": "、".join(activity.co_hosts)}
    for figure in FIGURES:
        value = activity.figure(figure.id)
        cells[figure.id] = "" if value is None else str(figure_json(value))
    return cells


def parse_cell(column_id: str, raw: str):
    """The value of one typed cell (None when empty); FieldError with a Chinese message otherwise."""
    column = COLUMN[column_id]
    if column_id in FIGURE_SET:
        value = parse_figure(column, raw)
        if value is not None and value < 0:
            raise FieldError("register.negative", f"{column.label}不能为负数")
        return value
    raw = clean_text(str(raw or ""))
    if not raw:
        return None
    if column_id == "co_hosts":
        for separator in _SEPARATORS:
            raw = raw.replace(separator, "、")
        return tuple(dict.fromkeys(p.strip() for p in raw.split("、") if p.strip()))
    if column.max_len and len(raw) > column.max_len:
        raise FieldError("text.too_long", f"{column.label}不能超过 {column.max_len} 个字（现有 {len(raw)} 个）")
    if column_id == "level" and raw.endswith("级") and raw[:-1] in LEVELS:
        raw = raw[:-1]
    return kind_of(column).parse(column, raw)


def _apply(current: Activity | None, values: dict) -> tuple[Activity | None, tuple[str, ...]]:
    """The row with ``values`` put in; for a new row None and the labels still missing."""
    figures = {k: v for k, v in values.items() if k in FIGURE_SET}
    own = {k: v for k, v in values.items() if k not in FIGURE_SET}
    if current is not None:
        cleared = [k for k, v in own.items() if v in (None, "") and COLUMN[k].required]
        if cleared:
            return None, tuple(COLUMN[k].label for k in cleared)
        fields = {k: _emptied(k, current) if v is None else v for k, v in own.items()}
        if "start" in fields and "end" not in fields and current.end == current.start:
            fields["end"] = fields["start"]     # a one-day activity moves as a whole
        return replace(current, **fields, figures={**current.figures, **figures}), ()
    missing = tuple(c.label for c in GRID_COLUMNS if c.required and values.get(c.id) in (None, ""))
    if missing:
        return None, missing
    lead = own["lead"]
    return Activity(name=own["name"], start=own["start"], end=own.get("end") or own["start"], place=own["place"],
                    mode=own["mode"], level=own["level"], kind=own["kind"], lead=lead, chain=own.get("chain") or "",
                    co_hosts=tuple(d for d in own.get("co_hosts") or () if d != lead),
                    figures={f.id: figures.get(f.id) for f in FIGURES}), ()


def _emptied(column_id: str, current: Activity):
    """What an emptied optional cell stores: no co-hosts, the start as the end, else empty text."""
    return {"co_hosts": (), "end": current.start}.get(column_id, "")


def _involved(problem: Problem) -> tuple[str, ...]:
    """The columns a problem is about: the rule's reads, else the path it was reported at."""
    if problem.code in _RULE_READS:
        return _RULE_READS[problem.code]
    if problem.code == "register.end_before_start":
        return ("start", "end")
    if problem.code == "register.same_activity":
        return ("name", "start", "place")
    return (problem.path,)


def _duplicate(register: Register, candidate: Activity) -> list[Problem]:
    with register.session() as session:
        other = session.execute(select(ActivityRow.id, ActivityRow.name).where(
            ActivityRow.key == candidate.key, ActivityRow.id != (candidate.id or 0))).first()
    if other is None:
        return []
    return [Problem("name", ERROR, "register.same_activity",
                    f"与编号 {other.id} 的“{other.name}”是同一项活动（活动名称、开始日期、举办地点相同），"
                    "请改在那一行填写，或改正名称、日期或地点")]


def save_cells(register: Register, campaign: Campaign, activity_id: int | None, typed: dict[str, str],
               by: str) -> EditOutcome:
    """Check the typed cells of one row and save those that may be saved (a new row once it is complete)."""
    current = register.get(activity_id) if activity_id is not None else None
    if activity_id is not None and current is None:
        raise EditError(f"编号 {activity_id} 的活动已被删除（可能是另一位经办人删除的），请刷新后再改")
    first, last = min(p.start for p in campaign.periods), max(p.end for p in campaign.periods)
    refused: dict[str, str] = {}
    accepted: dict[str, object] = {}
    for column_id, raw in typed.items():
        try:
            accepted[column_id] = parse_cell(column_id, raw)
        except FieldError as exc:
            refused[column_id] = exc.message
    while True:
        candidate, missing = _apply(current, accepted)
        if candidate is None:
            if current is not None:     # a required cell emptied: keep the stored value
                for column_id in [k for k, v in accepted.items() if v in (None, "") and COLUMN[k].required]:
                    refused[column_id] = f"{COLUMN[column_id].label}不能为空"
                    del accepted[column_id]
                continue
            return EditOutcome(None, refused, missing)
        errors = [p for p in check_activity(candidate, first, last) + _duplicate(register, candidate)
                  if p.level == ERROR]
        blamed = {c: p.message for p in errors for c in _involved(p) if c in accepted}
        if not blamed:
            break
        for column_id, message in blamed.items():
            refused[column_id] = message
            del accepted[column_id]
    if current is None:
        return EditOutcome(create(register, candidate, by), refused, (), tuple(accepted))
    detail = _describe(current, candidate)
    if not detail:
        return EditOutcome(current, refused)
    touches_figures = any(k in FIGURE_SET for k in accepted)
    return EditOutcome(write(register, candidate, by, "修改", detail, figures_by=by if touches_figures else None),
                       refused, (), tuple(accepted))


def _describe(before: Activity, after: Activity) -> str:
    old, new = cells_of(before), cells_of(after)
    return "；".join(f"{COLUMN[k].label}：{old[k] or '（空）'} → {new[k] or '（空）'}" for k in new if old[k] != new[k])


def create(register: Register, activity: Activity, by: str, at: dt.datetime | None = None) -> Activity:
    at = at or utc_now()
    with register.session() as session:
        row = ActivityRow(**_row_values(activity), figures_by=by, report_json="{}", created_at=at, updated_at=at,
                          updated_by=by)
        session.add(row)
        session.flush()
        session.add(ChangeRow(activity_id=row.id, at=at, by=by, action="新增",
                              detail=f"{activity.name}（{activity.start.isoformat()}，{activity.place}）"))
        return to_activity(row)


def write(register: Register, activity: Activity, by: str, action: str, detail: str,
          figures_by: str | None = None, at: dt.datetime | None = None) -> Activity:
    """Save ``activity`` and its change-log entry in one transaction; ``figures_by`` names whose figures count now
    (an officer's own figures: a department's later import that differs becomes a conflict, never an overwrite)."""
    at = at or utc_now()
    with register.session() as session:
        row = session.get(ActivityRow, activity.id)
        if row is None:
            raise EditError(f"编号 {activity.id} 的活动已被删除（可能是另一位经办人删除的），请刷新后再改")
        for name, value in _row_values(activity).items():
            setattr(row, name, value)
        if figures_by is not None:
            row.figures_by = figures_by
        row.updated_at, row.updated_by = at, by
        session.add(ChangeRow(activity_id=row.id, at=at, by=by, action=action, detail=detail[:4000]))
        session.flush()
        return to_activity(row)


def delete(register: Register, activity_id: int, by: str) -> None:
    """Remove an activity; the log keeps what it was (its entries stay, no longer linked to a row)."""
    with register.session() as session:
        row = session.get(ActivityRow, activity_id)
        if row is None:
            return
        activity = to_activity(row)
        figures = "，".join(f"{f.label} {figure_json(activity.figure(f.id))}" for f in FIGURES
                           if activity.figure(f.id) is not None)
        session.add(ChangeRow(activity_id=None, at=utc_now(), by=by, action="删除",
                              detail=f"编号 {activity_id}：{activity.name}（{activity.start.isoformat()}，"
                                     f"{activity.place}，{activity.host_text}）" + (f"；数据：{figures}" if figures else "")))
        session.delete(row)


def figures_by(register: Register, activity_id: int) -> str:
    """Whose figures count for an activity (the first department to report, or whoever decided or typed them)."""
    with register.session() as session:
        return session.scalar(select(ActivityRow.figures_by).where(ActivityRow.id == activity_id)) or ""


__all__ = ["COLUMN", "EditError", "EditOutcome", "GRID_COLUMNS", "cells_of", "create", "delete", "figures_by",
           "parse_cell", "save_cells", "write"]
