"""The field editors, keyed by field kind (the UI half of the kind registry).

A new field kind adds one line here; pages never test kinds themselves.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from desktop.engine.model import Field

from .editor_base import FieldEditor
from .editors_choice import BoolEditor, ChoiceEditor, MultiEditor
from .editors_file import FileEditor
from .editors_other import CalcEditor, DateEditor
from .editors_text import LineEditor, MemoEditor

EDITORS: dict[str, Callable[[Field, QWidget], FieldEditor]] = {
    "text": LineEditor,
    "memo": MemoEditor,
    "int": LineEditor,
    "money": LineEditor,
    "date": DateEditor,
    "choice": ChoiceEditor,
    "multi": MultiEditor,
    "bool": BoolEditor,
    "uscc": LineEditor,
    "mobile": LineEditor,
    "phone": LineEditor,
    "email": LineEditor,
    "postcode": LineEditor,
    "calc": CalcEditor,
    "file": FileEditor,
}


def editor_for(field: Field, parent: QWidget) -> FieldEditor:
    try:
        factory = EDITORS[field.kind]
    except KeyError:
        raise KeyError(f"no editor for field kind {field.kind!r} (field {field.id!r})") from None
    return factory(field, parent)
