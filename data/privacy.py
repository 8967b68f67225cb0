"""Buyer privacy: buyer ids are kept only as a salted SHA-256 hash, for repeat-returner counts.

The salt comes from `RETURNS_RADAR_SALT`, or else from `store/salt`, created once with random bytes
(the store folder is git-ignored), so the same buyer gets the same hash across imports of one shop
and hashes cannot be matched against another shop's.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import pandas as pd

from data.values import per_distinct

SALT_FILE = Path(__file__).resolve().parent.parent / "store" / "salt"


def salt() -> str:
    """The shop's salt (environment first, then `store/salt`, created on first use)."""
    if os.environ.get("RETURNS_RADAR_SALT"):
        return os.environ["RETURNS_RADAR_SALT"]
    if not SALT_FILE.exists():
        SALT_FILE.parent.mkdir(parents=True, exist_ok=True)
        temporary = SALT_FILE.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(secrets.token_hex(32), encoding="utf-8")
        os.replace(temporary, SALT_FILE) if not SALT_FILE.exists() else temporary.unlink()
    return SALT_FILE.read_text(encoding="utf-8").strip()


def hash_ids(ids: pd.Series, shop_salt: str | None = None) -> pd.Series:
    """Salted SHA-256 of each id (hex, 24 characters); missing ids stay missing.

    >>> h = hash_ids(pd.Series(["buyer-1", None, "buyer-1"]), "pepper")
    >>> h[0] == h[2], h[1] is None, len(h[0])
    (True, True, 24)
    """
    pepper = (shop_salt if shop_salt is not None else salt()).encode()
    hashed = per_distinct(ids, lambda u: [hashlib.sha256(pepper + str(v).encode()).hexdigest()[:24] for v in u])
    return pd.Series(hashed, index=ids.index, dtype=object)
