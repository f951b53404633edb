"""The layout model of a sealed-ready document (package.md §1), built from ANY form definition.

``build_layout`` reads the form's sections, groups and tables and the
submission's data and produces plain values (title, key-value tables, grids,
record blocks, signature and seal area, footer).  The PDF and Word renderers
draw exactly this model and never look at form-specific ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Union

from desktop.engine.model import Field, Form, Group, Item, Section, Table
from desktop.engine.schema import iter_fields, record_items

from .values import display_value, format_row_label

# Page geometry in millimetres: A4 portrait, margins in the spirit of GB/T 9704-2012 §5.2.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
FOOTER_BASELINE_MM = 22.0        # footer line, below the text area
LABEL_COLUMN_MM = 33.0           # label cells of key-value tables
SEAL_SIZE_MM = 48.0              # company seals are round, 38–42 mm; the area must be ≥ 45 mm
QR_SIZE_MM = 26.0
SEAM_STRIP_MM = 14.0             # 骑缝章 guide strip at the right paper edge (inside the 26 mm margin)
SEAM_HEIGHT_MM = 50.0

# Type sizes in points: 二号 title, 四号 headings, 小四 body, 五号 table text.
TITLE_PT = 22.0
ATTACHMENT_PT = 16.0
HEADING_PT = 14.0
BODY_PT = 12.0
TABLE_PT = 10.5
FOOTER_PT = 9.0

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

QR_CAPTION = "光盘核对码"
DATE_LINE = "　　　　年　　月　　日"
WATERMARK_TEXT = "草稿"
SEAM_CAPTION = "骑缝章"
AUTHOR = "携手填报"
CHINESE_NUMERALS = "一二三四五六七八九十"


class DocumentError(ValueError):
    """A document that cannot be laid out; the message is Chinese and says what to change."""


@dataclass(frozen=True)
class DocMeta:
    """What the export record says about this document (fixed, so output bytes are reproducible)."""

    binding_code: str
    binding_sha256: str
    revision: int
    created_at: dt.datetime      # timezone-aware; document metadata dates
    draft: bool = False          # diagonal 草稿 watermark on every page
    seam_guide: bool = False     # 骑缝章 guide on the right edge when longer than one page

    @property
    def binding_payload(self) -> str:
        """The QR content: the full binding digest, so a scan identifies the disc exactly (package.md §3)."""
        return f"XSBIND:{self.binding_code}:{self.binding_sha256}"


@dataclass(frozen=True)
class Title:
    text: str
    attachment_no: str           # 附件1, printed at the top left


@dataclass(frozen=True)
class Subtitle:
    pairs: tuple[tuple[str, str], ...]   # (label, value) printed as "label：value"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1               # 1 = section, 2 = group or table caption


@dataclass(frozen=True)
class Cell:
    label: str
    value: str
    long: bool = False           # memo text: may continue onto the next page


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


@dataclass(frozen=True)
class RecordBlock:
    """One table row printed as its own titled key-value block (e.g. 需求3：…)."""

    title: str
    table: KeyValueTable


@dataclass(frozen=True)
class Note:
    text: str                    # e.g. （未填写） under an empty table


@dataclass(frozen=True)
class SignatureArea:
    """签字盖章: signature lines, date line for handwriting, the empty seal area and the QR code beside it."""

    statement: str
    lines: tuple[str, ...]
    date_line: str
    seal_caption: str
    qr_payload: str
    qr_caption: str


@dataclass(frozen=True)
class Footer:
    binding_code: str
    revision: int

    def parts(self, page: int, pages: int) -> tuple[str, str, str]:
        """Left, centre and right footer texts of one page."""
        return f"装订码 {self.binding_code}", f"第 {page} 页 共 {pages} 页", f"第 {self.revision} 版"


Block = Union[Heading, KeyValueTable, GridTable, RecordBlock, Note]


@dataclass(frozen=True)
class Document:
    title: Title
    subtitle: Subtitle | None
    blocks: tuple[Block, ...]
    signature: SignatureArea
    footer: Footer
    meta: DocMeta

    @property
    def metadata_title(self) -> str:
        return f"{self.title.attachment_no} {self.title.text}"


def build_layout(form: Form, submission: dict, meta: DocMeta) -> Document:
    data = submission.get("data") if isinstance(submission.get("data"), dict) else {}
    subtitle_paths = set(form.subtitle_fields)
    blocks: list[Block] = []
    number = 0
    for section in form.sections:
        if not section.printed:
            continue
        body = _section_blocks(section, _scope_of(section, data), subtitle_paths)
        if body:
            blocks.append(Heading(f"{_numeral(number)}、{section.title}"))
            blocks.extend(body)
            number += 1
    return Document(
        title=Title(form.title, form.attachment_no),
        subtitle=_subtitle(form, data),
        blocks=tuple(blocks),
        signature=SignatureArea(form.signature.statement, form.signature.lines, DATE_LINE,
                                form.signature.seal_caption, meta.binding_payload, QR_CAPTION),
        footer=Footer(meta.binding_code, meta.revision),
        meta=meta,
    )


def _numeral(index: int) -> str:
    if index < 10:
        return CHINESE_NUMERALS[index]
    tens, units = divmod(index + 1, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


def _scope_of(section: Section, data: dict) -> dict:
    scope = data.get(section.scope) if section.scope else data
    return scope if isinstance(scope, dict) else {}


def _subtitle(form: Form, data: dict) -> Subtitle | None:
    fields = dict(iter_fields(record_items(form)))
    pairs = []
    for path in form.subtitle_fields:
        field = fields.get(path)
        if field is not None:
            pairs.append((field.label, display_value(field, _value_at(data, path))))
    return Subtitle(tuple(pairs)) if pairs else None


def _value_at(data: dict, path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _section_blocks(section: Section, scope: dict, skip: set[str]) -> list[Block]:
    prefix = f"{section.scope}." if section.scope else ""
    blocks: list[Block] = []
    pending: list[Field] = []
    for item in section.items:
        if isinstance(item, Field):
            if prefix + item.id not in skip:
                pending.append(item)
            continue
        if pending:
            blocks.append(key_value_table(pending, scope))
            pending = []
        blocks.extend(_item_blocks(item, scope.get(item.id), section.title))
    if pending:
        blocks.append(key_value_table(pending, scope))
    return blocks


def _item_blocks(item: Item, value: Any, section_title: str) -> list[Block]:
    caption = [] if item.label == section_title else [Heading(item.label, level=2)]
    if isinstance(item, Group):
        fields = [f for f in item.fields if isinstance(f, Field)]
        return caption + [key_value_table(fields, value if isinstance(value, dict) else {})]
    rows = [row if isinstance(row, dict) else {} for row in value] if isinstance(value, list) else []
    if not rows:
        return caption + [Note("（未填写）")]
    grid = None if prints_as_records(item) else grid_table(item, rows)
    if grid is None or any(len(text) > GRID_CELL_MAX_CHARS for row in grid.rows for text in row):
        return caption + [record_block(item, row, n) for n, row in enumerate(rows, start=1)]
    return caption + [grid]


def key_value_table(fields: list[Field], scope: dict) -> KeyValueTable:
    """Short values two pairs per row, long ones (memo, long text) across the full width."""
    rows: list[KeyValueRow] = []
    half: Cell | None = None
    for field in fields:
        text = display_value(field, scope.get(field.id))
        cell = Cell(field.label, text, long=field.kind == "memo" or len(text) > LONG_TEXT_CHARS)
        if _is_wide(field, cell.value):
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
    return field.kind == "memo" or "\n" in text or len(text) > HALF_ROW_MAX_CHARS


def prints_as_records(table: Table) -> bool:
    """Rule: page-per-row tables, and tables too wide for a grid (> 6 columns or any memo column).

    A grid whose data has a cell longer than GRID_CELL_MAX_CHARS is printed as record blocks too.
    """
    return (table.page_per_row or len(table.columns) > GRID_MAX_COLUMNS
            or any(column.kind == "memo" for column in table.columns))


def record_block(table: Table, row: dict, n: int) -> RecordBlock:
    texts = {column.id: display_value(column, row.get(column.id)) for column in table.columns}
    label = table.fixed_rows[n - 1] if n <= len(table.fixed_rows) else format_row_label(table.row_label, n, texts)
    title_id = table.row_title_field
    title = f"{label}：{texts[title_id]}" if title_id and texts.get(title_id) else label
    fields = [c for c in table.columns if c.id != title_id or not texts.get(title_id)]
    return RecordBlock(title, key_value_table(fields, row))


def grid_table(table: Table, rows: list[dict]) -> GridTable:
    header = tuple(c.label for c in table.columns)
    body = [tuple(display_value(c, row.get(c.id)) for c in table.columns) for row in rows]
    weights = [float(c.width or max(4, min(len(c.label), 12))) for c in table.columns]
    if table.fixed_rows:
        header = ("",) + header
        body = [(table.fixed_rows[i] if i < len(table.fixed_rows) else "",) + r for i, r in enumerate(body)]
        weights = [float(max(len(r) for r in table.fixed_rows))] + weights
    total = sum(weights)
    return GridTable(header, tuple(body), tuple(w / total for w in weights))
