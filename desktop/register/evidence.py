"""Evidence files (佐证材料) of an activity: PDF, JPG or PNG, checked by content, each covering some figures.

A figure is 有佐证 when at least one of the activity's files names it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.attachments import AttachmentError, default_store

from .activity import FIGURES, Activity

ACCEPT = ("pdf", "jpg", "png")
MAX_MB = 50
MAX_FILES = 30


class EvidenceError(ValueError):
    """A file or figure list that cannot be used; the message says what to change."""


def figure_ids(names: list[str]) -> list[str]:
    """Figure ids from ids or Chinese labels; EvidenceError naming the unknown ones."""
    by_name = {f.id: f.id for f in FIGURES} | {f.label: f.id for f in FIGURES}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise EvidenceError(f"不认识的数据项：{'、'.join(unknown)}。可用：{'、'.join(f.label for f in FIGURES)}")
    return list(dict.fromkeys(by_name[n] for n in names))


def attach(activity: Activity, path: Path, figures: list[str]) -> Activity:
    if len(activity.files) >= MAX_FILES:
        raise EvidenceError(f"每项活动最多 {MAX_FILES} 个佐证材料")
    covered = figure_ids(figures)
    try:
        stored = default_store().add(Path(path), accept=ACCEPT, max_mb=MAX_MB)
    except AttachmentError as exc:
        raise EvidenceError(exc.message) from None
    files = activity.files + ({"file": stored.to_value(), "figures": covered},)
    return replace(activity, files=files, evidence=evidence_of(files))


def evidence_of(files: tuple[dict, ...]) -> dict[str, bool]:
    covered = {f for entry in files for f in entry.get("figures", ())}
    return {f.id: f.id in covered for f in FIGURES}


def evidence_text(activity: Activity) -> str:
    marks = [f"{f.label}：{'有佐证' if activity.evidence.get(f.id) else '无佐证'}"
             for f in FIGURES if activity.figure(f.id) is not None]
    return "；".join(marks)
