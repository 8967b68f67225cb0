"""Shared fixtures. `store_url` runs a store test on a SQLite file and on a real PostgreSQL server;
`fresh_app` gives an AppTest run empty Streamlit caches and an empty store of its own; `browser` and `server`
(tests/browser.py) are Debian's chromium and the app on an empty temporary store."""

from __future__ import annotations

import os

import pytest
import streamlit as st

from tests.browser import browser, server  # noqa: F401 - the browser tests' shared fixtures
from tests.pg_server import PostgresServer

# Buyer hashes in tests use a salt of their own: reading a file must not open (or create) the checkout's store
# to fetch the shop's salt. Tests of the salt itself remove this (see tests/test_read_privacy.py).
os.environ.setdefault("RETURNS_RADAR_SALT", "salt-of-the-test-run")


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the whole test session."""
    postgres = PostgresServer()
    yield postgres
    postgres.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """The URL of an empty store: a fresh SQLite file, or a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'returns.db'}"
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def fresh_app(tmp_path, monkeypatch):
    """Empty caches (they outlive an AppTest) and an empty SQLite store of the test's own, so the demo shop shows."""
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("RETURNS_RADAR_DB", f"sqlite:///{tmp_path / 'returns.db'}")
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def demo_store(tmp_path, monkeypatch, per_week: int) -> str:
    """A SQLite store of the test's own holding a small demo shop (`per_week` cases a week) as the app's store, with
    empty Streamlit caches; returns its address."""
    from data import demo
    from data.reader import SheetRead
    from data.store import Store

    st.cache_data.clear()
    st.cache_resource.clear()
    address = f"sqlite:///{tmp_path / 'returns.db'}"
    monkeypatch.setenv("RETURNS_RADAR_DB", address)
    with Store(address) as store:
        store.import_read(SheetRead(demo.generate(per_week=per_week)), file_name="first.csv", data=b"first")
    return address
