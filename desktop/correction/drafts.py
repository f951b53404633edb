"""A received notice on the enterprise's side: which draft it is for, and what it puts into it.

The notice is kept in the draft's own data under ``NOTICE_KEY`` (as the
acknowledged warnings are), so it survives a restart, travels with a
duplicated draft and needs no new table.  While it is there every comment is
a warning at its field (code ``notice.comment``), listed on the review page
like any other, and the next export records the notice's id in the package
(:func:`answered_notice_id`).

Which draft: one of the notice's form whose export carried the notice's
binding code; failing that, one of the same form with the same 统一社会信用代码
(the enterprise imported the package's data afresh, or reinstalled).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from desktop.engine.model import WARNING, Form, Problem
from desktop.rules.credit_code import normalize as normalize_uscc

from .notice_file import CorrectionNotice, NoticeError, notice_json, parse_notice

if TYPE_CHECKING:
    from desktop.store.store import Store

NOTICE_KEY = "_notice"
COMMENT_CODE = "notice.comment"
PROBLEM_CODE = "notice.problem"


@dataclass(frozen=True)
class Match:
    draft_id: int
    exact: bool                # True: the draft exported the very package the notice is about


def stored_notice(raw: dict) -> CorrectionNotice | None:
    """The notice a draft holds, or None (also when what is stored no longer reads as a notice)."""
    value = raw.get(NOTICE_KEY) if isinstance(raw, dict) else None
    if not isinstance(value, dict):
        return None
    try:
        return parse_notice(value)
    except NoticeError:
        return None


def answered_notice_id(raw: dict) -> str | None:
    notice = stored_notice(raw)
    return notice.notice_id if notice else None


def comment_problems(form_id: str, raw: dict) -> tuple[Problem, ...]:
    """The held notice's comments on this form as warnings at their fields; for its primary form also
    the problems the desk found in the package as a whole (path "")."""
    notice = stored_notice(raw)
    if notice is None:
        return ()
    found = [Problem("", WARNING, PROBLEM_CODE, f"审核发现的问题（补正通知 {notice.notice_id}）：{text}")
             for text in (notice.problems if form_id == notice.form_id else ())]
    found += [Problem(c.path, WARNING, COMMENT_CODE, f"审核意见（补正通知 {notice.notice_id}）：{c.text}")
              for c in notice.comments_for(form_id)]
    return tuple(found)


def with_notice(raw: dict, notice: CorrectionNotice) -> dict:
    data = copy.deepcopy(raw)
    data[NOTICE_KEY] = notice_json(notice)
    return data


def find_drafts(store: Store, notice: CorrectionNotice) -> list[Match]:
    """Live drafts the notice can be for, the exact ones (same binding code) first, newest first within."""
    candidates = [s for s in store.list_drafts() if s.form_id == notice.form_id]
    exact = [s.id for s in candidates
             if any(e.binding_code == notice.binding_code for e in store.list_exports(s.id))]
    code = normalize_uscc(notice.credit_code) if notice.credit_code else ""
    same_enterprise = [s.id for s in candidates if s.id not in exact and code
                       and _uscc(store.get_draft(s.id).data) == code]
    return [Match(i, True) for i in exact] + [Match(i, False) for i in same_enterprise]


def apply_notice(store: Store, notice: CorrectionNotice, draft_id: int, forms: Sequence[Form]) -> list[int]:
    """Put the notice into the draft and into the drafts of its package's other forms; their ids.

    Saving changed data into an exported (sealed) draft starts its next revision, so the answer is
    exported as a new revision, never over the one the notice is about.
    """
    from desktop.linking import companion_drafts

    changed = [draft_id]
    record = store.get_draft(draft_id)
    store.save_draft(draft_id, with_notice(record.data, notice), record.problem_count)
    for companion in companion_drafts(store, tuple(forms), draft_id):
        if notice.comments_for(companion.form_id):  # a comment on the 附件2 exported beside a 附件3
            store.save_draft(companion.id, with_notice(companion.data, notice), companion.problem_count)
            changed.append(companion.id)
    return changed


def _uscc(data: dict) -> str:
    profile = data.get("profile") if isinstance(data, dict) else None
    code = profile.get("uscc") if isinstance(profile, dict) else None
    return normalize_uscc(code) if isinstance(code, str) else ""
