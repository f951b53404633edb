"""The blocks of a document's body, and how a form's fields and table rows become them.

Short values pair up two per row, memo texts take the full width and may
continue on the next page; a table prints as a grid when it is narrow enough
and as one titled key-value block per row otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from desktop.engine.kinds import kind_of
from desktop.engine.model import Field, Table

from .values import alignment, display_value, format_row_label, note_of

# A grid with more columns than this, or with a memo column, is printed as record blocks:
# at 五号 a 156 mm text width holds 7 readable columns only when every cell is short.
GRID_MAX_COLUMNS = 6
# A value longer than this (characters) takes a full-width row instead of half a row.
HALF_ROW_MAX_CHARS = 20
# Longer values may continue on the next page (a memo, or a long text): a full page of a
# full-width cell holds about 1 300 characters at 五号.
LONG_TEXT_CHARS = 200
# A grid cell longer than this would make a row too tall for a narrow column: record blocks instead.
GRID_CELL_MAX_CHARS = 120
SERIAL_LABEL = "序号"
SERIAL_COLUMN_MM = 12.0          # 序号 column of a grid: two characters at 五号 plus padding
TABLE_CHAR_MM = 10.5 * 25.4 / 72  # one character at 五号 (10.5 pt)
CELL_PADDING_MM = 4.5            # both paddings of a cell, and a little air


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1               # 1 = section, 2 = group or table caption


@dataclass(frozen=True)
class Cell:
    label: str
    value: str
    long: bool = False           # memo text: may continue onto the next page
    align: str = "left"          # "right" for amounts
    note: str = ""               # printed small under the value (the reason for a calculated value)


@dataclass(frozen=True)
class KeyValueRow:
    cells: tuple[Cell, ...]      # one cell spans the full width, two sit side by side

    @property
    def full_width(self) -> bool:
        return len(self.cells) == 1


@dataclass(frozen=True)
class KeyValueTable:
    rows: tuple[KeyValueRow, ...]


@dataclass(frozen=True)
class GridTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]    # fractions of the text width, summing to 1
    numbered: bool = False       # the first column is the 序号 the layout added
    align: tuple[str, ...] = ()  # per column, "left" or "right" (amounts); the first column "left"


@dataclass(frozen=True)
class RecordBlock:
    """One table row printed as its own titled key-value block (e.g. 需求3：…)."""

    title: str
    table: KeyValueTable


@dataclass(frozen=True)
class Note:
    text: str                    # e.g. （未填写） under an empty table



@dataclass(frozen=True)
class Photo:
    """A picture printed scaled to the text width (at most ``PHOTO_MAX_HEIGHT_MM`` tall) with its caption below."""

    path: str                    # the stored file (JPG/PNG) to draw
    caption: str                 # e.g. 图1　签约仪式现场


PHOTO_MAX_HEIGHT_MM = 110.0


Block = Union[Heading, KeyValueTable, GridTable, RecordBlock, Note, Photo]


def key_value_table(fields: list[Field], scope: dict) -> KeyValueTable:
    """Short values two pairs per row, long ones (memo, long text) across the full width."""
    rows: list[KeyValueRow] = []
    half: Cell | None = None
    for field in fields:
        text = display_value(field, scope.get(field.id))
        cell = Cell(field.label, text, long=kind_of(field).multiline or len(text) > LONG_TEXT_CHARS,
                    align=alignment(field), note=note_of(field, scope.get(field.id)))
        if _is_wide(field, cell.value) or cell.note:
            if half:
                rows.append(KeyValueRow((half,)))
                half = None
            rows.append(KeyValueRow((cell,)))
        elif half:
            rows.append(KeyValueRow((half, cell)))
            half = None
        else:
            half = cell
    if half:
        rows.append(KeyValueRow((half,)))
    return KeyValueTable(tuple(rows))


def _is_wide(field: Field, text: str) -> bool:
    return kind_of(field).multiline or "\n" in text or len(text) > HALF_ROW_MAX_CHARS


def prints_as_records(table: Table) -> bool:
    """Rule: page-per-row tables, and tables too wide for a grid (> 6 columns or any memo column).

    A grid whose data has a cell longer than GRID_CELL_MAX_CHARS is printed as record blocks too.
    """
    return (table.page_per_row or len(table.columns) > GRID_MAX_COLUMNS
            or any(kind_of(column).multiline for column in table.columns))


def record_block(table: Table, row: dict, n: int) -> RecordBlock:
    texts = {column.id: display_value(column, row.get(column.id)) for column in table.columns}
    label = table.fixed_rows[n - 1] if n <= len(table.fixed_rows) else format_row_label(table.row_label, n, texts)
    title_id = table.row_title_field
    title = f"{label}：{texts[title_id]}" if title_id and texts.get(title_id) else label
    fields = [c for c in table.columns if c.id != title_id or not texts.get(title_id)]
    return RecordBlock(title, key_value_table(fields, row))


def grid_table(table: Table, rows: list[dict], text_width_mm: float) -> GridTable:
    """Fixed rows are headed by their names; other rows by a narrow 序号 column (1, 2, 3 …)."""
    header = tuple(c.label for c in table.columns)
    body = [tuple(display_value(c, row.get(c.id)) for c in table.columns) for row in rows]
    weights = [float(c.width or max(4, min(len(c.label), 12))) for c in table.columns]
    if table.fixed_rows:
        header = ("",) + header
        body = [(table.fixed_rows[i] if i < len(table.fixed_rows) else "",) + r for i, r in enumerate(body)]
        first_mm = max(len(r) for r in table.fixed_rows) * TABLE_CHAR_MM + CELL_PADDING_MM
    else:
        header = (SERIAL_LABEL,) + header
        body = [(str(n),) + r for n, r in enumerate(body, start=1)]
        first_mm = SERIAL_COLUMN_MM
    first = min(first_mm / text_width_mm, 0.3)
    total = sum(weights)
    return GridTable(header, tuple(body), (first,) + tuple(w / total * (1 - first) for w in weights),
                     numbered=not table.fixed_rows, align=("left",) + tuple(alignment(c) for c in table.columns))
