"""Values the store hands out: frozen snapshots, never live ORM objects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple


def dump_json(value: dict[str, Any]) -> str:
    """Canonical JSON text: equal data gives equal text, so an unchanged
    autosave is recognised by comparing strings. Chinese stays readable
    (and a third of the size) instead of \\u escapes."""
    if not isinstance(value, dict):
        raise TypeError(f"expected a dict of raw values, got {type(value).__name__}")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


def load_json(text: str) -> dict[str, Any]:
    return json.loads(text) if text else {}


def format_local_time(moment: datetime) -> str:
    """``2023年4月27日 10:32:15`` in the computer's local time (docs/workflow.md: date style)."""
    local = moment.astimezone()
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S}"


def enterprise_name_of(data: dict[str, Any]) -> str:
    """The enterprise name typed in a draft's profile, or ""."""
    profile = data.get("profile")
    name = profile.get("name") if isinstance(profile, dict) else None
    return name.strip() if isinstance(name, str) else ""


def draft_label(title: str, enterprise_name: str, form_id: str) -> str:
    """How a draft is named in lists and messages when no form title is at hand."""
    if title:
        return title
    return f"{enterprise_name} · {form_id}" if enterprise_name else form_id


@dataclass(frozen=True)
class DraftRecord:
    id: int
    form_id: str
    edition: str
    form_hash: str
    title: str
    enterprise_id: int | None
    data: dict[str, Any]
    problem_count: int
    revision: int
    sealed: bool
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class DraftSummary:
    """One line of the main window's draft list."""

    id: int
    form_id: str
    edition: str
    title: str
    enterprise_name: str
    updated_at: datetime
    problem_count: int
    revision: int
    sealed: bool
    last_binding_code: str | None
    last_exported_at: datetime | None
    last_export_revision: int | None
    deleted_at: datetime | None

    @property
    def label(self) -> str:
        return draft_label(self.title, self.enterprise_name, self.form_id)


@dataclass(frozen=True)
class ExportRecord:
    id: int
    draft_id: int
    revision: int
    binding_code: str
    exported_at: datetime
    path: str
    kind: str
    submission: dict[str, Any]


@dataclass(frozen=True)
class EnterpriseRecord:
    id: int
    name: str
    uscc: str
    updated_at: datetime


class RecoveredDraft(NamedTuple):
    draft_id: int
    label: str
    updated_at: datetime


@dataclass(frozen=True)
class RecoveryReport:
    """What the last, unclean run left behind (shown before the user acts)."""

    previous_started_at: datetime
    drafts: list[RecoveredDraft]

    def message(self) -> str:
        started = format_local_time(self.previous_started_at)
        head = f"上次运行携手填报（{started} 启动）时程序没有正常关闭。"
        if not self.drafts:
            return head + "那次运行中没有修改过任何草稿，所有数据都完好。"
        lines = [head + "以下草稿已恢复到最后一次自动保存的内容，请打开核对最后几处修改："]
        lines += [f"· {d.label}（保存于 {format_local_time(d.updated_at)}）" for d in self.drafts]
        return "\n".join(lines)
