"""The work behind the disc parts of the GUI, run off the UI thread by the task runner (no Qt here).

Building the image next to the package folder, writing the packing list next
to it, reading a received package's data for the read-only view, taking in a
newer campaign file.  Files are written atomically (temp file, then rename),
so an interrupted write never leaves half a file under the final name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from desktop.oserrors import json_reason, os_reason
from desktop.fileio import write_atomically
from desktop.rules.campaign import Campaign, CampaignError, all_campaigns, parse_campaign

PACKING_LIST_SUFFIX = "_寄送材料清单.pdf"
SUBMISSION_PATH = "data/submission.json"
CAMPAIGN_MAX_BYTES = 1024 * 1024


def iso_path_for(folder: Path) -> Path:
    """The image sits beside the package folder and carries its name: <folder>.iso."""
    folder = Path(folder)
    return folder.with_name(folder.name + ".iso")


def packing_list_path_for(folder: Path) -> Path:
    """Beside the package, never inside it: the manifest lists every file of the package.

    The folder's name leads, so several packages exported to one place keep their own lists."""
    folder = Path(folder)
    return folder.with_name(folder.name + PACKING_LIST_SUFFIX)


def build_package_iso(folder: Path, *, progress=None, cancel=None):
    from desktop.package.iso import build_iso

    return build_iso(Path(folder), iso_path_for(folder), progress=progress, cancel=cancel)


def campaign_for(campaign_id: str, extra_dir: Path | None) -> Campaign | None:
    """The campaign a form belongs to (the user's newer file wins), else the newest one."""
    try:
        campaigns = all_campaigns(extra_dir)
    except CampaignError:
        return None
    return next((c for c in campaigns if c.id == campaign_id), campaigns[-1] if campaigns else None)


def write_packing_list(folder: Path, pdf_pages, iso, campaign: Campaign | None, today: dt.date) -> Path:
    """``pdf_pages``: each form's PDF pages as exported (ExportOutcome.pdf_pages), or the primary's count."""
    from desktop.package.exported import exported_result
    from desktop.package.packing import packing_list_for_export

    result = exported_result(Path(folder), pdf_pages)
    pdf = packing_list_for_export(result, iso, campaign, today)
    return write_atomically(packing_list_path_for(folder), pdf)


def read_submissions(source: Path) -> list[tuple]:
    """(form, raw values, revision) of every form of a received package (the primary first), via its manifest."""
    from desktop.engine.submission import SubmissionError, parse_submission, raw_from_json
    from desktop.package.listed_file import ListedFileError, read_data_files
    from desktop.package.package_check import SUBMISSION_MAX_BYTES
    from desktop.package.safe_json import JsonRefused, loads_limited

    found = []
    for path, data in read_data_files(Path(source)):
        try:
            obj = loads_limited(data, max_bytes=SUBMISSION_MAX_BYTES)
        except JsonRefused as exc:
            raise ListedFileError(f"{path} 无法读取：{exc}") from None
        form, values = parse_submission(obj)  # SubmissionError: unknown form, damaged envelope
        revision = obj.get("revision") if isinstance(obj.get("revision"), int) else 1
        try:
            found.append((form, raw_from_json(form, values), revision))
        except (TypeError, ValueError, AttributeError, KeyError):
            raise SubmissionError(f"{path} 中的数据结构与表格不符，无法显示") from None
    return found


def import_campaign_file(source: Path, campaigns_dir: Path) -> Campaign:
    """Check a campaign file and keep a copy in the data folder; CampaignError (nothing changed) if unusable."""
    source = Path(source)
    try:
        if source.stat().st_size > CAMPAIGN_MAX_BYTES:
            raise CampaignError(f"活动文件 {source.name} 超过 1 MB，不是携手填报的活动文件")
        data = source.read_bytes()
    except OSError as exc:
        raise CampaignError(f"无法读取活动文件 {source.name}（{os_reason(exc)}），请确认文件存在且可以打开") from None
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CampaignError(f"活动文件 {source.name} 不是有效的 JSON（{json_reason(exc)}），"
                            "请向发文单位重新索取完整的文件") from None
    campaign = parse_campaign(obj, f"活动文件 {source.name} ")  # what is checked is what is kept
    campaigns_dir = Path(campaigns_dir)
    campaigns_dir.mkdir(parents=True, exist_ok=True)
    # One file per campaign id: importing a corrected file replaces the earlier one.
    name = re.sub(r"[^0-9A-Za-z._-]", "_", campaign.id).strip("._") or "campaign"
    write_atomically(campaigns_dir / f"{name}.json", data)
    return campaign
