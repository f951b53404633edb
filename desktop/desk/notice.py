"""补正通知: the sealed-ready letter and the notice file for a package that needs correcting.

Inputs: the package (:class:`~desktop.desk.package_read.PackageData`, read from
its folder), the desk's 本单位 (:class:`~desktop.desk.model.Issuer`), the reason,
the problems found (plain texts: verification problems and the officer's own),
the officer's field comments (:class:`~desktop.desk.model.FieldComment`), a
notice id and the time of issue.  Outputs: a
:class:`~desktop.correction.CorrectionNotice` (every comment carrying its
field's printed label), its file bytes (``notice_bytes``) and the letter as
PDF bytes, drawn through the documents layout model and PDF renderer: title,
the package it is about, the reason, every problem and every comment at once
(一次性告知), how to answer, the issuer's seal area with a QR code of the notice
id.  Same inputs → same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from desktop.correction.notice_file import CorrectionNotice, NoticeComment, notice_bytes
from desktop.documents import layout as L
from desktop.documents.blocks import GRID_CELL_MAX_CHARS, Cell, KeyValueRow, KeyValueTable
from desktop.documents.pdf import render_layout_pdf
from desktop.fileio import write_atomically
from desktop.package.manifest import china_time
from desktop.rules.formats import format_date_cn

from .labels import field_label
from .model import FieldComment, Issuer
from .package_read import PackageData

LETTER_TITLE = "材料补正通知书"
QR_CAPTION = "通知核对码"
SERIAL_WIDTH = 0.08


class NoticeRefused(ValueError):
    """A notice that cannot be issued (nothing to correct); the message is Chinese."""


@dataclass(frozen=True)
class NoticeFiles:
    json_path: Path
    pdf_path: Path
    pages: int


def make_notice_id(binding_code: str, issued_at: dt.datetime) -> str:
    """BZ-20230504-7K3Q9M2X: the day of issue and 8 letters of a digest of the package and the moment."""
    digest = hashlib.sha256(f"{binding_code}|{china_time(issued_at)}".encode()).digest()
    return f"BZ-{issued_at.strftime('%Y%m%d')}-{base64.b32encode(digest).decode()[:8]}"


def build_notice(package: PackageData, *, notice_id: str, issued_at: dt.datetime, issuer: Issuer, reason: str,
                 problems: Sequence[str] = (), comments: Sequence[FieldComment] = (),
                 reply_by: dt.date | None = None) -> CorrectionNotice:
    if not reason.strip() and not problems and not comments:
        raise NoticeRefused("补正通知至少要写明补正原因、一个问题或一条填写项意见")
    primary = package.primary
    form = primary.form
    return CorrectionNotice(
        notice_id=notice_id, issued_at=china_time(issued_at), issuer=issuer.name,
        binding_code=package.binding_code, revision=package.revision, form_id=primary.form_id,
        edition=primary.edition, form_title=form.title if form else primary.form_id,
        enterprise_name=package.text("name"), credit_code=package.text("uscc"), reason=reason.strip(),
        problems=tuple(p.strip() for p in problems if p.strip()),
        comments=tuple(_comment(package, c) for c in comments if c.text.strip()),
        reply_by=reply_by.isoformat() if reply_by else "",
        contact="，".join(p for p in (issuer.contact, issuer.phone) if p))


def _comment(package: PackageData, comment: FieldComment) -> NoticeComment:
    form_id = comment.form_id or package.primary.form_id
    found = package.form_data(form_id)
    label = field_label(found.form if found else None, found.data if found else {}, comment.path)
    if found is not None and found is not package.primary and found.form is not None:
        label = f"{found.form.attachment_no} · {label}"   # a comment on the 附件2 beside a 附件3
    return NoticeComment(form_id, comment.path, label, comment.text.strip())


def write_notice(notice: CorrectionNotice, out_dir: Path | str) -> NoticeFiles:
    """``补正通知_<id>.json`` and ``补正通知_<id>.pdf`` in ``out_dir``, each written atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered = render_layout_pdf(notice_document(notice))
    json_path = write_atomically(out / f"补正通知_{notice.notice_id}.json", notice_bytes(notice))
    pdf_path = write_atomically(out / f"补正通知_{notice.notice_id}.pdf", rendered.data)
    return NoticeFiles(json_path, pdf_path, rendered.pages)


def notice_pdf(notice: CorrectionNotice) -> bytes:
    return render_layout_pdf(notice_document(notice)).data


