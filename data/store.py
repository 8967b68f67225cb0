"""The case store: every import lands whole or not at all, and a re-import never double-counts.

SQLite file by default (no set-up); PostgreSQL for a team, through the same SQLAlchemy code.
Walking-skeleton version: the store work adds migrations, change history and undo behind the
same API.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data.reader import SheetRead
from data.schema import COLUMN_NAMES, COLUMNS, conform

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "store" / "returns.db"
ENV_VAR = "RETURNS_RADAR_DB"


class StoreError(Exception):
    """The store cannot be used: unreachable, not a database, busy, or from a newer version."""


@dataclass(frozen=True)
class ImportResult:
    import_id: int | None
    file_name: str
    rows_read: int
    new: int
    updated: int
    rejected: int
    already_imported_on: datetime | None = None


def default_url() -> str:
    """The store URL: `RETURNS_RADAR_DB` when set, else a SQLite file under `store/`."""
    return os.environ.get(ENV_VAR) or f"sqlite:///{DEFAULT_PATH}"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


metadata = sa.MetaData()
imports = sa.Table(
    "imports", metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.String, nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("imported_at", sa.DateTime, nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_new", sa.Integer, nullable=False),
    sa.Column("rows_updated", sa.Integer, nullable=False),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
)
_TYPES = {"string": sa.String, "category": sa.String, "datetime": sa.DateTime, "int": sa.BigInteger,
          "float": sa.Float, "bool": sa.Boolean}
cases_table = sa.Table(
    "cases", metadata,
    *[sa.Column(c.name, _TYPES[c.dtype](), primary_key=(c.name == "case_id")) for c in COLUMNS],
)


class Store:
    """One store, addressed by a SQLAlchemy URL."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = sa.create_engine(self.url)
            metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"The store at {self.url} cannot be opened: {err.__class__.__name__}") from err

    def import_read(self, read: SheetRead, *, file_name: str, data: bytes) -> ImportResult:
        """Store the cases of one read file in one transaction; the same bytes twice change nothing."""
        digest = file_hash(data)
        with self.engine.begin() as conn:
            seen = conn.execute(sa.select(imports.c.imported_at).where(imports.c.file_hash == digest)).first()
            if seen:
                return ImportResult(None, file_name, len(read.cases), 0, 0, len(read.problems), seen[0])
            import_id = conn.execute(imports.insert().values(
                file_name=file_name, file_hash=digest, imported_at=datetime.now(UTC).replace(tzinfo=None),
                rows_read=len(read.cases) + len(read.problems), rows_new=0, rows_updated=0,
                rows_rejected=len(read.problems))).inserted_primary_key[0]
            frame = conform(read.cases)
            frame["import_id"] = import_id
            existing = {r[0] for r in conn.execute(sa.select(cases_table.c.case_id)).all()}
            updated = frame["case_id"].isin(existing)
            if updated.any():
                conn.execute(cases_table.delete().where(cases_table.c.case_id.in_(frame.loc[updated, "case_id"].tolist())))
            records = frame.astype(object).where(frame.notna(), None).to_dict("records")
            if records:
                conn.execute(cases_table.insert(), records)
            conn.execute(imports.update().where(imports.c.import_id == import_id).values(
                rows_new=int((~updated).sum()), rows_updated=int(updated.sum())))
        return ImportResult(import_id, file_name, len(read.cases), int((~updated).sum()), int(updated.sum()),
                            len(read.problems))

    def load_cases(self) -> pd.DataFrame:
        """All stored cases in the canonical schema."""
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(cases_table), conn)
        return conform(frame[list(COLUMN_NAMES)])

    def data_version(self) -> int:
        """Changes with every import or undo; the dashboard caches the loaded cases by it."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(imports.c.import_id), 0))).scalar())

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(cases_table.c.case_id).limit(1)).first() is None

    def history(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(imports).order_by(imports.c.import_id.desc()), conn)
