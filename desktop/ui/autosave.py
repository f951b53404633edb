"""What one autosave does, on the store thread: save, share the common values, drop unused files.

The session asks for the last two only when they can matter — the shared
values (or the enterprise) changed since the last save, a file left the
draft — so typing in a long memo costs one store write per pause, as before.
Drafts open in another window are not written here: their session takes the
values in memory (:func:`share_in_memory`) and saves them itself, so an open
window never overwrites a partner with what it held before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from desktop.attachments import AttachmentStore, referenced_hashes
from desktop.engine.model import Form
from desktop.linking import is_linked, party, propagate_shared, shared_values
from desktop.store import DraftRecord

from .attachments_files import remove_unused_files

if TYPE_CHECKING:  # the store module pulls in SQLAlchemy; start-up paints before loading it
    from desktop.store.store import Store


@dataclass(frozen=True)
class SaveOutcome:
    record: DraftRecord
    linked: tuple[int, ...] = ()      # closed drafts that took the shared values
    removed: tuple[str, ...] = ()     # attachment files no draft uses any more, deleted


def save_work(store: Store, forms: tuple[Form, ...], files: AttachmentStore, draft_id: int, raw: dict,
              problem_count: int, *, share: bool = False, skip: Iterable[int] = (),
              clean_since: float | None = None, keep: Iterable[str] = ()) -> SaveOutcome:
    """Save ``raw``; with ``share`` copy its shared values to linked drafts not in ``skip``;
    with ``clean_since`` delete files nothing refers to (``keep``: hashes open windows still hold)."""
    record = store.save_draft(draft_id, raw, problem_count)
    # A sealed draft saved unchanged is not an edit: it must not push its exported values onto others.
    linked = propagate_shared(store, forms, draft_id, raw, skip=set(skip)) if share and not record.sealed else []
    removed = remove_unused_files(store, files, keep, clean_since) if clean_since is not None else []
    return SaveOutcome(record, tuple(linked), tuple(removed))


def shared_state(form: Form, raw: dict, enterprise_id: int | None) -> tuple[Any, ...]:
    """What, when it changes, calls for sharing: the shared values and who the draft belongs to."""
    return party(form, raw, enterprise_id), tuple(sorted(shared_values(form, raw).items(), key=lambda kv: kv[0]))


def open_sessions(ctx, but: Any = None) -> list:
    """The sessions of the drafts open in wizard windows (other than ``but``)."""
    sessions = []
    for key, window in ctx.open_windows.items():
        session = getattr(window, "session", None)
        if isinstance(key, tuple) and key[:1] == ("draft",) and session is not None and session is not but:
            sessions.append(session)
    return sessions


def open_references(ctx) -> set[str]:
    """Files the open drafts refer to, saved or not yet."""
    used: set[str] = set()
    for session in open_sessions(ctx):
        used |= referenced_hashes(session.raw)
    return used


def share_in_memory(ctx, source) -> list[int]:
    """Hand ``source``'s shared values to the open, unsealed drafts linked to it; their ids."""
    me = party(source.form, source.raw, source.enterprise_id)
    if me is None:
        return []
    values = shared_values(source.form, source.raw)
    took = []
    for other in open_sessions(ctx, but=source):
        if not other.sealed and not getattr(other, "read_only", False) and is_linked(me, party(other.form, other.raw, other.enterprise_id)):
            other.take_shared(values)
            took.append(other.draft_id)
    return took
