"""The case store: every import lands whole or not at all, and a re-import never double-counts.

A SQLite file by default (no set-up); PostgreSQL for a team, through the same SQLAlchemy code.
One import is one transaction: cases never seen go straight into the table; cases already stored
go to a temporary table and are compared in a few set-based statements, and each one that changed
is replaced after its previous version is kept (what `undo` puts back). The same transaction
rewrites a Parquet snapshot of all cases, which is what `load_cases` reads (see `data.bulk`).
The schema is migrated by Alembic when a store is opened; a store from a newer version is refused.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(f"sqlite:///{folder / 'returns.db'}")
>>> store.is_empty(), store.data_version()
(True, 0)
>>> store.close()
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from data import bulk
from data.formats import named_bytes, source_bytes
from data.order_store import OrdersMixin
from data.privacy import legacy_salt, using_salt
from data.reader import SheetRead, fill_case_ids, read_sheet
from data.schema import COLUMN_NAMES, COLUMNS, conform, empty_cases
from data.settings_store import SettingsMixin
from data.tables import CONTENT, case_versions, cases, imports, mappings, meta, snapshot, staging_table
from data.views_store import ViewsMixin
from data.vocabulary_store import VocabularyMixin

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "store" / "returns.db"
ENV_VAR = "RETURNS_RADAR_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 7_362_100  # advisory lock id: one writer at a time on PostgreSQL, like SQLite's write lock


class StoreError(Exception):
    """The store cannot be used: unreachable, not a database, busy, or from a newer version."""


class UndoError(StoreError):
    """An import that cannot be undone (unknown, already undone, or later imports changed its cases)."""


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
        return (f"{self.file_name}: {self.rows_read:,} rows read; {', '.join(parts)} (import {self.import_id})"
                + (f"; {couriers}." if couriers else "."))

    @property
    def courier_note(self) -> str:
        """How many cases were read as courier returns, in words ("" when none)."""
        if not self.courier_returns:
            return ""
        return (f"{self.courier_returns:,} courier return{'s' if self.courier_returns > 1 else ''} (parcel never reached "
                "the buyer), not counted as buyer requests")

    def as_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["already_imported_on"] = self.already_imported_on.isoformat() if self.already_imported_on else None
        return out


def default_url() -> str:
    """The store URL: `RETURNS_RADAR_DB` from the environment or `.streamlit/secrets.toml`, else a SQLite file under `store/`."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for secrets in (Path.cwd() / ".streamlit" / "secrets.toml", ROOT / ".streamlit" / "secrets.toml"):
        if secrets.is_file():
            try:
                value = tomllib.loads(secrets.read_text(encoding="utf-8")).get(ENV_VAR)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
                raise StoreError(f"{secrets} is not valid TOML ({err}); fix it or set {ENV_VAR}.") from err
            if value:
                return str(value)
    return f"sqlite:///{DEFAULT_PATH}"


def _configured_url() -> str | None:
    """`default_url()`, or None when the configuration cannot be read."""
    try:
        return default_url()
    except StoreError:
        return None


