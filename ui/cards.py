"""Headline cards that say how much of the data stands behind them: one helper for every page's figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from analysis.coverage import Coverage
from ui import format
from ui.i18n import _


def card(
    place: Any,
    label: str,
    value: float | None,
    coverage: Coverage,
    fmt: Callable[[float | None], str] = format.number,
    *,
    delta: str | None = None,
    lines: tuple[str | None, ...] = (),
    **metric: Any,
) -> None:
    """A bordered `st.metric` in `place` (a column) whose value follows `format.figure`.

    With no coverage the value reads "Not in your files" and its second line names the column that would
    provide it (any `delta` is dropped: there is nothing to compare); with partial coverage "based on N of M
    cases" follows under the card, then `lines` (other currencies, say).
    """
    note = format.coverage_note(coverage)
    if coverage.none:
        delta, note = note, None
        metric |= {"delta_color": "off", "delta_arrow": "off"}
    metric |= steady(delta)
    place.metric(label, format.figure(value, coverage, fmt), delta, border=True, **metric)
    for line in (note, *lines):
        if line:
            place.caption(line)


def steady(delta: str | None) -> dict[str, str]:
    """`st.metric` options for a delta that is no change: no arrow, no colour (a change of zero is neither good nor bad)."""
    return {"delta_color": "off", "delta_arrow": "off"} if delta == format.NO_CHANGE() else {}


def blank_note(coverage: Coverage) -> None:
    """Nothing when the data is there; else the plain sentence a chart or table shows instead of drawing nothing."""
    if coverage.none:
        st.info(
            _("No file gives the {need} of its cases, so there is nothing to draw here. {hint}.").format(
                need=_(coverage.need), hint=_(coverage.hint)
            ),
            icon=":material/info:",
        )
