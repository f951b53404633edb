"""Undo and redo of field changes (编辑 → 撤销/重做), on Qt's undo stack.

Inside a text box Ctrl+Z undoes its own typing (Qt's editors take the key);
elsewhere — or from the 编辑 menu — it takes back the last changed field as
a whole.  Consecutive changes of one field are one step, so a typed word
is undone at once.

Tables are on the same stack: a cell typed in (consecutive typing in one
cell is one step), a block pasted from Excel, cells cleared, files added,
a row added, copied, moved or removed — each one step that puts back the
table's rows exactly as they were before it (and again after it, on redo).
An imported file replaces every value and clears the stack.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any, Iterator

from PySide6.QtGui import QUndoCommand

from .datapath import Scope, field_path, value_at

FIELD_EDIT = 1
TABLE_EDIT = 2


class FieldEdit(QUndoCommand):
    def __init__(self, session, scope: Scope, field_id: str, label: str, old: Any, new: Any):
        super().__init__(f"修改“{label}”")
        self.session, self.scope, self.field_id = session, scope, field_id
        self.path = field_path(scope, field_id)
        self.old, self.new = old, new
        self._applied_by_editor = True  # the first redo comes from the editor, which already shows it

    def id(self) -> int:  # noqa: A003 (Qt API)
        return FIELD_EDIT

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, FieldEdit) or other.path != self.path:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self._put(self.new, show=not self._applied_by_editor)
        self._applied_by_editor = False

    def undo(self) -> None:
        self._put(self.old, show=True)

    def _put(self, value: Any, show: bool) -> None:
        self.session.set_value(self.scope, self.field_id, value)
        if show:
            self.session.filled.emit([self.path])


def push_field_edit(session, scope: Scope, field_id: str, label: str, value: Any) -> None:
    """Change a field as typed, as one undoable step (merged with the previous one of the same field)."""
    old = value_at(session.raw, scope + (field_id,))
    if old == value:
        return
    session.undo_stack.push(FieldEdit(session, scope, field_id, label, old, value))


class TableEdit(QUndoCommand):
    """One change of a table's rows, kept as the rows before and after it."""

    def __init__(self, session, scope: Scope, table, label: str, before: list, after: list, cell=None):
        super().__init__(label)
        self.session, self.scope, self.table = session, scope, table
        self.path = field_path(scope, table.id)
        self.before, self.after, self.cell = before, after, cell
        self._applied = True  # pushed after the change was made: the first redo has nothing to do

    def id(self) -> int:  # noqa: A003 (Qt API)
        return TABLE_EDIT

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        """Typing on in the same cell (keystrokes in the box beside the table) stays one step."""
        if not isinstance(other, TableEdit) or self.cell is None or (other.path, other.cell) != (self.path, self.cell):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        if not self._applied:
            self.session.put_rows(self.scope, self.table, copy.deepcopy(self.after))
        self._applied = False

    def undo(self) -> None:
        self.session.put_rows(self.scope, self.table, copy.deepcopy(self.before))


@contextlib.contextmanager
def table_step(session, scope: Scope, table, label: str, cell: tuple | None = None) -> Iterator[None]:
    """Make the change inside the block one undoable step (nothing is pushed when the rows did not change).

    ``cell`` (row, column id) names a cell being typed in: steps of the same cell in a row merge."""
    before = copy.deepcopy(session.rows(scope, table))
    yield
    after = copy.deepcopy(session.rows(scope, table))
    if after != before:
        session.undo_stack.push(TableEdit(session, scope, table, label, before, after, cell))
