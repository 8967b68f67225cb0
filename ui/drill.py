"""Drill-down: from a bar, a point, a heatmap cell, a card or a sentence to the Cases page filtered to exactly that slice.

A chart point carries its slice as a query string in `customdata` (built by `picks`), so one function reads any
chart's click (`picks_of`). The shared filters are widgets bound to the URL, which a link's query parameters cannot
override, so a drill-down sets the widgets' values in a callback and switches page (`open_cases`): the address bar then
holds the slice, and the link can be shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import numpy as np
import pandas as pd
import streamlit as st

from analysis.filters import DIMENSIONS, FilterSpec
from data.schema import NO_SKU
from ui import filters
from ui.i18n import _

CASES_PAGE = "views/cases.py"
SKU_PAGE = "views/sku.py"
SKU_PATH = "sku"  # the SKU page's address (its file name)
SEARCH = filters.SEARCH  # the Cases page's search box (bound to the URL)
_PICKABLE = (*DIMENSIONS, "start", "end")
_GO = "drill_to"
_SKU_SAFE = " -_.~()/,:;!*'@$"


def picks(**values: Any) -> str:
    """A slice as the query string a chart point carries; dates are written as days.

    >>> picks(reason="Defective", start=pd.Timestamp("2026-11-02"), end=pd.Timestamp("2026-11-08"))
    'reason=Defective&start=2026-11-02&end=2026-11-08'
    """
    clean = {k: (f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp) else str(v)) for k, v in values.items() if v is not None}
    return urlencode(clean)


def period_picks(period: pd.Timestamp, by_month: bool = False) -> dict[str, pd.Timestamp]:
    """The request days one bar holds: its week (Monday to Sunday), or for a month bar the weeks whose Monday falls in it.

    >>> {k: f"{v:%d %b}" for k, v in period_picks(pd.Timestamp("2026-06-01"), by_month=True).items()}
    {'start': '01 Jun', 'end': '05 Jul'}
    """
    period = pd.Timestamp(period).normalize()
    if not by_month:
        return {"start": period, "end": period + pd.Timedelta(days=6)}
    first_monday = period + pd.Timedelta(days=(7 - period.weekday()) % 7)
    month_end = period + pd.offsets.MonthEnd(0)
    last_monday = month_end - pd.Timedelta(days=month_end.weekday())
    return {"start": first_monday, "end": last_monday + pd.Timedelta(days=6)}


def picks_of(selection: Mapping[str, Any] | None) -> dict[str, list[str]] | None:
    """The slice a chart selection points at (the first picked point that carries one), or None.

    >>> picks_of({"selection": {"points": [{"x": 1, "customdata": "sku=A-1&reason=Defective"}]}})
    {'sku': ['A-1'], 'reason': ['Defective']}
    >>> picks_of({"selection": {"points": [{"customdata": ["sku=B", 3]}]}}), picks_of({"selection": {"points": []}})
    ({'sku': ['B']}, None)
    """
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        text = (
            data
            if isinstance(data, str)
            else next((d for d in data if isinstance(d, str)), None)
            if isinstance(data, list | tuple)
            else None
        )
        if text and "=" in text:
            found = {k: v for k, v in parse_qs(text).items() if k in _PICKABLE}
            if found:
                return found
    return None


def narrowed(base: FilterSpec, chosen: Mapping[str, Iterable[str]]) -> FilterSpec:
    """The view `base` narrowed to a slice (each picked dimension replaced; dates replace the period).

    >>> narrowed(FilterSpec(reason=("Other",)), {"reason": ["Defective"], "start": ["2026-11-02"]}).to_query()
    {'reason': ['Defective'], 'start': ['2026-11-02']}
    """
    values = {k: (list(v)[0] if k in ("start", "end") else list(v)) for k, v in chosen.items() if k in _PICKABLE}
    return base.narrowed(**values)


def open_cases(spec: FilterSpec, search: str = "") -> None:
    """Callback: show the Cases page for `spec` (sets the bound filter widgets, then switches page)."""
    st.session_state.update(filters.widget_values(spec))
    st.session_state[SEARCH] = search
    st.session_state[_GO] = CASES_PAGE  # the run that follows switches (`follow`): pages are known only once navigation is built


def follow() -> None:
    """Switch to the page a drill-down asked for (call right after `st.navigation`)."""
    target = st.session_state.pop(_GO, None)
    if target:
        # No query parameters of its own: the bound widgets write theirs (a link's would clash with them).
        st.switch_page(target, query_params={})


def button(label: str, spec: FilterSpec, key: str, where: Any = st, *, search: str = "", **kwargs: Any) -> None:
    """A link-like button in `where` that opens the Cases page for `spec` (and a search text)."""
    kwargs.setdefault("icon", ":material/table_rows:")
    where.button(label, key=key, on_click=open_cases, args=(spec, search), type="tertiary", **kwargs)


def on_pick(key: str, base: FilterSpec):
    """A chart's `on_select` callback: the picked point's slice of `base` opens on the Cases page."""

    def picked() -> None:
        chosen = picks_of(st.session_state.get(key))
        if chosen:
            open_cases(narrowed(base, chosen))

    return picked


def sku_url(sku: str, spec: FilterSpec) -> str | None:
    """A relative link to the SKU page for `sku` that keeps the view's other filters; None for the "No SKU" marker.

    The SKU comes last and keeps spaces and common punctuation as they are, so a table can show it from the link
    (`sku_column`); browsers encode the rest.

    >>> sku_url("AP 1/M", FilterSpec(reason=("Defective",))), sku_url("No SKU", FilterSpec())
    ('sku?reason=Defective&sku=AP 1/M', None)
    """
    if not isinstance(sku, str) or not sku or sku == NO_SKU:
        return None
    rest = urlencode(spec.narrowed(sku=()).to_query(), doseq=True)
    return f"{SKU_PATH}?{rest + '&' if rest else ''}sku={quote(sku, safe=_SKU_SAFE)}"


def sku_links(table: pd.DataFrame, spec: FilterSpec, column: str = "sku") -> pd.DataFrame:
    """`table` with its SKU column turned into SKU-page links (shown as the SKU by `sku_column`)."""
    out = table.copy()
    code, skus = pd.factorize(out[column], use_na_sentinel=True)  # thousands of rows, far fewer SKUs: one link each
    links = np.array([sku_url(sku, spec) for sku in skus] + [None], dtype=object)  # code -1 (no SKU) takes the last
    out[column] = links[code].tolist()
    return out


def sku_column(label: str = "SKU") -> Any:
    """The column config that shows a `sku_links` column as the SKU, opening its page."""
    return st.column_config.LinkColumn(_(label), display_text=r"sku=([^&]*)$", help=_("Opens the SKU's page"))
