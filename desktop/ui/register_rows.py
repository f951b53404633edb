"""The rows of the register grid: what is stored, what is typed but not (yet) saved, and why.

Texts the register refused, and new rows not complete enough to be saved,
are written to a small file in the data folder on every change, so a crash
or a closed window loses nothing typed; they come back the next time the
register is opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.fileio import write_atomically
from desktop.register.activity import Activity
from desktop.register.edit import COLUMN, cells_of

UNSAVED_NAME = "register-unsaved.json"
MAX_UNSAVED_BYTES = 4 * 1024 * 1024


@dataclass(eq=False, slots=True)
class GridRow:
    activity: Activity | None                                # None: a new row not yet saved
    typed: dict[str, str] = field(default_factory=dict)      # on screen, not (yet) in the register
    messages: dict[str, str] = field(default_factory=dict)   # column id → why it was not saved
    missing: tuple[str, ...] = ()                            # a new row: what it still needs
    saving: bool = False
    again: bool = False                                      # typed into while a save ran: save once more

    def texts(self) -> dict[str, str]:
        """Every column's text on screen: typed where typed, else as stored."""
        stored = cells_of(self.activity) if self.activity is not None else dict.fromkeys(COLUMN, "")
        return {**stored, **self.typed}

    def text(self, column_id: str) -> str:
        if column_id in self.typed:
            return self.typed[column_id]
        return cells_of(self.activity)[column_id] if self.activity is not None else ""

    def stored_text(self, column_id: str) -> str:
        return cells_of(self.activity)[column_id] if self.activity is not None else ""

    @property
    def unsaved(self) -> bool:
        return self.activity is None or bool(self.typed)


class UnsavedFile:
    """``register-unsaved.json``: per register, the typed texts that are not in it."""

    def __init__(self, folder: Path, register_name: str):
        self.path = Path(folder) / UNSAVED_NAME
        self.register_name = register_name

    def _all(self) -> dict:
        try:
            if self.path.stat().st_size > MAX_UNSAVED_BYTES:
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> list[tuple[int | None, dict[str, str]]]:
        """(activity id or None for a new row, typed texts) as last written."""
        rows = self._all().get(self.register_name, [])
        found = []
        for entry in rows if isinstance(rows, list) else []:
            typed = entry.get("typed") if isinstance(entry, dict) else None
            if isinstance(typed, dict):
                clean = {k: str(v) for k, v in typed.items() if k in COLUMN}
                ident = entry.get("id")
                found.append((ident if isinstance(ident, int) else None, clean))
        return found

    def save(self, rows: list[GridRow]) -> None:
        data = self._all()
        entries = [{"id": r.activity.id if r.activity else None, "typed": r.typed} for r in rows
                   if r.typed and (r.activity is not None or any(v.strip() for v in r.typed.values()))]
        if entries:
            data[self.register_name] = entries
        else:
            data.pop(self.register_name, None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def merge_rows(activities: list[Activity], kept: list[GridRow], unsaved: list[tuple[int | None, dict]]) -> list[GridRow]:
    """Stored activities in order, each with the typed texts still on screen; new rows last."""
    by_id = {r.activity.id: r for r in kept if r.activity is not None}
    restored = {ident: typed for ident, typed in unsaved if ident is not None}
    rows = []
    for activity in activities:
        old = by_id.get(activity.id)
        row = GridRow(activity)
        if old is not None:
            row.typed, row.messages, row.saving, row.again = old.typed, old.messages, old.saving, old.again
        elif activity.id in restored:
            row.typed = {k: v for k, v in restored[activity.id].items() if v != row.stored_text(k)}
        rows.append(row)
    new_rows = [r for r in kept if r.activity is None]
    if not kept:
        new_rows = [GridRow(None, typed) for ident, typed in unsaved if ident is None]
    return rows + new_rows
