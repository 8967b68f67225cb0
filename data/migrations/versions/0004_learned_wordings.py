"""What the user taught the reader: a wording or a header given a tag, applied to every later import.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

One row per (vocabulary, folded wording): `reason`, `request_type` and `status` wordings folded by
`data.rules.fold`, `header` names folded by `data.rules.key`. `import_id` names the re-tag that applied a
reason to the stored cases, so undoing it forgets the wording too (see `data.vocabulary_store`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_wordings",
        sa.Column("vocabulary", sa.String(32), primary_key=True),
        sa.Column("wording", sa.Text(), primary_key=True),
        sa.Column("tag", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=True),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("learned_wordings")
