"""Figures two departments reported differently (数据不一致), side by side, and the officer's decision (裁定).

The officer takes, figure by figure, one department's value or types another,
and gives a reason.  Taking one department's figures throughout goes through
``Register.decide``; a mix or a typed value is written as the officer's own
figures.  Either way the conflict is closed and the change log says who
decided what, when, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.engine.kinds import FieldError
from desktop.engine.model import ERROR, Field
from desktop.rules.campaign import Campaign

from .activity import FIGURES, Activity, Figure, check_activity, figure_json, parse_figure
from .edit import figures_by, write
from .store import Register

TYPED = ""        # the source of a value the officer typed


class DecideError(ValueError):
    """A decision that cannot be recorded; the message says what to change."""


@dataclass(frozen=True)
class Disputed:
    """One figure in dispute: each department's value, the one that counts now first."""

    figure: Field
    reported: tuple[tuple[str, Figure], ...]


def disputed(register: Register, activity: Activity) -> tuple[str, list[Disputed]]:
    """(whose figures count now, the figures in dispute in 附件6 order)."""
    holder = figures_by(register, activity.id) or activity.lead
    found = []
    for figure in FIGURES:
        others = [(c["by"], parse_figure(figure, c["figures"][figure.id])) for c in activity.conflicts
                  if figure.id in c.get("figures", {})]
        if others:
            found.append(Disputed(figure, ((holder, activity.figure(figure.id)), *others)))
    return holder, found


def decide_conflict(register: Register, campaign: Campaign, activity_id: int, values: dict[str, str],
                    sources: dict[str, str], reason: str, by: str) -> Activity:
    """Close the conflict with ``values`` (figure id → text) taken from ``sources`` (department, or TYPED)."""
    activity = register.get(activity_id)
    if activity is None or not activity.conflicts:
        raise DecideError("这项活动已没有待裁定的数据（可能另一位经办人已经裁定），请刷新后查看")
    if not reason.strip():
        raise DecideError("请写明裁定理由（记入变更记录，便于日后核对）")
    holder, disputes = disputed(register, activity)
    chosen: dict[str, Figure] = {}
    for dispute in disputes:
        figure = dispute.figure
        try:
            value = parse_figure(figure, values.get(figure.id, ""))
        except FieldError as exc:
            raise DecideError(exc.message) from None
        if value is None or value < 0:
            raise DecideError(f"请为“{figure.label}”选择一个部门的数值，或填写不小于 0 的数")
        chosen[figure.id] = value
    decided = replace(activity, figures={**activity.figures, **chosen}, conflicts=())
    first, last = min(p.start for p in campaign.periods), max(p.end for p in campaign.periods)
    errors = [p.message for p in check_activity(decided, first, last) if p.level == ERROR]
    if errors:
        raise DecideError("按所选数值，" + "；".join(errors))
    taken = {sources.get(d.figure.id, TYPED) for d in disputes}
    department = next(iter(taken)) if len(taken) == 1 else TYPED
    if department != TYPED and all(dict(d.reported).get(department) == chosen[d.figure.id] for d in disputes):
        return register.decide(activity_id, department, by, reason=reason)
    detail = "；".join(f"{d.figure.label} 采用 {figure_json(chosen[d.figure.id])}"
                      f"（{sources.get(d.figure.id) or '经办人填写'}）" for d in disputes)
    return write(register, decided, by, "裁定", f"{detail}；理由：{reason.strip()[:500]}", figures_by=by)


__all__ = ["DecideError", "Disputed", "TYPED", "decide_conflict", "disputed"]
