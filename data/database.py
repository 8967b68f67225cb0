"""The connection under every part of the store: one SQLAlchemy engine for a SQLite file or a PostgreSQL database,
its schema migrated by Alembic on opening, one write transaction at a time, and driver errors told in plain words.

Every store module (`data.case_store`, `data.order_store`, `data.fix_store`, `data.settings_store`,
`data.vocabulary_store`, `data.views_store`) runs its statements through a `Database`: `connect()` to read,
`write(conn)` for a transaction serialised with every other writer, `errors(action)` around both.
A store from a newer version is refused; a SQLite file of another application is left untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from data.config import ENV_VAR
from data.errors import StoreError
from data.phrases import Phrase

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 7_362_100  # advisory lock id: one writer at a time on PostgreSQL, like SQLite's write lock


def now() -> datetime:
    """The current time in UTC without a zone, as the store keeps times."""
    return datetime.now(UTC).replace(tzinfo=None)


def driver(conn: sa.Connection) -> Any:
    """The DBAPI connection under `conn`, for bulk writes (executemany on SQLite, COPY on PostgreSQL)."""
    raw = conn.connection.driver_connection
    if raw is None:  # never expected: a checked-out connection always has one
        raise StoreError("The store's connection was closed while in use.")
    return raw


class Database:
    """One database, addressed by a SQLAlchemy URL (`sqlite:///path` or `postgresql://user@host/db`), migrated to the
    newest schema on opening."""

    def __init__(self, url: str, *, busy_timeout: float = 30.0) -> None:
        self.url = url
        self._secret = _password(url)
        try:
            parsed = sa.engine.make_url(url)
        except (sa.exc.ArgumentError, ValueError):
            raise StoreError(
                f"The store address {redact(url)!r} is not a database URL; use sqlite:///path or postgresql://user@host/db."
            ) from None
        if parsed.drivername.split("+")[0] in ("postgres", "postgresql"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # `postgres://`, as hosting services write it
        self.backend = parsed.get_backend_name()
        self.busy_timeout = busy_timeout
        self.path: Path | None = None
        if self.backend == "sqlite":
            if not parsed.database or parsed.database == ":memory:":
                raise StoreError("The store needs a file: use sqlite:///path/to/returns.db.")
            self.path = Path(parsed.database)
            self.place = Phrase("the store file {path}", path=str(self.path))  # said in the interface's language
            self.where = str(self.place)  # in English: the messages of logs and the command line
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"The folder for {self.where} cannot be created: {err.strerror}.") from err
            # The pool hands a connection to one thread at a time: Streamlit's script threads may share the store.
            self.engine = sa.create_engine(
                parsed.set(drivername="sqlite"), connect_args={"timeout": busy_timeout, "check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        elif self.backend == "postgresql":
            address = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"
            self.place = Phrase("the PostgreSQL store at {address}", address=address)
            self.where = str(self.place)
            self.engine = sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5}, hide_parameters=True)
        else:
            raise StoreError(
                f"The store address {redact(url)!r} is neither SQLite nor PostgreSQL; use sqlite:///path or postgresql://user@host/db."
            )
        self._migrate()

    def connect(self) -> sa.Connection:
        """A connection for reading (and, inside `write`, writing); use it as a context manager."""
        return self.engine.connect()

    def close(self) -> None:
        """Release the connections (the file or server is left as it is)."""
        self.engine.dispose()

    # -- opening ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        """Refuse a store from a newer version, else bring it to the newest schema (never touching a refused file)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        with self.errors("open"), self.engine.connect() as conn:
            current = self._revision(conn, script)
            conn.rollback()
            if current == head:
                return
            if self.backend == "sqlite":  # persistent, set only once the file is known to be ours, outside a transaction
                driver(conn).execute("PRAGMA journal_mode=WAL")
            with self.write(conn):
                if self._revision(conn, script) != head:  # another process may have migrated meanwhile
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")

    def _revision(self, conn: sa.Connection, script: ScriptDirectory) -> str | None:
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as err:
                raise StoreError(
                    f"{self.where} was written by a newer version of Returns Radar (schema {current}); "
                    "update the app to open it. The store was left untouched."
                ) from err
        elif self.backend == "sqlite" and sa.inspect(conn).get_table_names():
            raise StoreError(f"{self.where} is a database of another application; choose another file. It was left untouched.")
        return current

    # -- transactions and errors -----------------------------------------------------------------

    @contextmanager
    def write(self, conn: sa.Connection) -> Iterator[sa.Connection]:
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
    def errors(self, action: str) -> Iterator[None]:
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
        reason = _first_line(err)
        messages = {
            "integrity": f"Could not {action}: the store refused a case ({reason}); nothing from this file was stored.",
            "busy": f"{self.where} is busy with another import; try again in a minute.",
            "not-a-store": f"{self.where} is not a Returns Radar database; choose another file. It was left untouched.",
            "no-write": f"{self.where} cannot be opened for writing; check the path and its permissions.",
            "full": f"{self.where} has no room left (disk full); free some space, then try again.",
            "missing": f"{self.where} does not exist; create the database (createdb) or correct {ENV_VAR}.",
            "sign-in": f"{self.where} refused the sign-in; check the user and password in {ENV_VAR}.",
            "unreachable": (
                f"{self.where} cannot be reached or refused the connection ({reason}); check that the server is "
                f"running, that the database exists (createdb) and the user and password in {ENV_VAR}, "
                "then reload the page."
            ),
        }
        return messages.get(_kind(err, self.backend), f"{self.where} failed to {action}: {reason}")


SQLITE_KINDS = {
    5: "busy",
    6: "busy",
    26: "not-a-store",
    11: "not-a-store",
    14: "no-write",
    8: "no-write",
    3: "no-write",
    13: "full",
    19: "integrity",
}  # SQLite's primary result codes: BUSY, LOCKED, NOTADB, CORRUPT, CANTOPEN, ...
PG_KINDS = {
    "55P03": "busy",
    "40P01": "busy",
    "40001": "busy",
    "3D000": "missing",
    "28P01": "sign-in",
    "28000": "sign-in",
    "42501": "no-write",
    "53100": "full",
    "57P01": "unreachable",
    "57P02": "unreachable",
    "57P03": "unreachable",
}


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
    if not state and (
        isinstance(err, (sa.exc.OperationalError, sa.exc.InterfaceError)) or type(orig).__name__ in ("OperationalError", "InterfaceError")
    ):
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


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN itself


def _sqlite_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock up front, so two importers queue (busy timeout) instead of deadlocking.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("store_write") else "BEGIN")
