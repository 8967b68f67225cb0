"""The Overview's headline figures and its weekly chart, computed once per data version and view (the figures also per
response clock and currency rule, the chart per language).

A rerun that changes nothing they depend on (another session on the same view, a page visited again, a toggle)
reads them instead of going over the view's cases again. Computed from `ui.rows`' slim frames. The chart is shared,
never changed: `st.plotly_chart` only reads it.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analysis.filters import FilterSpec
from analysis.kpis import Overview, overview
from analysis.money import CurrencyRule
from analysis.weekly import weekly_counts
from data.clock import Clock
from ui import cached, charts, i18n, rows, state


@state.per_version
@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=state.KEYS)
def _figures(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock, rule: CurrencyRule) -> Overview:
    return overview(
        rows.cases(),
        spec,
        clock=clock,
        rule=rule,
        selected=rows.selected(spec),
        previous=rows.previous(spec),
        covering=cached.covering,
        as_of=rows.latest_moment(),
    )


def figures(spec: FilterSpec, clock: Clock) -> Overview:
    """`analysis.kpis.overview` of the loaded cases for the view `spec` under the response `clock` and the shop's
    currency rule (read on every run, like the clock)."""
    return _figures(*rows.key(), spec, clock, state.currency(state.cases().frame))


@state.per_version
@st.cache_resource(max_entries=64, show_spinner=False, hash_funcs=state.KEYS)
def _weekly(url: str, version: int, is_demo: bool, spec: FilterSpec, language: str) -> go.Figure:
    return charts.weekly_cases(weekly_counts(rows.selected(spec)))


def weekly_chart(spec: FilterSpec) -> go.Figure:
    """`charts.weekly_cases` of the view's `weekly_counts` in the run's language. Read-only."""
    return _weekly(*rows.key(), spec, i18n.current())
