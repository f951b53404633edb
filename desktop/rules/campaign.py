"""Campaigns (docs/rules.md §4): notice, forms, deadlines and recipients, read from data files.

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
from desktop.rules.formats import format_date_cn

FORMAT = "xieshou-campaign"


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message says what is wrong."""


@dataclass(frozen=True)
class Deadline:
    forms: tuple[str, ...]
    date: dt.date | None
    what: str


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str
    postcode: str


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    notice: str
    notice_date: dt.date
    forms: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    recipients: tuple[tuple[str, Recipient], ...]  # channel → fixed recipient

    def deadline_for(self, form_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if form_id in d.forms), None)

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
    try:
        deadlines = tuple(Deadline(tuple(d["forms"]), _date(d.get("date"), f"{source}截止时间"), str(d.get("what", "")))
                          for d in obj["deadlines"])
        recipients = tuple((channel, Recipient(r["name"], r["address"], r["postcode"]))
                           for channel, r in sorted(obj.get("recipients", {}).items()))
    except (KeyError, TypeError, AttributeError):
        raise CampaignError(f"{source}中的截止时间或收件单位格式不对，请向发文单位索取正确的活动文件") from None
    return Campaign(str(obj["id"]), str(obj["name"]), str(obj["notice"]),
                    _date(obj["notice_date"], f"{source}发文日期"), tuple(obj["forms"]), deadlines, recipients)


def load_campaign(path: Path) -> Campaign:
    try:
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


def current_campaign(extra_dir: Path | None = None) -> Campaign:
    """The newest campaign by notice date."""
    return all_campaigns(extra_dir)[-1]


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
