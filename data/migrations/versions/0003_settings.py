"""The shop's settings: one text value per key (the marketplace's response clock first).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

A store without a row for a setting uses its default, so an upgraded store behaves as before until
someone saves a setting (see `data.settings_store`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
