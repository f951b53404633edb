"""附件6 for a reporting period, computed from the register (统计表).

One row per activity starting inside the period (全年 is cumulative: it counts
the first half again), the columns of the 附件6 definition, a totals row.
A cell the officer corrected by hand shows the corrected value, the register's
value, the difference and the reason; totals add the values as reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select

from desktop.bulk import collector_paused
from desktop.engine.kinds import kind_of
from desktop.engine.kinds import FieldError
from desktop.engine.model import Field
from desktop.forms.a2024_stats import FORM, ROWS
from desktop.rules.campaign import Campaign, Period, deadline_text
from desktop.rules.formats import format_date_cn
from desktop.store.models import utc_now

from .activity import Activity, figure_json, parse_figure
from .models import ChangeRow, CorrectionRow
from .store import Register

COLUMNS: tuple[Field, ...] = ROWS.columns
FIGURE_COLUMNS = tuple(c for c in COLUMNS if kind_of(c).figure)
TOTAL_LABEL = "合计"


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message says why."""



def value_text(value, field: Field) -> str:
    """A register value as the 附件6 sheet shows it: counts with thousands separators, money with two
    decimals, dates in Chinese; the kind's traits decide (docs/forms.md, 附件6)."""
    if value is None:
        return ""
    kind = kind_of(field)
    if kind.figure and not kind.amount:
        return f"{value:,}"
    return kind.display(field, value)

@dataclass(frozen=True)
class Correction:
    value: object
    reason: str
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class StatsCell:
    value: object                     # as reported (corrected when corrected)
    register: object                  # as computed from the register
    correction: Correction | None = None

    @property
    def difference(self):
        if self.correction is None or self.value is None:
            return None
        return self.value - (self.register or 0)


@dataclass(frozen=True)
class StatsRow:
    activity: Activity
    values: dict[str, object]                        # column id → value as reported
    fixes: dict[str, tuple[object, Correction]]      # corrected column id → (register value, correction)

    def cell(self, column_id: str) -> StatsCell:
        if column_id in self.fixes:
            register, fix = self.fixes[column_id]
            return StatsCell(self.values[column_id], register, fix)
        value = self.values[column_id]
        return StatsCell(value, value)


@dataclass(frozen=True)
class StatsTable:
    campaign: Campaign
    period: Period
    rows: tuple[StatsRow, ...]
    totals: dict[str, object]              # as reported
    register_totals: dict[str, object]     # as computed

    @property
    def title(self) -> str:
        return f"{self.period.label}{FORM.title}"

    @property
    def scope_note(self) -> str:
        span = f"{format_date_cn(self.period.start)}至{format_date_cn(self.period.end)}"
        if self.period.cumulative:
            return f"统计期：{span}（全年累计，含上半年已报送的活动）"
        return f"统计期：{span}"

    def deadline(self, today: dt.date) -> str:
        return deadline_text(self.period.deadline, today)

    @property
    def corrections(self) -> list[tuple[StatsRow, Field, StatsCell]]:
        return [(row, c, row.cell(c.id)) for row in self.rows for c in FIGURE_COLUMNS if c.id in row.fixes]


def _getter(column: Field):
    """How a column's value is read from an activity: its ``source`` attribute, else its figure."""
    source = column.option("source")
    if source == "departments":
        return lambda activity: activity.host_text
    if source:
        return lambda activity: getattr(activity, source)
    return lambda activity: activity.figures.get(column.id)


GETTERS = tuple((c.id, _getter(c)) for c in COLUMNS)
FIGURE_IDS = tuple(c.id for c in FIGURE_COLUMNS)
SOURCE_GETTERS = tuple((c.id, get) for c, (_, get) in zip(COLUMNS, GETTERS) if c not in FIGURE_COLUMNS)


def cell_value(column: Field, activity: Activity):
    return _getter(column)(activity)


def compute(register: Register, campaign: Campaign, period_id: str) -> StatsTable:
    """The period's table in one pass over the register's rows: values, corrections and both totals."""
    period = campaign.period(period_id)
    with collector_paused():
        activities = register.activities(period.start, period.end)
        by_activity: dict[int, dict[str, Correction]] = {}
        for (activity_id, column_id), fix in load_corrections(register, period.id).items():
            by_activity.setdefault(activity_id, {})[column_id] = fix
        rows = [_row(activity, by_activity.get(activity.id)) for activity in activities]
    totals = {column_id: sum(value for row in rows if (value := row.values[column_id]) is not None)
              for column_id in FIGURE_IDS}
    computed = dict(totals)            # as the register has it: the reported sums less each correction
    for row in rows:
        for column_id, (register_value, fix) in row.fixes.items():
            computed[column_id] -= (fix.value or 0) - (register_value or 0)
    return StatsTable(campaign, period, tuple(rows), totals, computed)


