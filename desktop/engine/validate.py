"""Cleaning and validation, in Django's fixed order.

1. convert each raw value with its kind (a value that cannot be converted is an error),
2. required fields and table row counts,
3. the kind's own checks (length, format, credit code),
4. calculated fields, then the form's cross-field rules.

Rules and calculated fields declare the fields they read (``desktop.engine.reads``)
and are skipped only while one of those is empty; nothing they raise is swallowed.

Every problem is a ``Problem(path, level, code, message)``; paths look like
``profile.uscc`` or ``needs[3].budget`` (row numbers start at 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .kinds import FieldError, is_empty, kind_of
from .model import ERROR, Field, Form, Group, Item, Problem, Rule, Table
from .reads import any_empty
from .schema import record_items


@dataclass(frozen=True)
class Cleaned:
    """Clean values (None where empty or not convertible) and every problem, in form order."""

    data: dict
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level != ERROR)


def join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


class _Walk:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.order: dict[str, int] = {}

    def add(self, path: str, level: str, code: str, message: str) -> None:
        self.problems.append(Problem(path, level, code, message))

    def visit(self, path: str) -> None:
        self.order.setdefault(path, len(self.order))

    def sorted(self) -> tuple[Problem, ...]:
        def key(problem: Problem) -> int:
            path = problem.path
            while path and path not in self.order:
                path = path.rsplit(".", 1)[0] if "." in path else ""
            return self.order.get(path, len(self.order))
        return tuple(sorted(self.problems, key=key))


def clean(form: Form, raw: dict) -> Cleaned:
    walk = _Walk()
    root_items = record_items(form)
    data = _clean_record(root_items, raw if isinstance(raw, dict) else {}, "", walk, root=None)
    _apply_rules(root_items, form.rules, data, data, "", walk)
    return Cleaned(data, walk.sorted())


def _clean_record(items: Iterable[Item], raw: Any, prefix: str, walk: _Walk, root: dict | None) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    out: dict = {}
    root = out if root is None else root
    items = tuple(items)
    for item in items:
        path = join(prefix, item.id)
        walk.visit(path)
        if isinstance(item, Table):
            out[item.id] = _clean_table(item, raw.get(item.id), path, walk, root)
        elif isinstance(item, Group):
            out[item.id] = _clean_record(item.fields, raw.get(item.id), path, walk, root)
        elif not kind_of(item).computed:
            out[item.id] = _clean_field(item, raw.get(item.id), path, walk)
    for item in items:
        if isinstance(item, Field) and kind_of(item).computed:
            out[item.id] = _compute(item, out, root)
        elif isinstance(item, Field) and out.get(item.id) is not None:
            for level, code, message in kind_of(item).checks(item, out[item.id], out, root):
                walk.add(join(prefix, item.id), level, code, message)
    return out


def _compute(field: Field, scope: dict, root: dict) -> Any:
    """The calculated value; None while an input it reads is empty (that field carries the problem)."""
    if field.compute is None or any_empty(field.reads, field.optional, scope, root):
        return None
    return field.compute(scope, root)


def _clean_field(field: Field, raw: Any, path: str, walk: _Walk) -> Any:
    kind = kind_of(field)
    if is_empty(raw):
        if field.required:
            walk.add(path, ERROR, "required", f"请{kind.verb}{field.label}")
        return None
    try:
        return kind.parse(field, raw)
    except FieldError as exc:
        walk.add(path, ERROR, exc.code, exc.message)
        return None


def _clean_table(table: Table, raw: Any, path: str, walk: _Walk, root: dict) -> list[dict]:
    rows = raw if isinstance(raw, list) else []
    minimum = len(table.fixed_rows) or table.min_rows
    maximum = len(table.fixed_rows) or table.max_rows
    if len(rows) < minimum:
        walk.add(path, ERROR, "table.min_rows", f"{table.label}至少需要 {minimum} 行，现有 {len(rows)} 行，请添加")
    if len(rows) > maximum:
        walk.add(path, ERROR, "table.max_rows", f"{table.label}最多 {maximum} 行，现有 {len(rows)} 行，请删除 {len(rows) - maximum} 行")
    return [_clean_record(table.columns, row, f"{path}[{i}]", walk, root) for i, row in enumerate(rows)]


def _apply_rules(items: Iterable[Item], rules: tuple[Rule, ...], scope: dict, root: dict, prefix: str, walk: _Walk) -> None:
    for item in items:
        value = scope.get(item.id)
        if isinstance(item, Table):
            for i, row in enumerate(value or []):
                _apply_rules(item.columns, item.rules, row, root, f"{join(prefix, item.id)}[{i}]", walk)
        elif isinstance(item, Group):
            _apply_rules(item.fields, item.rules, value or {}, root, join(prefix, item.id), walk)
    for rule in rules:
        message = _run_rule(rule, scope, root)
        if message:
            walk.add(join(prefix, rule.field), rule.level, rule.code, message)


def _run_rule(rule: Rule, scope: dict, root: dict) -> str | None:
    """The rule's message, None when it passes or one of the fields it reads is empty.

    Nothing is caught: a rule reading a field the form lacks, or failing on a
    value of the right kind, is a defect of the form definition and must show.
    """
    if any_empty(rule.reads, rule.optional, scope, root):
        return None  # those fields are reported themselves (必填, 格式)
    result = rule.check(scope, root)
    return result if isinstance(result, str) and result else None
