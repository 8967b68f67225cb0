"""The store's tables as SQLAlchemy Core objects; the cases table is generated from `data.schema.COLUMNS`.

The migrations under `data/migrations/` create these tables on disk; a test checks that a migrated
store has exactly the columns of `COLUMNS`, so a new canonical column fails loudly until a migration adds it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from data.schema import COLUMNS, Column

# Written by the store, never compared: a case re-sent identically from another file is "unchanged".
PROVENANCE = ("source_file", "source_sheet", "source_row", "import_id")
CONTENT = tuple(c.name for c in COLUMNS if c.name not in PROVENANCE and c.name != "case_id")


class Moment(sa.types.TypeDecorator[Any]):
    """A timestamp: TIMESTAMP on PostgreSQL, integer microseconds since 1970 on SQLite.

    SQLite has no date type; integers load straight into typed arrays and compare exactly.
    The store writes and reads these columns in bulk itself, so no per-value conversion is defined.
    """

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        return dialect.type_descriptor(sa.BigInteger() if dialect.name == "sqlite" else sa.DateTime())


def column_type(col: Column) -> sa.types.TypeEngine[Any]:
    """The SQL type that stores one canonical column."""
    return {
        "string": sa.Text(),
        "category": sa.Text(),
        "datetime": Moment(),
        "int": sa.BigInteger(),
        "float": sa.Float(),
        "bool": sa.Boolean(),
    }[col.dtype]


def case_columns(*, constraints: bool) -> list[sa.Column[Any]]:
    """One SQL column per canonical column; `constraints` adds the key and the NOT NULLs of required fields."""
    out = []
    for col in COLUMNS:
        required = constraints and (col.required or col.name in ("case_id", "import_id"))
        out.append(sa.Column(col.name, column_type(col), primary_key=constraints and col.name == "case_id", nullable=not required))
    return out


metadata = sa.MetaData()

cases = sa.Table("cases", metadata, *case_columns(constraints=True), sa.Index("ix_cases_import_id", "import_id"))

# The value a case had before an import replaced it: what undo puts back.
case_versions = sa.Table(
    "case_versions",
    metadata,
    sa.Column("version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("replaced_by", sa.Integer, nullable=False),
    *case_columns(constraints=False),
    sa.Index("ix_case_versions_replaced_by", "replaced_by"),
    sa.Index("ix_case_versions_import_id", "import_id"),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),
    sa.Column("sheets", sa.Text, nullable=False),  # JSON list
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_new", sa.Integer, nullable=False),
    sa.Column("rows_updated", sa.Integer, nullable=False),
    sa.Column("rows_unchanged", sa.Integer, nullable=False),
    sa.Column("rows_duplicate", sa.Integer, nullable=False),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
    sa.Column("mapping", sa.Text, nullable=False),  # JSON: sheet -> {sheet column: canonical column}
    sa.Column("undone_at", sa.DateTime, nullable=True),
    # One live import per file content; an undone import may be imported again.
    sa.Index(
        "ux_imports_live_hash",
        "file_hash",
        unique=True,
        sqlite_where=sa.text("undone_at IS NULL"),
        postgresql_where=sa.text("undone_at IS NULL"),
    ),
)

meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

mappings = sa.Table(
    "saved_mappings",
    metadata,
    sa.Column("signature", sa.Text, primary_key=True),
    sa.Column("mapping", sa.Text, nullable=False),  # JSON
    sa.Column("saved_at", sa.DateTime, nullable=False),
)


# The whole cases table as one Parquet value, rewritten in the transaction of every import and undo:
# the dashboard loads it instead of a million rows. `data_version` says which state it shows.
snapshot = sa.Table(
    "cases_snapshot",
    metadata,
    sa.Column("snapshot_id", sa.Integer, primary_key=True),  # a single row, id 1
    sa.Column("data_version", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)


def staging_table() -> sa.Table:
    """A temporary table that receives one file's cases before they are merged (dropped at commit on PostgreSQL)."""
    return sa.Table(
        "import_staging",
        sa.MetaData(),
        *[sa.Column(c.name, c.type, primary_key=c.name == "case_id") for c in case_columns(constraints=False)],
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )


# Orders behind the return rate and the fixes a user notes (migration 0002; see Store.import_orders).
order_imports = sa.Table(
    "order_imports",
    metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("first_date", sa.Date, nullable=True),
    sa.Column("last_date", sa.Date, nullable=True),
    sa.Column("lines", sa.Integer, nullable=False),
    sa.Column("units", sa.Float, nullable=False),
    sa.Column("lines_replaced", sa.Integer, nullable=False),
)

orders = sa.Table(
    "orders",
    metadata,
    sa.Column("line_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("order_id", sa.Text, nullable=True),  # None: a line of a sales report, kept per day and SKU
    sa.Column("sku", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("units", sa.Float, nullable=False),
    sa.Column("import_id", sa.Integer, nullable=False),
    sa.Index("ix_orders_order_id", "order_id"),
    sa.Index("ix_orders_date", "date"),
    sa.Index("ix_orders_import_id", "import_id"),
)

fixes = sa.Table(
    "fixes",
    metadata,
    sa.Column("fix_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sku", sa.Text, nullable=True),  # None: every SKU
    sa.Column("reason", sa.Text, nullable=True),  # None: every reason
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# The shop's settings, one text value per key, shared by everyone on the store (migration 0003; see data.settings_store).
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# What the user taught the reader (migration 0004; see data.vocabulary_store): per vocabulary, a folded wording and its tag.
learned_wordings = sa.Table(
    "learned_wordings",
    metadata,
    sa.Column("vocabulary", sa.String(32), primary_key=True),  # reason, request_type, status or header
    sa.Column("wording", sa.Text, primary_key=True),  # folded: data.rules.fold (key for headers)
    sa.Column("tag", sa.Text, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),  # as the user saw it
    sa.Column("saved_by", sa.Text, nullable=True),
    sa.Column("saved_at", sa.DateTime, nullable=False),
    sa.Column("import_id", sa.Integer, nullable=True),  # the re-tag that applied it to stored cases: its undo forgets it
)

# Saved views (migration 0010; see data.views_store): a named page + query string, shared by everyone on the store.
saved_views = sa.Table(
    "saved_views",
    metadata,
    sa.Column("view_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("page", sa.Text, nullable=False),  # the page's address path; "" is the Overview
    sa.Column("query", sa.Text, nullable=False),  # e.g. reason=Defective&trends_split=true
    sa.Column("saved_by", sa.Text, nullable=True),  # the signed-in e-mail; None without sign-in
    sa.Column("saved_at", sa.DateTime, nullable=False),
)
