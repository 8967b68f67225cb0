"""Orders (the units sold behind a return rate), their imports, and the fixes a user notes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

How orders are kept (see `Store.import_orders`): lines with an order id are keyed by that id (a newer
export's lines of an order replace the stored ones); lines without one are kept per day and SKU, and a
newer sheet replaces them over the days it covers. An orders file is recognised by its SHA-256.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_imports",
        sa.Column("import_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("units", sa.Float(), nullable=False),
        sa.Column("lines_replaced", sa.Integer(), nullable=False),
    )
    op.create_table(
        "orders",
        sa.Column("line_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("order_id", sa.Text(), nullable=True),
        sa.Column("sku", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("units", sa.Float(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_orders_order_id", "orders", ["order_id"])
    op.create_index("ix_orders_date", "orders", ["date"])
    op.create_index("ix_orders_import_id", "orders", ["import_id"])
    op.create_table(
        "fixes",
        sa.Column("fix_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("sku", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.bulk_insert(
        sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.BigInteger)), [{"key": "orders_version", "value": 0}]
    )


def downgrade() -> None:
    op.execute("DELETE FROM store_meta WHERE key = 'orders_version'")
    for table in ("fixes", "orders", "order_imports"):
        op.drop_table(table)
