"""Files added to a table with a file column (附件材料): which rows they go to, and what to tell the clerk."""

from __future__ import annotations

from pathlib import Path

from desktop.engine.kinds import is_empty, kind_of
from desktop.engine.model import Field

from .attachments_add import problems_text
from .attachments_files import AddOutcome


def place_files(rows: list[dict], columns: tuple[Field, ...], file_col: int, values: list[dict], row: int | None,
                replace: bool, limit: int) -> int:
    """Put file values into rows from ``row`` on (rows still without a file first, then new rows); how many fit.

    With ``replace`` the first file takes ``row`` even if it holds one.  A file
    names its row after itself when the row's first text column (材料名称) is
    empty — the column the package names the file after (attachments/package.py).
    """
    file_id = columns[file_col].id
    title = next((c for c in columns if kind_of(c).title_like), None)
    r = row if row is not None and 0 <= row < len(rows) else len(rows)
    placed = 0
    for number, value in enumerate(values):
        if not (replace and number == 0):
            while r < len(rows) and isinstance(rows[r].get(file_id), dict):
                r += 1
        if r >= len(rows):
            if len(rows) >= limit:
                break
            rows.append({})
        rows[r][file_id] = value
        if title is not None and is_empty(rows[r].get(title.id)):
            rows[r][title.id] = Path(str(value.get("name", ""))).stem
        placed += 1
        r += 1
    return placed


def added_note(outcomes: list[AddOutcome], placed: int, limit: int) -> tuple[str, bool]:
    """(what happened, whether it is a problem): files added, files the table had no room for, files refused."""
    kept = sum(1 for o in outcomes if o.value is not None)
    notes = [f"已添加 {placed} 个文件"] if placed else []
    if placed < kept:
        notes.append(f"本表最多 {limit} 行，另有 {kept - placed} 个文件没有添加")
    refused = problems_text(outcomes)
    text = "；".join(notes) + ("。" if notes else "")
    return "\n".join(t for t in (text, refused) if t), bool(refused) or placed < kept
