"""The layout model of a sealed-ready document (package.md §1), built from ANY form definition.

``build_layout`` reads the form's sections, groups and tables and the
submission's data and produces plain values (title, key-value tables, grids,
record blocks, signature and seal area, footer).  The PDF and Word renderers
draw exactly this model and never look at form-specific ids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from desktop.engine.model import Field, Form, Group, Item, Section
from desktop.engine.schema import iter_fields, record_items

from .blocks import (GRID_CELL_MAX_CHARS, Block, Cell, GridTable, Heading, KeyValueRow, KeyValueTable, Note,
                     RecordBlock, grid_table, key_value_table, prints_as_records, record_block)
from .cover import CONTENTS_TITLE, Contents, Cover, CoverLine, build_cover

# the block types live in .blocks; renderers and tests reach them through this module
__all__ = ["Block", "Cell", "Contents", "Cover", "CoverLine", "DocMeta", "Document", "DocumentError", "Footer",
           "GridTable", "Heading", "KeyValueRow", "KeyValueTable", "Note", "RecordBlock", "SignatureArea",
           "Subtitle", "Title", "build_layout", "grid_table", "key_value_table", "prints_as_records",
           "record_block"]
from .values import display_value, value_at

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
PART_HEADING_PT = 18.0           # 小二: the heading of a part of its own (承诺书)
HEADING_PT = 14.0
BODY_PT = 12.0
TABLE_PT = 10.5
FOOTER_PT = 9.0

QR_CAPTION = "光盘核对码"
DATE_LINE = "　　　　年　　月　　日"
WATERMARK_TEXT = "草稿"
SEAM_CAPTION = "骑缝章"
AUTHOR = "携手填报"
CHINESE_NUMERALS = "一二三四五六七八九十"
# A title that starts like 一、 or 十二、 is numbered by the form itself.
NUMBERED_TITLE = re.compile(r"^[一二三四五六七八九十百]+、")


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
    answers_notice: str = ""     # id of the 补正通知 this revision answers, printed in the footer

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
class SignatureArea:
    """签字盖章: signature lines, date line, the empty seal area and the QR code beside it.

    With a heading (承诺书) it is a part of its own: it starts a page, the statement follows the
    heading, ``pairs`` are that part's typed values (法定代表人：…) and the date line carries its date.
    """

    statement: str
    lines: tuple[str, ...]
    date_line: str
    seal_caption: str
    qr_payload: str
    qr_caption: str
    heading: str = ""
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Footer:
    binding_code: str
    revision: int
    answers_notice: str = ""

    def parts(self, page: int, pages: int) -> tuple[str, str, str]:
        """Left, centre and right footer texts of one page (a revision answering a notice names it)."""
        revision = f"第 {self.revision} 版" + (f"（补正 {self.answers_notice}）" if self.answers_notice else "")
        return f"装订码 {self.binding_code}", f"第 {page} 页 共 {pages} 页", revision


@dataclass(frozen=True)
class Document:
    title: Title
    subtitle: Subtitle | None
    blocks: tuple[Block, ...]
    signature: SignatureArea
    footer: Footer
    meta: DocMeta
    cover: Cover | None = None           # a cover page replaces the title at the top of page 1
    contents: Contents | None = None     # a 目录 page after the cover

    @property
    def metadata_title(self) -> str:
        return f"{self.title.attachment_no} {self.title.text}"


def build_layout(form: Form, submission: dict, meta: DocMeta) -> Document:
    data = submission.get("data") if isinstance(submission.get("data"), dict) else {}
    subtitle_paths = set(form.subtitle_fields)
    signature_section = _signature_section(form)
    numbered_by_form = any(NUMBERED_TITLE.match(s.title) for s in form.sections if s.printed)
    blocks: list[Block] = []
    number = 0
    for section in form.sections:
        if not section.printed or section is signature_section:
            continue
        body = _section_blocks(section, _scope_of(section, data), subtitle_paths)
        if body:
            # a form that numbers its chapters (一、企业基本情况) is not numbered a second time
            blocks.append(Heading(section.title if numbered_by_form else f"{_numeral(number)}、{section.title}"))
            blocks.extend(body)
            number += 1
    signature = _signature(form, data, signature_section, meta)
    return Document(
        title=Title(form.title, form.attachment_no),
        subtitle=_subtitle(form, data),
        blocks=tuple(blocks),
        signature=signature,
        footer=Footer(meta.binding_code, meta.revision, meta.answers_notice),
        meta=meta,
        cover=build_cover(form, data, TEXT_WIDTH_MM),
        contents=_contents(form, blocks, signature),
    )


def _signature_section(form: Form) -> Section | None:
    """The printed section that holds the signature date of a form with a statement (承诺书), if any.

    Its fields are printed in the signature part, under its title, instead of as a chapter.
    """
    if not form.signature.statement or not form.sign_date_field:
        return None
    for section in form.sections:
        prefix = f"{section.scope}." if section.scope else ""
        ids = {prefix + item.id for item in section.items if isinstance(item, Field)}
        if section.printed and len(ids) == len(section.items) and form.sign_date_field in ids:
            return section
    return None


def _signature(form: Form, data: dict, section: Section | None, meta: DocMeta) -> SignatureArea:
    spec = form.signature
    heading, pairs, date_line = "", (), DATE_LINE
    if section is not None:
        scope = _scope_of(section, data)
        prefix = f"{section.scope}." if section.scope else ""
        heading = section.title
        texts = [(prefix + f.id, f.label, display_value(f, scope.get(f.id))) for f in section.items]
        pairs = tuple((label, text) for path, label, text in texts if path != form.sign_date_field)
        date_line = next(text for path, _, text in texts if path == form.sign_date_field) or DATE_LINE
    return SignatureArea(spec.statement, spec.lines, date_line, spec.seal_caption, meta.binding_payload,
                         QR_CAPTION, heading=heading, pairs=pairs)


def _contents(form: Form, blocks: list[Block], signature: SignatureArea) -> Contents | None:
    if not form.table_of_contents:
        return None
    entries = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    if signature.heading:
        entries.append(signature.heading)
    return Contents(CONTENTS_TITLE, tuple(entries)) if entries else None


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
            pairs.append((field.label, display_value(field, value_at(data, path))))
    return Subtitle(tuple(pairs)) if pairs else None


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
    # a table named like its chapter (七、经费预算 → 经费预算) needs no caption of its own
    caption = [] if item.label == NUMBERED_TITLE.sub("", section_title) else [Heading(item.label, level=2)]
    if isinstance(item, Group):
        fields = [f for f in item.fields if isinstance(f, Field)]
        return caption + [key_value_table(fields, value if isinstance(value, dict) else {})]
    rows = [row if isinstance(row, dict) else {} for row in value] if isinstance(value, list) else []
    if not rows:
        return caption + [Note("（未填写）")]
    grid = None if prints_as_records(item) else grid_table(item, rows, TEXT_WIDTH_MM)
    if grid is None or any(len(text) > GRID_CELL_MAX_CHARS for row in grid.rows for text in row):
        return caption + [record_block(item, row, n) for n, row in enumerate(rows, start=1)]
    return caption + [grid]
