"""One open draft: its raw data, live validation and autosave.

Edits land in ``raw`` at once; validation runs ~150 ms after the last change
(``clean`` takes about a millisecond for the 20-need sample) and autosave
~400 ms after it, through the task runner's single store thread — never on
the typing path.  Closing the window flushes what is left synchronously.
"""

from __future__ import annotations

import copy
import time
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.attachments import referenced_hashes
from desktop.correction.drafts import comment_problems
from desktop.engine.kinds import is_empty
from desktop.engine.model import Field, Form, Group, Item, Problem, Table
from desktop.engine.schema import record_items
from desktop.engine.validate import Cleaned, clean
from desktop.store import DraftRecord

from .attachments_files import attachment_store
from .attention import Attention
from .autosave import SaveOutcome, open_references, open_sessions, save_work, share_in_memory, shared_state
from .context import AppContext
from .datapath import Scope, field_path, record_at, rows_at, value_at
from .messages import describe_error
from .problems import ProblemIndex, ack_key

VALIDATE_DELAY_MS = 150
SAVE_DELAY_MS = 400
ACK_KEY = "_acknowledged"  # warnings the user has read and accepted, kept with the draft
RECENT_KEY = "_recent_edits"  # the last fields changed, newest first (named in the recovery notice)
RECENT_KEPT = 5


