"""Faults the store survives: a killed importer, a failing last row, two importers at once, a stopped
server, a file that is not ours. Real processes, real files, a real PostgreSQL server; no mocks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import psycopg
import pytest
import sqlalchemy as sa

from data.database import _PG_LOCK
from data.demo import as_sheet
from data.errors import StoreError
from data.store import Store
from tests.store_cases import cases, read_of, sorted_cases

ROOT = Path(__file__).resolve().parent.parent
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def snapshot(store: Store) -> tuple:
    return sorted_cases(store.load_cases()), store.history().drop(columns=["sheets", "mapping"]), store.data_version()


def assert_unchanged(store: Store, before: tuple) -> None:
    cases_now, history_now, version_now = snapshot(store)
    pdt.assert_frame_equal(cases_now, before[0])
    pdt.assert_frame_equal(history_now, before[1])
    assert version_now == before[2]


def sqlite_path(url: str) -> Path:
    return Path(sa.engine.make_url(url).database)


def is_writing(url: str) -> bool:
    """True while another process holds an open write transaction in the store (and, on SQLite, has written pages)."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        wal = path.with_name(path.name + "-wal")
        try:
            sqlite3.connect(path, timeout=0, isolation_level=None).execute("BEGIN IMMEDIATE").connection.close()
            return False
        except sqlite3.OperationalError:  # the write lock is taken
            return wal.exists() and wal.stat().st_size > 1_000_000
    with psycopg.connect(sa.engine.make_url(url).render_as_string(hide_password=False), autocommit=True) as conn:
        # backend_xid: the transaction has written (an xid is assigned at its first write)
        busy = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_xid IS NOT NULL AND state = 'active'"
        ).fetchone()[0]
        return busy > 0


def test_an_importer_killed_mid_import_leaves_the_store_as_it_was(store_url):
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 2001))), file_name="base.xlsx", data=b"base")
        before = snapshot(store)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        from data.store import Store
        from tests.store_cases import cases, read_of
        read = read_of(cases(range(1001, 151001), status="approved"))
        print("importing", flush=True)
        Store({store_url!r}).import_read(read, file_name="big.xlsx", data=b"big")
        print("done", flush=True)
    """),
        ],
        cwd=ROOT,
        env=CHILD_ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "importing"
        deadline = time.monotonic() + 60
        while not is_writing(store_url):
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with Store(store_url) as store:
        assert_unchanged(store, before)
        after = store.import_read(read_of(cases(range(1901, 2101))), file_name="next.xlsx", data=b"next")
        assert (after.new, after.unchanged) == (100, 100)
        assert len(store.load_cases()) == 2100


def test_a_failure_at_the_last_row_stores_nothing_from_the_file(store_url):
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 1001))), file_name="base.xlsx", data=b"base")
        before = snapshot(store)
        big = cases(range(501, 40001), status="closed")  # updates 500 stored cases, adds 39,000
        big.loc[big.index[-1], "sku"] = None  # the last row lacks a required value: the database refuses it
        with pytest.raises(StoreError, match="nothing from this file was stored"):
            store.import_read(read_of(big), file_name="big.xlsx", data=b"big")
        assert_unchanged(store, before)


def hold_write_lock(url: str):
    """Another writer in the middle of its transaction (SQLite's write lock, or the store's PostgreSQL lock)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        return conn
    conn = psycopg.connect(sa.engine.make_url(url).render_as_string(hide_password=False), autocommit=True)
    conn.execute("SELECT pg_advisory_lock(%s)", (_PG_LOCK,))
    return conn


def test_a_store_busy_with_another_writer_says_try_again_and_still_reads(store_url):
    with Store(store_url, busy_timeout=0.3) as store:
        store.import_read(read_of(cases(range(1, 11))), file_name="a.xlsx", data=b"a")
        other = hold_write_lock(store_url)
        try:
            with pytest.raises(StoreError, match="busy.*try again"):
                store.import_read(read_of(cases(range(11, 21))), file_name="b.xlsx", data=b"b")
            assert len(store.load_cases()) == 10 and store.data_version() == 1  # the dashboard keeps reading
        finally:
            other.close()
        assert store.import_read(read_of(cases(range(11, 21))), file_name="b.xlsx", data=b"b").new == 10


