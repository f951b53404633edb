"""Drafts that share their common fields (共同信息): typed once, kept equal.

A form lists ``shared_fields`` (``Form.shared_fields``), the first being the key
— for 附件2 and 附件3 the 揭榜需求编号.  Two drafts are *linked* when their forms
list the same shared fields, they belong to the same enterprise (the same
统一社会信用代码 in their profiles, or the same saved enterprise) and they name
the same key value: a 附件2 and a 附件3 answering the same need.  When one is
saved, the other receives its shared values.

Drafts in the recycle bin and sealed drafts (exported, the paper waiting for
its seal) are never changed: a change there would start a new revision the
clerk did not ask for.  An empty value is never copied: a draft that has just
become linked must not wipe what its partner already holds.

Linked drafts of other forms are also exported together, in one package
(:func:`companion_drafts`); there a sealed draft counts, its data being final.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Collection, Iterable

from desktop.engine.kinds import is_empty
from desktop.engine.model import Form
from desktop.rules.credit_code import normalize as normalize_uscc
from desktop.store import DraftRecord

if TYPE_CHECKING:  # the store module pulls in SQLAlchemy; start-up paints before loading it
    from desktop.store.store import Store


@dataclass(frozen=True)
class Party:
    """What decides whether a draft is linked to another."""

    shared: tuple[str, ...]      # the form's shared field ids
    key: str                     # the first shared field's value, folded for comparison
    uscc: str                    # the profile's credit code, normalised ("" when not typed)
    enterprise_id: int | None    # the saved enterprise the draft belongs to


@dataclass(frozen=True)
class ShareSource:
    """A draft whose common values a new draft can start from (新建草稿: 带入已有草稿的共同信息)."""

    draft_id: int
    form: Form
    enterprise_name: str
    key_value: str               # e.g. the 揭榜需求编号 as typed
    values: dict                 # the shared values it holds (non-empty only)
    enterprise_id: int | None


def form_of(forms: Iterable[Form], form_id: str, edition: str) -> Form | None:
    return next((f for f in forms if f.id == form_id and f.edition == edition), None)


def _folded(value: Any) -> str:
    return unicodedata.normalize("NFKC", value).strip().casefold() if isinstance(value, str) else ""


def _uscc_of(raw: dict) -> str:
    profile = raw.get("profile")
    code = profile.get("uscc") if isinstance(profile, dict) else None
    return normalize_uscc(code) if isinstance(code, str) else ""


def shared_key(form: Form, raw: Any) -> str:
    """The first shared field's value folded for comparison (full-width, case, spaces); "" when empty."""
    if not form.shared_fields or not isinstance(raw, dict):
        return ""
    return _folded(raw.get(form.shared_fields[0]))


def enterprise_code(raw: Any) -> str:
    """The profile's credit code, normalised; "" when not typed."""
    return _uscc_of(raw) if isinstance(raw, dict) else ""


def party(form: Form | None, raw: Any, enterprise_id: int | None) -> Party | None:
    """The draft's link identity; None when its form shares nothing or the key is still empty."""
    if form is None or not form.shared_fields or not isinstance(raw, dict):
        return None
    key = shared_key(form, raw)
    if not key:
        return None
    return Party(tuple(form.shared_fields), key, _uscc_of(raw), enterprise_id)


def same_enterprise(a: Party, b: Party) -> bool:
    if a.uscc and a.uscc == b.uscc:
        return True
    return a.enterprise_id is not None and a.enterprise_id == b.enterprise_id


def is_linked(a: Party | None, b: Party | None) -> bool:
    return a is not None and b is not None and a.shared == b.shared and a.key == b.key and same_enterprise(a, b)


def shared_values(form: Form, raw: dict) -> dict:
    """The shared fields' raw values, empty ones left out."""
    return {name: copy.deepcopy(raw[name]) for name in form.shared_fields
            if name in raw and not is_empty(raw[name])}


