"""The layout model of a sealed-ready document (docs/package.md §1), built from ANY form definition.

``build_layout`` reads the form's sections, groups and tables and the
submission's data and produces plain values (title, key-value tables, grids,
record blocks, signature and seal area, footer).  The PDF and Word renderers
draw exactly this model and never look at form-specific ids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from desktop.engine.kinds import kind_of
from desktop.engine.model import Field, Form, Group, Item, Section
from desktop.engine.schema import iter_fields, record_items

from .blocks import (GRID_CELL_MAX_CHARS, Block, Cell, GridTable, Heading, KeyValueRow, KeyValueTable, Note, Photo,
                     PHOTO_MAX_HEIGHT_MM, RecordBlock, grid_table, key_value_table, prints_as_records, record_block)
from .cover import CONTENTS_TITLE, Contents, Cover, CoverLine, build_cover

# the block types live in .blocks; renderers and tests reach them through this module
__all__ = ["Block", "Cell", "Contents", "Cover", "CoverLine", "DocMeta", "Document", "DocumentError", "Footer",
           "GridTable", "Heading", "KeyValueRow", "KeyValueTable", "Note", "OutlineEntry", "Photo", "RecordBlock", "SignatureArea",
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
NOTE_PT = 9.0                    # 小五: the note under a calculated value
FOOTER_PT = 9.0

QR_CAPTION = "装订码"           # one name for one thing: the footer, the QR caption and the disc say 装订码
DRAFT_CODE_PREFIX = "草稿-"     # a draft prints 草稿-7KQ2, never a code that looks valid on paper
DATE_LINE = "　　　　年　　月　　日"
WATERMARK_TEXT = "草稿"
SEAM_CAPTION = "骑缝章"
AUTHOR = "携手填报"
AUTHOR_PATH = "profile.name"      # every form carries the shared enterprise profile
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
    def printed_code(self) -> str:
        """The code printed in the footer and under the QR: a draft's is 草稿-7KQ2, which no disc can match."""
        return f"{DRAFT_CODE_PREFIX}{self.binding_code[:4]}" if self.draft else self.binding_code

    @property
    def binding_payload(self) -> str:
        """The QR content: the full binding digest, so a scan identifies the disc exactly (docs/package.md §3).

        A draft's QR says XSDRAFT: a scanner that accepts XSBIND codes refuses it.
        """
        if self.draft:
            return f"XSDRAFT:{self.printed_code}"
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
class OutlineEntry:
    """A PDF bookmark: a chapter (level 0) or a titled table row inside it (level 1, e.g. 需求3：…)."""

    title: str
    level: int


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
    author: str = AUTHOR                 # the enterprise that files the form (PDF/Word author)

    @property
    def outline(self) -> tuple[OutlineEntry, ...]:
        """The bookmarks in print order: chapter headings with their record titles, then the 承诺书."""
        entries = []
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 1:
                entries.append(OutlineEntry(block.text, 0))
            elif isinstance(block, RecordBlock) and entries:
                entries.append(OutlineEntry(block.title, 1))
        if self.signature.heading:
            entries.append(OutlineEntry(self.signature.heading, 0))
        return tuple(entries)

    @property
    def metadata_title(self) -> str:
        draft = f"（{WATERMARK_TEXT}）" if self.meta.draft else ""
        return f"{self.title.attachment_no} {self.title.text}{draft}"


# Resolves a stored file's SHA-256 to the file to draw (photos), None when it is not at hand.
FileResolver = Callable[[str], "Path | None"]


def build_layout(form: Form, submission: dict, meta: DocMeta, files: FileResolver | None = None) -> Document:
    """``files``: where photo tables (a file column with ``photo=True``) find their pictures."""
    data = submission.get("data") if isinstance(submission.get("data"), dict) else {}
    subtitle_paths = set(form.subtitle_fields)
    signature_section = _signature_section(form)
    numbered_by_form = any(NUMBERED_TITLE.match(s.title) for s in form.sections if s.printed)
    inside = {sub for section in form.sections if section.printed for sub in section.subsections}
    blocks: list[Block] = []
    number = 0
    for section in form.sections:
        if not section.printed or section is signature_section or section.id in inside:
            continue
        body = _chapter_blocks(form, section, data, subtitle_paths, files)
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
        footer=Footer(meta.printed_code, meta.revision, meta.answers_notice),
        meta=meta,
        cover=build_cover(form, data, TEXT_WIDTH_MM),
        contents=_contents(form, blocks, signature),
        author=_author(data),
    )


def _author(data: dict) -> str:
    """The enterprise that files the form: the shared profile's name (as the package's submitter)."""
    name = value_at(data, AUTHOR_PATH)
    return name.strip() if isinstance(name, str) and name.strip() else AUTHOR


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
    """The chapters of ``Document.outline`` (level 0), for a form that asks for a 目录."""
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


def _chapter_blocks(form: Form, section: Section, data: dict, skip: set[str],
                    files: FileResolver | None = None) -> list[Block]:
    """A chapter's body: its subsections, each under its title, then its own items (under ``items_title``)."""
    blocks: list[Block] = []
    for sub_id in section.subsections:
        sub = form.section(sub_id)
        body = _section_blocks(sub, _scope_of(sub, data), skip, files)
        if body:
            blocks += [Heading(sub.title, level=2), *body]
    own = _section_blocks(section, _scope_of(section, data), skip, files)
    if own and blocks and section.items_title:
        blocks.append(Heading(section.items_title, level=2))
    return blocks + own


def _section_blocks(section: Section, scope: dict, skip: set[str], files: FileResolver | None = None) -> list[Block]:
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
        blocks.extend(_item_blocks(item, scope.get(item.id), section.title, files))
    if pending:
        blocks.append(key_value_table(pending, scope))
    return blocks


def _item_blocks(item: Item, value: Any, section_title: str, files: FileResolver | None = None) -> list[Block]:
    # a table named like its chapter (七、经费预算 → 经费预算) needs no caption of its own
    caption = [] if item.label == NUMBERED_TITLE.sub("", section_title) else [Heading(item.label, level=2)]
    if isinstance(item, Group):
        fields = [f for f in item.fields if isinstance(f, Field)]
        return caption + [key_value_table(fields, value if isinstance(value, dict) else {})]
    rows = [row if isinstance(row, dict) else {} for row in value] if isinstance(value, list) else []
    if not rows:
        return caption + [Note("（未填写）")]
    photo = next((c for c in item.columns if kind_of(c).attachment and c.option("photo")), None)
    if photo is not None and files is not None:
        return caption + [_photo_block(item, photo, row, n, files) for n, row in enumerate(rows, start=1)]
    grid = None if prints_as_records(item) else grid_table(item, rows, TEXT_WIDTH_MM)
    if grid is None or any(len(text) > GRID_CELL_MAX_CHARS for row in grid.rows for text in row):
        return caption + [record_block(item, row, n) for n, row in enumerate(rows, start=1)]
    return caption + [grid]


def _photo_block(table, photo: Field, row: dict, n: int, files: FileResolver) -> Block:
    """图n　caption under the picture; a picture not at hand is named instead of drawn."""
    texts = [display_value(c, row.get(c.id)) for c in table.columns if kind_of(c).prose]
    caption = f"图{n}　{'　'.join(t for t in texts if t)}".rstrip()
    value = row.get(photo.id) if isinstance(row.get(photo.id), dict) else {}
    path = files(str(value.get("sha256", ""))) if value else None
    if path is None:
        return Note(f"{caption}（照片文件 {value.get('name', '')} 不在本机，未能印出）")
    return Photo(str(path), caption)