def file_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes: how a re-import of the same file is recognised.

    >>> file_hash(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store(OrdersMixin, SettingsMixin, VocabularyMixin, ViewsMixin):
    """One store, addressed by a SQLAlchemy URL (`sqlite:///path` or `postgresql://user@host/db`).

    Orders and fixes: see `data.order_store` (`import_orders`, `load_orders`, `add_fix`, `fixes`, `delete_fix`).
    The shop's response clock and time zone: see `data.settings_store` (`clock`, `save_clock`, `time_zone`, `save_time_zone`).
    What the user taught the reader: see `data.vocabulary_store` (`learned`, `learn`, `learn_headers`, `retag`, ...).
    Saved views: see `data.views_store` (`saved_views`, `save_view`, `delete_view`).
    """

    def __init__(self, url: str | None = None, *, busy_timeout: float = 30.0) -> None:
        self.url = url or default_url()
        self._secret = _password(self.url)
        try:
            parsed = sa.engine.make_url(self.url)
        except (sa.exc.ArgumentError, ValueError):
            raise StoreError(f"The store address {redact(self.url)!r} is not a database URL; "
                             "use sqlite:///path or postgresql://user@host/db.") from None
        if parsed.drivername.split("+")[0] in ("postgres", "postgresql"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # `postgres://`, as hosting services write it
        self.backend = parsed.get_backend_name()
        self.busy_timeout = busy_timeout
        if self.backend == "sqlite":
            if not parsed.database or parsed.database == ":memory:":
                raise StoreError("The store needs a file: use sqlite:///path/to/returns.db.")
            self.path = Path(parsed.database)
            self.where = f"the store file {self.path}"
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"The folder for {self.where} cannot be created: {err.strerror}.") from err
            # The pool hands a connection to one thread at a time: Streamlit's script threads may share the store.
            self.engine = sa.create_engine(parsed.set(drivername="sqlite"),
                                           connect_args={"timeout": busy_timeout, "check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        elif self.backend == "postgresql":
            self.where = f"the PostgreSQL store at {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"
            self.engine = sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5},
                                           hide_parameters=True)
        else:
            raise StoreError(f"The store address {redact(self.url)!r} is neither SQLite nor PostgreSQL; "
                             "use sqlite:///path or postgresql://user@host/db.")
        self._migrate()
        # An older version kept the salt in `store/salt` for the store this checkout used: it moves into that store, once.
        self.legacy_salt = legacy_salt() if self.url == _configured_url() else None
        if self.legacy_salt:
            self.salt()

    # -- opening ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        """Refuse a store from a newer version, else bring it to the newest schema (never touching a refused file)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        with self._errors("open"), self.engine.connect() as conn:
            current = self._revision(conn, script)
            conn.rollback()
            if current == head:
                return
            if self.backend == "sqlite":  # persistent, set only once the file is known to be ours, outside a transaction
                conn.connection.driver_connection.execute("PRAGMA journal_mode=WAL")
            with self._write(conn):
                if self._revision(conn, script) != head:  # another process may have migrated meanwhile
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")

    def _revision(self, conn: sa.Connection, script: ScriptDirectory) -> str | None:
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as err:
                raise StoreError(f"{self.where} was written by a newer version of Returns Radar (schema {current}); "
                                 "update the app to open it. The store was left untouched.") from err
        elif self.backend == "sqlite" and sa.inspect(conn).get_table_names():
            raise StoreError(f"{self.where} is a database of another application; choose another file. It was left untouched.")
        return current

    def close(self) -> None:
        """Release the connections (the file or server is left as it is)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors -----------------------------------------------------------------

    @contextmanager
    def _write(self, conn: sa.Connection) -> Iterator[sa.Connection]:
        """One write transaction, serialised with every other writer (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock)."""
        conn.execution_options(store_write=True)
        try:
            with conn.begin():
                if self.backend == "postgresql":
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(self.busy_timeout * 1000)}ms'")
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK)))
                yield conn
        finally:
            conn.execution_options(store_write=False)

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn driver errors into a StoreError that says what happened and what to do (never the password)."""
        try:
            yield
        except StoreError as err:
            if self._secret and self._secret in str(err):
                raise type(err)(str(err).replace(self._secret, "***")) from None
            raise
        except (sa.exc.SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error, OSError) as err:  # DBAPI: bulk writes go direct
            message = self._explain(err, action)
            raise StoreError(message.replace(self._secret, "***") if self._secret else message) from None

    def _explain(self, err: Exception, action: str) -> str:
        """The message for a driver error, told apart by its kind: PostgreSQL's SQLSTATE, SQLite's result code and the
        exception's type, never its wording (which a server set to another language changes)."""
        kind = _kind(err, self.backend)
        reason = _first_line(err)
        if kind == "integrity":
            return f"Could not {action}: the store refused a case ({reason}); nothing from this file was stored."
        if kind == "busy":
            return f"{self.where} is busy with another import; try again in a minute."
        if kind == "not-a-store":
            return f"{self.where} is not a Returns Radar database; choose another file. It was left untouched."
        if kind == "no-write":
            return f"{self.where} cannot be opened for writing; check the path and its permissions."
        if kind == "full":
            return f"{self.where} has no room left (disk full); free some space, then try again."
        if kind == "missing":
            return f"{self.where} does not exist; create the database (createdb) or correct {ENV_VAR}."
        if kind == "sign-in":
            return f"{self.where} refused the sign-in; check the user and password in {ENV_VAR}."
        if kind == "unreachable":
            return (f"{self.where} cannot be reached or refused the connection ({reason}); check that the server is "
                    f"running, that the database exists (createdb) and the user and password in {ENV_VAR}, then reload the page.")
        return f"{self.where} failed to {action}: {reason}"

    # -- imports ---------------------------------------------------------------------------------

    def import_file(self, path: str | Path, *, tz: str | None = None) -> ImportResult:
        """Read a sheet with `data.reader.read_sheet` in the shop's saved time zone, or in `tz` when given, with the wordings and
        headers the store learned, and import it (raises `data.reader.ReadError` for an unreadable file or an unknown zone)."""
        path = Path(path)
        data = source_bytes(path, path.name)  # read once: the bytes hashed are the bytes read
        with using_salt(self.salt()):
            read = read_sheet(named_bytes(data, path.name), tz=tz or self.time_zone(), learned=self.learned())
        return self.import_read(read, file_name=path.name, data=data)

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
        with self._errors("import " + file_name), self.engine.connect() as conn, self._write(conn):
            seen = conn.execute(sa.select(imports.c.import_id, imports.c.imported_at)
                                .where(imports.c.file_hash == digest, imports.c.undone_at.is_(None))).first()
            if seen:
                return ImportResult(seen.import_id, file_name, rows_in_file + rejected, 0, 0, rows_in_file, rejected,
                                    already_imported_on=seen.imported_at)
            import_id = conn.execute(imports.insert().values(
                file_name=file_name, file_hash=digest, sheets=json.dumps(sheets, ensure_ascii=False), imported_at=_now(),
                rows_read=0, rows_new=0, rows_updated=0, rows_unchanged=0, rows_duplicate=0, rows_rejected=0,
                mapping=json.dumps(read.mapping, ensure_ascii=False, default=str))).inserted_primary_key[0]
            frame["import_id"] = pd.array([import_id] * len(frame), dtype="Int64")
            before = self._current(conn)
            known = bulk.key_in(frame["case_id"], before["case_id"])
            replaced = self._merge(conn, frame[known], import_id) if known.any() else []
            self._bulk_insert(conn, cases, frame[~known])  # cases never seen before go straight in
            new, updated = int((~known).sum()), len(replaced)
            result = ImportResult(import_id, file_name, rows_in_file + rejected, new, updated, len(frame) - new - updated,
                                  rejected, rows_in_file - len(frame),
                                  courier_returns=int(frame["courier_return"].fillna(False).astype(bool).sum()))
            conn.execute(imports.update().where(imports.c.import_id == import_id).values(
                rows_read=result.rows_read, rows_new=new, rows_updated=updated, rows_unchanged=result.unchanged,
                rows_duplicate=result.duplicate, rows_rejected=rejected))
            written = ~known | bulk.key_in(frame["case_id"], replaced)
            kept = before[~bulk.key_in(before["case_id"], replaced)]
            self._save_snapshot(conn, pd.concat([kept, frame[written]], ignore_index=True))
        return result

    def _merge(self, conn: sa.Connection, frame: pd.DataFrame, import_id: int) -> list[str]:
        """Stage cases already stored, keep the previous version of every one that changed, replace those; their ids."""
        staging = staging_table()
        if self.backend == "sqlite":
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.import_staging")
        staging.create(conn)
        self._bulk_insert(conn, staging, frame)
        if self.backend == "postgresql":
            conn.exec_driver_sql("ANALYZE import_staging")
        changed = sa.or_(*[cases.c[n].is_distinct_from(staging.c[n]) for n in CONTENT])
        previous = (sa.select(sa.literal(import_id), *[cases.c[n] for n in COLUMN_NAMES])
                    .select_from(cases.join(staging, cases.c.case_id == staging.c.case_id)).where(changed))
        conn.execute(case_versions.insert().from_select(["replaced_by", *COLUMN_NAMES], previous))
        replaced_ids = sa.select(case_versions.c.case_id).where(case_versions.c.replaced_by == import_id)
        replaced = conn.execute(replaced_ids).scalars().all()
        if replaced:
            conn.execute(cases.delete().where(cases.c.case_id.in_(replaced_ids)))
            changed_rows = sa.select(*[staging.c[n] for n in COLUMN_NAMES]).where(staging.c.case_id.in_(replaced_ids))
            conn.execute(cases.insert().from_select(list(COLUMN_NAMES), changed_rows))
        staging.drop(conn)
        return replaced

    def _bulk_insert(self, conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, chunk: int = 50_000) -> None:
        """Rows of `frame` into `table` on the transaction's own DBAPI connection, a chunk at a time (bounded memory)."""
        raw = conn.connection.driver_connection
        names = ", ".join(COLUMN_NAMES)
        target = f"temp.{table.name}" if self.backend == "sqlite" and table.name == "import_staging" else table.name
        for start in range(0, len(frame), chunk):
            rows = bulk.insert_rows(frame.iloc[start:start + chunk], self.backend)
            if self.backend == "sqlite":
                raw.executemany(f"INSERT INTO {target} ({names}) VALUES ({', '.join('?' * len(COLUMN_NAMES))})", rows)
            else:
                with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def _current(self, conn: sa.Connection) -> pd.DataFrame:
        """The stored cases as this transaction sees them: the snapshot when it is current, else read row by row."""
        current = sa.and_(meta.c.key == "data_version", meta.c.value == snapshot.c.data_version)
        data = conn.execute(sa.select(snapshot.c.data).join_from(snapshot, meta, current)).scalar()
        return bulk.frame_from_snapshot(data) if data is not None else self._rows(conn, sa.select(cases))

    def _rows(self, conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
        return bulk.frame_from_rows(pd.read_sql(query, conn), self.backend)

    def _save_snapshot(self, conn: sa.Connection, frame: pd.DataFrame) -> None:
        """Bump the data version and store `frame` as the snapshot of the new state (the rows stay the truth)."""
        if len(frame) != conn.execute(sa.select(sa.func.count()).select_from(cases)).scalar_one():  # never expected
            frame = self._rows(conn, sa.select(cases))
        conn.execute(meta.update().where(meta.c.key == "data_version").values(value=meta.c.value + 1))
        version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar_one()
        conn.execute(snapshot.delete())
        conn.execute(snapshot.insert().values(snapshot_id=1, data_version=version, data=bulk.snapshot_bytes(frame)))

    # -- undo ------------------------------------------------------------------------------------

    def undo(self, import_id: int) -> None:
        """Take an import back: its new cases disappear and the cases it updated get their previous values.

        Refused (UndoError) when a later import changed some of the same cases: undo that one first.
        """
        with self._errors(f"undo import {import_id}"), self.engine.connect() as conn, self._write(conn):
            row = conn.execute(sa.select(imports.c.file_name, imports.c.undone_at).where(imports.c.import_id == import_id)).first()
            if row is None:
                raise UndoError(f"There is no import {import_id} in {self.where}; see the import history for the ids.")
            if row.undone_at is not None:
                raise UndoError(f"Import {import_id} ({row.file_name}) was already undone on {row.undone_at:%Y-%m-%d %H:%M} UTC.")
            later = conn.execute(sa.select(case_versions.c.replaced_by, sa.func.count())
                                 .where(case_versions.c.import_id == import_id).group_by(case_versions.c.replaced_by)
                                 .order_by(case_versions.c.replaced_by.desc())).all()
            if later:
                ids = ", ".join(str(r[0]) for r in later)
                raise UndoError(f"Import {import_id} ({row.file_name}) cannot be undone: {sum(r[1] for r in later):,} of its cases were "
                                f"changed again by import {ids}. Undo import {ids} first.")
            before = self._current(conn)
            old = sa.select(*[case_versions.c[n] for n in COLUMN_NAMES]).where(case_versions.c.replaced_by == import_id)
            restored = self._rows(conn, old)
            conn.execute(cases.delete().where(cases.c.import_id == import_id))
            conn.execute(cases.insert().from_select(list(COLUMN_NAMES), old))
            conn.execute(case_versions.delete().where(case_versions.c.replaced_by == import_id))
            conn.execute(imports.update().where(imports.c.import_id == import_id).values(undone_at=_now()))
            self._forget_retag(conn, import_id)
            self._save_snapshot(conn, pd.concat([before[before["import_id"].ne(import_id).fillna(True)], restored], ignore_index=True))

    # -- reading ---------------------------------------------------------------------------------

    def load_cases(self) -> pd.DataFrame:
        """All stored cases in the canonical schema (in no particular order)."""
        with self._errors("load the cases"), self.engine.connect() as conn:
            return self._current(conn)

    def data_version(self) -> int:
        """A number that changes with every import and undo; the dashboard caches the loaded cases by it."""
        with self._errors("read the data version"), self.engine.connect() as conn:
            return int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar_one())

    def is_empty(self) -> bool:
        """True when no case is stored (the app then shows the demo shop)."""
        with self._errors("read the cases"), self.engine.connect() as conn:
            return conn.execute(sa.select(cases.c.case_id).limit(1)).first() is None

    def history(self) -> pd.DataFrame:
        """One row per import, newest first: what came in, when, with which mapping, whether it was undone and can be.

        Columns: import_id, file_name, file_hash, sheets (list), imported_at (UTC), rows_read, rows_new, rows_updated,
        rows_unchanged, rows_duplicate, rows_rejected, mapping (dict), undone_at, undone, can_undo.
        """
        with self._errors("read the import history"), self.engine.connect() as conn:
            rows = conn.execute(sa.select(imports).order_by(imports.c.import_id.desc())).mappings().all()
            # An import whose cases a later import changed again cannot be undone before that one.
            blocked = set(conn.execute(sa.select(case_versions.c.import_id).distinct()).scalars())
        frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in imports.columns])
        frame["sheets"] = frame["sheets"].map(json.loads)
        frame["mapping"] = frame["mapping"].map(json.loads)
        frame["undone"] = frame["undone_at"].notna()
        frame["can_undo"] = ~frame["undone"] & ~frame["import_id"].isin(blocked)
        return frame.astype({"imported_at": "datetime64[us]", "undone_at": "datetime64[us]"})

    # -- saved column mappings -------------------------------------------------------------------

    def save_mapping(self, signature: str, mapping: dict) -> None:
        """Remember a user's corrected column mapping for sheets whose headers have this signature."""
        text = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
        with self._errors("save the column mapping"), self.engine.connect() as conn, self._write(conn):
            conn.execute(mappings.delete().where(mappings.c.signature == signature))
            conn.execute(mappings.insert().values(signature=signature, mapping=text, saved_at=_now()))

    def saved_mapping(self, signature: str) -> dict | None:
        """The mapping saved for this header signature, or None."""
        with self._errors("read the saved column mapping"), self.engine.connect() as conn:
            text = conn.execute(sa.select(mappings.c.mapping).where(mappings.c.signature == signature)).scalar()
        return None if text is None else json.loads(text)

    def saved_mapping_at(self, signature: str) -> datetime | None:
        """When the mapping for this header signature was saved (UTC), or None: "using the mapping you saved on ..."."""
        with self._errors("read the saved column mapping"), self.engine.connect() as conn:
            return conn.execute(sa.select(mappings.c.saved_at).where(mappings.c.signature == signature)).scalar()


