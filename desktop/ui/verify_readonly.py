"""A received package's data in the form's own wizard pages, read-only (收件审核 → 查看内容).

The officer sees exactly what the enterprise filled, laid out as the
enterprise saw it, with the engine's checks — but nothing can change it and
nothing is written: the session never saves, never fills suggestions in, and
every editor on a page is locked once the page is built.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QTableView, QTextEdit, QWidget)

from desktop.engine.model import Form, Table
from desktop.engine.schema import form_hash
from desktop.store import DraftRecord

from .session import DraftSession

READ_ONLY_NOTE = "只读：收到的材料，不能修改"


def received_record(form: Form, raw: dict, revision: int, title: str, now: dt.datetime) -> DraftRecord:
    """A stand-in draft record for data that never enters the store (id 0 is never a stored draft)."""
    return DraftRecord(id=0, form_id=form.id, edition=form.edition, form_hash=form_hash(form), title=title,
                       enterprise_id=None, data=raw, problem_count=0, revision=revision, sealed=True,
                       created_at=now, updated_at=now, deleted_at=None)


class ReadOnlySession(DraftSession):
    """A draft session that validates but never changes its values and never touches the store."""

    read_only = True

    def _apply_suggestions(self) -> list[str]:
        return []  # show what was received, not what the program would have guessed

    def set_value(self, scope: Any, field_id: str, value: Any) -> None:
        """Editors are locked; nothing reaches here by design."""

    def add_row(self, scope: Any, table: Table, at: int | None = None, copy_of: int | None = None) -> int:
        return len(self.rows(scope, table)) - 1

    def remove_row(self, scope: Any, table: Table, index: int) -> None:
        """Rows of received data stay as received."""

    def move_row(self, scope: Any, table: Table, index: int, delta: int) -> int:
        return index

    def rows_changed_by_grid(self, scope: Any, table: Table) -> None:
        self.validated.emit()  # show the received values again

    def acknowledge(self, problem: Any, on: bool) -> None:
        self.validated.emit()  # the tick box springs back: acknowledging is the enterprise's business

    def replace_raw(self, raw: dict) -> None:
        """Never replaced."""

    def take_shared(self, values: dict) -> None:
        """Values typed in the officer's own drafts never flow into received data."""

    def save_soon(self) -> None:
        """Nothing to save."""

    def _save(self) -> None:
        """Nothing is ever saved."""

    def save_now(self) -> DraftRecord:
        raise RuntimeError("a read-only session has no draft to save")

    def close(self) -> None:
        self._validate_timer.stop()
        self._save_timer.stop()


class _GridGuard(QObject):
    """Swallows what would change a grid's cells: paste, cut, delete, Enter or a double click (they open
    a cell's editor or a file dialog), and dropped files.  Moving around and copying still work."""

    CHANGING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter)
    DROPS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return (event.key() in self.CHANGING_KEYS or event.matches(QKeySequence.StandardKey.Paste)
                    or event.matches(QKeySequence.StandardKey.Cut))
        return kind == QEvent.Type.MouseButtonDblClick or kind in self.DROPS


def lock_page(page: QWidget, keep: tuple[QAbstractButton, ...] = ()) -> None:
    """Make every editor on a wizard page read-only; buttons that change data disappear.

    Texts stay selectable (an officer copies a name or a number), choices are
    shown disabled, and only the buttons in ``keep`` (opening a row) remain.
    """
    guard = _GridGuard(page)
    for widget in [page, *page.findChildren(QWidget)]:
        widget.setAcceptDrops(False)
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
            widget.setReadOnly(True)
        elif isinstance(widget, (QComboBox, QCheckBox)):
            widget.setEnabled(False)
        elif isinstance(widget, QAbstractButton) and widget not in keep:
            widget.hide()
        if isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        if isinstance(widget, QTableView):  # lists of rows stay: a double click there only opens a row
            widget.installEventFilter(guard)
            widget.viewport().installEventFilter(guard)
    for shortcut in page.findChildren(QShortcut):
        shortcut.setEnabled(False)  # paste from Excel and the like


def row_openers(page: QWidget) -> tuple[QAbstractButton, ...]:
    """The 编辑此… buttons of row lists: in read-only mode they open a row to look at it."""
    openers = []
    for child in page.findChildren(QWidget):
        buttons = getattr(child, "buttons", None)
        opener = buttons.get("open") if isinstance(buttons, dict) else None
        if isinstance(opener, QAbstractButton):
            opener.setText(opener.text().replace("编辑", "查看"))
            openers.append(opener)
    return tuple(openers)