def _row(activity: Activity, corrections: dict[str, Correction] | None) -> StatsRow:
    values = {column_id: get(activity) for column_id, get in SOURCE_GETTERS}
    figures = activity.figures
    for column_id in FIGURE_IDS:
        values[column_id] = figures.get(column_id)
    fixes = {}
    for column_id, fix in (corrections or {}).items():
        fixes[column_id] = (values[column_id], fix)
        values[column_id] = fix.value
    return StatsRow(activity, values, fixes)


def load_corrections(register: Register, period_id: str) -> dict[tuple[int, str], Correction]:
    columns = {c.id: c for c in FIGURE_COLUMNS}
    with register.session() as session:
        found = session.scalars(select(CorrectionRow).where(CorrectionRow.period == period_id))
        return {(r.activity_id, r.column): Correction(parse_figure(columns[r.column], r.value), r.reason, r.by, r.at)
                for r in found if r.column in columns}


def correct(register: Register, campaign: Campaign, period_id: str, activity_id: int, column_id: str,
            value: str | None, reason: str, by: str) -> None:
    """Record (or with ``value`` None remove) a hand correction of one cell; a reason is required."""
    campaign.period(period_id)
    column = next((c for c in FIGURE_COLUMNS if c.id == column_id or c.label == column_id), None)
    if column is None:
        names = "、".join(c.label for c in FIGURE_COLUMNS)
        raise CorrectionError(f"只能修改数字列（{names}），“{column_id}”不是其中之一")
    activity = register.get(activity_id)
    if activity is None:
        raise CorrectionError(f"没有编号为 {activity_id} 的活动，请用 register list 查看编号")
    with register.session() as session:
        session.execute(delete(CorrectionRow).where(CorrectionRow.period == period_id,
                                                    CorrectionRow.activity_id == activity_id,
                                                    CorrectionRow.column == column.id))
        if value is None:
            detail = f"{period_id} {column.label}：撤销手工修改"
        else:
            if not reason.strip():
                raise CorrectionError("手工修改必须写明理由（--reason），以便核对")
            try:
                parsed = parse_figure(column, value)
            except FieldError as exc:
                raise CorrectionError(exc.message) from None
            if parsed is None or parsed < 0:
                raise CorrectionError(f"{column.label}应为不小于 0 的数")
            now = utc_now()
            session.add(CorrectionRow(period=period_id, activity_id=activity_id, column=column.id,
                                      value=str(figure_json(parsed)), reason=reason.strip()[:500], by=by, at=now))
            detail = (f"{period_id} {column.label}：登记值 {figure_json(activity.figure(column.id))} → "
                      f"报送值 {figure_json(parsed)}（理由：{reason.strip()[:200]}）")
        session.add(ChangeRow(activity_id=activity_id, at=utc_now(), by=by, action="手工修改", detail=detail))


def row_json(row: StatsRow) -> dict:
    out: dict = {"id": row.activity.id}
    for column in COLUMNS:
        value = row.values[column.id]
        out[column.id] = value.isoformat() if isinstance(value, dt.date) else figure_json(value)
    fixes = {c: {"register": figure_json(cell.register), "value": figure_json(cell.value),
                 "difference": figure_json(cell.difference), "reason": cell.correction.reason}
             for c, cell in ((c, row.cell(c)) for c in row.fixes)}
    if fixes:
        out["corrected"] = fixes
    out["evidence"] = {c.id: bool(row.activity.evidence.get(c.id)) for c in FIGURE_COLUMNS}
    if row.activity.conflicts:
        out["conflicts"] = list(row.activity.conflicts)
    return out


def totals_json(table: StatsTable) -> dict:
    return {"totals": {k: figure_json(v) for k, v in table.totals.items()},
            "register_totals": {k: figure_json(v) for k, v in table.register_totals.items()},
            "period": table.period.id, "label": table.period.label, "cumulative": table.period.cumulative,
            "activities": len(table.rows)}
