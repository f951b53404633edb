"""The fields a rule or a calculated field reads (docs/rules.md, "规则如何运行").

A rule declares the paths it reads; the engine looks them up before running it.
A rule is skipped only when one of them is empty — that field carries its own
problem (必填, 格式). A path that names no field is a mistake in the form
definition and raises :class:`ReadError`; so does anything the rule itself
raises. Nothing is swallowed: a rule cannot switch itself off.

Paths: ``employees`` or ``profile.employees`` in the rule's scope (the row for a
table rule, the whole form for a form rule); ``/filed_on`` from the form's root;
``budget[].amount`` every row of a table; ``finance[1].rd`` one row (a row that
does not exist counts as empty).
"""

from __future__ import annotations

import re
from typing import Any

from .kinds import is_empty

_ROW = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<index>\d*)\])?$")


class ReadError(LookupError):
    """A rule or calculated field reads a path the form does not have (a defect of the form definition)."""


def read(path: str, scope: dict, root: dict) -> list[Any]:
    """Every value at ``path`` (one, or one per row for ``[]``); a missing row gives ``[None]``."""
    base, rest = (root, path[1:]) if path.startswith("/") else (scope, path)
    values: list[Any] = [base]
    for part in rest.split("."):
        match = _ROW.match(part)
        if match is None:
            raise ReadError(f"path {path!r}: {part!r} is not a field id")
        values = [v for value in values for v in _step(value, match, path)]
    return values


def _step(value: Any, match: re.Match, path: str) -> list[Any]:
    if value is None:  # an earlier missing row
        return [None]
    if not isinstance(value, dict) or match["key"] not in value:
        raise ReadError(f"path {path!r}: no field {match['key']!r} here")
    found = value[match["key"]]
    if match["index"] is None:
        return [found]
    rows = found if isinstance(found, list) else []
    if match["index"] == "":
        return list(rows) if rows else [None]  # no rows: nothing to check yet
    index = int(match["index"])
    return [rows[index] if index < len(rows) else None]


def any_empty(paths: tuple[str, ...], optional: tuple[str, ...], scope: dict, root: dict) -> bool:
    """True when one of ``paths`` is empty; ``optional`` paths are only checked to exist."""
    for path in optional:
        read(path, scope, root)
    empty = False
    for path in paths:  # every path is looked up, so a misspelled one raises even beside an empty one
        empty = any(is_empty(v) for v in read(path, scope, root)) or empty
    return empty
