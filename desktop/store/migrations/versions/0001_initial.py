"""The first schema: enterprises, drafts, exports, app_sessions.

Revision ID: 0001
Revises:
Create Date: 2023-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from models, so this revision keeps
# describing the first schema after the models move on.
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "enterprises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("uscc", sa.String(32), nullable=True),
        sa.Column("profile_json", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_enterprises"),
        sa.UniqueConstraint("uscc", name="uq_enterprises_uscc"),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("edition", sa.String(32), nullable=False),
        sa.Column("form_hash", sa.String(128), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=True),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("problem_count", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("deleted_at", UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprises.id"],
            name="fk_drafts_enterprise_id_enterprises", ondelete="SET NULL",
        ),
    )
    op.create_index("ix_drafts_enterprise_id", "drafts", ["enterprise_id"])
    op.create_index("ix_drafts_deleted_at", "drafts", ["deleted_at"])
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("binding_code", sa.String(64), nullable=False),
        sa.Column("exported_at", UTC_TIME, nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exports"),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name="fk_exports_draft_id_drafts", ondelete="CASCADE",
        ),
    )
    op.create_index("ix_exports_draft_id", "exports", ["draft_id"])
    op.create_table(
        "app_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("ended_at", UTC_TIME, nullable=True),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_sessions"),
    )


def downgrade() -> None:
    op.drop_table("app_sessions")
    op.drop_index("ix_exports_draft_id", table_name="exports")
    op.drop_table("exports")
    op.drop_index("ix_drafts_deleted_at", table_name="drafts")
    op.drop_index("ix_drafts_enterprise_id", table_name="drafts")
    op.drop_table("drafts")
    op.drop_table("enterprises")
