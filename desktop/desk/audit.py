"""The audit log: every action one row, each row chained to the previous by SHA-256.

A row's hash is SHA-256 over the previous row's hash and the row's own
content (its id included, so a row cannot be moved). The newest id and hash
are also kept in ``desk_audit_head``; :func:`check_chain` therefore finds a
row that was edited (its hash no longer matches), removed (the next row's
``prev_hash`` no longer matches, or for the last row the head does not) or
inserted (a wrong link or id) — and names the first broken row.

Rows are only ever appended, inside the caller's writing transaction (which
holds the writers' lock, see ``desktop.desk.db``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.desk.db import Actor
from desktop.desk.tables import DeskAudit, DeskAuditHead
from desktop.store.models import utc_now

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    broken_id: int | None = None
    message: str = ""


def row_digest(prev_hash: str, row_id: int, at: datetime, officer: str, os_user: str, action: str,
               package_id: int | None, subject: str, old: str, new: str) -> str:
    when = at.astimezone(timezone.utc).isoformat(timespec="microseconds")   # as the store gives it back
    content = json.dumps([row_id, when, officer, os_user, action, package_id,
                          subject, old, new], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def record(session: Session, actor: Actor, action: str, *, package_id: int | None = None, subject: str = "",
           old: str = "", new: str = "", at: datetime | None = None) -> DeskAudit:
    """Append one row (the session must come from ``DeskDB.writing``)."""
    head = session.get(DeskAuditHead, 1)
    prev = head.last_hash or GENESIS
    at = at or utc_now()
    row_id = head.last_id + 1
    digest = row_digest(prev, row_id, at, actor.officer, actor.os_user, action, package_id, subject, old, new)
    row = DeskAudit(id=row_id, at=at, officer=actor.officer, os_user=actor.os_user, action=action,
                    package_id=package_id, subject=subject, old_value=old, new_value=new,
                    prev_hash=prev, row_hash=digest)
    session.add(row)
    head.last_id, head.last_hash = row_id, digest
    session.flush()
    return row


def check_chain(session: Session) -> ChainReport:
    """Walk the log from the first row; the first row that does not fit is named."""
    prev, expected_id, count = GENESIS, 1, 0
    for row in session.scalars(select(DeskAudit).order_by(DeskAudit.id)).yield_per(2000):
        count += 1
        problem = _row_problem(row, prev, expected_id)
        if problem:
            return ChainReport(False, count, row.id, f"审计记录第 {row.id} 条{problem}")
        prev, expected_id = row.row_hash, row.id + 1
    head = session.get(DeskAuditHead, 1)
    if head is None or head.last_id != expected_id - 1 or (head.last_hash or GENESIS) != prev:
        last = expected_id - 1
        shown = head.last_id if head is not None else "（缺失）"
        return ChainReport(False, count, last if last else None,
                           f"审计记录的末尾与单独保存的最新摘要不符（记录止于第 {last} 条，摘要记载第 {shown} 条）："
                           "最后的记录被删除、改动或在末尾添加了记录")
    return ChainReport(True, count, None, f"审计记录完整：共 {count} 条，逐条摘要均一致")


def _row_problem(row: DeskAudit, prev: str, expected_id: int) -> str:
    if row.id != expected_id:
        return f"之前缺少第 {expected_id} 条（记录被删除或编号被改动）"
    if row.prev_hash != prev:
        return "与前一条记录的摘要不衔接（前面的记录被删除、插入或改动）"
    digest = row_digest(prev, row.id, row.at, row.officer, row.os_user, row.action, row.package_id, row.subject,
                        row.old_value, row.new_value)
    if digest != row.row_hash:
        return "的内容与其摘要不符（记录在写入后被改动）"
    return ""
