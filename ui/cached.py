"""Analysis results computed once per data version, view and setting, shared by every session (bounded caches).

A rerun that changes nothing the result depends on (another page's choice, a toggle, a teammate opening the same view)
reads the result instead of recomputing it over every case. The key is the store's data version, never the frame
itself (hashing a million rows would cost what the cache saves).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.attention import RECURRING_BY, Attention, needs_attention
from analysis.filters import FilterSpec, narrow_for_test, narrowing_part
from analysis.recurring import recurring_causes
from data.clock import Clock
from ui import state


@st.cache_data(max_entries=32, show_spinner=False)
def _attention(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock) -> Attention:
    return needs_attention(state.cases().frame, spec, clock=clock,
                           tested_pairs=_recurring(url, version, is_demo, narrowing_part(spec, RECURRING_BY), RECURRING_BY, 8, 52))


@st.cache_data(max_entries=32, show_spinner=False)
def _recurring(url: str, version: int, is_demo: bool, part: FilterSpec, by: tuple[str, str], weeks: int,
               history_weeks: int) -> pd.DataFrame:
    cases = state.cases().frame
    tested, _ = narrow_for_test(cases, part, by)
    return recurring_causes(tested, as_of=cases["request_date"].max(), weeks=weeks, history_weeks=history_weeks, by=by)


def recurring(spec: FilterSpec, by: tuple[str, str], *, weeks: int = 8, history_weeks: int = 52) -> pd.DataFrame:
    """The `recurring_causes` table of the cases a test over `by` sees in the view `spec`, as of the latest request,
    before the view's picks (`pick_rows`): shared by every view with the same `filters.narrowing_part`, so picking
    another reason or SKU reuses it."""
    loaded = state.cases()
    return _recurring(state.store_url(), loaded.version, loaded.is_demo, narrowing_part(spec, by), tuple(by), weeks, history_weeks)


def attention(spec: FilterSpec, clock: Clock) -> Attention:
    """Needs attention for the view `spec` under the response `clock` (see `analysis.attention.needs_attention`)."""
    loaded = state.cases()
    return _attention(state.store_url(), loaded.version, loaded.is_demo, spec, clock)
