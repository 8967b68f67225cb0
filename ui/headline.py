"""The Overview's headline figures, computed once per data version, view, response clock and currency rule.

A rerun that changes nothing they depend on (a language, another session on the same view, a page visited again)
reads them instead of going over the view's cases again. Computed from `ui.rows`' slim frames.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.filters import FilterSpec
from analysis.kpis import Overview, overview
from analysis.money import CurrencyRule
from analysis.sla import latest_moment
from data.clock import Clock
from ui import cached, rows, state


@st.cache_data(max_entries=2, show_spinner=False)
def _moment(url: str, version: int, is_demo: bool) -> pd.Timestamp:
    return latest_moment(rows.cases())


@st.cache_data(max_entries=64, show_spinner=False)
def _figures(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock, rule: CurrencyRule) -> Overview:
    return overview(
        rows.cases(),
        spec,
        clock=clock,
        rule=rule,
        selected=rows.selected(spec),
        previous=rows.previous(spec),
        covering=cached.covering,
        as_of=_moment(url, version, is_demo),
    )


def figures(spec: FilterSpec, clock: Clock) -> Overview:
    """`analysis.kpis.overview` of the loaded cases for the view `spec` under the response `clock` and the shop's
    currency rule (read on every run, like the clock)."""
    return _figures(*rows.key(), spec, clock, state.currency(state.cases().frame))
