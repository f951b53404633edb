"""Campaigns (docs/rules.md §4): notice, forms, deadlines and recipients, read from data files.

Version 2 files (the 2024 “百场万企” round) may add ``audience`` (``enterprise``
or ``officer``), reporting ``periods`` (统计期: first day, cut-off, due date,
cumulative or not) and recipients reached by e-mail (``email`` instead of a
postal address).  A version 1 file reads as before.

A campaign is a JSON file (``resources/campaigns/*.json``, or a newer one the
user adds to the data folder), so next year's round is a new file, not code.
Deadlines in the past are shown as past: the program keeps working years later.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.oserrors import json_reason
from desktop.rules.formats import check_email, format_date_cn

FORMAT = "xieshou-campaign"
MAX_FILE_BYTES = 256 * 1024     # a campaign file is a few KB; anything larger is not one
MAX_ENTRIES = 50                # forms, deadlines, periods, recipients each
AUDIENCES = ("enterprise", "officer")


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message says what is wrong."""


@dataclass(frozen=True)
class Deadline:
    forms: tuple[str, ...]
    date: dt.date | None
    what: str
    period: str = ""             # the reporting period this deadline closes, if any


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str = ""
    postcode: str = ""
    email: str = ""              # reports sent by e-mail (2024: 附件6 统计表)


@dataclass(frozen=True)
class Period:
    """A reporting period (报送期): activities from ``start`` to ``end`` (cut-off), reported by ``due``."""

    id: str                      # 2024H1
    label: str                   # 2024年上半年
    start: dt.date
    end: dt.date
    due: dt.date
    cumulative: bool = False     # 全年 counts the first half again

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def deadline(self) -> Deadline:
        return Deadline((), self.due, f"{self.label}统计表报送", self.id)


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    notice: str
    notice_date: dt.date
    forms: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    recipients: tuple[tuple[str, Recipient], ...]  # channel → fixed recipient
    audience: str = "enterprise"
    periods: tuple[Period, ...] = ()

    def deadline_for(self, form_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if form_id in d.forms), None)

    def period(self, period_id: str) -> Period:
        """The reporting period with that id; KeyError when the campaign has none such."""
        for period in self.periods:
            if period.id == period_id:
                return period
        raise KeyError(period_id)

    def email_recipient(self) -> Recipient | None:
        return next((r for _, r in self.recipients if r.email), None)

    def recipient_for(self, channel: str | None) -> Recipient | None:
        return dict(self.recipients).get(channel or "")


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CampaignError(f"{where}的日期“{value}”格式不对，应为 2023-04-27 这样的形式") from None


def parse_campaign(obj: object, source: str = "活动文件") -> Campaign:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise CampaignError(f"{source}不是携手填报的活动文件（缺少 \"format\": \"{FORMAT}\"）")
    missing = [k for k in ("id", "name", "notice", "notice_date", "forms", "deadlines") if k not in obj]
    if missing:
        raise CampaignError(f"{source}缺少以下内容：{'、'.join(missing)}")
    _check_counts(obj, source)
    try:
        deadlines = tuple(Deadline(tuple(str(f) for f in d["forms"]), _date(d.get("date"), f"{source}截止时间"),
                                   str(d.get("what", "")), str(d.get("period") or ""))
                          for d in obj["deadlines"])
        recipients = tuple((str(channel), _recipient(r, source))
                           for channel, r in sorted(obj.get("recipients", {}).items()))
        periods = tuple(_period(p, source) for p in obj.get("periods", ()))
    except (KeyError, TypeError, AttributeError):
        raise CampaignError(f"{source}中的截止时间、报送期或收件单位格式不对，请向发文单位索取正确的活动文件") from None
    audience = str(obj.get("audience", "enterprise"))
    if audience not in AUDIENCES:
        raise CampaignError(f"{source}的适用对象“{audience[:20]}”不对，应为 enterprise 或 officer")
    return Campaign(str(obj["id"]), str(obj["name"]), str(obj["notice"]),
                    _date(obj["notice_date"], f"{source}发文日期"), tuple(str(f) for f in obj["forms"]), deadlines,
                    recipients, audience, periods)


