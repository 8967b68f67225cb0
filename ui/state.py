"""The cases the dashboard shows (the store's, loaded once per data version, or the demo shop's), the shop's response
clock, its time zone and its currency rule.

The store URL is `data.config.default_url()`: `RETURNS_RADAR_DB` from the environment or from
`.streamlit/secrets.toml`, else a SQLite file under `store/`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.filters import FilterSpec
from analysis.knowledge import import_layouts, with_knowledge
from analysis.money import CurrencyRule, currency_rule, with_known_refunds
from analysis.not_products import split_products
from analysis.row_index import one_chunk
from analysis.sources import with_source_names
from data import demo, lazy
from data.clock import Clock
from data.config import ENV_VAR, default_url
from data.errors import StoreError
from data.store import Store
from ui.i18n import _, say


@dataclass(frozen=True)
class Cases:
    """The loaded cases (read-only: shared by every session) and where they came from. `frame` holds the products'
    lines, what every figure reads; `left_out` the lines that are fees, postage or adjustments, not products
    (`analysis.not_products`): Money says what they hold and downloads of rows keep them, marked."""

    frame: pd.DataFrame
    is_demo: bool
    version: int
    left_out: pd.DataFrame


# The store's URL and the cases as the run in progress read them: the data version is read once per run (each read is
# a query), so every part of the page shows the same data version. Cleared at the start and the end of every run;
# outside a run (a script, a test) every call reads the store.
_THIS_RUN = "_store_read_this_run"
_SETTINGS_THIS_RUN = "_settings_read_this_run"  # the shop's settings (clock, time zone, currencies), read as they are


def new_run() -> None:
    """Forget what the last run read of the store (call at the start and the end of every run): the next `cases()`
    reads the data version again, so an import or an undo shows on the next rerun, and the settings a teammate saved."""
    st.session_state.pop(_THIS_RUN, None)
    st.session_state.pop(_SETTINGS_THIS_RUN, None)


def _setting(name: str, read: Callable[[Store], Setting]) -> Setting:
    """A setting saved in the store, read once per run (a query each time: a page reads its settings several times);
    outside a run every call reads the store. A form that saves one reruns the page, which reads it again."""
    in_run = get_script_run_ctx(suppress_warning=True) is not None
    held: dict = st.session_state.setdefault(_SETTINGS_THIS_RUN, {}) if in_run else {}
    if name not in held:
        try:
            held[name] = read(store())
        except StoreError as err:
            unreachable(err)
    value: Setting = held[name]
    return value


def _url() -> str:
    try:
        return default_url()
    except StoreError as err:
        unreachable(err)


def _held() -> tuple[str, Cases] | None:
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    held: tuple[str, Cases] | None = st.session_state.get(_THIS_RUN)
    return held


def store_url() -> str:
    """Where the store lives (see `data.config.default_url`); a broken secrets file stops the page."""
    held = _held()
    return held[0] if held is not None else _url()


# `hash_funcs` of the caches keyed by a view, a clock or a currency rule: each by its repr (every field, a few
# microseconds), not by Streamlit's hashing of a dataclass (a deep copy, then each field: about a millisecond a key).
KEYS: dict = {FilterSpec: repr, Clock: repr, CurrencyRule: repr}

Cached = TypeVar("Cached")
Setting = TypeVar("Setting")
_PER_VERSION: list = []  # the caches keyed by (store URL, data version, ...): see `per_version`
_newest: dict[str, int] = {}  # per store URL, the newest data version any run has read


def per_version(cached: Cached) -> Cached:
    """Register a Streamlit cache whose key starts with the store's URL and data version. When a run reads a newer
    version (an import, an undo), every registered cache is emptied at once: left to their bounds, they would keep
    frames and figures of several past versions (hundreds of MB at a million cases) until newer views pushed them
    out."""
    _PER_VERSION.append(cached)
    return cached


def _on_version(url: str, version: int) -> None:
    """Empty the per-version caches when `version` is newer than any this process has read of `url`."""
    newest = _newest.get(url)
    if newest is not None and version > newest:
        for cached in _PER_VERSION:
            cached.clear()
    if newest is None or version > newest:
        _newest[url] = version


@st.cache_resource(max_entries=4, show_spinner=False)
def _open(url: str) -> Store:
    return Store(url)


@per_version
@st.cache_resource(max_entries=2, show_spinner="Loading cases…")
def _load(url: str, version: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    lazy.warm("scipy.stats", "scipy.optimize")  # the tests' imports (~2 s) overlap the load instead of following it
    store = _open(url)
    return _prepared(store.load_cases(), import_layouts(store.history()))


@st.cache_resource(max_entries=1, show_spinner="Preparing the demo shop…")
def _demo() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _prepared(demo.generate())


def _prepared(cases: pd.DataFrame, layouts: dict[tuple[int, str], str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cases as every page reads them, the stored shop's and the demo's alike: what each source can say, decided
    once over all its cases (and the imports of its layout, `layouts`), and each case's refund by that; then the
    products apart from the lines that are no product. Every view's rows are taken from these: one piece per column."""
    global _loaded_since_freeze
    products, left_out = split_products(with_source_names(with_known_refunds(with_knowledge(cases, layouts))))
    _loaded_since_freeze = True
    return one_chunk(products), one_chunk(left_out)


