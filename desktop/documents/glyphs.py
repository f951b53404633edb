"""Characters the print font lacks (生僻字), reported field by field before export (docs/package.md §1).

A character without a glyph would print as an empty box on the sealed paper;
the export checks every printed value first and names the field, the
characters and what to do.
"""

from __future__ import annotations

import json
import string
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from desktop.engine.kinds import kind_of
from desktop.engine.model import ERROR, Field, Form, Group, Item, Problem, Table
from desktop.engine.schema import iter_fields, record_items

from .fonts import missing_characters
from .values import display_value, value_at

CODE = "font.missing_glyph"
SHOWN_CHARACTERS = 5


# What printing adds around a value's own characters: digits and separators of amounts and numbers,
# 年月日 of dates, 是/否, the 、 joining several choices, a file's （12 页）.  The print font covers all of
# them (tests/documents/test_glyphs.py), so a value prints without a box when its own characters do.
ADDED_BY_PRINTING = string.digits + string.ascii_letters + string.punctuation + " " + "、年月日是否页（）"


def missing_glyph_problems(form: Form, submission: dict) -> list[Problem]:
    """One error per printed field whose text has characters the bundled font cannot print."""
    data = submission.get("data") if isinstance(submission.get("data"), dict) else {}
    if not missing_characters(_every_character(form, data)):  # one scan in C for the usual case
        return []
    shown = [(path, field, display_value(field, value)) for path, field, value in printed_values(form, data)]
    problems = []
    for path, field, text in shown:
        missing = missing_characters(text)
        if missing:
            problems.append(Problem(path, ERROR, CODE, _message(field, missing)))
    return problems


def _every_character(form: Form, data: dict) -> str:
    """Every character the printed values can hold, and more: each string of the data (JSON or cleaned values)
    as printing parses it (NFC) and what a calculated field's renderer makes of its value."""
    rendered = [display_value(field, kind_of(field).to_json(value))
                for field, value in _rendered_values(_rendered_items(form), data)]
    return unicodedata.normalize("NFC", json.dumps(data, ensure_ascii=False, default=str) + "\n".join(rendered))


def cleaned_glyph_problems(form: Form, cleaned) -> list[Problem]:
    """The same check on live validation results (the wizard shows it under the field while typing)."""
    from desktop.engine.submission import to_json_data

    if not missing_characters(_every_character(form, cleaned.data)):  # typed values print as their JSON does
        return []
    return missing_glyph_problems(form, {"data": to_json_data(form, cleaned)})


def load_print_font() -> None:
    """Read the print font's character map (~0.3 s once per process; run off the UI thread)."""
    missing_characters("")


def _message(field: Field, missing: list[str]) -> str:
    shown = "、".join(missing[:SHOWN_CHARACTERS])
    return (f"{field.label}中的“{shown}”等 {len(missing)} 个字在打印字体中没有，"
            "打印后会显示为空白方框，请改用常用字或以拼音/图片说明")


def printed_values(form: Form, data: dict) -> Iterator[tuple[str, Field, Any]]:
    """(path, field, JSON value) of every printed field, paths as validation writes them.

    The fields of printed sections, then the cover's (a cover section itself is not printed as a chapter).
    """
    seen = set()
    for section in form.sections:
        if not section.printed:
            continue
        scope = data.get(section.scope) if section.scope else data
        for path, field, value in _walk(section.items, scope if isinstance(scope, dict) else {}, section.scope or ""):
            seen.add(path)
            yield path, field, value
    fields = dict(iter_fields(record_items(form)))
    for entry in form.cover_fields:
        path = entry if isinstance(entry, str) else entry[0]
        if path not in seen and path in fields:
            seen.add(path)
            yield path, fields[path], value_at(data, path)


def _walk(items: tuple[Item, ...], scope: dict, prefix: str) -> Iterator[tuple[str, Field, Any]]:
    for item in items:
        path = f"{prefix}.{item.id}" if prefix else item.id
        value = scope.get(item.id)
        if isinstance(item, Table):
            rows = value if isinstance(value, list) else []
            for i, row in enumerate(rows):
                yield from _walk(item.columns, row if isinstance(row, dict) else {}, f"{path}[{i}]")
        elif isinstance(item, Group):
            yield from _walk(item.fields, value if isinstance(value, dict) else {}, path)
        else:
            yield path, item, value


@lru_cache(maxsize=None)
def _rendered_items(form: Form) -> tuple:
    """The form's items pruned to calculated fields with a renderer (and the tables and groups holding them)."""
    def prune(items: tuple[Item, ...]) -> tuple:
        kept = []
        for item in items:
            if isinstance(item, (Table, Group)):
                inner = prune(item.columns if isinstance(item, Table) else item.fields)
                if inner:
                    kept.append((item, inner))
            elif item.render is not None:
                kept.append((item, ()))
        return tuple(kept)
    return prune(record_items(form))


def _rendered_values(pruned: tuple, scope: dict) -> Iterator[tuple[Field, Any]]:
    for item, inner in pruned:
        value = scope.get(item.id)
        if isinstance(item, Table):
            for row in value if isinstance(value, list) else []:
                yield from _rendered_values(inner, row if isinstance(row, dict) else {})
        elif isinstance(item, Group):
            yield from _rendered_values(inner, value if isinstance(value, dict) else {})
        else:
            yield item, value
