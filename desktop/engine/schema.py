"""Where each item of a form lives in the stored record.

Sections are pages; a section with ``scope`` puts its items under
``data[scope]`` (the shared profile spans several pages that way).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Callable, Iterator, TypeVar

from .model import Field, Form, Group, Item, Section, Table

T = TypeVar("T")


@lru_cache(maxsize=None)
def record_items(form: Form) -> tuple[Item, ...]:
    """The root record's items, each scoped section's items folded into one group."""
    items: list[Item | str] = []
    scoped: dict[str, list[Item]] = {}
    titles: dict[str, str] = {}
    for section in form.sections:
        if section.scope is None:
            items.extend(section.items)
        elif section.scope in scoped:
            scoped[section.scope].extend(section.items)
        else:
            scoped[section.scope] = list(section.items)
            titles[section.scope] = section.title
            items.append(section.scope)
    return tuple(Group(i, titles[i], tuple(scoped[i])) if isinstance(i, str) else i for i in items)


def per_items(build: Callable[[tuple[Item, ...]], T]) -> Callable[[tuple[Item, ...]], T]:
    """``build(items)`` once per tuple of items (a form's record, a table's columns, a group's fields).

    Forms never change, so what is worked out from their items (the order of checks, the limits) is kept
    by the tuple's identity instead of hashing every field each time; the tuple is kept with it, so its id
    is not reused.  Anything but a tuple is worked out afresh.
    """
    kept: dict[int, tuple[tuple[Item, ...], T]] = {}

    def cached(items: tuple[Item, ...]) -> T:
        if not isinstance(items, tuple):
            return build(tuple(items))
        entry = kept.get(id(items))
        if entry is None or entry[0] is not items:
            entry = kept[id(items)] = (items, build(items))
        return entry[1]
    return cached


def section_path(section: Section) -> str:
    return section.scope or ""


def iter_fields(items: tuple[Item, ...], prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every leaf field with its path; table columns get ``[]`` for the row."""
    for item in items:
        path = f"{prefix}.{item.id}" if prefix else item.id
        if isinstance(item, Table):
            yield from iter_fields(item.columns, f"{path}[]")
        elif isinstance(item, Group):
            yield from iter_fields(item.fields, path)
        else:
            yield path, item


def _describe(item: Item) -> dict:
    if isinstance(item, Table):
        return {"table": item.id, "label": item.label, "rows": [item.min_rows, item.max_rows, list(item.fixed_rows)],
                "columns": [_describe(c) for c in item.columns]}
    if isinstance(item, Group):
        return {"group": item.id, "label": item.label, "fields": [_describe(f) for f in item.fields]}
    return {"id": item.id, "label": item.label, "kind": item.kind, "required": item.required,
            "max": item.max_len, "choices": list(item.choices)}


@lru_cache(maxsize=None)
def form_hash(form: Form) -> str:
    """A short hash of the form's data shape: ids, kinds, labels, limits, choices."""
    shape = {"id": form.id, "edition": form.edition, "items": [_describe(i) for i in record_items(form)]}
    text = json.dumps(shape, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
