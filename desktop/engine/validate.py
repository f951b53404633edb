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

from .kinds import FieldError, Kind, is_empty, kind_of
from .model import ERROR, Field, Form, Group, Item, Problem, Rule, Table
from .reads import any_empty
from .schema import per_items, record_items


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

    def add(self, path: str, level: str, code: str, message: str) -> None:
        self.problems.append(Problem(path, level, code, message))

    def sorted(self, items: tuple[Item, ...], data: dict) -> tuple[Problem, ...]:
        """Problems in form order: by the place of their path (or its nearest parent) in the form."""
        if not self.problems:
            return ()
        order: dict[str, int] = {}
        _form_order(items, data, "", order)

        def key(problem: Problem) -> int:
            path = problem.path
            while path and path not in order:
                path = path.rsplit(".", 1)[0] if "." in path else ""
            return order.get(path, len(order))
        return tuple(sorted(self.problems, key=key))


def _form_order(items: tuple[Item, ...], data: dict, prefix: str, order: dict[str, int]) -> None:
    """Every item's path as cleaning meets it (rows of tables as the cleaned data has them)."""
    for item in items:
        path = join(prefix, item.id)
        order.setdefault(path, len(order))
        if isinstance(item, Table):
            for i, row in enumerate(data.get(item.id) or ()):
                _form_order(item.columns, row, f"{path}[{i}]", order)
        elif isinstance(item, Group):
            _form_order(item.fields, data.get(item.id) or {}, path, order)


def clean(form: Form, raw: dict) -> Cleaned:
    walk = _Walk()
    root_items = record_items(form)
    data = _clean_record(root_items, raw if isinstance(raw, dict) else {}, "", walk, root=None)
    _apply_rules(root_items, form.rules, data, data, "", walk)
    return Cleaned(data, walk.sorted(root_items, data))


_FIELD, _TABLE, _GROUP, _COMPUTED = range(4)


@dataclass(frozen=True)
class _Plan:
    """A record's items sorted out once per form (cleaning runs on every keystroke and every package)."""

    entries: tuple[tuple[str, int, Any, Any], ...]   # (id, what, item, kind) of every item, in order
    after: tuple[tuple[Field, Kind], ...]             # calculated fields and fields whose kind checks values
    nested: tuple[Item, ...]                          # tables and groups with rules somewhere inside

    @classmethod
    def of(cls, items: tuple[Item, ...]) -> "_Plan":
        entries, after, nested = [], [], []
        for item in items:
            if isinstance(item, (Table, Group)):
                entries.append((item.id, _TABLE if isinstance(item, Table) else _GROUP, item, None))
                if _has_rules(item):
                    nested.append(item)
                continue
            kind = kind_of(item)
            entries.append((item.id, _COMPUTED if kind.computed else _FIELD, item, kind))
            if kind.computed or kind.checks_values:
                after.append((item, kind))
        return cls(tuple(entries), tuple(after), tuple(nested))


def _has_rules(item: Item) -> bool:
    if isinstance(item, Field):
        return False
    inner = item.columns if isinstance(item, Table) else item.fields
    return bool(item.rules) or any(_has_rules(i) for i in inner)


_plan = per_items(_Plan.of)


def _clean_record(items: Iterable[Item], raw: Any, prefix: str, walk: _Walk, root: dict | None) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    out: dict = {}
    root = out if root is None else root
    plan = _plan(items)
    for key, what, item, kind in plan.entries:
        if what == _FIELD:
            value = raw.get(key)
            if (value.__class__ is str and value.strip()) or not is_empty(value):  # a text: no call to is_empty
                try:
                    out[key] = kind.parse(item, value)
                except FieldError as exc:
                    walk.add(join(prefix, key), ERROR, exc.code, exc.message)
                    out[key] = None
            else:
                out[key] = _empty(item, kind, prefix, walk)
        elif what == _TABLE:
            out[key] = _clean_table(item, raw.get(key), join(prefix, key), walk, root)
        elif what == _GROUP:
            out[key] = _clean_record(item.fields, raw.get(key), join(prefix, key), walk, root)
    for field, kind in plan.after:
        if kind.computed:
            out[field.id] = _compute(field, out, root)
        elif out.get(field.id) is not None:
            for level, code, message in kind.checks(field, out[field.id], out, root):
                walk.add(join(prefix, field.id), level, code, message)
    return out


def _compute(field: Field, scope: dict, root: dict) -> Any:
    """The calculated value; None while an input it reads is empty (that field carries the problem)."""
    if field.compute is None or any_empty(field.reads, field.optional, scope, root):
        return None
    return field.compute(scope, root)


def _empty(field: Field, kind: Kind, prefix: str, walk: _Walk) -> None:
    if field.required:
        walk.add(join(prefix, field.id), ERROR, "required", f"请{kind.verb}{field.label}")


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
    for item in _plan(items).nested:
        value = scope.get(item.id)
        if isinstance(item, Table):
            for i, row in enumerate(value or []):
                _apply_rules(item.columns, item.rules, row, root, f"{join(prefix, item.id)}[{i}]", walk)
        else:
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
