"""What changed between two revisions of a package, field by field, with the form's labels."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from desktop.desk.db import DeskDB, DeskError
from desktop.desk.tables import DeskPackage

MAX_SHOWN = 200        # characters of a value shown in a difference


@dataclass(frozen=True)
class Change:
    form_id: str
    path: str          # needs[0].budget
    label: str         # 需求1 拟投入资金（万元）
    old: str
    new: str

    def to_json(self) -> dict:
        return {"form": self.form_id, "path": self.path, "label": self.label, "old": self.old, "new": self.new}


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Leaf paths → shown values; a list of scalars (choices) is one value."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key in sorted(value):
            if str(key).startswith("_"):
                continue    # program bookkeeping (acknowledged warnings, a received notice)
            out.update(flatten(value[key], f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    if isinstance(value, list):
        return {prefix: "、".join(str(v) for v in value)}
    return {prefix: "" if value is None else str(value)}


def changes(old: dict[str, dict], new: dict[str, dict]) -> list[Change]:
    found = []
    for form_id in sorted(set(old) | set(new)):
        before, after = flatten(old.get(form_id, {})), flatten(new.get(form_id, {}))
        labels = _labels(form_id)
        for path in sorted(set(before) | set(after), key=_natural):
            if before.get(path, "") != after.get(path, ""):
                found.append(Change(form_id, path, label_of(path, labels), before.get(path, "")[:MAX_SHOWN],
                                    after.get(path, "")[:MAX_SHOWN]))
    return found


def between(db: DeskDB, old_id: int, new_id: int) -> list[Change]:
    with db.reading() as session:
        older, newer = session.get(DeskPackage, old_id), session.get(DeskPackage, new_id)
        if older is None or newer is None:
            raise DeskError(f"找不到收件 #{old_id if older is None else new_id}")
        return changes(json.loads(older.data_json or "{}"), json.loads(newer.data_json or "{}"))


def _natural(path: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path)]


def _labels(form_id: str) -> dict[str, tuple[str, str]]:
    """Generic path (``needs[].budget``) → (field label, row label pattern of its table)."""
    from desktop.engine.model import Table
    from desktop.engine.schema import record_items
    from desktop.forms.registry import get_form

    try:
        form = get_form(form_id)
    except KeyError:
        return {}
    out: dict[str, tuple[str, str]] = {}

    def walk(items, prefix: str, row_label: str) -> None:
        for item in items:
            path = f"{prefix}.{item.id}" if prefix else item.id
            if isinstance(item, Table):
                walk(item.columns, f"{path}[]", getattr(item, "row_label", "") or f"{item.label}第{{n}}行")
            elif hasattr(item, "fields"):
                walk(item.fields, path, row_label)
            else:
                out[path] = (item.label, row_label)
    walk(record_items(form), "", "")
    return out


def label_of(path: str, labels: dict[str, tuple[str, str]]) -> str:
    generic = re.sub(r"\[\d+\]", "[]", path)
    found = labels.get(generic)
    if found is None:
        return path
    label, row_label = found
    rows = re.findall(r"\[(\d+)\]", path)
    if rows and row_label:
        return f"{row_label.replace('{n}', str(int(rows[-1]) + 1))} {label}"
    return label
