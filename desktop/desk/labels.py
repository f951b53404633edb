"""A field path (``needs[2].budget``) → the words printed on the paper form (需求3 智能焊接 · 拟投入资金（万元）).

Input: a form definition and a submission's data.  Output: the field's printed
label, led by the table row it is in (the row's own label and title, as the
printed form heads the row) or by the group's label.  A path the form does not
know is shown as written, so a comment is never dropped.
"""

from __future__ import annotations

import re

from desktop.documents.values import display_value, format_row_label
from desktop.engine.model import Field, Form, Group, Item, Table
from desktop.engine.schema import record_items

WHOLE_FORM = "整份表格"
ROW_TITLE_CHARS = 16
_STEP = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[(\d+)\])?$")


def field_label(form: Form | None, data: dict, path: str) -> str:
    if not path:
        return WHOLE_FORM
    if form is None:
        return f"填写项 {path}"
    parts: list[str] = []
    items: tuple[Item, ...] = record_items(form)
    scope: object = data
    for step in path.split("."):
        match = _STEP.match(step)
        item = next((i for i in items if match and i.id == match.group(1)), None)
        if item is None:
            return f"填写项 {path}"
        value = scope.get(item.id) if isinstance(scope, dict) else None
        if isinstance(item, Table) and match.group(2) is not None:
            index = int(match.group(2))
            row = value[index] if isinstance(value, list) and index < len(value) else {}
            parts.append(_row_label(item, row if isinstance(row, dict) else {}, index + 1))
            items, scope = item.columns, row
        elif isinstance(item, (Table, Group)):
            parts.append(item.label)
            items, scope = (item.columns if isinstance(item, Table) else item.fields), value
        else:
            parts.append(item.label)
            items, scope = (), None
    return " · ".join(parts)


def _row_label(table: Table, row: dict, n: int) -> str:
    if n <= len(table.fixed_rows):
        return f"{table.label} {table.fixed_rows[n - 1]}"
    texts = {c.id: display_value(c, row.get(c.id)) for c in table.columns if isinstance(c, Field)}
    label = format_row_label(table.row_label, n, texts)
    if "{n}" not in table.row_label or label.startswith("第"):
        label = f"{table.label}{label}"           # 第2行 alone does not say which table
    title = texts.get(table.row_title_field or "", "")
    if title:
        title = title if len(title) <= ROW_TITLE_CHARS else title[:ROW_TITLE_CHARS - 1] + "…"
        return f"{label}（{title}）"
    return label
