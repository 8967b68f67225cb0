"""Headline cards that say how much of the data stands behind them: one helper for every page's figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from analysis.coverage import Coverage
from ui import format
from ui.i18n import N_, _

# The value of a card no file can fill: short enough for four cards in a row; the full sentence goes under the card.
NOT_KNOWN = N_("N/A")


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

    With no coverage the value reads "N/A" and the line under the card says why and what would provide it ("Not
    in your files. Add a status column.", wrapped, where a card's own second line would cut it); any `delta` is
    dropped: there is nothing to compare. With partial coverage "based on N of M cases" follows under the card, then
    `lines` (other currencies, say).
    """
    note = format.coverage_note(coverage)
    shown = format.figure(value, coverage, fmt)
    if coverage.none:
        shown, delta = _(NOT_KNOWN), None
        note = _("Not in your files. {hint}.").format(hint=note) if note else _(format.NOT_IN_FILES)
    metric |= steady(delta)
    place.metric(label, shown, delta, border=True, **metric)
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
