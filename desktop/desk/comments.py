"""The desk's field comments as the read-only view shows them: 审核意见, and the 补正通知 that carried them.

A comment is only the desk's own 审核意见 until a 补正通知 is issued for its
package; a notice carries every comment written before it (it is built from
all of them).  The notices issued are read from the audit log, whose rows of
action ``补正通知`` name the notice id (BZ-20230504-7K3Q9M2X).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from desktop.desk.db import DeskDB
from desktop.desk.tables import DeskAudit, DeskComment, DeskPackage

NOTICE_ACTION = "补正通知"
_NOTICE_ID = re.compile(r"BZ-\d{8}-[A-Z2-7]{8}")


@dataclass(frozen=True)
class ShownComment:
    id: int
    form_id: str
    path: str
    text: str
    officer: str
    at: dt.datetime
    notice_id: str = ""        # the first 补正通知 that carried it; "" = not sent yet

    @property
    def heading(self) -> str:
        return f"审核意见（补正通知 {self.notice_id}）" if self.notice_id else "审核意见（尚未出具补正通知）"


def issued_notices(db: DeskDB, package_id: int) -> list[tuple[dt.datetime, str]]:
    """(when, notice id) of every 补正通知 issued for the package, oldest first."""
    query = select(DeskAudit.at, DeskAudit.new_value).where(
        DeskAudit.action == NOTICE_ACTION, DeskAudit.package_id == package_id).order_by(DeskAudit.id)
    with db.reading() as session:
        found = []
        for at, text in session.execute(query):
            match = _NOTICE_ID.search(text or "")
            if match:
                found.append((at, match.group(0)))
        return found


def shown_comments(db: DeskDB, package_id: int) -> list[ShownComment]:
    """The package's comments, each with the notice that carried it (if one was issued after it)."""
    notices = issued_notices(db, package_id)
    with db.reading() as session:
        primary = session.scalar(select(DeskPackage.form_id).where(DeskPackage.id == package_id)) or ""
        rows = session.scalars(select(DeskComment).where(DeskComment.package_id == package_id)
                               .order_by(DeskComment.id)).all()
    out = []
    for c in rows:
        carried = next((notice for at, notice in notices if at >= c.at), "")
        out.append(ShownComment(c.id, c.form_id or primary, c.field_path, c.text, c.officer, c.at, carried))
    return out
