"""Evidence files (佐证材料) changed from the window: a file already checked and stored, the figures it covers.

The file itself is checked and copied by the attachment store (as every
attachment is); here it is listed with the activity, its figures marked, or
removed — each a change-log entry.  ``files_in_use`` tells the attachment
clean-up which stored files the register still needs.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select

from desktop.attachments import referenced_hashes

from .activity import FIGURES
from .edit import write
from .evidence import MAX_FILES, EvidenceError, evidence_of, figure_ids
from .models import ActivityRow
from .store import Register

LABELS = {f.id: f.label for f in FIGURES}


def _get(register: Register, activity_id: int):
    activity = register.get(activity_id)
    if activity is None:
        raise EvidenceError(f"编号 {activity_id} 的活动已被删除（可能是另一位经办人删除的），请刷新后再试")
    return activity


def _names(figures: list[str]) -> str:
    return "、".join(LABELS[f] for f in figures) or "（未指明数据项）"


def add_file(register: Register, activity_id: int, stored: dict, figures: list[str], by: str):
    """List a stored file (``AttachmentStore.add(...).to_value()``) as evidence of ``figures``."""
    activity = _get(register, activity_id)
    if len(activity.files) >= MAX_FILES:
        raise EvidenceError(f"每项活动最多 {MAX_FILES} 个佐证材料，请先移除不需要的文件")
    covered = figure_ids(figures)
    files = activity.files + ({"file": stored, "figures": covered},)
    return write(register, replace(activity, files=files, evidence=evidence_of(files)), by, "佐证材料",
                 f"添加 {stored.get('name', '')}：佐证 {_names(covered)}")


def set_figures(register: Register, activity_id: int, index: int, figures: list[str], by: str):
    """Mark which figures the ``index``-th file supports (有佐证); the others it no longer covers."""
    activity = _get(register, activity_id)
    if not 0 <= index < len(activity.files):
        raise EvidenceError("这个佐证材料已被移除，请刷新后再试")
    covered = figure_ids(figures)
    files = list(activity.files)
    files[index] = {**files[index], "figures": covered}
    name = files[index]["file"].get("name", "")
    return write(register, replace(activity, files=tuple(files), evidence=evidence_of(tuple(files))), by,
                 "佐证材料", f"{name} 佐证：{_names(covered)}")


def remove_file(register: Register, activity_id: int, index: int, by: str):
    activity = _get(register, activity_id)
    if not 0 <= index < len(activity.files):
        raise EvidenceError("这个佐证材料已被移除，请刷新后再试")
    gone = activity.files[index]
    files = activity.files[:index] + activity.files[index + 1:]
    return write(register, replace(activity, files=files, evidence=evidence_of(files)), by, "佐证材料",
                 f"移除 {gone['file'].get('name', '')}（曾佐证 {_names(list(gone.get('figures', ())))}）")


def unsupported(activity) -> list[str]:
    """Labels of the figures the activity reports without evidence (无佐证)."""
    return [f.label for f in FIGURES if activity.figure(f.id) is not None and not activity.evidence.get(f.id)]


def files_in_use(register: Register) -> set[str]:
    """Every stored file an activity's evidence or report photos refer to (kept by the attachment clean-up)."""
    found: set[str] = set()
    with register.session() as session:
        for files, report in session.execute(select(ActivityRow.files_json, ActivityRow.report_json)):
            found |= referenced_hashes(json.loads(files or "[]")) | referenced_hashes(json.loads(report or "{}"))
    return found


__all__ = ["add_file", "files_in_use", "remove_file", "set_figures", "unsupported"]
