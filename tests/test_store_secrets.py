"""A store address with a password never shows the password: not in an error, a page or the command line.
`postgres://` (as hosting services write it) is accepted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.database import redact
from data.errors import StoreError
from data.store import Store
from tests.pg_server import free_port

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Hunter2-s3cret"


def mistyped_urls() -> list[str]:
    port = free_port()  # nothing listens there
    return [
        f"postgresql://shop:{SECRET}@127.0.0.1:{port}/returns",  # the server is not there
        f"postgres://shop:{SECRET}@127.0.0.1:{port}/returns",
        f"postgresql//shop:{SECRET}@127.0.0.1/returns",  # the colon after the scheme forgotten
        f"mysql://shop:{SECRET}@db/returns",  # another database
        f"postgresql://shop:{SECRET}@db:port/returns",
    ]  # a port that is not a number


@pytest.mark.parametrize("url", mistyped_urls())
def test_a_store_error_never_holds_the_password(url):
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)
    assert caught.value.__cause__ is None or SECRET not in str(caught.value.__cause__)


def test_redact_hides_the_password_of_any_address():
    for url in mistyped_urls():
        assert SECRET not in redact(url) and "shop" in redact(url)


@pytest.mark.postgres
def test_postgres_scheme_is_accepted(pg_server):
    url = pg_server.new_database().replace("postgresql://", "postgres://", 1)
    with Store(url) as store:
        assert store.backend == "postgresql" and store.is_empty()


@pytest.mark.parametrize("url", mistyped_urls()[:3])
def test_the_command_line_never_prints_the_password(url):
    env = {**os.environ, "RETURNS_RADAR_DB": url}
    done = subprocess.run([sys.executable, "-m", "data", "history"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode != 0 and done.stderr.strip()
    assert SECRET not in done.stdout + done.stderr and "Traceback" not in done.stderr
    given = subprocess.run(
        [sys.executable, "-m", "data", "history", "--db", url, "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert given.returncode != 0 and '"error"' in given.stdout
    assert SECRET not in given.stdout + given.stderr and "Traceback" not in given.stderr


@pytest.mark.parametrize("url", mistyped_urls()[:3])
def test_a_page_never_shows_the_password(url, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    shown = " ".join(str(e.value) for e in at.error) + " ".join(str(m.value) for m in at.markdown)
    assert at.error and "unreachable" in shown
    assert SECRET not in shown and not at.exception
