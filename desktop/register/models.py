"""Tables of the activity register, in the store's metadata (SQLite or PostgreSQL alike).

Created by the Alembic revision ``0003_register``; lists and figures are JSON
kept as Text, as in the rest of the store.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.models import Base, UTCDateTime


class ActivityRow(Base):
    """One activity the province holds or joins (活动), counted once however many departments report it."""

    __tablename__ = "register_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)     # normalised name|date|place
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(120))
    mode: Mapped[str] = mapped_column(String(16))                  # 线上 / 线下 / 线上线下
    level: Mapped[str] = mapped_column(String(16))                 # 国家 / 省 / 市 / 县
    kind: Mapped[str] = mapped_column(String(32))                  # 附件6 活动类型
    chain: Mapped[str] = mapped_column(String(80), default="")     # 产业链
    lead_department: Mapped[str] = mapped_column(String(80))
    co_departments_json: Mapped[str] = mapped_column(Text, default="[]")
    schedule_ref: Mapped[str] = mapped_column(String(480), default="")  # schedule id + row key
    figures_json: Mapped[str] = mapped_column(Text, default="{}")
    figures_by: Mapped[str] = mapped_column(String(80), default="")    # the department whose figures count
    evidence_json: Mapped[str] = mapped_column(Text, default="{}")      # figure id → true (有佐证)
    files_json: Mapped[str] = mapped_column(Text, default="[]")         # stored evidence files
    conflicts_json: Mapped[str] = mapped_column(Text, default="[]")     # other departments' differing figures
    report_json: Mapped[str] = mapped_column(Text, default="{}")        # the texts of its 活动信息和成效
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class ChangeRow(Base):
    """Who changed what, when (变更记录); never edited or deleted."""

    __tablename__ = "register_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("register_activities.id", ondelete="SET NULL"), nullable=True, index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")


class ScheduleRow(Base):
    """A row of one of the ministry's schedules (附件1–4)."""

    __tablename__ = "register_schedule_rows"
    __table_args__ = (UniqueConstraint("schedule", "key", name="uq_register_schedule_rows_schedule_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(400))
    data_json: Mapped[str] = mapped_column(Text)
    joined: Mapped[bool] = mapped_column(Boolean, default=False)      # 本省参加
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)   # gone from the latest import
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CorrectionRow(Base):
    """An officer's hand correction of one cell of the 附件6 table for a period (改正值与理由)."""

    __tablename__ = "register_corrections"
    __table_args__ = (UniqueConstraint("period", "activity_id", "column",
                                       name="uq_register_corrections_period_activity_column"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(16))
    activity_id: Mapped[int] = mapped_column(ForeignKey("register_activities.id", ondelete="CASCADE"), index=True)
    column: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(80))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
