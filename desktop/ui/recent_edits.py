"""The names of the fields a draft changed last (kept in the draft by the session, newest first)."""

from __future__ import annotations

import re

from desktop.store.records import enterprise_name_of

from .review_page import item_labels, pattern_of
from .session import RECENT_KEY


def field_name(labels: dict[str, str], path: str) -> str:
    """``needs[2].title`` → ``需求名称（第 3 项）``."""
    label = labels.get(pattern_of(path), path)
    rows = [int(n) + 1 for n in re.findall(r"\[(\d+)\]", path)]
    return label + (f"（第 {rows[-1]} 项）" if rows else "")


def recent_field_names(ctx, draft_id: int) -> list[str]:
    """Empty when the draft or its form cannot be read (the notice then names the time only)."""
    try:
        record = ctx.store.get_draft(draft_id)
    except Exception:  # purged meanwhile, or the store closed: the notice still helps without it
        return []
    form = ctx.form(record.form_id, record.edition)
    paths = record.data.get(RECENT_KEY)
    if form is None or not isinstance(paths, list):
        return []
    labels = item_labels(form)
    return [field_name(labels, p) for p in paths if isinstance(p, str)]


def draft_name(ctx, draft) -> str:
    """A recovered draft as the drafts list names it: its own title, or 附件n and the form's title with the
    enterprise (the store alone knows only the form's id, which means nothing to a clerk)."""
    try:
        record = ctx.store.get_draft(draft.draft_id)
    except Exception:  # purged meanwhile: the store's own label still says something
        return draft.label
    form = ctx.form(record.form_id, record.edition)
    if record.title or form is None:
        return draft.label
    name = enterprise_name_of(record.data)
    return f"{form.attachment_no} {form.title}" + (f" · {name}" if name else "")
