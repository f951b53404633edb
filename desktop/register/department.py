"""The department template (部门填报模板): written for one department, read back, checked row by row.

Columns (names as in the README): 活动名称* 开始日期* 结束日期 举办地点* 线上/线下* 活动级别*
活动类型* 产业链 牵头部门 协办部门 对应日程, then one column per 附件6 figure, named as in
the 附件6 definition.  Sheet “填报信息” carries 填报部门.  A file with any error imports
nothing; the report lists every problem with its row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.bulk import collector_paused
from desktop.engine.kinds import kind_of
from desktop.engine.kinds import FieldError
from desktop.forms.a2024_stats import ACTIVITY_KINDS
from desktop.package.safe_json import printable
from desktop.rules.campaign import Campaign
from desktop.rules.formats import clean_text, parse_date

from .activity import DEPARTMENTS, FIGURES, LEVELS, MODES, Activity, check_activity, parse_figure
from .sheet import Column, SheetError, cell_text, read_sheet
from .workbook import write_template

SHEET = "活动登记"
INFO_SHEET = "填报信息"
DEPARTMENT_LABEL = "填报部门"
MAX_ROWS = 20_000
BASE_COLUMNS = (
    Column("name", "活动名称", True),
    Column("start", "开始日期", True, ("举办时间",)),
    Column("end", "结束日期"),
    Column("place", "举办地点", True),
    Column("mode", "线上/线下", True, ("线上线下",)),
    Column("level", "活动级别", True),
    Column("kind", "活动类型", True),
    Column("chain", "产业链"),
    Column("lead", "牵头部门"),
    Column("co_hosts", "协办部门"),
    Column("schedule_ref", "对应日程"),
)
COLUMNS = BASE_COLUMNS + tuple(Column(f.id, f.label) for f in FIGURES)
CHOICES = {"mode": MODES, "level": LEVELS, "kind": ACTIVITY_KINDS}
SEPARATORS = ("，", ",", "；", ";", "/", "　", " ")


def write_department_template(path: Path, department: str, campaign: Campaign,
                              activities: list[Activity] = ()) -> None:
    rows = [activity_cells(a) for a in activities]
    note = ("每行一项活动。带 * 的列必填；日期写成 2024-05-20；牵头部门空着即为本部门；"
            f"部门写全称（如某省{DEPARTMENTS[0]}、{'、'.join(DEPARTMENTS[1:])}），多个协办部门用顿号分隔；"
            "同一活动由几个部门共同举办时，各部门都可填写，汇总时按活动名称、开始日期和举办地点合并，只计一次。")
    write_template(path, SHEET, COLUMNS, rows, CHOICES,
                   {DEPARTMENT_LABEL: department, "活动": campaign.name, "文号": campaign.notice}, note)


def activity_cells(activity: Activity) -> dict:
    cells = {"name": activity.name, "start": activity.start, "end": activity.end, "place": activity.place,
             "mode": activity.mode, "level": activity.level, "kind": activity.kind, "chain": activity.chain,
             "lead": activity.lead, "co_hosts": "、".join(activity.co_hosts), "schedule_ref": activity.schedule_ref}
    for figure in FIGURES:
        value = activity.figure(figure.id)
        cells[figure.id] = float(value) if kind_of(figure).amount and value is not None else value
    return cells


def read_department_file(path: Path, campaign: Campaign, department: str = "") -> tuple[str, list[Activity], list[str]]:
    """(department, activities, warnings); SheetError listing every problem when any row is wrong."""
    with collector_paused():          # a year's sheet: 200,000 cells, 10,000 rows and activities, no cycle
        return _read_department_file(Path(path), campaign, department)


def _read_department_file(path: Path, campaign: Campaign, department: str) -> tuple[str, list[Activity], list[str]]:
    source = Path(path).name
    sheet = read_sheet(Path(path), source, COLUMNS, MAX_ROWS, INFO_SHEET)
    department = clean_text(department or sheet.info.get(DEPARTMENT_LABEL, ""))
    if not department:
        raise SheetError(f"“{source}”未导入：不知道是哪个部门填报的（“{INFO_SHEET}”工作表中没有{DEPARTMENT_LABEL}），"
                         "请用 --department 指明部门")
    first = min(p.start for p in campaign.periods)
    last = max(p.end for p in campaign.periods)
    problems, warnings, activities, seen = [], [], [], {}
    for number, values in sheet.rows:
        where = f"第 {number} 行"
        activity, found = _activity(values, department, first)
        checks = check_activity(activity, first, last)
        found += [p.message for p in checks if p.level == "error" and p.code != "required"]
        warnings += [f"{where}：{p.message}" for p in checks if p.level != "error"]
        if activity.key in seen and not found:
            found.append(f"与{seen[activity.key]}是同一项活动（名称、开始日期、地点相同），请合并为一行")
        seen.setdefault(activity.key, where)
        problems += [f"{where}：{p}" for p in found]
        if not found:
            activities.append(activity)
    if problems:
        raise SheetError.listing(source, problems)
    if not activities:
        raise SheetError(f"“{source}”中没有任何活动（只有表头），未导入")
    return department, activities, warnings


def _activity(values: dict, department: str, fallback: dt.date) -> tuple[Activity, list[str]]:
    """The row as an activity and the problems of its cells; a date that could not be read is
    replaced by ``fallback`` (its problem is listed) so the row's other rules are still checked."""
    found: list[str] = []
    texts = {c.key: _text(values.get(c.key), c.header, found) for c in BASE_COLUMNS}
    missing = [c.header for c in BASE_COLUMNS if c.required and not texts.get(c.key)]
    if missing:
        found.append(f"缺少{'、'.join(missing)}")
    start = _date(values.get("start"), "开始日期", found)
    end = _date(values.get("end"), "结束日期", found) if values.get("end") is not None else start
    figures = {}
    for figure in FIGURES:
        raw = values.get(figure.id)
        if isinstance(raw, ValueError):
            found.append(f"{figure.label}{raw}")
            continue
        try:
            figures[figure.id] = parse_figure(figure, raw)
        except FieldError as exc:
            found.append(exc.message)
    start = start or fallback
    end = end or start
    lead = texts["lead"] or department
    co_hosts = tuple(d for d in _split(texts["co_hosts"]) if d != lead)
    if department not in (lead, *co_hosts):
        co_hosts += (department,)
    return Activity(name=texts["name"], start=start, end=end, place=texts["place"], mode=texts["mode"],
                    level=_level(texts["level"]), kind=texts["kind"], lead=lead, chain=texts["chain"],
                    co_hosts=co_hosts, schedule_ref=texts["schedule_ref"], figures=figures), found


def _text(value, header: str, found: list[str]) -> str:
    if isinstance(value, ValueError):
        found.append(f"{header}{value}")
        return ""
    return clean_text(cell_text(value))[:200]


def _date(value, header: str, found: list[str]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if value is None or isinstance(value, ValueError):
        return None
    try:
        return parse_date(printable(cell_text(value), 40))
    except ValueError as exc:
        found.append(f"{header}有误，{exc}")
        return None


def _level(text: str) -> str:
    """省级 → 省: the level as the list offers it, whichever way it was typed."""
    return text[:-1] if text.endswith("级") and text[:-1] in LEVELS else text


def _split(text: str) -> list[str]:
    for separator in SEPARATORS:
        text = text.replace(separator, "、")
    return [part for part in text.split("、") if part]
