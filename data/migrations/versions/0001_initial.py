"""The initial store: cases, their previous versions, imports, a snapshot for fast loads, saved mappings, the data version.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

The case columns are written out here, not taken from `data.schema`, so that this migration
keeps describing the first schema after the canonical one grows (a new column is a new migration).
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CASE_COLUMNS = (
    ("case_id", "string"),
    ("order_id", "string"),
    ("sku", "string"),
    ("product_name", "string"),
    ("request_type", "category"),
    ("reason", "category"),
    ("reason_raw", "string"),
    ("comment", "string"),
    ("request_date", "datetime"),
    ("response_date", "datetime"),
    ("resolved_date", "datetime"),
    ("status", "category"),
    ("quantity", "int"),
    ("refund_amount", "float"),
    ("currency", "string"),
    ("proof_provided", "bool"),
    ("courier_return", "bool"),
    ("channel", "string"),
    ("handled_by", "string"),
    ("buyer_hash", "string"),
    ("source_file", "string"),
    ("source_sheet", "string"),
    ("source_row", "int"),
    ("import_id", "int"),
)
REQUIRED = ("case_id", "sku", "request_date", "import_id")


def _type(dtype: str, sqlite: bool) -> sa.types.TypeEngine[Any]:
    if dtype == "datetime":  # integer microseconds on SQLite: see data.tables.Moment
        return sa.BigInteger() if sqlite else sa.DateTime()
    types: dict[str, sa.types.TypeEngine[Any]] = {
        "string": sa.Text(),
        "category": sa.Text(),
        "int": sa.BigInteger(),
        "float": sa.Float(),
        "bool": sa.Boolean(),
    }
    return types[dtype]


def _case_columns(sqlite: bool, constraints: bool) -> list[sa.Column[Any]]:
    return [
        sa.Column(
            name, _type(dtype, sqlite), primary_key=constraints and name == "case_id", nullable=not (constraints and name in REQUIRED)
        )
        for name, dtype in CASE_COLUMNS
    ]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table("cases", *_case_columns(sqlite, constraints=True))
    op.create_index("ix_cases_import_id", "cases", ["import_id"])
    op.create_table(
        "case_versions",
        sa.Column("version_id", sa.Integer() if sqlite else sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("replaced_by", sa.Integer(), nullable=False),
        *_case_columns(sqlite, constraints=False),
    )
    op.create_index("ix_case_versions_replaced_by", "case_versions", ["replaced_by"])
    op.create_index("ix_case_versions_import_id", "case_versions", ["import_id"])
    op.create_table(
        "imports",
        sa.Column("import_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("sheets", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        *[sa.Column(f"rows_{n}", sa.Integer(), nullable=False) for n in ("read", "new", "updated", "unchanged", "duplicate", "rejected")],
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
    )
    op.create_index(
        "ux_imports_live_hash",
        "imports",
        ["file_hash"],
        unique=True,
        sqlite_where=sa.text("undone_at IS NULL"),
        postgresql_where=sa.text("undone_at IS NULL"),
    )
    meta = op.create_table(
        "store_meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.BigInteger(), nullable=False)
    )
    op.bulk_insert(meta, [{"key": "data_version", "value": 0}])
    op.create_table(
        "cases_snapshot",
        sa.Column("snapshot_id", sa.Integer(), primary_key=True),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "saved_mappings",
        sa.Column("signature", sa.Text(), primary_key=True),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("saved_mappings", "cases_snapshot", "store_meta", "imports", "case_versions", "cases"):
        op.drop_table(table)
