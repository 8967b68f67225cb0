"""A view's rows of the loaded cases, picked with the data version's `RowIndex` and kept for the next rerun.

The frames here are the loaded cases' `row_index.slim` columns (what the Overview's and Recurring causes' figures
read): copying a view's rows from them costs a third of copying every column. Kept with `st.cache_resource` and shared
by every session, never copied: callers only read them. Keyed by the store's data version, never the frame itself.
"""

from __future__ import annotations

from typing import TypedDict

import pandas as pd
import streamlit as st

from analysis.common import Mask
from analysis.filters import FilterSpec
from analysis.row_index import RowIndex, slim
from analysis.sla import latest_moment as moment_of
from ui import state


class Version(TypedDict):
    """What the loaded cases depend on: the store, its data version and whether the demo shop is shown. The caches
    kept per data version take it by name (`**key()`): Streamlit looks up a cached function's signature again for
    each positional argument, on every call."""

    url: str
    version: int
    is_demo: bool


def key() -> Version:
    """The `Version` of the loaded cases."""
    loaded = state.cases()
    return {"url": state.store_url(), "version": loaded.version, "is_demo": loaded.is_demo}


@state.per_version
@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=state.KEYS)
def _indexed(url: str, version: int, is_demo: bool) -> tuple[RowIndex, pd.DataFrame]:
    cases = state.cases().frame
    return RowIndex(cases), slim(cases)


def index() -> RowIndex:
    """The `RowIndex` of the loaded cases, built once per data version."""
    return _indexed(**key())[0]


def cases() -> pd.DataFrame:
    """The loaded cases' slim columns (the frame `state.cases()` shows, its columns shared). Read-only."""
    return _indexed(**key())[1]


@state.per_version
@st.cache_data(max_entries=2, show_spinner=False, hash_funcs=state.KEYS)
def _moment(url: str, version: int, is_demo: bool) -> pd.Timestamp:
    return moment_of(cases())


def latest_moment() -> pd.Timestamp:
    """`sla.latest_moment` of the loaded cases (the moment the deadline clock reads), once per data version."""
    return _moment(**key())


@state.per_version
@st.cache_resource(max_entries=8, show_spinner=False, hash_funcs=state.KEYS)  # a bool per case: 1 MB at a million
def _picked(url: str, version: int, is_demo: bool, spec: FilterSpec) -> Mask:
    return _indexed(url, version, is_demo)[0].rows(spec)


def picked(spec: FilterSpec) -> Mask:
    """`spec.rows` of the loaded cases, once per data version and view (no rows copied). Read-only."""
    return _picked(**key(), spec=spec)


def count(spec: FilterSpec) -> int:
    """How many of the loaded cases the view `spec` holds, without copying them."""
    return int(picked(spec).sum())


def window(spec: FilterSpec) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """`spec.window` of the loaded cases, without reading their request dates again."""
    return index().window(spec)


@state.per_version
@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=state.KEYS)  # a long period holds most rows: a few views at a time
def _selected(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    cases, rows = _indexed(url, version, is_demo)[1], _picked(url, version, is_demo, spec)
    return cases if rows.all() else cases.loc[rows]


def selected(spec: FilterSpec) -> pd.DataFrame:
    """`spec.apply` of the loaded cases' slim columns, once per data version and view. Read-only."""
    return _selected(**key(), spec=spec)


@state.per_version
@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=state.KEYS)
def _previous(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    row_index, cases = _indexed(url, version, is_demo)
    rows = row_index.previous_rows(spec)
    return cases.iloc[0:0] if rows is None else cases.loc[rows]


def previous(spec: FilterSpec) -> pd.DataFrame:
    """`spec.previous` of the loaded cases' slim columns (the same filters over the period before). Read-only."""
    return _previous(**key(), spec=spec)


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _narrowed(url: str, version: int, is_demo: bool, part: FilterSpec) -> pd.DataFrame:
    row_index, cases = _indexed(url, version, is_demo)
    rows = row_index.narrowed_rows(part)
    return cases if rows is None else cases.loc[rows]


def narrowed(part: FilterSpec) -> pd.DataFrame:
    """The slim cases a test sees whose `filters.narrowing_part` is `part` (`narrow_for_test`'s cases), once per
    data version and part: a view's spike tables, spikes and recurring causes share them. Read-only."""
    return _narrowed(**key(), part=part)