_loaded_since_freeze = True


def keep_long_lived() -> None:
    """At the end of the first run after cases were loaded: collect garbage once, then leave every object alive now
    (modules, the loaded cases, chart validators) out of later collections (`gc.freeze`).

    Streamlit collects every generation after each run (`runner.postScriptGC`); walking those objects costs about
    0.1 s of the one interpreter lock per rerun, for every session. The next load unfreezes and collects first, so
    what the old data version left behind is still freed."""
    global _loaded_since_freeze
    if not _loaded_since_freeze:
        return
    _loaded_since_freeze = False
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def store() -> Store:
    """The store, opened once per URL; stops the page with a plain message when it cannot be used."""
    url = store_url()
    try:
        return _open(url)
    except StoreError as err:
        unreachable(err)


def cases() -> Cases:
    """The stored cases, or the demo cases while the store holds none (the data version read once per run)."""
    held = _held()
    if held is None:
        url = _url()
        try:
            version = _open(url).data_version()
            _on_version(url, version)
            frame, left_out = _load(url, version)
        except StoreError as err:
            unreachable(err)
        if frame.empty and left_out.empty:
            products, fees = _demo()
            loaded = Cases(products, is_demo=True, version=version, left_out=fees)
        else:
            loaded = Cases(frame, is_demo=False, version=version, left_out=left_out)
        held = (url, loaded)
        if get_script_run_ctx(suppress_warning=True) is not None:
            st.session_state[_THIS_RUN] = held
    return held[1]


def clock() -> Clock:
    """The response clock saved in the store (the default one until someone saves one), read on every run so a
    teammate's change shows on the next rerun."""
    return _setting("clock", Store.clock)


def time_zone() -> str | None:
    """The shop's time zone saved in the store (None until someone saves one), read on every run like the clock."""
    return _setting("time_zone", Store.time_zone)


def currency_settings() -> tuple[str | None, bool, tuple[tuple[str, str], ...]]:
    """The saved main currency (None: the most common), whether amounts with no currency count as main, and the
    currency named for each source whose files name none."""
    return _setting("currency_settings", Store.currency_settings)


def currency(all_cases: pd.DataFrame) -> CurrencyRule:
    """The shop's currency rule: the saved main currency (else the most common one of `all_cases`, every case
    shown, not the filtered view) and whether amounts with no currency count as main; read on every run."""
    settings = currency_settings()
    loaded = cases()
    if all_cases is loaded.frame:  # the usual call: decided once per data version and setting
        return _rule(store_url(), loaded.version, loaded.is_demo, *settings)
    return currency_rule(all_cases, *settings)


@per_version
@st.cache_data(max_entries=8, show_spinner=False)
def _rule(
    url: str, version: int, is_demo: bool, main: str | None, no_currency_as_main: bool, named: tuple[tuple[str, str], ...]
) -> CurrencyRule:
    return currency_rule(cases().frame, main, no_currency_as_main, named)


def unreachable(err: StoreError) -> NoReturn:
    """Say plainly that the store cannot be used and stop the page. Nothing of a failure is cached: the next rerun tries again."""
    st.error(
        "**"
        + _("The case store is unreachable.")
        + f"** {say(err)}\n\n"
        + _(
            "Check that the database is running and that `{variable}` (in the environment or `.streamlit/secrets.toml`) "
            "points at it, then reload this page."
        ).format(variable=ENV_VAR),
        icon=":material/cloud_off:",
    )
    st.stop()
