"""Undo and redo of field changes (编辑 → 撤销/重做), on Qt's undo stack.

Inside a text box Ctrl+Z undoes its own typing (Qt's editors take the key);
elsewhere — or from the 编辑 menu — it takes back the last changed field as
a whole.  Consecutive changes of one field are one step, so a typed word
is undone at once.  Table cells, row operations and imports are not on the
stack (docs/workflow.md: those say what they did beside the table, and 删除 asks first).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from .datapath import Scope, field_path, value_at

FIELD_EDIT = 1


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