def _check_counts(obj: dict, source: str) -> None:
    for key in ("forms", "deadlines", "periods", "recipients"):
        value = obj.get(key, [])
        if not isinstance(value, (list, dict)) or len(value) > MAX_ENTRIES:
            raise CampaignError(f"{source}中的“{key}”应为不超过 {MAX_ENTRIES} 项的列表，请向发文单位索取正确的活动文件")


def _recipient(raw: dict, source: str) -> Recipient:
    recipient = Recipient(str(raw["name"]), str(raw.get("address", "")), str(raw.get("postcode", "")),
                          str(raw.get("email", "")))
    if not recipient.email and not recipient.address:
        raise CampaignError(f"{source}中收件单位“{recipient.name[:40]}”既没有地址也没有电子邮箱")
    if recipient.email and check_email(recipient.email):
        raise CampaignError(f"{source}中收件邮箱“{recipient.email[:60]}”格式不对")
    return recipient


def _period(raw: dict, source: str) -> Period:
    where = f"{source}报送期“{str(raw['label'])[:20]}”"
    period = Period(str(raw["id"]), str(raw["label"]), _date(raw["start"], where), _date(raw["end"], where),
                    _date(raw["due"], where), bool(raw.get("cumulative", False)))
    if None in (period.start, period.end, period.due) or not period.start <= period.end <= period.due:
        raise CampaignError(f"{where}的日期应依次为开始、截止统计、报送期限，且都不能为空")
    return period


def load_campaign(path: Path) -> Campaign:
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise CampaignError(f"活动文件 {Path(path).name} 超过 {MAX_FILE_BYTES // 1024} KB，不是正常的活动文件")
        obj = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CampaignError(f"无法读取活动文件 {Path(path).name}：{json_reason(exc)}，请确认文件完整") from None
    return parse_campaign(obj, f"活动文件 {Path(path).name} ")


def builtin_campaigns() -> list[Campaign]:
    from desktop.resources import resource_path

    folder = resource_path("campaigns")
    return [load_campaign(p) for p in sorted(folder.glob("*.json"))]


def all_campaigns(extra_dir: Path | None = None) -> list[Campaign]:
    """Bundled campaigns plus the user's newer files (a user file with the same id wins)."""
    found = {c.id: c for c in builtin_campaigns()}
    if extra_dir and Path(extra_dir).is_dir():
        for path in sorted(Path(extra_dir).glob("*.json")):
            try:
                campaign = load_campaign(path)
            except CampaignError:
                continue  # a broken user file is reported when it is added, not at every start
            found[campaign.id] = campaign
    return sorted(found.values(), key=lambda c: c.notice_date)


def current_campaign(extra_dir: Path | None = None, audience: str = "enterprise") -> Campaign:
    """The newest campaign by notice date for that audience (enterprises fill in the start window's drafts)."""
    found = [c for c in all_campaigns(extra_dir) if c.audience == audience]
    if not found:
        raise CampaignError("没有找到适用的活动文件，请重新安装携手填报")
    return found[-1]


def campaign_by_id(campaign_id: str, extra_dir: Path | None = None) -> Campaign:
    for campaign in all_campaigns(extra_dir):
        if campaign.id == campaign_id:
            return campaign
    raise CampaignError(f"没有找到活动“{campaign_id}”的活动文件，请重新安装携手填报")


def days_left(deadline: dt.date, today: dt.date) -> int:
    return (deadline - today).days


def deadline_text(deadline: Deadline | None, today: dt.date) -> str:
    if deadline is None or deadline.date is None:
        return "截止时间另行通知"
    left = days_left(deadline.date, today)
    if left < 0:
        return f"已截止（{format_date_cn(deadline.date)}）"
    if left == 0:
        return f"今天截止（{format_date_cn(deadline.date)}）"
    return f"距截止还有 {left} 天（{format_date_cn(deadline.date)}）"
