"""遴选结果 sheet: the finalised selection as PDF and DOCX, from one layout model.

Input: a :class:`~desktop.desk.selection.SelectionResult`.  Output: PDF bytes
(:func:`selection_pdf`) and DOCX bytes (:func:`selection_docx`) — the need, the
weights, every candidate side by side with the four scores, the weighted
score and the rank, the chosen enterprises, signature lines and the 发榜企业's
seal area with a QR code of the SHA-256 over the result.  Same result → same bytes.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from desktop.documents import layout as L
from desktop.documents.blocks import Cell, KeyValueRow, KeyValueTable
from desktop.documents.pdf import render_layout_pdf
from desktop.documents.word import render_layout_docx
from desktop.rules.formats import format_date_cn

from .catalogue_pdf import ListFooter
from .selection import CRITERIA, SelectionResult, facts

SHEET_TITLE = "揭榜企业遴选结果"
CHOSEN_MARK = "入选"


def selection_pdf(result: SelectionResult) -> bytes:
    return render_layout_pdf(selection_document(result)).data


def selection_docx(result: SelectionResult) -> bytes:
    return render_layout_docx(selection_document(result))


def result_digest(result: SelectionResult) -> str:
    content = {"need": [result.need.code, result.need.title, result.need.owner],
               "weights": [str(w) for w in result.weights], "decided_at": result.decided_at.isoformat(),
               "rows": [[r.rank, r.candidate.key, str(r.weighted), r.chosen,
                         [str(r.candidate.scores.get(k)) for k, _ in CRITERIA]] for r in result.rows]}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def selection_document(result: SelectionResult) -> L.Document:
    need, day = result.need, format_date_cn(result.decided_at.date())
    digest = result_digest(result)
    short = "-".join(digest[i:i + 4].upper() for i in range(0, 16, 4))
    blocks: list[L.Block] = [
        L.Heading("一、需求与评分权重"), _need_table(result),
        L.Heading("二、候选企业概况"), _facts_grid(result),
        L.Heading("三、评分与排名"), _score_grid(result),
        L.Note("加权得分 = Σ（各项得分 × 权重）÷ 权重之和，四舍五入保留两位小数；得分相同者名次相同。"),
        L.Heading("四、遴选结果"), L.Note(_conclusion(result)),
    ]
    signature = L.SignatureArea(statement="", lines=("评审负责人", "联系电话"), date_line=day,
                                seal_caption=f"{need.owner or '发榜企业'}（盖章）", qr_payload=f"XSSEL:{digest}",
                                qr_caption="结果核对码")
    meta = L.DocMeta(binding_code=short, binding_sha256=digest, revision=1, created_at=result.decided_at)
    count = f"候选 {len(result.rows)} 家，入选 {len(result.chosen)} 家"
    return L.Document(title=L.Title(SHEET_TITLE, ""),
                      subtitle=L.Subtitle((("需求编号", need.code), ("日期", day))), blocks=tuple(blocks),
                      signature=signature, meta=meta,
                      footer=ListFooter(short, 1, title=f"结果核对码 {short}", count_text=count))


def _need_table(result: SelectionResult) -> KeyValueTable:
    total = sum(result.weights)
    shares = [f"{label} {_number(w)}（{_percent(w, total)}）" for (_, label), w in zip(CRITERIA, result.weights)]
    rows = (KeyValueRow((Cell("需求名称", result.need.title),)), KeyValueRow((Cell("发榜企业", result.need.owner),)),
            KeyValueRow((Cell("评分权重", "；".join(shares)),)),
            KeyValueRow((Cell("评分方式", "每项满分 100 分"),)))
    return KeyValueTable(rows)


def _facts_grid(result: SelectionResult) -> L.GridTable:
    header = ("序号", "企业名称", "企业规模", "项目名称", "项目周期", "经费（万元）", "团队／知识产权")
    rows = []
    for n, row in enumerate(result.rows, 1):
        found = facts(row.candidate)
        rows.append((str(n), row.candidate.name, found.size_class, found.project, found.period, found.funding,
                     f"{found.team} 人／{found.ip} 项"))
    return L.GridTable(header, tuple(rows), (0.06, 0.19, 0.08, 0.25, 0.18, 0.11, 0.13), numbered=True)


def _score_grid(result: SelectionResult) -> L.GridTable:
    header = ("名次", "企业名称", *(label for _, label in CRITERIA), "加权得分", "结果")
    rows = tuple((str(r.rank) if r.rank else "—", r.candidate.name,
                  *(_number(r.candidate.scores.get(k)) for k, _ in CRITERIA),
                  "" if r.weighted is None else f"{r.weighted:.2f}", CHOSEN_MARK if r.chosen else "")
                 for r in result.rows)
    return L.GridTable(header, rows, (0.07, 0.29, 0.1, 0.1, 0.1, 0.12, 0.12, 0.1), numbered=True)


def _conclusion(result: SelectionResult) -> str:
    names = "；".join(f"{n}. {r.candidate.name}（统一社会信用代码 {r.candidate.uscc}，名次 {r.rank}，加权得分 {r.weighted:.2f}）"
                     for n, r in enumerate(result.chosen, 1))
    return (f"经对 {len(result.rows)} 家揭榜企业的材料综合评议，选定以下 {len(result.chosen)} 家企业"
            f"为需求“{result.need.title}”的揭榜企业：{names}。")


def _number(value) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    return f"{number:.2f}".rstrip("0").rstrip(".") if number != number.to_integral() else str(int(number))


def _percent(weight: Decimal, total: Decimal) -> str:
    return f"{(weight / total * 100):.1f}%" if total else "—"
