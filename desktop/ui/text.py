"""How times and counts are written on screen (docs/workflow.md: 2023年4月27日 style)."""

from __future__ import annotations

import datetime as dt


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone() if moment.tzinfo else moment


def date_cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def when(moment: dt.datetime) -> str:
    """``2023年4月20日 10:32`` in local time."""
    moment = local(moment)
    return f"{date_cn(moment)} {moment:%H:%M}"


def when_seconds(moment: dt.datetime) -> str:
    """``2023年4月20日 10:32:15`` in local time (where the second matters: the recovery notice)."""
    moment = local(moment)
    return f"{date_cn(moment)} {moment:%H:%M:%S}"


def clock(moment: dt.datetime) -> str:
    """``10:32:15`` in local time (the autosave note in the title bar)."""
    return f"{local(moment):%H:%M:%S}"


def problems_left(count: int) -> str:
    return f"还有 {count} 处需要修改" if count else "没有需要修改的地方"
