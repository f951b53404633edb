"""Tables of the officer's desk (收件、审核、审计、需求目录、遴选), on the store's metadata.

They live in the same declarative ``Base`` as the clerk's tables, so one
Alembic history (revision ``0002_desk``) creates them on SQLite and on
PostgreSQL alike. Portable types only: JSON as Text, times as UTCDateTime,
money as Numeric(14, 2).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.models import Base, UTCDateTime

RECEIVED, PASSED, CORRECT, REJECTED, FORWARDED, UPDATED = "已收件", "初核通过", "需补正", "不予推荐", "已报部", "已更新"
OFFICER_STATES = (PASSED, CORRECT, REJECTED)
STATES = (RECEIVED, PASSED, CORRECT, REJECTED, FORWARDED, UPDATED)


class DeskSetting(Base):
    """One setting of the desk (本单位, officer name …), shared by every officer of a shared store."""

    __tablename__ = "desk_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class DeskPackage(Base):
    """One received package (one binding code), whatever its verdict."""

    __tablename__ = "desk_packages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL when not even a manifest could be read; a code names one package only.
    binding_code: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    form_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    edition: Mapped[str] = mapped_column(String(32), default="")
    forms_text: Mapped[str] = mapped_column(Text, default="")       # every form of the package, shown
    revision: Mapped[int] = mapped_column(Integer, default=0)
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    submitter_uscc: Mapped[str] = mapped_column(String(40), default="", index=True)
    province: Mapped[str] = mapped_column(String(40), default="", index=True)
    channel: Mapped[str] = mapped_column(String(40), default="")
    need_code: Mapped[str] = mapped_column(String(40), default="")   # 揭榜 forms: the need answered
    sectors: Mapped[str] = mapped_column(Text, default="")           # "|链一|链二|" for LIKE filters
    domains: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")       # folded titles, names, codes
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ems_no: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(8), index=True)
    problems_json: Mapped[str] = mapped_column(Text, default="[]")
    warnings_json: Mapped[str] = mapped_column(Text, default="[]")
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    answers_notice: Mapped[str] = mapped_column(String(64), default="")
    workspace: Mapped[str] = mapped_column(Text, default="")         # folder name in the workspace, "" if not kept
    data_json: Mapped[str] = mapped_column(Text, default="{}")       # {form id: submission data}
    state: Mapped[str] = mapped_column(String(8), index=True)
    # Raised by every change of state: a decision made on an older version is refused.
    state_version: Mapped[int] = mapped_column(Integer, default=1)
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("desk_packages.id", ondelete="SET NULL"), nullable=True, index=True)


class DeskReceipt(Base):
    """Every time a package was read in, including duplicates and broken copies of a known code."""

    __tablename__ = "desk_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text, default="")
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ems_no: Mapped[str] = mapped_column(String(40), default="")
    verdict: Mapped[str] = mapped_column(String(8))
    problems_json: Mapped[str] = mapped_column(Text, default="[]")
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)


class DeskDecision(Base):
    """An officer's decision; a wrong one is superseded by a newer row, never changed."""

    __tablename__ = "desk_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    old_state: Mapped[str] = mapped_column(String(8))
    new_state: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    officer: Mapped[str] = mapped_column(String(60), default="")
    os_user: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeskComment(Base):
    """A comment on one field of a package (field path as in validation problems: ``needs[0].budget``)."""

    __tablename__ = "desk_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[str] = mapped_column(String(64), default="")
    field_path: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeskPaperCheck(Base):
    """The binding code typed or scanned from the sealed paper, and whether it matched."""

    __tablename__ = "desk_paper_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    typed_code: Mapped[str] = mapped_column(String(80))
    matched: Mapped[bool] = mapped_column(Boolean)
    officer: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeskNeed(Base):
    """One need of a received 附件1, with the ministry's screening (迫切性、可行性、入选)."""

    __tablename__ = "desk_needs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)                     # index in the form's needs table
    code: Mapped[str] = mapped_column(String(30), index=True)     # 需求编号, kept across revisions
    title: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(60), default="")
    domain: Mapped[str] = mapped_column(String(60), default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2), nullable=True)
    deadline: Mapped[str] = mapped_column(String(10), default="")
    data_json: Mapped[str] = mapped_column(Text, default="{}")
    urgency: Mapped[int | None] = mapped_column(Integer, nullable=True)      # 迫切性 1–5
    feasibility: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 可行性 1–5
    selected: Mapped[bool | None] = mapped_column(Boolean, nullable=True)   # 入选 / 不入选 / not screened


class DeskSelection(Base):
    """The 遴选 of one need: criterion weights and, once finalised, when."""

    __tablename__ = "desk_selections"

    need_code: Mapped[str] = mapped_column(String(30), primary_key=True)
    weights_json: Mapped[str] = mapped_column(Text, default="{}")
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DeskSelectionScore(Base):
    """One 揭榜 package scored for a need on the four criteria; ``chosen`` marks the 1–3 picked."""

    __tablename__ = "desk_selection_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_code: Mapped[str] = mapped_column(String(30), index=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("desk_packages.id", ondelete="CASCADE"), index=True)
    scores_json: Mapped[str] = mapped_column(Text, default="{}")
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    officer: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeskAudit(Base):
    """The append-only log: each row hashes its content together with the previous row's hash."""

    __tablename__ = "desk_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    officer: Mapped[str] = mapped_column(String(60), default="")
    os_user: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(40))
    package_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class DeskAuditHead(Base):
    """The newest audit row's id and hash, kept outside the log; its row is also the writers' lock."""

    __tablename__ = "desk_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    writes: Mapped[int] = mapped_column(Integer, default=0)