def _linked_records(store: Store, forms: tuple[Form, ...], me: Party | None, draft_id: int, *,
                    include_sealed: bool = False) -> list[DraftRecord]:
    if me is None:
        return []
    found: list[DraftRecord] = []
    for summary in store.list_drafts():  # the recycle bin is left out here
        if summary.id == draft_id or (summary.sealed and not include_sealed):
            continue
        form = form_of(forms, summary.form_id, summary.edition)
        if form is None or tuple(form.shared_fields) != me.shared:
            continue
        record = store.get_draft(summary.id)
        if is_linked(me, party(form, record.data, record.enterprise_id)):
            found.append(record)
    return found


def linked_drafts(store: Store, forms: tuple[Form, ...], draft_id: int) -> list[int]:
    """Other live, unsealed drafts sharing the common fields of ``draft_id`` (same enterprise, same key)."""
    record = store.get_draft(draft_id)
    me = party(form_of(forms, record.form_id, record.edition), record.data, record.enterprise_id)
    return [r.id for r in _linked_records(store, forms, me, draft_id)]


def companion_drafts(store: Store, forms: tuple[Form, ...], draft_id: int, raw: dict | None = None) -> list[DraftRecord]:
    """The drafts exported in one package with ``draft_id``: linked drafts of the *other* forms.

    Each other form comes once — its most recently updated draft — in the order of
    ``forms``.  A sealed draft counts (its data is what was exported), one in the
    recycle bin does not.  ``raw``: the draft's values as on screen (default: as stored).
    """
    record = store.get_draft(draft_id)
    me = party(form_of(forms, record.form_id, record.edition), record.data if raw is None else raw,
               record.enterprise_id)
    newest: dict[str, DraftRecord] = {}
    for other in _linked_records(store, forms, me, draft_id, include_sealed=True):
        kept = newest.get(other.form_id)
        if other.form_id != record.form_id and (kept is None or other.updated_at > kept.updated_at):
            newest[other.form_id] = other
    order = [f.id for f in forms]
    return sorted(newest.values(), key=lambda r: order.index(r.form_id) if r.form_id in order else len(order))


def propagate_shared(store: Store, forms: tuple[Form, ...], draft_id: int, raw: dict,
                     skip: Collection[int] = ()) -> list[int]:
    """Copy the shared values of ``raw`` (the draft's data as just saved) into its linked drafts.

    Only the shared fields change; each draft keeps its problem count.  Drafts in
    ``skip`` (open in a window, which takes the values in memory) are left alone.
    Returns the ids of the drafts that were changed.
    """
    record = store.get_draft(draft_id)
    form = form_of(forms, record.form_id, record.edition)
    me = party(form, raw, record.enterprise_id)
    if me is None:
        return []
    values = shared_values(form, raw)
    changed: list[int] = []
    for other in _linked_records(store, forms, me, draft_id):
        if other.id in skip or all(other.data.get(k) == v for k, v in values.items()):
            continue
        store.save_draft(other.id, {**other.data, **copy.deepcopy(values)}, other.problem_count)
        changed.append(other.id)
    return changed


def share_sources(store: Store, forms: tuple[Form, ...], form: Form) -> list[ShareSource]:
    """Live drafts of forms with the same shared fields as ``form`` that already name a key value."""
    if not form.shared_fields:
        return []
    sources: list[ShareSource] = []
    for summary in store.list_drafts():
        other = form_of(forms, summary.form_id, summary.edition)
        if other is None or tuple(other.shared_fields) != tuple(form.shared_fields):
            continue
        record = store.get_draft(summary.id)
        key = record.data.get(form.shared_fields[0])
        if isinstance(key, str) and key.strip():
            sources.append(ShareSource(record.id, other, summary.enterprise_name, key.strip(),
                                       shared_values(other, record.data), record.enterprise_id))
    return sources


def start_from(store: Store, form: Form, source_id: int, data: dict) -> tuple[dict, int | None]:
    """A new ``form`` draft's data taking the source draft's shared values and profile; and its enterprise."""
    record = store.get_draft(source_id)
    start = copy.deepcopy(data)
    for name in form.shared_fields:
        if not is_empty(record.data.get(name)):
            start[name] = copy.deepcopy(record.data[name])
    if isinstance(record.data.get("profile"), dict):
        start["profile"] = copy.deepcopy(record.data["profile"])
    return start, record.enterprise_id
