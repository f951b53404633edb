"""The 需求目录 as a printable PDF, drawn through the documents layout model and PDF renderer.

Input: a catalogue JSON dict (as ``catalogue_out`` builds it) and its entries;
``internal`` adds the 不公开 mark and the contact lines.  Output: PDF bytes —
title, date and count, one titled block per need (序号、编号、名称; 发榜企业,
地区, 产业链, 领域, 类型, 期望完成时间, 需求内容), the issuing office's seal
area with a QR code of the SHA-256 of the catalogue's content, so a printed
copy can be matched to its file.  Only what the catalogue holds is printed: a
public catalogue has no hidden need and no contact to leak.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Sequence

from desktop.documents import layout as L
from desktop.documents.blocks import Cell, KeyValueRow, KeyValueTable
from desktop.documents.pdf import render_layout_pdf
from desktop.rules.formats import format_date_cn

from .model import NOT_PUBLIC

INTERNAL_NOTE = ("本目录为内部目录，含不公开需求（标注“不公开”），供省级中小企业主管部门组织定向揭榜使用，"
                 "不得公开发布或转发。")
PUBLIC_NOTE = "本目录所列需求均为公开需求。中小企业可按需求编号选择揭榜，填写附件2、附件3时请填写相应的需求编号。"


@dataclass(frozen=True)
class ListFooter(L.Footer):
    """A list's footer: its title at the left, the page in the middle, the count at the right."""

    title: str = ""
    count_text: str = ""

    def parts(self, page: int, pages: int) -> tuple[str, str, str]:
        return self.title, f"第 {page} 页 共 {pages} 页", self.count_text


def content_code(obj: dict) -> tuple[str, str]:
    """(short code, full SHA-256) of a JSON value's canonical text: what the QR and the footer carry."""
    digest = hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True,
                                       separators=(",", ":")).encode("utf-8")).hexdigest()
    short = digest[:16].upper()
    return "-".join(short[i:i + 4] for i in range(0, 16, 4)), digest


def catalogue_pdf(catalogue: dict, entries: Sequence, *, internal: bool) -> bytes:
    created = dt.datetime.fromisoformat(catalogue["created_at"])
    code, digest = content_code(catalogue)
    blocks: list[L.Block] = [L.Note(INTERNAL_NOTE if internal else PUBLIC_NOTE)]
    for entry, need in zip(entries, catalogue["needs"]):
        blocks.append(L.RecordBlock(_title(entry.serial, need, internal), _need_table(need, internal)))
    if not entries:
        blocks.append(L.Note("（没有需求）"))
    signature = L.SignatureArea(statement="", lines=(), date_line=format_date_cn(created.date()),
                                seal_caption="发布单位（盖章）", qr_payload=f"XSCAT:{digest}", qr_caption="目录核对码")
    meta = L.DocMeta(binding_code=code, binding_sha256=digest, revision=1, created_at=created)
    count = f"共 {len(entries)} 项需求"
    return render_layout_pdf(L.Document(
        title=L.Title(catalogue["title"], ""), subtitle=L.Subtitle((("生成日期", format_date_cn(created.date())),
                                                                   ("需求数", count))),
        blocks=tuple(blocks), signature=signature, meta=meta,
        footer=ListFooter(code, 1, title=f"目录核对码 {code}", count_text=count))).data


def _title(serial: int, need: dict, internal: bool) -> str:
    mark = f"【{NOT_PUBLIC}】" if internal and need.get("visibility") == NOT_PUBLIC else ""
    return f"{serial}. {need['code']} {need['title']}{mark}"


def _need_table(need: dict, internal: bool) -> KeyValueTable:
    pairs = [("发榜企业", need["owner"]), ("所在地区", need["province"]), ("重点产业链", need["sector"]),
             ("所属领域", need["domain"]), ("需求类型", need["kind"]), ("期望完成时间", _date(need["deadline"]))]
    if internal:
        pairs += [("联系人", need["contact"]), ("联系电话", need["phone"])]
    rows = [KeyValueRow((Cell(a, x), Cell(b, y))) for (a, x), (b, y) in zip(pairs[::2], pairs[1::2])]
    if need["foundation_category"]:
        rows.append(KeyValueRow((Cell("产业基础类别", need["foundation_category"]),)))
    rows.append(KeyValueRow((Cell("需求内容", need["content"], long=True),)))
    return KeyValueTable(tuple(rows))


def _date(text: str) -> str:
    try:
        return format_date_cn(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text
