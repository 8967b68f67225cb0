"""Buyer privacy: buyer ids are kept only as a salted SHA-256 hash, for repeat-returner counts.

The salt lives in the store's settings table (created once, atomically, on first use), so every app host
on one team store hashes the same buyer alike, and hashes cannot be matched against another shop's.
`RETURNS_RADAR_SALT` in the environment overrides it. A `store/salt` file left by an older version is
moved into the store the first time the store needs a salt, so earlier hashes keep matching.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from data.config import default_url
from data.values import per_distinct

ENV_VAR = "RETURNS_RADAR_SALT"
SALT_KEY = "privacy.salt"  # its key in the store's settings table
LEGACY_SALT_FILE = Path(__file__).resolve().parent.parent / "store" / "salt"
_given: contextvars.ContextVar[str | None] = contextvars.ContextVar("salt", default=None)
_store_url: contextvars.ContextVar[str | None] = contextvars.ContextVar("salt_store", default=None)
_by_store: dict[str, str] = {}


def chosen() -> str | None:
    """The salt already decided without asking a store: `RETURNS_RADAR_SALT`, else the one in use (`using_salt`)."""
    return os.environ.get(ENV_VAR) or _given.get()


def salt() -> str:
    """The shop's salt: `RETURNS_RADAR_SALT`, else the one in use (see `using_salt`), else the store's (the one named
    by `using_salt(store_url=...)`, else the default store), asked once per store."""
    given = chosen()
    if given:
        return given
    url = _store_url.get() or default_url()
    if url not in _by_store:
        from data.store import Store  # the store imports the reader, which imports this module

        with Store(url) as store:
            _by_store[url] = store.salt()
    return _by_store[url]


@contextmanager
def using_salt(value: str | None, *, store_url: str | None = None) -> Iterator[None]:
    """Hash with `value` (a store's salt) inside the block, or with the salt of the store at `store_url` (asked only
    when a buyer id needs hashing); None for both leaves the usual choice."""
    token, url_token = _given.set(value), _store_url.set(store_url)
    try:
        yield
    finally:
        _given.reset(token)
        _store_url.reset(url_token)


def legacy_salt() -> str | None:
    """The salt an older version kept in `store/salt`, if that file exists."""
    try:
        return LEGACY_SALT_FILE.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def hash_ids(ids: pd.Series, shop_salt: str | None = None) -> pd.Series:
    """Salted SHA-256 of each id (hex, 24 characters); missing ids stay missing.

    >>> h = hash_ids(pd.Series(["buyer-1", None, "buyer-1"]), "pepper")
    >>> h[0] == h[2], h[1] is None, len(h[0])
    (True, True, 24)
    """
    pepper = (shop_salt if shop_salt is not None else salt()).encode()
    hashed = per_distinct(ids, lambda u: [hashlib.sha256(pepper + str(v).encode()).hexdigest()[:24] for v in u])
    return pd.Series(hashed, index=ids.index, dtype=object)
