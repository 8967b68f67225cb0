"""Trends: cases per week by reason, stacked; optionally one panel per request type."""

import streamlit as st

from ui import charts, downloads, figures, filters, plot, rows
from ui.i18n import _

spec = filters.current()

st.title(_("Trends"))
st.caption(filters.heading(spec) + " · " + _("buyer requests per week of request date (weeks start on Monday), by reason"))
filters.stop_if_empty(rows.count(spec))

split = st.toggle(_("Split by request type"), key="trends_split", bind="query-params")
weekly = figures.weekly(spec, ("reason", "request_type") if split else ("reason",))
plot.draw(charts.weekly_by_reason(weekly, split_by_type=split), key="trends_by_reason", drill=spec)

st.subheader(_("Download"))
downloads.buttons(spec, rows.window(spec), key="trends")
