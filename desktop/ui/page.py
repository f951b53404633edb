"""A wizard page generated from a section (or from one row of a table).

The page walks the items it is given — fields, groups, tables — and asks the
editor registry for widgets; it never knows which form it belongs to.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop.engine.model import Field, Group, Item, Lookup, Table

from .datapath import Scope, field_path, value_at
from .field_row import FieldRow
from .problems import owns
from .rows_list import RowsList
from .steps import ROW, Step, row_label, row_title
from .table_grid import TableGrid
from .undo import push_field_edit

PAGE_MAX_WIDTH = 980


def _pick_from_catalogue(ctx, parent: QWidget) -> Any:
    from .catalogue_picker import pick_from_catalogue  # the catalogue reader loads on first use

    return pick_from_catalogue(ctx, parent)


# Data sources a section's lookup can pick a record from: source → picker(ctx, parent) → record or None.
PICKERS: dict[str, Callable[[Any, QWidget], Any]] = {"catalogue": _pick_from_catalogue}


def _form_layout() -> QFormLayout:
    layout = QFormLayout()
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setHorizontalSpacing(12)
    layout.setVerticalSpacing(10)
    return layout


class FormPage(QScrollArea):
    def __init__(self, session, step: Step, open_row: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.step = session, step
        self._open_row = open_row
        self.rows: dict[str, tuple[Scope, FieldRow]] = {}
        self.tables: list[RowsList | TableGrid] = []
        self._reading_order: list[QWidget] = []  # what takes the focus first when the page opens
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setMaximumWidth(PAGE_MAX_WIDTH)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 16, 24, 24)
        self.header = QLabel(body)
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.header.setFont(font)
        outer.addWidget(self.header)
        help_text = step.section.help if step.section is not None and step.kind != ROW else ""
        if help_text:
            note = QLabel(help_text, body)
            note.setWordWrap(True)
            outer.addWidget(note)
        self.lookup_button: QPushButton | None = None
        if step.kind != ROW and step.section is not None and step.section.lookup is not None:
            self._add_lookup(step.section.lookup, outer, body)
        form = _form_layout()
        outer.addLayout(form)
        outer.addStretch(1)
        items = step.table.columns if step.kind == ROW else step.section.items
        self._build(items, step.scope, form, body)
        self.setWidget(body)
        self.load()

    # ----------------------------------------------------------- building
    def _build(self, items: tuple[Item, ...], scope: Scope, form: QFormLayout, parent: QWidget) -> None:
        for item in items:
            if isinstance(item, Group):
                box = QGroupBox(item.label, parent)
                inner = _form_layout()
                box.setLayout(inner)
                self._build(item.fields, scope + (item.id,), inner, box)
                form.addRow(box)
            elif isinstance(item, Table):
                self._add_table(item, scope, form, parent)
            else:
                self._add_field(item, scope, form, parent)

    def _add_lookup(self, lookup: Lookup, outer: QVBoxLayout, parent: QWidget) -> None:
        if lookup.source not in PICKERS:
            return
        self.lookup_button = QPushButton(lookup.label, parent)
        self._reading_order.append(self.lookup_button)
        self.lookup_button.clicked.connect(lambda: self.pick(lookup))
        labels = {f.id: f.label for f in self.step.section.items if isinstance(f, Field)}
        filled = "、".join(labels.get(field_id, field_id) for field_id, _attr in lookup.fills)
        note = QLabel(f"选择后自动填写{filled}；也可以直接在下面填写。", parent)
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        strip = QHBoxLayout()
        strip.addWidget(self.lookup_button)
        strip.addWidget(note, 1)
        outer.addLayout(strip)

    def pick(self, lookup: Lookup) -> None:
        record = PICKERS[lookup.source](self.session.ctx, self)
        if record is not None:
            self.fill_from(lookup, record)

    def fill_from(self, lookup: Lookup, record: Any) -> None:
        """Fill the lookup's fields from a picked record (field id ← the record's attribute)."""
        scope = self.step.scope
        paths = []
        for field_id, attribute in lookup.fills:
            self.session.set_value(scope, field_id, getattr(record, attribute, ""))
            paths.append(field_path(scope, field_id))
        self.refresh(paths)
        self.session.validate_now()

    def _add_field(self, field: Field, scope: Scope, form: QFormLayout, parent: QWidget) -> None:
        row = FieldRow(field, field_path(scope, field.id), parent, self.session.ctx)
        form.addRow(row.label, row.container)
        self.rows[row.path] = (scope, row)
        editor = row.editor
        row.on_left(lambda: self.session.visit(row.path))
        self._reading_order.append(editor.focus_target)
        editor.changed.connect(lambda: push_field_edit(self.session, scope, field.id, field.label, editor.raw()))

    def _add_table(self, table: Table, scope: Scope, form: QFormLayout, parent: QWidget) -> None:
        if table.page_per_row:
            widget = RowsList(self.session, scope, table, self._open_row, parent)
        else:
            widget = TableGrid(self.session, scope, table, parent)
        if table.label not in self.step.title:  # the page heading names the table already ("七、经费预算")
            form.addRow(QLabel(f"<b>{table.label}</b>", parent))
        if table.help:
            note = QLabel(table.help, parent)
            note.setWordWrap(True)
            form.addRow(note)
        form.addRow(widget)
        self.tables.append(widget)
        self._reading_order.append(getattr(widget, "grid", None) or getattr(widget, "list", widget))

    # ------------------------------------------------------------ showing
    def load(self) -> None:
        """Show the stored values (after opening, reordering rows or a program fill-in)."""
        for path, (scope, row) in self.rows.items():
            row.editor.set_raw(value_at(self.session.raw, scope + (row.field.id,)))
        for table in self.tables:
            table.load()
        self.show_state()

    def refresh(self, paths: list[str]) -> None:
        for path in paths:
            if path in self.rows:
                scope, row = self.rows[path]
                row.editor.set_raw(value_at(self.session.raw, scope + (row.field.id,)))

    def show_state(self) -> None:
        index, data, attention = self.session.index, self.session.cleaned.data, self.session.attention
        for path, (scope, row) in self.rows.items():
            row.show_problems(attention.filter(index.at(path)))
            row.editor.set_computed(value_at(data, scope + (row.field.id,)))
        for table in self.tables:
            table.load()
        self.header.setText(self._title())

    def _title(self) -> str:
        if self.step.kind != ROW:
            return self.step.title
        rows = value_at(self.session.raw, self.step.scope[:-1]) or []
        number = self.step.row
        row = rows[number] if number < len(rows) else {}
        title = row_title(self.step.table, row)
        return f"{row_label(self.step.table, number, row)} / 共 {len(rows)} 项" + (f"：{title}" if title else "")

    def focus_path(self, path: str) -> bool:
        if path in self.rows:
            row = self.rows[path][1]
            self.ensureWidgetVisible(row.container, 0, 60)
            row.editor.focus_target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        for table in self.tables:
            if owns(table.path, path):
                self.ensureWidgetVisible(table)
                table.focus(path)
                return True
        return False

    def first_focus(self) -> QWidget | None:
        """The first thing on the page, in reading order, that Tab can reach (a calculated value cannot)."""
        for widget in self._reading_order:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
        return self.tables[0] if self.tables else None