def _is_canonical(frame: pd.DataFrame) -> bool:
    """True when `frame` already has the canonical columns and dtypes (as `read_sheet` returns it): no need to conform."""
    canonical = empty_cases().dtypes
    return list(frame.columns) == list(canonical.index) and all(frame.dtypes[n] == canonical[n] for n in canonical.index)


SQLITE_KINDS = {5: "busy", 6: "busy", 26: "not-a-store", 11: "not-a-store", 14: "no-write", 8: "no-write", 3: "no-write",
                13: "full", 19: "integrity"}  # SQLite's primary result codes: BUSY, LOCKED, NOTADB, CORRUPT, CANTOPEN, ...
PG_KINDS = {"55P03": "busy", "40P01": "busy", "40001": "busy", "3D000": "missing", "28P01": "sign-in", "28000": "sign-in",
            "42501": "no-write", "53100": "full", "57P01": "unreachable", "57P02": "unreachable", "57P03": "unreachable"}


def _kind(err: Exception, backend: str) -> str:
    """What went wrong, from the error's type and code: integrity, busy, not-a-store, no-write, full, missing,
    sign-in, unreachable or "" (anything else)."""
    orig = getattr(err, "orig", None) or err
    if isinstance(err, sa.exc.IntegrityError) or type(orig).__name__ == "IntegrityError":
        return "integrity"
    if backend == "sqlite":
        code = getattr(orig, "sqlite_errorcode", None)
        return SQLITE_KINDS.get(code & 0xFF, "") if isinstance(code, int) else ""
    state = getattr(orig, "sqlstate", None) or ""
    if state in PG_KINDS:
        return PG_KINDS[state]
    if state.startswith("23"):
        return "integrity"
    if state.startswith("08") or state.startswith("28"):
        return "unreachable" if state.startswith("08") else "sign-in"
    # A connection that fails before the server answers (refused, timed out, closed) carries no SQLSTATE.
    if not state and (isinstance(err, (sa.exc.OperationalError, sa.exc.InterfaceError))
                      or type(orig).__name__ in ("OperationalError", "InterfaceError")):
        return "unreachable"
    return ""