def notice_document(notice: CorrectionNotice) -> L.Document:
    issued = dt.datetime.fromisoformat(notice.issued_at)
    blocks: list[L.Block] = [L.Note(f"{notice.enterprise_name or '报送单位'}："), L.Note(_opening(notice)),
                             L.Heading("一、材料信息"), _package_table(notice)]
    number = 1
    for title, body in (("补正原因", [L.Note(notice.reason)] if notice.reason else []),
                        ("材料问题", _problem_blocks(notice.problems)),
                        ("填写项意见", _comment_blocks(notice.comments)),
                        ("补正方式", [L.Note(text) for text in _how_to_answer(notice)])):
        if body:
            blocks += [L.Heading(f"{L.CHINESE_NUMERALS[number]}、{title}"), *body]
            number += 1
    meta = L.DocMeta(binding_code=notice.binding_code, binding_sha256="", revision=notice.revision,
                     created_at=issued, seam_guide=True)   # a letter of several pages is sealed across its edge
    signature = L.SignatureArea(statement="特此通知。", lines=("经办人", "联系电话"), date_line=format_date_cn(issued.date()),
                                seal_caption=f"{notice.issuer or '审核单位'}（盖章）",
                                qr_payload=f"XSNOTICE:{notice.notice_id}:{notice.binding_code}", qr_caption=QR_CAPTION)
    return L.Document(title=L.Title(LETTER_TITLE, ""), subtitle=L.Subtitle((("通知编号", notice.notice_id),
                                                                             ("日期", format_date_cn(issued.date())))),
                      blocks=tuple(blocks), signature=signature,
                      footer=L.Footer(notice.binding_code, notice.revision), meta=meta)


def _opening(notice: CorrectionNotice) -> str:
    return (f"你单位报送的《{notice.form_title}》（第 {notice.revision} 版，装订码 {notice.binding_code}）经审核，"
            f"需要补正。现将需要补正的全部事项一次性告知如下，请逐项修改后重新报送。")


def _package_table(notice: CorrectionNotice) -> KeyValueTable:
    rows = [("企业名称", notice.enterprise_name), ("统一社会信用代码", notice.credit_code),
            ("材料", notice.form_title), ("版次", f"第 {notice.revision} 版"), ("装订码", notice.binding_code),
            ("补正期限", format_date_cn(dt.date.fromisoformat(notice.reply_by)) if notice.reply_by else "另行通知")]
    return KeyValueTable(tuple(KeyValueRow((Cell(label, value),)) for label, value in rows))


def _problem_blocks(problems: tuple[str, ...]) -> list[L.Block]:
    if not problems:
        return []
    return _listing(("序号", "问题"), [(p,) for p in problems], (1 - SERIAL_WIDTH,))


def _comment_blocks(comments: tuple[NoticeComment, ...]) -> list[L.Block]:
    if not comments:
        return []
    return _listing(("序号", "填写项", "意见"), [(c.label, c.text) for c in comments], (0.34, 0.58))


def _listing(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> list[L.Block]:
    """A numbered grid; when a text is too long for a grid cell, one titled block per row instead."""
    if all(len(text) <= GRID_CELL_MAX_CHARS for row in rows for text in row):
        body = tuple((str(n),) + row for n, row in enumerate(rows, start=1))
        return [L.GridTable(header, body, (SERIAL_WIDTH,) + widths, numbered=True)]
    blocks: list[L.Block] = []
    for n, row in enumerate(rows, start=1):
        cells = tuple(KeyValueRow((Cell(label, text, long=True),)) for label, text in zip(header[1:], row))
        blocks.append(L.RecordBlock(f"第 {n} 项", KeyValueTable(cells)))
    return blocks


def _how_to_answer(notice: CorrectionNotice) -> list[str]:
    deadline = f"于{format_date_cn(dt.date.fromisoformat(notice.reply_by))}前" if notice.reply_by else "按期"
    lines = [f"1. 用携手填报打开随本通知发送的补正通知文件（补正通知_{notice.notice_id}.json），"
             "程序会打开对应的草稿，每条意见显示在相应填写项旁，“检查问题”页列出全部意见。",
             f"2. 逐项修改后导出新版本材料，新版本会注明所答复的补正通知编号 {notice.notice_id}。",
             f"3. 打印、签字、盖章后，连同新光盘{deadline}重新报送。"]
    if notice.contact:
        lines.append(f"如有疑问，请联系：{notice.contact}。")
    return lines
