"""2024 附件1–4 (工信厅联企业函〔2024〕174号): the schedules the ministry hands out, one data definition each.

A province imports them (XLSX with these column labels, or JSON), lists and filters
their rows, and marks the ones it joins (本省参加).  ``key`` names the columns that
identify a row across re-imports; ``month`` the date column the list filters by.
"""

from dataclasses import dataclass

from desktop.engine.declare import date, text
from desktop.engine.model import Form, Section, Table

CAMPAIGN = "2024-baichang"
MAX_ROWS = 2000


def _schedule(form_id: str, number: str, title: str, columns: tuple) -> Form:
    rows = Table("rows", title, columns, min_rows=1, max_rows=MAX_ROWS, row_label="活动{n}", row_title_field="name")
    return Form(id=form_id, edition="2024", title=title, attachment_no=number, campaign=CAMPAIGN,
                sections=(Section("rows", title, items=(rows,)),))


def _contact():
    return text("contact", "联系人及电话", 60, sample="contact")


CHAIN_EVENTS = _schedule("2024-a1-chain-events", "附件1", "工业和信息化部组织的产业链专场对接活动表", (
    text("chain", "产业链", 40, required=True, sample="chain"),
    text("name", "活动名称", 100, required=True, sample="event:chain"),
    text("leader", "依托龙头企业", 100, sample="company"),
    date("held_on", "举办时间", required=True, sample_range=("2024-06-01", "2024-12-20")),
    text("place", "举办地点", 60, required=True, sample="venue"),
    text("organiser", "承办单位", 100, required=True, sample="organiser:chain"),
    _contact(),
))

PROVINCIAL_EVENTS = _schedule("2024-a2-provincial-events", "附件2", "部分省份举办的全国性融通对接活动表", (
    text("province", "省份", 20, required=True, sample="province:row"),
    text("name", "活动名称", 100, required=True, sample="event:provincial"),
    text("chain", "重点产业链", 40, required=True, sample="chain"),
    date("held_on", "举办时间", required=True, sample_range=("2024-06-01", "2024-12-20")),
    text("place", "举办地点", 60, required=True, sample="venue"),
    text("organiser", "主办单位", 100, required=True, sample="organiser"),
    _contact(),
))

PRIVATE_EVENTS = _schedule("2024-a3-private-events", "附件3", "大型民营企业与中小企业系列对接活动表", (
    text("name", "活动名称", 100, required=True, sample="event:private"),
    text("firm", "大型民营企业", 100, required=True, sample="company"),
    date("held_on", "举办时间", required=True, sample_range=("2024-06-01", "2024-12-20")),
    text("place", "举办地点", 60, required=True, sample="venue"),
    _contact(),
))

EXPO_EVENTS = _schedule("2024-a4-expo-events", "附件4", "在展会活动中举办的融通对接活动表", (
    text("expo", "展会名称", 100, required=True, sample="expo"),
    text("name", "对接活动名称", 100, required=True, sample="event:expo"),
    date("held_on", "举办时间", required=True, sample_range=("2024-06-01", "2024-12-20")),
    text("place", "举办地点", 60, required=True, sample="venue"),
    text("organiser", "主办单位", 100, required=True, sample="organiser:expo"),
))


@dataclass(frozen=True)
class ScheduleInfo:
    """How the register lists a schedule: its 活动类型 in 附件6 and the columns a filter reads."""

    form: Form
    short: str            # 产业链专场 …, shown in the list's 类型 column
    activity_kind: str    # the 附件6 活动类型 an activity joined from this schedule gets


SCHEDULES = (
    ScheduleInfo(CHAIN_EVENTS, "产业链专场", "产业链专场"),
    ScheduleInfo(PROVINCIAL_EVENTS, "省份全国性活动", "地方自办"),
    ScheduleInfo(PRIVATE_EVENTS, "民企专场", "民企专场"),
    ScheduleInfo(EXPO_EVENTS, "展会对接", "展会对接"),
)
FORMS = tuple(s.form for s in SCHEDULES)
