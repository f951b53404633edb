"""活动信息和成效 for one activity: the texts the officer writes, the activity's figures from the register.

The texts come from a JSON file (keys as in docs/2024.md, English ids or the
Chinese labels) and are kept with the activity, so a later export needs no file.
Photos are checked by content and copied into the attachment store (JPG/PNG);
the report is exported as a package (PDF and Word, photos scaled and captioned).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.attachments import AttachmentError, default_store
from desktop.forms.a2024_report import FORM, PHOTOS
from desktop.package.safe_json import JsonRefused, loads_limited
from desktop.rules.formats import format_date_cn

from .activity import FIGURES, Activity, figure_json

MAX_TEXTS_BYTES = 1024 * 1024
KEYS = {"标题": "title", "地区": "region", "报送单位": "unit", "报送日期": "filled_on", "主要做法": "practice",
        "取得成效": "results", "经验启示": "lessons", "照片": "photos"}
PHOTO_KEYS = {"文件": "file", "图片说明": "caption", "说明": "caption"}
PHOTO_MAX_MB = dict(PHOTOS.columns[1].options)["max_mb"]


class ReportError(ValueError):
    """Texts or photos that cannot be used; the message says what to change."""


def read_texts(path: Path) -> dict:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEXTS_BYTES:
            raise JsonRefused("文件过大（上限 1 MB）")
        obj = loads_limited(path.read_bytes(), max_bytes=MAX_TEXTS_BYTES)
    except (OSError, JsonRefused) as exc:
        raise ReportError(f"无法读取活动信息文件 {path.name}：{exc}") from None
    if not isinstance(obj, dict):
        raise ReportError(f"活动信息文件 {path.name} 应为 {{\"标题\": \"…\", \"主要做法\": \"…\"}} 形式的 JSON")
    texts = {KEYS.get(k, k): v for k, v in obj.items()}
    photos = texts.get("photos") or []
    if not isinstance(photos, list) or len(photos) > PHOTOS.max_rows:
        raise ReportError(f"照片应为列表，最多 {PHOTOS.max_rows} 张")
    texts["photos"] = [_photo(p, path.parent) for p in photos]
    return texts


def _photo(entry, folder: Path) -> dict:
    if not isinstance(entry, dict):
        raise ReportError("每张照片应写成 {\"文件\": \"照片.jpg\", \"图片说明\": \"…\"}")
    entry = {PHOTO_KEYS.get(k, k): v for k, v in entry.items()}
    if "stored" in entry:   # kept from an earlier export
        return entry
    source = folder / str(entry.get("file", ""))
    try:
        stored = default_store().add(source, accept=("jpg", "png"), max_mb=PHOTO_MAX_MB)
    except AttachmentError as exc:
        raise ReportError(exc.message) from None
    return {"caption": str(entry.get("caption", "")), "stored": stored.to_value()}


def report_raw(activity: Activity, texts: dict, reported_on: dt.date) -> dict:
    """The raw data of a 2024-report about ``activity``: its texts, its figures from the register.

    报送日期 is the one written in the texts, else the day of the export (``reported_on``, China time), so that
    the same export gives the same report whatever the computer's clock or time zone.
    """
    when = format_date_cn(activity.start)
    return {
        "title": texts.get("title") or f"{activity.name}取得积极成效",
        "region": texts.get("region", ""),
        "activity": f"{activity.name}（{when}，{activity.place}）",
        "held_on": activity.start.isoformat(),
        "unit": texts.get("unit") or activity.lead,
        "filled_on": texts.get("filled_on") or reported_on.isoformat(),
        "practice": texts.get("practice", ""), "results": texts.get("results", ""),
        "lessons": texts.get("lessons", ""),
        "figures": {f.id: str(figure_json(activity.figure(f.id))) for f in FIGURES if activity.figure(f.id) is not None},
        "photos": [{"caption": p.get("caption", ""), "photo": p["stored"]} for p in texts.get("photos", [])],
    }


__all__ = ["FORM", "ReportError", "read_texts", "report_raw"]
