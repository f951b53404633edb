"""The UI half of the kind registry: for each field kind, its editor on a page and its cell in a table.

One table (pyxform's question-type dictionary, the UI side): a new field kind
adds one line here — its editor, how a table cell edits and shows it, and its
relative column width.  Pages and grids never test kinds themselves; facts
that are not about widgets are traits of the kind (desktop/engine/kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from desktop.engine.model import Field
from desktop.rules.formats import format_date_cn, format_money, parse_date, parse_money

from .editor_base import FieldEditor
from .editors_choice import BoolEditor, ChoiceEditor, MultiEditor
from .editors_file import FileEditor
from .editors_other import CalcEditor, DateEditor
from .editors_text import LineEditor, MemoEditor
from .table_cells import ChoiceDelegate, ShownDelegate

Delegate = Callable[[Field, QWidget], "QStyledItemDelegate | None"]


def _plain(_field: Field, _parent: QWidget) -> None:
    return None


def _shown(show: Callable[[str], str]) -> Delegate:
    return lambda _field, parent: ShownDelegate(show, parent)


def _pick(field: Field, parent: QWidget) -> QStyledItemDelegate:
    return ChoiceDelegate(field.choices, parent)


def _yes_no(_field: Field, parent: QWidget) -> QStyledItemDelegate:
    return ChoiceDelegate(("是", "否"), parent)


@dataclass(frozen=True)
class KindWidgets:
    editor: Callable[[Field, QWidget], FieldEditor]
    delegate: Delegate = _plain      # how a table cell edits/shows the value (None: typed as text)
    weight: float | None = None      # relative column width; None: by the text's limit


WIDGETS: dict[str, KindWidgets] = {
    "text": KindWidgets(LineEditor),
    "memo": KindWidgets(MemoEditor, weight=2.2),
    "int": KindWidgets(LineEditor, weight=0.7),
    "money": KindWidgets(LineEditor, _shown(lambda text: format_money(parse_money(text))), 1.0),
    "date": KindWidgets(DateEditor, _shown(lambda text: format_date_cn(parse_date(text))), 1.0),
    "choice": KindWidgets(ChoiceEditor, _pick, 1.2),
    "multi": KindWidgets(MultiEditor, weight=1.6),
    "bool": KindWidgets(BoolEditor, _yes_no, 0.6),
    "uscc": KindWidgets(LineEditor),
    "mobile": KindWidgets(LineEditor),
    "phone": KindWidgets(LineEditor),
    "email": KindWidgets(LineEditor),
    "postcode": KindWidgets(LineEditor),
    "calc": KindWidgets(CalcEditor, weight=1.0),
    "file": KindWidgets(FileEditor, weight=2.6),
}
EDITORS = {name: widgets.editor for name, widgets in WIDGETS.items()}


def widgets_of(field: Field) -> KindWidgets:
    try:
        return WIDGETS[field.kind]
    except KeyError:
        raise KeyError(f"no editor for field kind {field.kind!r} (field {field.id!r})") from None


def editor_for(field: Field, parent: QWidget) -> FieldEditor:
    return widgets_of(field).editor(field, parent)


def delegate_for(field: Field, parent: QWidget) -> QStyledItemDelegate | None:
    return widgets_of(field).delegate(field, parent)


def column_weight(field: Field) -> float:
    """A column's relative width: the form's own, the kind's, or by the text's limit (a 60-character 说明 gets more)."""
    if field.width:
        return float(field.width)
    weight = widgets_of(field).weight
    if weight is not None:
        return weight
    limit = field.max_len or 30
    return 0.9 if limit <= 20 else 1.3 if limit <= 40 else 1.8