def redact(url: str) -> str:
    """The store address with its password hidden, fit for a message or a log.

    >>> redact("postgresql://shop:s3cret@db.example.com/returns")
    'postgresql://shop:***@db.example.com/returns'
    >>> redact("postgres://shop:s3cret@db:5432/returns?sslmode=require")
    'postgres://shop:***@db:5432/returns?sslmode=require'
    >>> redact("not a url with :pw@ inside")
    'not a url with :***@ inside'
    """
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return re.sub(r":[^:@/\s]*@", ":***@", url)


def _password(url: str) -> str:
    """The password in a store address ("" when there is none), so that no message ever repeats it."""
    try:
        return sa.engine.make_url(url).password or ""
    except (sa.exc.ArgumentError, ValueError):
        found = re.search(r"://[^:/@\s]*:([^@\s]+)@", url)
        return found.group(1) if found else ""


def _first_line(err: Exception) -> str:
    return (str(getattr(err, "orig", None) or err).strip().splitlines() or [type(err).__name__])[0]


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
    named = {(s, int(r)) for s, r in named if pd.notna(r)}
    kept = set(zip(read.cases.get("source_sheet", pd.Series(dtype=object)).fillna("").astype(str),
                   pd.to_numeric(read.cases.get("source_row", pd.Series(dtype=float)), errors="coerce"), strict=True))
    return len(named - {(s, int(r)) for s, r in kept if pd.notna(r)})


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN itself


def _sqlite_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock up front, so two importers queue (busy timeout) instead of deadlocking.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("store_write") else "BEGIN")
