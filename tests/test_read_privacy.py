"""The salt behind buyer hashes: from the environment, else created once in the store folder."""

from __future__ import annotations

import pandas as pd

from data import privacy


def test_salt_file_is_created_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("RETURNS_RADAR_SALT", raising=False)
    monkeypatch.setattr(privacy, "SALT_FILE", tmp_path / "store" / "salt")
    first = privacy.salt()
    assert len(first) == 64 and (tmp_path / "store" / "salt").read_text().strip() == first
    assert privacy.salt() == first
    ids = pd.Series(["u-1", "u-2", "u-1"])
    assert privacy.hash_ids(ids).tolist() == privacy.hash_ids(ids).tolist()


def test_environment_salt_wins_and_changes_every_hash(tmp_path, monkeypatch):
    monkeypatch.setattr(privacy, "SALT_FILE", tmp_path / "salt")
    monkeypatch.setenv("RETURNS_RADAR_SALT", "one")
    one = privacy.hash_ids(pd.Series(["u-1"]))[0]
    monkeypatch.setenv("RETURNS_RADAR_SALT", "two")
    assert privacy.hash_ids(pd.Series(["u-1"]))[0] != one
    assert not (tmp_path / "salt").exists()
