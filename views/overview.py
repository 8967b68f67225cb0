"""Overview: the headline figures of the filtered period against the period before, and cases per week."""

import streamlit as st

from analysis.kpis import SLA_DAYS, overview
from analysis.weekly import weekly_counts
from ui import charts, filters, format, state

cases = state.cases().frame
spec = filters.current()
figures = overview(cases, spec)

st.title("Overview")
compared = ""
if figures.previous_window:
    compared = f" · compared with {figures.previous_window[0]:%-d %b} – {figures.previous_window[1]:%-d %b %Y}"
elif figures.window:
    compared = " · no earlier data to compare with"
st.caption(filters.heading(spec, cases) + compared)

if not figures.cases.now:
    st.info("No cases match these filters in this period. Widen the period or clear a filter in the sidebar.",
            icon=":material/filter_alt_off:")
    st.stop()

c1, c2, c3 = st.columns(3)
c1.metric("Cases", format.number(figures.cases.now), format.count_change(figures.cases.now, figures.cases.before),
          delta_color="inverse", border=True, help="After-sales requests from buyers, by request date.")
refund = figures.refund_total
c2.metric(f"Refund total ({figures.currency})" if figures.currency else "Refund total", format.money(refund.now),
          format.count_change(refund.now, refund.before, fmt=format.money), delta_color="inverse", border=True,
          help="Refund amounts of the cases in this period.")
sla = figures.answered_in_time
c3.metric(f"Answered within {SLA_DAYS} working days", format.percent(sla.now), format.point_change(sla.now, sla.before),
          border=True, help=f"A request left unanswered for {SLA_DAYS} working days is approved by the marketplace.")
if figures.courier_returns:
    st.caption(f"{figures.courier_returns:,} courier returns (parcels that never reached the buyer) are not counted as cases; "
               "their refunds are in the refund total.")
if figures.other_currency_cases:
    st.caption(f"{figures.other_currency_cases:,} cases in other currencies are not in the refund total.")

st.plotly_chart(charts.weekly_cases(weekly_counts(spec.apply(cases))), key="overview_weekly")
