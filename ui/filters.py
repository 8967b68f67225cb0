"""The shared filter widgets <-> FilterSpec. The only module that knows the widget keys.

Each widget's key is its query-parameter name and is bound to the URL, so the address bar is always
a link to the same view; values equal to the defaults stay out of the URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from analysis.filters import DEFAULT_PERIOD, PERIODS, QUERY_KEYS, FilterSpec
from data.schema import REASONS, REQUEST_TYPES

PERIOD, REQUEST_TYPE, REASON, SKU = QUERY_KEYS  # widget keys = query-parameter names


def spec_from(state: Mapping[str, Any]) -> FilterSpec:
    """The FilterSpec the widget values in `state` (normally `st.session_state`) describe.

    >>> spec_from({"period": "Last 4 weeks", "reason": ["Defective"]})
    FilterSpec(period='Last 4 weeks', request_type=(), reason=('Defective',), sku=())
    """
    return FilterSpec(
        period=state.get(PERIOD) or DEFAULT_PERIOD,
        request_type=tuple(state.get(REQUEST_TYPE) or ()),
        reason=tuple(state.get(REASON) or ()),
        sku=tuple(state.get(SKU) or ()),
    )


def current() -> FilterSpec:
    """The view the sidebar filters describe right now."""
    return spec_from(st.session_state)


def heading(spec: FilterSpec, cases: pd.DataFrame) -> str:
    """The view in words, with the period's dates, for the caption under a page title.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-22"])})
    >>> heading(FilterSpec(period="Last 4 weeks", reason=("Defective",)), cases)
    'Last 4 weeks · Defective · 26 Oct – 22 Nov 2026'
    """
    window = spec.window(cases)
    return spec.describe() if window is None else f"{spec.describe()} · {window[0]:%-d %b} – {window[1]:%-d %b %Y}"


def _reset() -> None:
    st.session_state[PERIOD] = DEFAULT_PERIOD
    for key in (REQUEST_TYPE, REASON, SKU):
        st.session_state[key] = []


def sidebar(cases: pd.DataFrame) -> FilterSpec:
    """Draw the shared filters (call inside `st.sidebar`) and return the spec they describe."""
    st.selectbox("Period", list(PERIODS), index=list(PERIODS).index(DEFAULT_PERIOD), key=PERIOD, bind="query-params",
                 help="A period ends on the latest request in the data, so an older sheet opens on its own latest weeks.")
    spec = current()
    window = spec.window(cases)
    if window is not None:
        st.caption(f"{window[0]:%-d %b %Y} – {window[1]:%-d %b %Y}")
    st.multiselect("Request type", REQUEST_TYPES, key=REQUEST_TYPE, bind="query-params", placeholder="All request types")
    st.multiselect("Reason", REASONS, key=REASON, bind="query-params", placeholder="All reasons")
    skus = sorted(cases["sku"].dropna().unique()) if "sku" in cases else []
    st.multiselect("SKU", skus, key=SKU, bind="query-params", placeholder="All SKUs")
    spec = current()
    if spec != FilterSpec():
        st.button("Clear filters", on_click=_reset, icon=":material/filter_alt_off:", type="tertiary", key="filters_clear")
    return spec


def stop_if_empty(count: int | None) -> None:
    """The shared empty state: when the view holds no cases (`count` 0 or None), say how to widen it and stop the page."""
    if not count:
        st.info("No cases match these filters in this period. Widen the period or clear a filter in the sidebar.",
                icon=":material/filter_alt_off:")
        st.stop()
