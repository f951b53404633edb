"""One enterprise, one set of facts: the forms of one package agree on what they share (docs/package.md §2).

A 附件3 and the 附件2 travelling with it describe the same enterprise and the
same need: every field of the enterprise profile and every common field
(``Form.shared_fields``) must hold the same value in both. The export refuses a
package where they differ and the officer's check reports it, each differing
field named. Values are compared clean (``6800`` and ``6800.00`` agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.engine.kinds import kind_of
from desktop.engine.model import ERROR, Field, Form, Problem
from desktop.engine.schema import iter_fields, record_items
from desktop.engine.submission import make_submission

CODE = "package.forms_disagree"
PROFILE = "profile"


@dataclass(frozen=True)
class Difference:
    path: str          # profile.employees
    label: str         # 从业人员（人，上年末）
    mine: Any          # the primary form's clean JSON value
    theirs: Any        # the other form's


def shared_paths(form: Form, other: Form) -> list[tuple[str, Field]]:
    """The profile's typed fields and the common fields both forms have, in ``form``'s order."""
    theirs = {path for path, _ in iter_fields(record_items(other))}
    common = set(form.shared_fields) & set(other.shared_fields)
    return [(path, field) for path, field in iter_fields(record_items(form))
            if path in theirs and not kind_of(field).computed and (path.startswith(f"{PROFILE}.") or path in common)]


def differences(form: Form, data: dict, other: Form, other_data: dict) -> list[Difference]:
    """Fields the two forms share whose clean values differ; ``data``: each form's submission data (JSON)."""
    found = []
    for path, field in shared_paths(form, other):
        mine, theirs = _at(data, path), _at(other_data, path)
        if mine != theirs:
            found.append(Difference(path, field.label, mine, theirs))
    return found


def raw_differences(form: Form, raw: dict, other: Form, other_raw: dict) -> list[Difference]:
    """The same for raw drafts (as typed): each is cleaned first."""
    return differences(form, make_submission(form, raw)[0]["data"], other, make_submission(other, other_raw)[0]["data"])


def message(form: Form, other: Form, difference: Difference) -> str:
    return (f"{other.attachment_no}与{form.attachment_no}的“{difference.label}”（{difference.path}）不一致："
            f"{form.attachment_no}为 {_shown(difference.mine)}，{other.attachment_no}为 {_shown(difference.theirs)}。"
            "同一企业、同一需求的表格应填写相同的信息，请核对后改为一致")


def problems(form: Form, raw: dict, other: Form, other_raw: dict) -> list[Problem]:
    """One error per differing field, at its path (for the export and the review of linked drafts)."""
    return [Problem(d.path, ERROR, CODE, message(form, other, d)) for d in raw_differences(form, raw, other, other_raw)]


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "（未填写）"
    if isinstance(value, list):
        return "、".join(map(str, value))
    return f"“{value}”" if isinstance(value, str) else str(value)
