"""Submission JSON values → the text printed in a document.

Each kind prints itself (``Kind.display``): money with thousands separators,
dates as 2023年4月20日, multi-choices joined with 、.  Empty values print as
nothing — never "None".
"""

from __future__ import annotations

import re
import string
from typing import Any

from desktop.engine.kinds import FieldError, is_empty, kind_of
from desktop.engine.model import Field


# Characters XML (hence Word) cannot carry and no printer can show: C0 controls except tab and
# line feed, DEL, lone surrogates, U+FFFE/U+FFFF.  A pasted one is dropped instead of failing the export.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def display_value(field: Field, value: Any) -> str:
    """The printed text of one submission value (JSON form) of ``field``."""
    text = _display(field, value)
    return _UNPRINTABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _display(field: Field, value: Any) -> str:
    if kind_of(field).computed:
        if value is None:
            return ""
        return field.render(value) if field.render else str(value)
    if value is not False and is_empty(value):
        return ""
    kind = kind_of(field)
    try:
        return kind.display(field, kind.parse(field, value))
    except (FieldError, ValueError, TypeError, KeyError):
        # a value that no longer parses (edited file, older form) is printed as stored, not dropped
        return value if isinstance(value, str) else str(value)


def note_of(field: Field, value: Any) -> str:
    """A calculated field's explanation printed under its value (e.g. why the 企业规模 is 小型)."""
    note = field.option("note")
    if note is None or value is None:
        return ""
    return _UNPRINTABLE.sub("", note(value) or "")


def alignment(field: Field) -> str:
    """"left" or "right": numbers by their kind, a calculated field by its ``align`` option."""
    return field.option("align") or kind_of(field).align


def format_row_label(template: str, n: int, texts: dict[str, str]) -> str:
    """A table's ``row_label`` ("需求{n}", may name a column) for row n (1-based)."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not names <= set(texts) | {"n"}:
            return template
        return template.format(n=n, **{k: v for k, v in texts.items() if k in names})
    except (ValueError, IndexError):  # a malformed template is printed as written
        return template


def value_at(data: dict, path: str) -> Any:
    """The JSON value at a dotted path (``profile.name``), None when any part is missing."""
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
