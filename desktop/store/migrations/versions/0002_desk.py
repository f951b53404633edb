"""The officer's desk: received packages, receipts, decisions, comments, paper checks, needs
with their screening, 遴选 scores, settings and the hash-chained audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2023-05-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out rather than imported from models (see 0001).
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('desk_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', UTC_TIME, nullable=False),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('os_user', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('new_value', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_audit'))
    )
    head = op.create_table('desk_audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('writes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_audit_head'))
    )
    # The one head row: writers lock it first, and it holds the newest audit hash.
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": "", "writes": 0}])
    op.create_table('desk_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('binding_code', sa.String(length=40), nullable=True),
    sa.Column('form_id', sa.String(length=64), nullable=False),
    sa.Column('edition', sa.String(length=32), nullable=False),
    sa.Column('forms_text', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('submitter_name', sa.String(length=200), nullable=False),
    sa.Column('submitter_uscc', sa.String(length=40), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('need_code', sa.String(length=40), nullable=False),
    sa.Column('sectors', sa.Text(), nullable=False),
    sa.Column('domains', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', UTC_TIME, nullable=True),
    sa.Column('arrived_at', UTC_TIME, nullable=False),
    sa.Column('ems_no', sa.String(length=40), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('problems_json', sa.Text(), nullable=False),
    sa.Column('warnings_json', sa.Text(), nullable=False),
    sa.Column('draft', sa.Boolean(), nullable=False),
    sa.Column('answers_notice', sa.String(length=64), nullable=False),
    sa.Column('workspace', sa.Text(), nullable=False),
    sa.Column('data_json', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('state_version', sa.Integer(), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['desk_packages.id'], name=op.f('fk_desk_packages_superseded_by_id_desk_packages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_packages')),
    sa.UniqueConstraint('binding_code', name=op.f('uq_desk_packages_binding_code'))
    )
    with op.batch_alter_table('desk_packages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_packages_arrived_at'), ['arrived_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_submitter_uscc'), ['submitter_uscc'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_superseded_by_id'), ['superseded_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_packages_verdict'), ['verdict'], unique=False)

    op.create_table('desk_selections',
    sa.Column('need_code', sa.String(length=30), nullable=False),
    sa.Column('weights_json', sa.Text(), nullable=False),
    sa.Column('finalised_at', UTC_TIME, nullable=True),
    sa.PrimaryKeyConstraint('need_code', name=op.f('pk_desk_selections'))
    )
    op.create_table('desk_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_desk_settings'))
    )
    op.create_table('desk_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.String(length=64), nullable=False),
    sa.Column('field_path', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('at', UTC_TIME, nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_comments_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_comments'))
    )
    with op.batch_alter_table('desk_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_comments_package_id'), ['package_id'], unique=False)

    op.create_table('desk_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('old_state', sa.String(length=8), nullable=False),
    sa.Column('new_state', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('os_user', sa.String(length=60), nullable=False),
    sa.Column('at', UTC_TIME, nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_decisions_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_decisions'))
    )
    with op.batch_alter_table('desk_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_decisions_package_id'), ['package_id'], unique=False)

    op.create_table('desk_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=60), nullable=False),
    sa.Column('domain', sa.String(length=60), nullable=False),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('budget', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('deadline', sa.String(length=10), nullable=False),
    sa.Column('data_json', sa.Text(), nullable=False),
    sa.Column('urgency', sa.Integer(), nullable=True),
    sa.Column('feasibility', sa.Integer(), nullable=True),
    sa.Column('selected', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_needs_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_needs'))
    )
    with op.batch_alter_table('desk_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_needs_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_needs_package_id'), ['package_id'], unique=False)

    op.create_table('desk_paper_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('typed_code', sa.String(length=80), nullable=False),
    sa.Column('matched', sa.Boolean(), nullable=False),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('at', UTC_TIME, nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_paper_checks_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_paper_checks'))
    )
    with op.batch_alter_table('desk_paper_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_paper_checks_package_id'), ['package_id'], unique=False)

    op.create_table('desk_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('arrived_at', UTC_TIME, nullable=False),
    sa.Column('ems_no', sa.String(length=40), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('problems_json', sa.Text(), nullable=False),
    sa.Column('duplicate', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_receipts_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_receipts'))
    )
    with op.batch_alter_table('desk_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_receipts_package_id'), ['package_id'], unique=False)

    op.create_table('desk_selection_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_code', sa.String(length=30), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('scores_json', sa.Text(), nullable=False),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.Column('officer', sa.String(length=60), nullable=False),
    sa.Column('at', UTC_TIME, nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['desk_packages.id'], name=op.f('fk_desk_selection_scores_package_id_desk_packages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_selection_scores'))
    )
    with op.batch_alter_table('desk_selection_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_selection_scores_need_code'), ['need_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desk_selection_scores_package_id'), ['package_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('desk_selection_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_selection_scores_package_id'))
        batch_op.drop_index(batch_op.f('ix_desk_selection_scores_need_code'))

    op.drop_table('desk_selection_scores')
    with op.batch_alter_table('desk_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_receipts_package_id'))

    op.drop_table('desk_receipts')
    with op.batch_alter_table('desk_paper_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_paper_checks_package_id'))

    op.drop_table('desk_paper_checks')
    with op.batch_alter_table('desk_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_needs_package_id'))
        batch_op.drop_index(batch_op.f('ix_desk_needs_code'))

    op.drop_table('desk_needs')
    with op.batch_alter_table('desk_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_decisions_package_id'))

    op.drop_table('desk_decisions')
    with op.batch_alter_table('desk_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_comments_package_id'))

    op.drop_table('desk_comments')
    op.drop_table('desk_settings')
    op.drop_table('desk_selections')
    with op.batch_alter_table('desk_packages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_packages_verdict'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_superseded_by_id'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_submitter_uscc'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_state'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_province'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_form_id'))
        batch_op.drop_index(batch_op.f('ix_desk_packages_arrived_at'))

    op.drop_table('desk_packages')
    op.drop_table('desk_audit_head')
    op.drop_table('desk_audit')
