"""The wizard's steps, derived from a form definition and the rows a draft has.

Each section is a step; a table edited one row per page (``page_per_row``)
adds one child step per row ("需求1", "需求2" …); the review and export
steps close the list.  Nothing here knows which 附件 it describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.engine.kinds import is_empty
from desktop.engine.model import Form, Section, Table

from .datapath import Scope, field_path, scope_path, value_at
from .problems import ProblemIndex, owns

SECTION, ROW, REVIEW, EXPORT = "section", "row", "review", "export"

DONE, PROBLEMS, CURRENT, NOT_YET = "✔", "⚠", "●", "○"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    kind: str
    section: Section | None = None
    scope: Scope = ()
    table: Table | None = None       # the row table of a ROW step or of a list section
    row: int | None = None
    parent: str | None = None
    prefixes: tuple[str, ...] = ()   # problem paths this step owns


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def row_label(table: Table, index: int, row: Any) -> str:
    """``需求3`` (the table's row label for row ``index``, 0-based)."""
    values = _Blank({k: v for k, v in row.items() if isinstance(v, str)} if isinstance(row, dict) else {})
    values["n"] = index + 1
    try:
        return table.row_label.format_map(values)
    except (ValueError, IndexError, AttributeError):
        return table.row_label.replace("{n}", str(index + 1))


def row_title(table: Table, row: Any) -> str:
    """The value that names a row (e.g. the need's title), or ""."""
    if not table.row_title_field or not isinstance(row, dict):
        return ""
    value = row.get(table.row_title_field)
    return " ".join(value.split()) if isinstance(value, str) else ""


def row_noun(table: Table) -> str:
    """"需求" from "需求{n}", "行" from "第{n}行": what one row is called on buttons."""
    noun = table.row_label.replace("第{n}", "").replace("{n}", "")
    return noun.split("{")[0].strip() or "行"


def section_scope(section: Section) -> Scope:
    return (section.scope,) if section.scope else ()


def row_table(section: Section) -> Table | None:
    return next((i for i in section.items if isinstance(i, Table) and i.page_per_row), None)


def build_steps(form: Form, raw: dict) -> list[Step]:
    steps: list[Step] = []
    for section in form.sections:
        scope = section_scope(section)
        table = row_table(section)
        key = f"section:{section.id}"
        prefixes = tuple(field_path(scope, item.id) for item in section.items)
        steps.append(Step(key, section.title, SECTION, section, scope, table, prefixes=prefixes))
        if table is not None:
            rows = value_at(raw, scope + (table.id,))
            for index, row in enumerate(rows if isinstance(rows, list) else []):
                row_scope = scope + (table.id, index)
                steps.append(Step(f"row:{section.id}:{index}", row_label(table, index, row), ROW, section,
                                  row_scope, table, index, key, (scope_path(row_scope),)))
    steps.append(Step("review", "检查问题", REVIEW))
    steps.append(Step("export", "导出材料", EXPORT))
    return steps


def step_for_path(steps: list[Step], path: str) -> Step | None:
    """The step whose page shows ``path``: the most specific owner wins (a row before its list)."""
    best: Step | None = None
    for step in steps:
        for prefix in step.prefixes:
            if owns(prefix, path) and (best is None or len(prefix) > max(map(len, best.prefixes))):
                best = step
    return best


def children_of(steps: list[Step], step: Step) -> list[Step]:
    return [s for s in steps if s.parent == step.key]


def has_data(step: Step, raw: dict) -> bool:
    if step.kind == ROW:
        row = value_at(raw, step.scope)
        return isinstance(row, dict) and any(not is_empty(v) for v in row.values())
    if step.section is None:
        return False
    for item in step.section.items:
        value = value_at(raw, step.scope + (item.id,))
        if isinstance(value, dict):
            if any(not is_empty(v) for v in value.values()):
                return True
        elif not is_empty(value):
            return True
    return False


def step_state(step: Step, steps: list[Step], index: ProblemIndex, raw: dict, visited: bool) -> tuple[str, int]:
    """(symbol, problem count) of a page step; the current step is marked by the caller."""
    if step.kind in (REVIEW, EXPORT):
        return "", 0
    count = index.count_under(step.prefixes)
    if not visited and not has_data(step, raw):
        return NOT_YET, count
    return (PROBLEMS, count) if count else (DONE, 0)
