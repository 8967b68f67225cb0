"""The salt behind buyer hashes lives in the store: created once, shared by every app host on that store;
`RETURNS_RADAR_SALT` overrides it; an older `store/salt` file is moved in."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data import privacy
from data.store import Store
from data.tables import settings

ROOT = Path(__file__).resolve().parent.parent


def _write_people(path: Path) -> Path:
    path.write_text("SKU,Request Date,Buyer ID\nA,2026-04-29,u-77\nB,2026-04-30,u-78\n", encoding="utf-8")
    return path


def _by_hand(salt: str, buyer: str) -> str:
    return hashlib.sha256((salt + buyer).encode()).hexdigest()[:24]


def test_the_salt_is_created_once_in_the_store_and_every_opening_finds_it(store_url, monkeypatch, tmp_path):
    monkeypatch.delenv("RETURNS_RADAR_SALT", raising=False)
    monkeypatch.setattr(privacy, "LEGACY_SALT_FILE", tmp_path / "no-such-salt")
    with Store(store_url) as first:
        salt = first.salt()
    with Store(store_url) as second:
        assert second.salt() == salt
    assert len(salt) == 64 and int(salt, 16) >= 0


def test_two_hosts_on_one_store_hash_the_same_buyer_alike(store_url, monkeypatch, tmp_path):
    """Two processes (two app hosts) ask a new store for its salt at the same moment: both get the one value."""
    monkeypatch.delenv("RETURNS_RADAR_SALT", raising=False)
    Store(store_url).close()  # migrated once, so both processes race only for the salt
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from data import privacy
        privacy.LEGACY_SALT_FILE = privacy.Path({str(tmp_path / "no-such-salt")!r})
        from data.store import Store
        with Store({store_url!r}) as store:
            print(store.salt())
    """)
    env = {k: v for k, v in __import__("os").environ.items() if k != "RETURNS_RADAR_SALT"}
    hosts = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    salts = [host.communicate(timeout=120)[0].strip() for host in hosts]
    assert salts[0] == salts[1] and len(salts[0]) == 64
    with Store(store_url) as store:
        assert store.salt() == salts[0]
        result = store.import_file(_write_people(tmp_path / "people.csv"))
        assert result.new == 2
        hashes = dict(zip(store.load_cases().sku, store.load_cases().buyer_hash, strict=True))
    assert hashes == {"A": _by_hand(salts[0], "u-77"), "B": _by_hand(salts[0], "u-78")}


def test_the_environment_overrides_the_store_salt(store_url, monkeypatch, tmp_path):
    monkeypatch.setenv("RETURNS_RADAR_SALT", "pepper")
    with Store(store_url) as store:
        store.import_file(_write_people(tmp_path / "people.csv"))
        assert sorted(store.load_cases().buyer_hash) == sorted([_by_hand("pepper", "u-77"), _by_hand("pepper", "u-78")])
    monkeypatch.setenv("RETURNS_RADAR_SALT", "other")
    assert privacy.hash_ids(pd.Series(["u-77"]))[0] == _by_hand("other", "u-77")


def test_an_older_salt_file_moves_into_the_store_so_old_hashes_still_match(tmp_path, monkeypatch):
    monkeypatch.delenv("RETURNS_RADAR_SALT", raising=False)
    legacy = tmp_path / "store" / "salt"
    legacy.parent.mkdir()
    legacy.write_text("a-salt-from-before\n", encoding="utf-8")
    monkeypatch.setattr(privacy, "LEGACY_SALT_FILE", legacy)
    url = f"sqlite:///{tmp_path / 'returns.db'}"
    with Store(f"sqlite:///{tmp_path / 'other.db'}") as other:  # not the store this checkout is set to: left alone
        with other.engine.connect() as conn:
            assert conn.execute(sa.select(settings.c.value).where(settings.c.key == "privacy.salt")).scalar() is None
    monkeypatch.setenv("RETURNS_RADAR_DB", url)  # the store the older version used
    with Store(url) as store:  # moved in on the first opening
        with store.engine.connect() as conn:
            kept = conn.execute(sa.select(settings.c.value).where(settings.c.key == "privacy.salt")).scalar()
        assert kept == "a-salt-from-before" and store.salt() == "a-salt-from-before"
        store.import_file(_write_people(tmp_path / "people.csv"))
        assert set(store.load_cases().buyer_hash) == {_by_hand("a-salt-from-before", "u-77"), _by_hand("a-salt-from-before", "u-78")}


def test_reading_without_a_store_at_hand_uses_the_default_store_and_writes_no_salt_file(tmp_path, monkeypatch):
    """The Upload page reads a file before importing it: the hashes it shows are the default store's."""
    from data.reader import read_sheet

    monkeypatch.delenv("RETURNS_RADAR_SALT", raising=False)
    url = f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setenv("RETURNS_RADAR_DB", url)
    monkeypatch.setattr(privacy, "LEGACY_SALT_FILE", tmp_path / "store" / "salt")
    existed = (ROOT / "store" / "salt").exists()
    read = read_sheet(_write_people(tmp_path / "people.csv"))
    with Store(url) as store:
        salt = store.salt()
    assert sorted(read.cases.buyer_hash) == sorted([_by_hand(salt, "u-77"), _by_hand(salt, "u-78")])
    assert not (tmp_path / "store" / "salt").exists()
    assert (ROOT / "store" / "salt").exists() == existed


@pytest.mark.parametrize("value", ["one", "two"])
def test_a_different_salt_changes_every_hash(value, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_SALT", value)
    assert privacy.hash_ids(pd.Series(["u-1"]))[0] == _by_hand(value, "u-1")
