"""The shared filter widgets <-> FilterSpec. The only module that knows the widget keys.

Each widget's key is its query-parameter name and is bound to the URL, so the address bar is always
a link to the same view; values equal to the defaults stay out of the URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from analysis.filters import DEFAULT_PERIOD, DIMENSIONS, PERIODS, QUERY_KEYS, FilterSpec
from data.schema import REASONS, REQUEST_TYPES, STATUSES

PERIOD, REQUEST_TYPE, REASON, SKU, STATUS, HANDLED_BY, CHANNEL, START, END = QUERY_KEYS  # widget keys = query-parameter names


def spec_from(state: Mapping[str, Any]) -> FilterSpec:
    """The FilterSpec the widget values in `state` (normally `st.session_state`) describe.

    >>> spec_from({"period": "Last 4 weeks", "reason": ["Defective"]}).to_query()
    {'period': ['Last 4 weeks'], 'reason': ['Defective']}
    """
    return FilterSpec(
        period=state.get(PERIOD) or DEFAULT_PERIOD,
        **{name: tuple(state.get(name) or ()) for name in DIMENSIONS},
        start=state.get(START) or "",
        end=state.get(END) or "",
    )


def widget_values(spec: FilterSpec) -> dict[str, Any]:
    """The value of each filter widget that shows `spec` (the inverse of `spec_from`), for a drill-down to set.

    >>> widget_values(FilterSpec(reason=("Defective",), start="2026-11-02"))[START]
    datetime.date(2026, 11, 2)
    """
    values: dict[str, Any] = {PERIOD: spec.period, **{name: list(getattr(spec, name)) for name in DIMENSIONS}}
    for name in (START, END):
        values[name] = pd.Timestamp(getattr(spec, name)).date() if getattr(spec, name) else None
    return values


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
    st.session_state.update(widget_values(FilterSpec()))


def _choices(cases: pd.DataFrame, column: str, chosen: Any) -> list[str]:
    """The values a column holds, plus any chosen one the data lacks (so a link's choice is never dropped silently)."""
    held = sorted(cases[column].dropna().astype(str).unique()) if column in cases else []
    return held + [v for v in (chosen or ()) if v not in held]


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
    _more(cases)
    spec = current()
    if spec != FilterSpec():
        st.button("Clear filters", on_click=_reset, icon=":material/filter_alt_off:", type="tertiary", key="filters_clear")
    return spec


def _more(cases: pd.DataFrame) -> None:
    """Status, person, channel and explicit dates: the filters a drill-down sets, folded away until one is used."""
    used = any(st.session_state.get(k) for k in (STATUS, HANDLED_BY, CHANNEL, START, END))
    with st.expander("More filters", expanded=used, icon=":material/tune:"):
        c1, c2 = st.columns(2)
        c1.date_input("From", value=None, key=START, bind="query-params", format="YYYY-MM-DD",
                      help="Explicit dates replace the period (a click on a week of a chart sets them).")
        c2.date_input("To", value=None, key=END, bind="query-params", format="YYYY-MM-DD")
        st.multiselect("Status", STATUSES, key=STATUS, bind="query-params", placeholder="All statuses")
        st.multiselect("Person in charge", _choices(cases, "handled_by", st.session_state.get(HANDLED_BY)), key=HANDLED_BY,
                       bind="query-params", placeholder="Everyone")
        st.multiselect("Channel", _choices(cases, "channel", st.session_state.get(CHANNEL)), key=CHANNEL,
                       bind="query-params", placeholder="All channels")


def stop_if_empty(count: int | None) -> None:
    """The shared empty state: when the view holds no cases (`count` 0 or None), say how to widen it and stop the page."""
    if not count:
        st.info("No cases match these filters in this period. Widen the period or clear a filter in the sidebar.",
                icon=":material/filter_alt_off:")
        st.stop()
