"""Shared fixtures. `store_url` runs a store test on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from tests.pg_server import PostgresServer


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the whole test session."""
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """The URL of an empty store: a fresh SQLite file, or a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'returns.db'}"
    return request.getfixturevalue("pg_server").new_database()
