"""Addresses inside a draft's raw data, spelled as the engine spells problem paths.

A *scope* is the tuple of keys leading to a record: ``()`` for the root,
``("profile",)`` for the shared profile, ``("needs", 3)`` for the fourth need.
The engine names a field ``needs[3].title``; :func:`field_path` and
:func:`split_path` translate between the two spellings.
"""

from __future__ import annotations

import re
from typing import Any

Scope = tuple[Any, ...]

_INDEX = re.compile(r"\[(\d+)\]")


def scope_path(scope: Scope) -> str:
    """``("needs", 3)`` → ``needs[3]``; ``("profile",)`` → ``profile``."""
    text = ""
    for key in scope:
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            text = f"{text}.{key}" if text else str(key)
    return text


def field_path(scope: Scope, field_id: str) -> str:
    base = scope_path(scope)
    return f"{base}.{field_id}" if base else field_id


def split_path(path: str) -> Scope:
    """``needs[3].title`` → ``("needs", 3, "title")``."""
    keys: list[Any] = []
    for part in path.split(".") if path else ():
        name, *rest = _INDEX.split(part)
        if name:
            keys.append(name)
        keys.extend(int(index) for index in rest if index)
    return tuple(keys)


def record_at(raw: dict, scope: Scope) -> dict:
    """The record at ``scope``, creating empty records on the way (rows must exist)."""
    record: Any = raw
    for position, key in enumerate(scope):
        if isinstance(key, int):
            record = record[key]
            continue
        rows_follow = position + 1 < len(scope) and isinstance(scope[position + 1], int)
        if not isinstance(record.get(key), list if rows_follow else dict):
            record[key] = [] if rows_follow else {}
        record = record[key]
    return record


def value_at(data: Any, scope: Scope) -> Any:
    """The value at ``scope`` in clean or raw data, None where anything is missing."""
    for key in scope:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and 0 <= key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def rows_at(raw: dict, scope: Scope, table_id: str) -> list:
    """The row list of a table, creating it when missing."""
    record = record_at(raw, scope)
    if not isinstance(record.get(table_id), list):
        record[table_id] = []
    return record[table_id]
