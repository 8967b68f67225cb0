"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, localhost only, a free port.

`initdb` and `pg_ctl` refuse to run as root; as root they run as the `postgres` user, which then
owns the folder. `scripts/system-deps.sh` installs the server when it is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(os.path.realpath(initdb)).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One server in its own folder; `url(db)` addresses a database on it, `new_database()` makes an empty one."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable  # fsync on, as in production (benchmarks); off for tests
        self.bin = find_binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed: run scripts/system-deps.sh")
        self.as_postgres = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="rr-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "postgres" if self.as_postgres else os.environ.get("USER", "postgres")
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8", *([] if durable else ["--no-sync"]))
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        # client_connection_check_interval: the statement of a killed client stops at once, not at its end.
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=50 -c client_connection_check_interval=500" + (
            "" if self.durable else " -c fsync=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "-t", "30", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """An empty database of its own; returns its URL."""
        name = "rr_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
