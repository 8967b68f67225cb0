"""Cases and imports in the store: every import lands whole or not at all, and a re-import never double-counts.

One import is one transaction: cases never seen go straight into the table; cases already stored
go to a temporary table and are compared in a few set-based statements, and each one that changed
is replaced after its previous version is kept (what `undo` puts back). The same transaction
rewrites a Parquet snapshot of all cases, which is what `load_cases` reads (see `data.bulk`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data import bulk
from data.database import Database, driver, now
from data.errors import UndoError
from data.phrases import Phrase, counted
from data.reader import SheetRead, fill_case_ids
from data.schema import COLUMN_NAMES, COLUMNS, conform, empty_cases
from data.tables import CONTENT, case_versions, cases, imports, meta, snapshot, staging_table


@dataclass(frozen=True)
class ImportResult:
    """What one import did. new + updated + unchanged + duplicate + rejected == rows_read."""

    import_id: int | None
    file_name: str
    rows_read: int
    new: int
    updated: int
    unchanged: int
    rejected: int
    duplicate: int = 0  # rows of the same case repeated within the file; the last one counts
    already_imported_on: datetime | None = None
    courier_returns: int = 0  # cases of the file read as courier returns (the parcel never reached the buyer)

    @property
    def message(self) -> str:
        """One sentence for the user.

        >>> ImportResult(3, "week.xlsx", 10, 6, 2, 1, 1).message
        'week.xlsx: 10 rows read; 6 new, 2 updated, 1 unchanged, 1 rejected (import 3).'
        >>> ImportResult(4, "fba.txt", 168, 168, 0, 0, 0, courier_returns=82).message.split("; ", 2)[2]
        '82 courier returns (parcel never reached the buyer), not counted as buyer requests.'
        """
        if self.already_imported_on is not None:
            when = self.already_imported_on.strftime("%Y-%m-%d %H:%M")
            return f"{self.file_name}: already imported on {when} UTC (import {self.import_id}); nothing changed."
        parts = [f"{self.new:,} new", f"{self.updated:,} updated", f"{self.unchanged:,} unchanged", f"{self.rejected:,} rejected"]
        if self.duplicate:
            parts.append(f"{self.duplicate:,} repeated in the file")
        couriers = self.courier_note
        return f"{self.file_name}: {self.rows_read:,} rows read; {', '.join(parts)} (import {self.import_id})" + (
            f"; {couriers}." if couriers else "."
        )

    @property
    def courier_note(self) -> str:
        """How many cases were read as courier returns, in words ("" when none)."""
        if not self.courier_returns:
            return ""
        return counted(
            "{n} courier return (parcel never reached the buyer), not counted as a buyer request",
            "{n} courier returns (parcel never reached the buyer), not counted as buyer requests",
            self.courier_returns,
        )

    def as_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["already_imported_on"] = self.already_imported_on.isoformat() if self.already_imported_on else None
        return out


def file_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes: how a re-import of the same file is recognised.

    >>> file_hash(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


class CaseStore:
    """The stored cases, their imports and undo, on one `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- imports ---------------------------------------------------------------------------------

    def import_read(self, read: SheetRead, *, file_name: str, data: bytes) -> ImportResult:
        """Store the cases of one read file in one transaction; the same bytes twice change nothing.

        A case already stored (same case_id) is updated when any of its values differ, and its
        previous version is kept for `undo`; a case sent again unchanged is left as it is.
        """
        digest = file_hash(data)
        frame = _as_stored(read.cases.copy() if _is_canonical(read.cases) else conform(read.cases))
        if frame["case_id"].isna().any():
            fill_case_ids(frame)
        rows_in_file = len(frame)
        frame = frame.drop_duplicates("case_id", keep="last")
        rejected = _rejected_rows(read)
        sheets = sorted({str(s) for s in read.mapping} | set(frame["source_sheet"].dropna().astype(str)))
        with self.db.errors("import " + file_name), self.db.connect() as conn, self.db.write(conn):
            seen = conn.execute(
                sa.select(imports.c.import_id, imports.c.imported_at).where(imports.c.file_hash == digest, imports.c.undone_at.is_(None))
            ).first()
            if seen:
                return ImportResult(
                    seen.import_id, file_name, rows_in_file + rejected, 0, 0, rows_in_file, rejected, already_imported_on=seen.imported_at
                )
            import_id = self.new_import(
                conn,
                file_name=file_name,
                file_hash=digest,
                sheets=json.dumps(sheets, ensure_ascii=False),
                mapping=json.dumps(read.mapping, ensure_ascii=False, default=str),
            )
            frame["import_id"] = pd.array([import_id] * len(frame), dtype="Int64")
            before = self.current(conn)
            known = bulk.key_in(frame["case_id"], before["case_id"])
            replaced = self.merge(conn, frame[known], import_id) if known.any() else []
            self._bulk_insert(conn, cases, frame[~known])  # cases never seen before go straight in
            new, updated = int((~known).sum()), len(replaced)
            result = ImportResult(
                import_id,
                file_name,
                rows_in_file + rejected,
                new,
                updated,
                len(frame) - new - updated,
                rejected,
                rows_in_file - len(frame),
                courier_returns=int(frame["courier_return"].fillna(False).astype(bool).sum()),
            )
            conn.execute(
                imports.update()
                .where(imports.c.import_id == import_id)
                .values(
                    rows_read=result.rows_read,
                    rows_new=new,
                    rows_updated=updated,
                    rows_unchanged=result.unchanged,
                    rows_duplicate=result.duplicate,
                    rows_rejected=rejected,
                )
            )
            written = ~known | bulk.key_in(frame["case_id"], replaced)
            kept = before[~bulk.key_in(before["case_id"], replaced)]
            self.save_snapshot(conn, pd.concat([kept, frame[written]], ignore_index=True))
        return result

    def new_import(self, conn: sa.Connection, *, file_name: str, file_hash: str, sheets: str, mapping: str, rows_read: int = 0) -> int:
        """A row of the import history for changes about to be written in this transaction; its import id."""
        return int(
            conn.execute(
                imports.insert()
                .values(
                    file_name=file_name,
                    file_hash=file_hash,
                    sheets=sheets,
                    imported_at=now(),
                    rows_read=rows_read,
                    rows_new=0,
                    rows_updated=0,
                    rows_unchanged=0,
                    rows_duplicate=0,
                    rows_rejected=0,
                    mapping=mapping,
                )
                .returning(imports.c.import_id)
            ).scalar_one()
        )

    def count_updated(self, conn: sa.Connection, import_id: int, updated: int) -> None:
        """Record in the import history how many stored cases an import (or a re-tag) updated."""
        conn.execute(imports.update().where(imports.c.import_id == import_id).values(rows_updated=updated))

    def merge(self, conn: sa.Connection, frame: pd.DataFrame, import_id: int) -> list[str]:
        """Stage cases already stored, keep the previous version of every one that changed, replace those; their ids."""
        staging = staging_table()
        if self.db.backend == "sqlite":
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.import_staging")
        staging.create(conn)
        self._bulk_insert(conn, staging, frame)
        if self.db.backend == "postgresql":
            conn.exec_driver_sql("ANALYZE import_staging")
        changed = sa.or_(*[cases.c[n].is_distinct_from(staging.c[n]) for n in CONTENT])
        previous = (
            sa.select(sa.literal(import_id), *[cases.c[n] for n in COLUMN_NAMES])
            .select_from(cases.join(staging, cases.c.case_id == staging.c.case_id))
            .where(changed)
        )
        conn.execute(case_versions.insert().from_select(["replaced_by", *COLUMN_NAMES], previous))
        replaced_ids = sa.select(case_versions.c.case_id).where(case_versions.c.replaced_by == import_id)
        replaced = list(conn.execute(replaced_ids).scalars().all())
        if replaced:
            conn.execute(cases.delete().where(cases.c.case_id.in_(replaced_ids)))
            changed_rows = sa.select(*[staging.c[n] for n in COLUMN_NAMES]).where(staging.c.case_id.in_(replaced_ids))
            conn.execute(cases.insert().from_select(list(COLUMN_NAMES), changed_rows))
        staging.drop(conn)
        return replaced

    def _bulk_insert(self, conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, chunk: int = 50_000) -> None:
        """Rows of `frame` into `table` on the transaction's own DBAPI connection, a chunk at a time (bounded memory)."""
        raw = driver(conn)
        names = ", ".join(COLUMN_NAMES)
        target = f"temp.{table.name}" if self.db.backend == "sqlite" and table.name == "import_staging" else table.name
        for start in range(0, len(frame), chunk):
            rows = bulk.insert_rows(frame.iloc[start : start + chunk], self.db.backend)
            if self.db.backend == "sqlite":
                raw.executemany(f"INSERT INTO {target} ({names}) VALUES ({', '.join('?' * len(COLUMN_NAMES))})", rows)
            else:
                with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def current(self, conn: sa.Connection) -> pd.DataFrame:
        """The stored cases as this transaction sees them: the snapshot when it is current, else read row by row."""
        is_current = sa.and_(meta.c.key == "data_version", meta.c.value == snapshot.c.data_version)
        data = conn.execute(sa.select(snapshot.c.data).join_from(snapshot, meta, is_current)).scalar()
        return bulk.frame_from_snapshot(data) if data is not None else self._rows(conn, sa.select(cases))

    def _rows(self, conn: sa.Connection, query: sa.Select[Any]) -> pd.DataFrame:
        return bulk.frame_from_rows(pd.read_sql(query, conn), self.db.backend)

    def save_snapshot(self, conn: sa.Connection, frame: pd.DataFrame) -> None:
        """Bump the data version and store `frame` as the snapshot of the new state (the rows stay the truth)."""
        if len(frame) != conn.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one():  # never expected
            frame = self._rows(conn, sa.select(cases))
        conn.execute(meta.update().where(meta.c.key == "data_version").values(value=meta.c.value + 1))
        version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar_one()
        conn.execute(snapshot.delete())
        conn.execute(snapshot.insert().values(snapshot_id=1, data_version=version, data=bulk.snapshot_bytes(frame)))

    # -- undo ------------------------------------------------------------------------------------

    def undo(self, import_id: int, *, also: Callable[[sa.Connection, int], None] | None = None) -> None:
        """Take an import back: its new cases disappear and the cases it updated get their previous values; `also`
        runs in the same transaction (what else the import had saved goes with it).

        Refused (UndoError) when a later import changed some of the same cases: undo that one first.
        """
        with self.db.errors(f"undo import {import_id}"), self.db.connect() as conn, self.db.write(conn):
            row = conn.execute(sa.select(imports.c.file_name, imports.c.undone_at).where(imports.c.import_id == import_id)).first()
            if row is None:
                raise UndoError(
                    Phrase(
                        "There is no import {id} in {where}; see the import history for the ids.", id=str(import_id), where=self.db.place
                    )
                )
            if row.undone_at is not None:
                moment = f"{row.undone_at:%Y-%m-%d %H:%M}"
                raise UndoError(
                    Phrase(
                        "Import {id} ({file}) was already undone on {moment} UTC.",
                        id=str(import_id),
                        file=row.file_name,
                        moment=moment,
                    )
                )
            later = conn.execute(
                sa.select(case_versions.c.replaced_by, sa.func.count())
                .where(case_versions.c.import_id == import_id)
                .group_by(case_versions.c.replaced_by)
                .order_by(case_versions.c.replaced_by.desc())
            ).all()
            if later:
                ids = ", ".join(str(r[0]) for r in later)
                raise UndoError(
                    counted(
                        "Import {id} ({file}) cannot be undone: {n} of its cases was changed again by import {ids}. Undo "
                        "import {ids} first.",
                        "Import {id} ({file}) cannot be undone: {n} of its cases were changed again by import {ids}. Undo "
                        "import {ids} first.",
                        sum(r[1] for r in later),
                        id=str(import_id),
                        file=row.file_name,
                        ids=ids,
                    )
                )
            before = self.current(conn)
            old = sa.select(*[case_versions.c[n] for n in COLUMN_NAMES]).where(case_versions.c.replaced_by == import_id)
            restored = self._rows(conn, old)
            conn.execute(cases.delete().where(cases.c.import_id == import_id))
            conn.execute(cases.insert().from_select(list(COLUMN_NAMES), old))
            conn.execute(case_versions.delete().where(case_versions.c.replaced_by == import_id))
            conn.execute(imports.update().where(imports.c.import_id == import_id).values(undone_at=now()))
            if also is not None:
                also(conn, import_id)
            self.save_snapshot(conn, pd.concat([before[before["import_id"].ne(import_id).fillna(True)], restored], ignore_index=True))

    # -- reading ---------------------------------------------------------------------------------

    def load_cases(self) -> pd.DataFrame:
        """All stored cases in the canonical schema (in no particular order)."""
        with self.db.errors("load the cases"), self.db.connect() as conn:
            return self.current(conn)

    def data_version(self) -> int:
        """A number that changes with every import and undo; the dashboard caches the loaded cases by it."""
        with self.db.errors("read the data version"), self.db.connect() as conn:
            return int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar_one())

    def is_empty(self) -> bool:
        """True when no case is stored (the app then shows the demo shop)."""
        with self.db.errors("read the cases"), self.db.connect() as conn:
            return conn.execute(sa.select(cases.c.case_id).limit(1)).first() is None

    def history(self) -> pd.DataFrame:
        """One row per import, newest first: what came in, when, with which mapping, whether it was undone and can be.

        Columns: import_id, file_name, file_hash, sheets (list), imported_at (UTC), rows_read, rows_new, rows_updated,
        rows_unchanged, rows_duplicate, rows_rejected, mapping (dict), undone_at, undone, can_undo.
        """
        with self.db.errors("read the import history"), self.db.connect() as conn:
            rows = conn.execute(sa.select(imports).order_by(imports.c.import_id.desc())).mappings().all()
            # An import whose cases a later import changed again cannot be undone before that one.
            blocked = set(conn.execute(sa.select(case_versions.c.import_id).distinct()).scalars())
        frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in imports.columns])
        frame["sheets"] = frame["sheets"].map(json.loads)
        frame["mapping"] = frame["mapping"].map(json.loads)
        frame["undone"] = frame["undone_at"].notna()
        frame["can_undo"] = ~frame["undone"] & ~frame["import_id"].isin(blocked)
        return frame.astype({"imported_at": "datetime64[us]", "undone_at": "datetime64[us]"})


def _is_canonical(frame: pd.DataFrame) -> bool:
    """True when `frame` already has the canonical columns and dtypes (as `read_sheet` returns it): no need to conform."""
    canonical = empty_cases().dtypes
    return list(frame.columns) == list(canonical.index) and all(frame.dtypes[n] == canonical[n] for n in canonical.index)


def _as_stored(frame: pd.DataFrame) -> pd.DataFrame:
    """The values exactly as the store keeps them: blank text is missing (an empty cell in one export and an
    absent one in another are the same case), timestamps to the microsecond."""
    for col in COLUMNS:
        if col.dtype == "string":
            frame[col.name] = frame[col.name].mask(frame[col.name].str.strip() == "")
        elif col.dtype == "datetime":
            frame[col.name] = frame[col.name].dt.floor("us")
    return frame


def _rejected_rows(read: SheetRead) -> int:
    """Rows named by a problem that did not become a case (a problem may be a mere warning on a stored row)."""
    problems = read.problems
    if problems is None or problems.empty or "row" not in problems:
        return 0
    sheets = problems["sheet"] if "sheet" in problems else pd.Series("", index=problems.index)
    named = set(zip(sheets.fillna("").astype(str), pd.to_numeric(problems["row"], errors="coerce"), strict=True))
    named_rows = {(s, int(r)) for s, r in named if pd.notna(r)}
    kept = set(
        zip(
            read.cases.get("source_sheet", pd.Series(dtype=object)).fillna("").astype(str),
            pd.to_numeric(read.cases.get("source_row", pd.Series(dtype=float)), errors="coerce"),
            strict=True,
        )
    )
    return len(named_rows - {(s, int(r)) for s, r in kept if pd.notna(r)})