class DraftSession(QObject):
    validated = Signal()
    saved = Signal(object)        # DraftRecord
    save_failed = Signal(str)
    rows_changed = Signal(str)    # path of the table whose rows changed ("" = all values replaced)
    filled = Signal(list)         # paths the program filled in from a suggestion

    def __init__(self, ctx: AppContext, record: DraftRecord, form: Form):
        super().__init__()
        self.ctx = ctx
        self.form = form
        self.draft_id = record.id
        self.revision = record.revision
        self.sealed = record.sealed
        self.enterprise_id = record.enterprise_id
        self.raw: dict = copy.deepcopy(record.data)
        # as last saved: a file that leaves the draft, or a change to the shared values, asks for more work
        self._saved_refs = referenced_hashes(record.data)
        self._seen_refs: set[str] = set()  # files put into the draft since the last save (may be gone again)
        self._shared_state = shared_state(form, record.data, record.enterprise_id)
        self.saved_at = None
        self.cleaned: Cleaned = Cleaned({}, ())
        self.index = ProblemIndex()
        self.undo_stack = QUndoStack(self)  # field changes, for 编辑 → 撤销/重做 (undo.py)
        self.attention = Attention()  # which "please fill in" problems are shown yet (attention.py)
        self._suggested: dict[str, Any] = {}
        self._dirty = False
        self._profile_changed = False
        self._saving = False
        self._save_again = False
        self._validate_timer = self._timer(VALIDATE_DELAY_MS, self.validate_now)
        self._save_timer = self._timer(SAVE_DELAY_MS, self._save)
        self._glyph_check = None  # set once the print font's character map is loaded (off the UI thread)
        self._apply_suggestions()
        self.validate_now()
        ctx.tasks.run(None, _load_glyph_check, on_success=self._glyphs_loaded)
        if record.problem_count != len(self.index.outstanding):
            # the draft list shows the count; a new or imported draft has not been counted yet
            self._dirty = True
            self._save_timer.start()

    def _timer(self, delay: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay)
        timer.timeout.connect(slot)
        return timer

    # ---------------------------------------------------------------- edits
    def visit(self, path: str) -> None:
        """The user has been in this field, row or table: its "please fill in" problems may show."""
        if self.attention.visit(path):
            self.validated.emit()

    def reveal_problems(self) -> None:
        """The review page or an export attempt: every problem is shown from now on."""
        if self.attention.reveal_all():
            self.validated.emit()

    def set_value(self, scope: Scope, field_id: str, value: Any) -> None:
        path = field_path(scope, field_id)
        self.attention.visit(path)
        record_at(self.raw, scope)[field_id] = value
        recent = [p for p in self.raw.get(RECENT_KEY) or [] if isinstance(p, str) and p != path]
        self.raw[RECENT_KEY] = [path, *recent][:RECENT_KEPT]
        self._seen_refs |= referenced_hashes(value)
        if scope[:1] == ("profile",):
            self._profile_changed = True
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        filled = self._apply_suggestions()
        if filled:
            self.filled.emit(filled)
        self._validate_timer.start()
        if not self._save_timer.isActive():
            # not restarted by every keystroke: continuous typing is still saved every SAVE_DELAY_MS
            self._save_timer.start()

    def rows(self, scope: Scope, table: Table) -> list:
        return rows_at(self.raw, scope, table.id)

    def add_row(self, scope: Scope, table: Table, at: int | None = None, copy_of: int | None = None) -> int:
        rows = self.rows(scope, table)
        row = copy.deepcopy(rows[copy_of]) if copy_of is not None else {}
        at = len(rows) if at is None else at
        rows.insert(at, row)
        self._rows_changed(scope, table)
        return at

    def remove_row(self, scope: Scope, table: Table, index: int) -> None:
        del self.rows(scope, table)[index]
        self._rows_changed(scope, table)

    def move_row(self, scope: Scope, table: Table, index: int, delta: int) -> int:
        rows = self.rows(scope, table)
        target = index + delta
        if not 0 <= target < len(rows):
            return index
        rows[index], rows[target] = rows[target], rows[index]
        self._rows_changed(scope, table)
        return target

    def put_rows(self, scope: Scope, table: Table, rows: list) -> None:
        """Replace a table's rows as a whole (undo and redo of a table step, undo.py)."""
        self.rows(scope, table)[:] = rows
        self.rows_changed_by_grid(scope, table)

    def rows_changed_by_grid(self, scope: Scope, table: Table) -> None:
        """Rows were filled in place (a paste from Excel, files added)."""
        self._seen_refs |= referenced_hashes(self.rows(scope, table))
        self._rows_changed(scope, table)

    def _rows_changed(self, scope: Scope, table: Table) -> None:
        self.attention.visit(field_path(scope, table.id))
        self._changed()
        self.validate_now()
        self.rows_changed.emit(field_path(scope, table.id))

    def acknowledge(self, problem: Problem, on: bool) -> None:
        keys = set(self.raw.get(ACK_KEY) or [])
        keys = keys | {ack_key(problem)} if on else keys - {ack_key(problem)}
        self.raw[ACK_KEY] = sorted(keys)
        self._changed()
        self.validate_now()

    # ------------------------------------------------------- suggestions
    def _apply_suggestions(self) -> list[str]:
        """Fill empty fields the form can guess (province from the credit code …).

        A guess is made again only when its source changed, so a field the
        user emptied on purpose stays empty; a guess the user kept follows
        its source."""
        filled: list[str] = []
        for scope, field in self._suggesting_fields(record_items(self.form), ()):
            path = field_path(scope, field.id)
            record = record_at(self.raw, scope)
            try:
                guess = field.suggest(record, self.raw)
            except (TypeError, ValueError, KeyError, AttributeError):
                guess = None
            current, previous = record.get(field.id), self._suggested.get(path)
            if guess is None or guess == current:
                self._suggested[path] = guess
                continue
            if (is_empty(current) and guess != previous) or (current == previous and not is_empty(current)):
                record[field.id] = guess
                filled.append(path)
            self._suggested[path] = guess
        return filled

    def _suggesting_fields(self, items: tuple[Item, ...], scope: Scope):
        for item in items:
            if isinstance(item, Group):
                yield from self._suggesting_fields(item.fields, scope + (item.id,))
            elif isinstance(item, Table):
                rows = value_at(self.raw, scope + (item.id,))
                for index in range(len(rows) if isinstance(rows, list) else 0):
                    yield from self._suggesting_fields(item.columns, scope + (item.id, index))
            elif isinstance(item, Field) and item.suggest is not None:
                yield scope, item

    # ------------------------------------------------------- validation
    def validate_now(self) -> None:
        self._validate_timer.stop()
        self.cleaned = clean(self.form, self.raw)
        problems = self.cleaned.problems
        if self._glyph_check is not None:  # 生僻字 the print font lacks, named under their field
            problems += tuple(self._glyph_check(self.form, self.cleaned))
        problems += self.notes()  # comments from the reviewing office, each at its field
        self.index = ProblemIndex(problems, frozenset(self.raw.get(ACK_KEY) or ()))
        self.validated.emit()

    def notes(self) -> tuple:
        """Comments shown as warnings at their fields: a 补正通知's, held in the draft."""
        return comment_problems(self.form.id, self.raw)

    def _glyphs_loaded(self, check) -> None:
        self._glyph_check = check
        self.validate_now()

    # ----------------------------------------------------------- saving
    def _save(self) -> None:
        if self._saving:
            self._save_again = True
            return
        if self._validate_timer.isActive():
            self.validate_now()
        self._dirty = False
        self._saving = True
        job, after = self._save_job()
        self.ctx.tasks.run(None, job, on_success=lambda outcome: self._on_saved(outcome, after),
                           on_failure=self._on_save_failed, serial=True)

    def _save_job(self):
        """The store-thread work of one save (see autosave.py), and what to remember once it succeeded."""
        raw = copy.deepcopy(self.raw)
        refs = referenced_hashes(raw)
        state = shared_state(self.form, raw, self.enterprise_id)
        dropped = bool((self._saved_refs | self._seen_refs) - refs)
        self._seen_refs = set()
        job = partial(save_work, self.ctx.store, self.ctx.forms, attachment_store(self.ctx.data_dir), self.draft_id,
                      raw, len(self.index.outstanding), share=state != self._shared_state,
                      skip={s.draft_id for s in open_sessions(self.ctx, but=self)},
                      clean_since=time.time() if dropped else None, keep=open_references(self.ctx) | refs)
        return job, (refs, state)

    def _after_save(self, outcome: SaveOutcome, after: tuple) -> None:
        refs, state = after
        self._saved_refs = refs
        if state != self._shared_state:
            self._shared_state = state
            share_in_memory(self.ctx, self)
        self._note_saved(outcome.record)

    def _on_saved(self, outcome: SaveOutcome, after: tuple) -> None:
        self._saving = False
        self._after_save(outcome, after)
        if self._save_again:
            self._save_again = False
            self._save()

    def _note_saved(self, record: DraftRecord) -> None:
        self.revision, self.sealed = record.revision, record.sealed
        self.saved_at = self.ctx.now()
        self.saved.emit(record)

    def exported(self, record: DraftRecord) -> None:
        """An export saved and possibly sealed the draft (on the worker); take its revision."""
        self._note_saved(record)

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._dirty = True
        self.save_failed.emit(describe_error(error))

    def save_soon(self) -> None:
        """Ctrl+S: save what is pending without waiting for the pause in typing."""
        if self._dirty or self._save_timer.isActive():
            self._save_timer.start(0)

    def replace_raw(self, raw: dict) -> None:
        """Take a whole new set of values (an imported submission file)."""
        self.undo_stack.clear()  # the steps before refer to values that are gone
        self.raw = copy.deepcopy(raw)
        self._suggested = {}
        self._profile_changed = True
        self._changed()
        self.validate_now()
        self.rows_changed.emit("")

    def save_now(self) -> DraftRecord:
        """Save at once on this thread (before an export and on close)."""
        self._save_timer.stop()
        self.ctx.tasks.wait()
        self.validate_now()
        job, after = self._save_job()
        outcome = job()
        self._dirty = False
        self._after_save(outcome, after)
        return outcome.record

    def take_shared(self, values: dict) -> None:
        """Common values typed in a linked draft open in another window (linking.py)."""
        changed = [name for name, value in values.items() if self.raw.get(name) != value]
        if not changed:
            return
        for name in changed:
            self.raw[name] = copy.deepcopy(values[name])
        self._shared_state = shared_state(self.form, self.raw, self.enterprise_id)  # not news to pass back
        self._changed()
        self.validate_now()
        self.filled.emit(changed)

    def close(self) -> None:
        """Flush the last edits and keep the enterprise profile for the next draft."""
        self._validate_timer.stop()
        if self._dirty or self._save_timer.isActive() or self._saving:
            self.save_now()
        if self._profile_changed:
            self._keep_profile()

    def _keep_profile(self) -> None:
        profile = self.raw.get("profile")
        if not isinstance(profile, dict) or is_empty(profile.get("name")):
            return
        enterprise_id = self.ctx.store.save_profile(copy.deepcopy(profile))
        self.ctx.store.set_draft_enterprise(self.draft_id, enterprise_id)
        self.enterprise_id = enterprise_id
        self._profile_changed = False


def _load_glyph_check():
    from desktop.documents.glyphs import cleaned_glyph_problems, load_print_font

    load_print_font()
    return cleaned_glyph_problems
