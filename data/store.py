"""The store: one object for everything a shop keeps, a SQLite file by default (no set-up) or PostgreSQL for a team.

`Store` opens the database (`data.database`: engine, Alembic migrations, write lock, error wording) and hands each
kind of stored thing to its own module, which holds the rules for it:

- cases and imports, undo and the snapshot the dashboard loads: `data.case_store`
- orders (units sold): `data.order_store`; fix notes: `data.fix_store`
- settings (response clock, time zone, currency rule, buyer-hash salt): `data.settings_store`
- learned vocabulary (wordings, headers, column mappings, re-tags): `data.vocabulary_store`
- saved views: `data.views_store`

Where the store lives when no URL is given is `data.config.default_url()`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(f"sqlite:///{folder / 'returns.db'}")
>>> store.is_empty(), store.data_version()
(True, 0)
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from data.case_store import CaseStore, ImportResult
from data.clock import Clock
from data.config import configured_url, default_url
from data.database import Database
from data.fix_store import FixStore
from data.formats import named_bytes, source_bytes
from data.order_store import OrdersImportResult, OrderStore
from data.orders import OrdersRead
from data.privacy import legacy_salt, using_salt
from data.reader import SheetRead, read_sheet
from data.rules import Learned
from data.settings_store import SettingsStore
from data.views_store import SavedView, ViewStore
from data.vocabulary_store import Retag, VocabularyStore


class Store:
    """One store, addressed by a SQLAlchemy URL (`sqlite:///path` or `postgresql://user@host/db`); the configured one
    (`data.config.default_url`) when none is given. Each method is one transaction of the module that keeps that kind
    of thing (see the module docstring)."""

    def __init__(self, url: str | None = None, *, busy_timeout: float = 30.0) -> None:
        self.url = url or default_url()
        self.database = Database(self.url, busy_timeout=busy_timeout)
        self.engine, self.backend, self.where, self.path = (
            self.database.engine,
            self.database.backend,
            self.database.where,
            self.database.path,
        )
        # An older version kept the salt in `store/salt` for the store this checkout used: it moves into that store, once.
        self.legacy_salt = legacy_salt() if self.url == configured_url() else None
        self._cases = CaseStore(self.database)
        self._orders = OrderStore(self.database)
        self._fixes = FixStore(self.database)
        self._settings = SettingsStore(self.database, legacy_salt=self.legacy_salt)
        self._vocabulary = VocabularyStore(self.database, self._cases)
        self._views = ViewStore(self.database)
        if self.legacy_salt:
            self.salt()

    def close(self) -> None:
        """Release the connections (the file or server is left as it is)."""
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cases and imports (data.case_store) -----------------------------------------------------

    def import_file(self, path: str | Path, *, tz: str | None = None, no_sku: bool = False) -> ImportResult:
        """Read a sheet with `data.reader.read_sheet` in the shop's saved time zone, or in `tz` when given, with the
        wordings and headers the store learned, and import it (raises `data.errors.ReadError` for an unreadable file
        or an unknown zone). `no_sku` imports a sheet with no SKU or product column, every case under one SKU."""
        path = Path(path)
        data = source_bytes(path, path.name)  # read once: the bytes hashed are the bytes read
        with using_salt(self.salt()):
            read = read_sheet(named_bytes(data, path.name), tz=tz or self.time_zone(), learned=self.learned(), no_sku=no_sku)
        return self.import_read(read, file_name=path.name, data=data)

    def import_read(self, read: SheetRead, *, file_name: str, data: bytes) -> ImportResult:
        """Store the cases of one read file in one transaction; the same bytes twice change nothing."""
        return self._cases.import_read(read, file_name=file_name, data=data)

    def undo(self, import_id: int) -> None:
        """Take an import (or a re-tag) back; an UndoError when a later import changed some of the same cases."""
        self._cases.undo(import_id, also=self._vocabulary.forget_retag)

    def load_cases(self) -> pd.DataFrame:
        """All stored cases in the canonical schema (in no particular order)."""
        return self._cases.load_cases()

    def data_version(self) -> int:
        """A number that changes with every import and undo; the dashboard caches the loaded cases by it."""
        return self._cases.data_version()

    def is_empty(self) -> bool:
        """True when no case is stored (the app then shows the demo shop)."""
        return self._cases.is_empty()

    def history(self) -> pd.DataFrame:
        """One row per import, newest first (see `CaseStore.history`)."""
        return self._cases.history()

    # -- orders (data.order_store) and fix notes (data.fix_store) --------------------------------

    def import_orders(self, read: OrdersRead, *, file_name: str, data: bytes) -> OrdersImportResult:
        """Store the sale lines of one orders sheet in one transaction."""
        return self._orders.import_orders(read, file_name=file_name, data=data)

    def load_orders(self) -> pd.DataFrame:
        """Units sold per day and SKU: columns `date`, `sku`, `units`."""
        return self._orders.load_orders()

    def orders_version(self) -> int:
        """A number that changes with every orders import."""
        return self._orders.orders_version()

    def order_history(self) -> pd.DataFrame:
        """One row per orders import, newest first."""
        return self._orders.order_history()

    def undo_orders(self, import_id: int) -> None:
        """Take an orders import back (an UndoError when it replaced lines of earlier files)."""
        self._orders.undo_orders(import_id)

    def add_fix(self, *, date: date | str | pd.Timestamp, note: str, sku: str | None = None, reason: str | None = None) -> int:
        """Note a change (from `date`, to one SKU or all, against one reason or all); its id."""
        return self._fixes.add(day=date, note=note, sku=sku, reason=reason)

    def fixes(self) -> pd.DataFrame:
        """Every noted fix, latest fix date first."""
        return self._fixes.table()

    def delete_fix(self, fix_id: int) -> None:
        """Forget a noted fix; a StoreError when there is no such fix."""
        self._fixes.delete(fix_id)

    # -- settings (data.settings_store) ----------------------------------------------------------

    def clock(self) -> Clock:
        """The saved response clock, or the default one when nobody saved one."""
        return self._settings.clock()

    def save_clock(self, clock: Clock) -> None:
        """Save the response clock for everyone on this store."""
        self._settings.save_clock(clock)

    def salt(self) -> str:
        """The salt for buyer hashes, the same for every app host on this store."""
        return self._settings.salt()

    def time_zone(self) -> str | None:
        """The shop's saved time zone, or None when nobody saved one."""
        return self._settings.time_zone()

    def save_time_zone(self, name: str | None) -> None:
        """Save the shop's time zone for everyone on this store (None forgets it)."""
        self._settings.save_time_zone(name)

    def currency_settings(self) -> tuple[str | None, bool, tuple[tuple[str, str], ...]]:
        """The saved main currency (None: the most common one), whether amounts with no currency count as it, and
        the currency named for each source whose files name none."""
        return self._settings.currency_settings()

    def save_currency_settings(self, main: str | None, no_currency_as_main: bool, by_source: Mapping[str, str] | None = None) -> None:
        """Save the currency rule for everyone on this store."""
        self._settings.save_currency_settings(main, no_currency_as_main, by_source)

    def language(self, person: str | None = None) -> str | None:
        """The interface language remembered for `person` (an e-mail address), else for the install (None: none)."""
        return self._settings.language(person)

    def save_language(self, code: str, person: str | None = None) -> None:
        """Remember the interface language for `person`, or for the install when None."""
        self._settings.save_language(code, person)

    # -- learned vocabulary (data.vocabulary_store) ----------------------------------------------

    def learned(self) -> Learned:
        """Every learned wording and header as `read_sheet(learned=)` takes them."""
        return self._vocabulary.learned()

    def learned_table(self) -> pd.DataFrame:
        """The learned wordings as a table, newest first."""
        return self._vocabulary.learned_table()

    def learn(self, vocabulary: str, raw: str, tag: str, *, by: str | None = None) -> str:
        """Save `raw` as meaning `tag` in `vocabulary` for every later import; returns the folded wording."""
        return self._vocabulary.learn(vocabulary, raw, tag, by=by)

    def learn_headers(self, mapping: dict[str, str], *, by: str | None = None) -> int:
        """Save each header the user mapped by hand for any later header row that has it; how many were saved."""
        return self._vocabulary.learn_headers(mapping, by=by)

    def forget_wording(self, vocabulary: str, raw: str) -> bool:
        """Forget a learned wording; True when there was one."""
        return self._vocabulary.forget_wording(vocabulary, raw)

    def other_reasons(self) -> pd.DataFrame:
        """The raw reasons of the stored cases filed under Other, most cases first."""
        return self._vocabulary.other_reasons()

    def retag(self, raw: str, tag: str, *, vocabulary: str = "reason", by: str | None = None) -> Retag:
        """Give a wording a tag: saved for every later import, and applied to the stored cases holding it."""
        return self._vocabulary.retag(raw, tag, vocabulary=vocabulary, by=by)

    def save_mapping(self, signature: str, mapping: dict[str, Any]) -> None:
        """Remember a user's corrected column mapping for sheets whose headers have this signature."""
        self._vocabulary.save_mapping(signature, mapping)

    def saved_mapping(self, signature: str) -> dict[str, Any] | None:
        """The mapping saved for this header signature, or None."""
        return self._vocabulary.saved_mapping(signature)

    def saved_mapping_at(self, signature: str) -> datetime | None:
        """When the mapping for this header signature was saved (UTC), or None."""
        return self._vocabulary.saved_mapping_at(signature)

    # -- saved views (data.views_store) ----------------------------------------------------------

    def saved_views(self) -> list[SavedView]:
        """Every saved view, by name (ignoring case)."""
        return self._views.saved_views()

    def save_view(self, name: str, page: str, query: dict[str, list[str]], saved_by: str | None = None) -> SavedView:
        """Save a view for everyone on this store (a `NotYours` ValueError for a name another person saved)."""
        return self._views.save_view(name, page, query, saved_by)

    def delete_view(self, view_id: int, person: str | None = None) -> bool:
        """Delete a saved view; only the person who saved it may. False if it is gone."""
        return self._views.delete_view(view_id, person)
