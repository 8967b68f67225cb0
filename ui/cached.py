"""Analysis results computed once per data version, view and setting, shared by every session (bounded caches).

A rerun that changes nothing the result depends on (another page's choice, a toggle, a teammate opening the same view)
reads the result instead of recomputing it over every case. The key is the store's data version, never the frame
itself (hashing a million rows would cost what the cache saves). A test that splits the filters (`narrow_for_test`) is
keyed by the part of the view that changes its cases (`narrowing_part`): picking another reason reuses it.
Frames kept with `st.cache_resource` are shared, never copied: callers only read them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from analysis import cause_figures
from analysis.attention import RECURRING_BY, Attention, needs_attention
from analysis.cause_figures import SpikeWeeks, cases_and_pairs_tested
from analysis.filters import DIMENSIONS, FilterSpec, narrowing_part, picks_of_test
from analysis.recurring import recurring_causes
from analysis.sources import SourceEnd, Span, comparable, source_ends
from analysis.spikes import spike_table, spikes
from data.clock import Clock
from ui import rows, state

SPIKE_DIMENSIONS = ("reason", "request_type")


@state.per_version
@st.cache_data(max_entries=128, show_spinner=False, hash_funcs=state.KEYS)  # small results: room for a team's many views
def _attention(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock) -> Attention:
    return needs_attention(
        rows.cases(),
        spec,
        clock=clock,
        selected=rows.selected(spec),
        as_of=rows.latest_moment(),
        tested_pairs=_recurring(
            url=url, version=version, is_demo=is_demo, part=narrowing_part(spec, RECURRING_BY), by=RECURRING_BY, weeks=8, history_weeks=52
        ),
        spiked={dim: spikes_of(spec, dim) for dim in SPIKE_DIMENSIONS},
        sources=_sources(url=url, version=version, is_demo=is_demo, part=narrowing_part(spec, DIMENSIONS), as_of=rows.index().latest),
    )


@state.per_version
@st.cache_data(max_entries=32, show_spinner=False, hash_funcs=state.KEYS)
def _recurring(
    url: str, version: int, is_demo: bool, part: FilterSpec, by: tuple[str, str], weeks: int, history_weeks: int
) -> pd.DataFrame:
    return recurring_causes(rows.narrowed(part), as_of=rows.index().latest, weeks=weeks, history_weeks=history_weeks, by=by)


def recurring(spec: FilterSpec, by: tuple[str, str], *, weeks: int = 8, history_weeks: int = 52) -> pd.DataFrame:
    """The `recurring_causes` table of the cases a test over `by` sees in the view `spec`, as of the latest request,
    before the view's picks (`pick_rows`): shared by every view with the same `filters.narrowing_part`, so picking
    another reason or SKU reuses it."""
    return _recurring(**rows.key(), part=narrowing_part(spec, by), by=tuple(by), weeks=weeks, history_weeks=history_weeks)


@state.per_version
@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=state.KEYS)
def _tested(
    url: str, version: int, is_demo: bool, part: FilterSpec, by: tuple[str, ...], picks: tuple, as_of: pd.Timestamp, weeks: int
) -> tuple[int, int]:
    return cases_and_pairs_tested(rows.narrowed(part), by, dict(picks), as_of, weeks)


def tested(spec: FilterSpec, by: tuple[str, str], as_of: pd.Timestamp, weeks: int) -> tuple[int, int]:
    """`cause_figures.cases_and_pairs_tested` of the cases a test over `by` sees in the view `spec`."""
    return _tested(
        **rows.key(), part=narrowing_part(spec, by), by=tuple(by), picks=tuple(picks_of_test(spec, by).items()), as_of=as_of, weeks=weeks
    )


def attention(spec: FilterSpec, clock: Clock) -> Attention:
    """Needs attention for the view `spec` under the response `clock` (see `analysis.attention.needs_attention`)."""
    return _attention(**rows.key(), spec=spec, clock=clock)


@state.per_version
@st.cache_resource(max_entries=3, show_spinner=False, hash_funcs=state.KEYS)
def _selected(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    cases = state.cases().frame
    picked = rows.picked(spec)
    return cases if picked.all() else cases.loc[picked]  # all time, no filter: the loaded frame itself, not a copy of it


def selected(spec: FilterSpec) -> pd.DataFrame:
    """`spec.apply` of the loaded cases, once per data version and view: the cards, the chart and Needs attention of
    one rerun (and every session on the same view) share it. Read-only."""
    return _selected(**rows.key(), spec=spec)


@state.per_version
@st.cache_resource(max_entries=3, show_spinner=False, hash_funcs=state.KEYS)
def _left_out(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    lines = state.cases().left_out
    return lines.loc[spec.rows_within(lines, rows.window(spec))] if len(lines) else lines


def left_out(spec: FilterSpec) -> pd.DataFrame:
    """The lines the view `spec` selects of those left out as no product (`analysis.not_products`), over the products'
    period. Read-only."""
    return _left_out(**rows.key(), spec=spec)


@state.per_version
@st.cache_resource(max_entries=8, show_spinner=False, hash_funcs=state.KEYS)
def _covering(
    url: str, version: int, is_demo: bool, window: tuple[pd.Timestamp, pd.Timestamp], earlier: tuple[pd.Timestamp, pd.Timestamp]
) -> tuple[np.ndarray, list[Span]]:
    return comparable(state.cases().frame, window, earlier)


def covering(window: tuple[pd.Timestamp, pd.Timestamp], earlier: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[np.ndarray, list[Span]]:
    """`sources.comparable` of all the loaded cases for a period and the one before it (it depends on the dates alone,
    so a filter change reuses it). Read-only."""
    return _covering(**rows.key(), window=window, earlier=earlier)


@state.per_version
@st.cache_data(max_entries=128, show_spinner=False, hash_funcs=state.KEYS)
def _spikes(
    url: str, version: int, is_demo: bool, part: FilterSpec, dim: str, baseline_weeks: int, week: pd.Timestamp | None
) -> pd.DataFrame:
    index = rows.index()
    return spikes(rows.cases(), dim, baseline_weeks=baseline_weeks, week=week, rows=index.narrowed_rows(part), index=index)


def spikes_of(spec: FilterSpec, dim: str, *, baseline_weeks: int = 8, week: pd.Timestamp | None = None) -> pd.DataFrame:
    """`spikes` over `dim` of the cases that test sees in the view `spec` (of the latest week, or of `week`), before the
    view's picks (`pick_rows`)."""
    return _spikes(**rows.key(), part=narrowing_part(spec, (dim,)), dim=dim, baseline_weeks=baseline_weeks, week=week)


