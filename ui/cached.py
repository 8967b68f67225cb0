"""Analysis results computed once per data version, view and setting, shared by every session (bounded caches).

A rerun that changes nothing the result depends on (another page's choice, a toggle, a teammate opening the same view)
reads the result instead of recomputing it over every case. The key is the store's data version, never the frame
itself (hashing a million rows would cost what the cache saves).
"""

from __future__ import annotations

import streamlit as st

from analysis.attention import Attention, needs_attention
from analysis.filters import FilterSpec
from analysis.sla import Clock
from ui import state


@st.cache_data(max_entries=32, show_spinner=False)
def _attention(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock) -> Attention:
    return needs_attention(state.cases().frame, spec, clock=clock)


def attention(spec: FilterSpec, clock: Clock) -> Attention:
    """Needs attention for the view `spec` under the response `clock` (see `analysis.attention.needs_attention`)."""
    loaded = state.cases()
    return _attention(state.store_url(), loaded.version, loaded.is_demo, spec, clock)
