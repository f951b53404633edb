"""The selected package in the 收件与审核 window: facts, problems, warnings, decisions, comments, changes."""

from __future__ import annotations

import datetime as dt
from html import escape

from desktop.desk.db import DeskDB
from desktop.desk.query import Row, detail


def cn_time(iso: str) -> str:
    """2023-04-27T10:15:00+08:00 → 2023年4月27日 10:15."""
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def detail_html(db: DeskDB, row: Row) -> str:
    from desktop.desk import diff

    found = detail(db, row.id)
    parts = [f"<p><b>#{row.id} {escape(row.submitter or '（无法读取）')}</b>　{escape(row.state)}　校验：{escape(row.verdict)}"
             f"　装订码：{escape(row.binding_code or '（无）')}　{escape(found.forms_text)}</p>"]
    if row.superseded_by:
        parts.append(f"<p>已有新版本 #{row.superseded_by}，请审核新版本。</p>")
    sections = (("问题", row.problems), ("提醒", row.warnings),
                ("决定", [f"{cn_time(d['at'])} {d['officer']}：{d['old_state']} → {d['new_state']} {d['reason']}"
                          for d in found.decisions]),
                ("字段意见", [f"{c['field_path']}：{c['text']}（{c['officer']}）" for c in found.comments]),
                ("纸质核对", [f"{cn_time(c['at'])} {c['typed_code']} {'一致' if c['matched'] else '不一致'}"
                          for c in found.paper_checks]))
    for title, items in sections:
        if items:
            parts.append(f"<p><b>{title}：</b></p><ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    changes = [c for older in found.older for c in diff.between(db, older, row.id)]
    if changes:
        parts.append("<p><b>与旧版本相比的修改：</b></p><ul>" + "".join(
            f"<li>{escape(c.label)}：{escape(c.old[:80] or '（空）')} → {escape(c.new[:80] or '（空）')}</li>"
            for c in changes) + "</ul>")
    return "".join(parts)