@state.per_version
@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=state.KEYS)
def _spike_table(url: str, version: int, is_demo: bool, part: FilterSpec, dim: str, baseline_weeks: int) -> pd.DataFrame:
    index = rows.index()
    return spike_table(rows.cases(), dim, baseline_weeks=baseline_weeks, rows=index.narrowed_rows(part), index=index)


def spike_table_of(spec: FilterSpec, dim: str, *, baseline_weeks: int = 8) -> pd.DataFrame:
    """`spike_table` over `dim` (every week) of the cases that test sees in the view `spec`, before the view's picks."""
    return _spike_table(**rows.key(), part=narrowing_part(spec, (dim,)), dim=dim, baseline_weeks=baseline_weeks)


@state.per_version
@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=state.KEYS)
def _sources(url: str, version: int, is_demo: bool, part: FilterSpec, as_of: pd.Timestamp) -> list[SourceEnd]:
    return source_ends(rows.narrowed(part), as_of)


def sources(spec: FilterSpec, by: tuple[str, ...] = DIMENSIONS) -> list[SourceEnd]:
    """`source_ends` as of the latest request of the cases a test over `by` sees in the view `spec` (all the cases
    with the default `by`)."""
    return _sources(**rows.key(), part=narrowing_part(spec, by), as_of=rows.index().latest)


def spike_weeks(spec: FilterSpec, *, baseline_weeks: int = 8) -> SpikeWeeks:
    """`cause_figures.spike_weeks` of the view `spec`, from the spike tables kept per `narrowing_part`."""
    dimensions = ("reason", "request_type")
    return cause_figures.spike_weeks(
        rows.index().span,  # with the tables given, all it reads of the cases is the view's window
        spec,
        dimensions,
        baseline_weeks=baseline_weeks,
        tables={dim: spike_table_of(spec, dim, baseline_weeks=baseline_weeks) for dim in dimensions},
        spikes_at=lambda dim, week: spikes_of(spec, dim, baseline_weeks=baseline_weeks, week=week),
    )