def write_sheet(path: Path, frame: pd.DataFrame) -> Path:
    as_sheet(frame.assign(reason_raw=frame["reason_raw"].fillna(""))).to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
    return path


def test_two_processes_importing_into_one_sqlite_file_both_land_without_losing_an_update(tmp_path):
    url = f"sqlite:///{tmp_path / 'returns.db'}"
    Store(url).close()
    a = write_sheet(tmp_path / "a.csv", cases(range(1, 20001), status="approved"))
    b = write_sheet(tmp_path / "b.csv", cases(range(10001, 30001), status="refunded"))
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "data", "import", str(f), "--db", url, "--json"],
            cwd=ROOT,
            env=CHILD_ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in (a, b)
    ]
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=120)
        outcomes.append((child.returncode, out, err))
    for code, _out, err in outcomes:
        assert "Traceback" not in err
        assert code == 0 or (code == 3 and "busy" in err and "try again" in err), err
    assert any(code == 0 for code, _, _ in outcomes)

    with Store(url) as store:
        history = store.history().sort_values("import_id")
        loaded = store.load_cases().set_index("case_id")
    landed = [f for f, (code, _, _) in zip(("a.csv", "b.csv"), outcomes, strict=True) if code == 0]
    assert sorted(history["file_name"]) == sorted(landed)
    expected_ids = set().union(*[set(range(1, 20001)) if f == "a.csv" else set(range(10001, 30001)) for f in landed])
    assert len(loaded) == len(expected_ids) and loaded.index.is_unique
    # The overlap carries the values of whichever import committed last.
    last = history["file_name"].iloc[-1]
    overlap = loaded.loc[[f"RR{i:04d}" for i in range(10001, 20001)], "status"]
    assert set(overlap) == ({"approved"} if last == "a.csv" else {"refunded"}) or len(landed) == 1
    if len(landed) == 2:
        assert history["rows_new"].tolist()[1] == 10000 and history["rows_updated"].tolist()[1] == 10000


@pytest.mark.postgres
def test_a_stopped_postgres_server_is_reported_and_the_store_works_again_when_it_is_back(pg_server):
    url = pg_server.new_database()
    store = Store(url)
    store.import_read(read_of(cases(range(1, 11))), file_name="a.xlsx", data=b"a")
    pg_server.stop()
    try:
        for use in (store.load_cases, store.data_version, store.history, lambda: Store(url)):
            with pytest.raises(StoreError, match="cannot be reached.*server is running"):
                use()
    finally:
        pg_server.start()
    assert store.data_version() == 1
    assert len(store.load_cases()) == 10
    assert store.import_read(read_of(cases(range(11, 21))), file_name="b.xlsx", data=b"b").new == 10
    store.close()


@pytest.mark.parametrize("content", [b"Case ID,SKU\nR1,A\n" * 50, b"PK\x03\x04" + bytes(range(256)) * 20], ids=["csv", "zip"])
def test_a_file_that_is_not_a_store_is_refused_and_never_overwritten(tmp_path, content):
    path = tmp_path / "returns.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a Returns Radar database.*left untouched"):
        Store(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_a_database_of_another_application_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(StoreError, match="another application.*left untouched"):
        Store(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(store_url):
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 6))), file_name="a.xlsx", data=b"a")
    driver = "sqlite" if store_url.startswith("sqlite") else "postgresql+psycopg"
    engine = sa.create_engine(sa.engine.make_url(store_url).set(drivername=driver))
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    engine.dispose()
    content = sqlite_path(store_url).read_bytes() if store_url.startswith("sqlite") else None

    with pytest.raises(StoreError, match="newer version of Returns Radar.*left untouched"):
        Store(store_url)
    if content is not None:
        assert sqlite_path(store_url).read_bytes() == content
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "0042_from_the_future"
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar_one() == 5
    engine.dispose()
