"""Saved views: a name for a page and its filters and choices, listed for everyone on the store.

Revision ID: 0010
Revises: 0004
Create Date: 2026-12-01

`page` is the page's address path ("" for the Overview), `query` the view's query string (as the page's link
carries it). `saved_by` is who saved it (the signed-in e-mail; NULL without sign-in): only they may delete it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("view_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("page", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=True),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("saved_views")
