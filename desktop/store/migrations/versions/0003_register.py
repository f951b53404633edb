"""The 2024 activity register: activities, their change log, schedule rows, 附件6 corrections.

Independent of every other table, so it may follow any revision.

Revision ID: 0003
Revises: 0001
Create Date: 2024-05-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "register_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("place", sa.String(120), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("chain", sa.String(80), nullable=False),
        sa.Column("lead_department", sa.String(80), nullable=False),
        sa.Column("co_departments_json", sa.Text(), nullable=False),
        sa.Column("schedule_ref", sa.String(480), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("figures_by", sa.String(80), nullable=False),
        sa.Column("evidence_json", sa.Text(), nullable=False),
        sa.Column("files_json", sa.Text(), nullable=False),
        sa.Column("conflicts_json", sa.Text(), nullable=False),
        sa.Column("report_json", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_register_activities"),
        sa.UniqueConstraint("key", name="uq_register_activities_key"),
    )
    op.create_index("ix_register_activities_start_date", "register_activities", ["start_date"])
    op.create_table(
        "register_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("by", sa.String(80), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["register_activities.id"], ondelete="SET NULL",
                                name="fk_register_changes_activity_id_register_activities"),
        sa.PrimaryKeyConstraint("id", name="pk_register_changes"),
    )
    op.create_index("ix_register_changes_activity_id", "register_changes", ["activity_id"])
    op.create_table(
        "register_schedule_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule", sa.String(64), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("joined", sa.Boolean(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("imported_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_register_schedule_rows"),
        sa.UniqueConstraint("schedule", "key", name="uq_register_schedule_rows_schedule_key"),
    )
    op.create_table(
        "register_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("column", sa.String(64), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(80), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["register_activities.id"], ondelete="CASCADE",
                                name="fk_register_corrections_activity_id_register_activities"),
        sa.PrimaryKeyConstraint("id", name="pk_register_corrections"),
        sa.UniqueConstraint("period", "activity_id", "column",
                            name="uq_register_corrections_period_activity_column"),
    )
    op.create_index("ix_register_corrections_activity_id", "register_corrections", ["activity_id"])


def downgrade() -> None:
    op.drop_index("ix_register_corrections_activity_id", table_name="register_corrections")
    op.drop_table("register_corrections")
    op.drop_table("register_schedule_rows")
    op.drop_index("ix_register_changes_activity_id", table_name="register_changes")
    op.drop_table("register_changes")
    op.drop_index("ix_register_activities_start_date", table_name="register_activities")
    op.drop_table("register_activities")
