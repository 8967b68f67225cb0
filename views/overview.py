"""Overview: the headline figures of the filtered period against the period before, and cases per week."""

import streamlit as st

from analysis.kpis import overview
from analysis.sources import left_out_words
from analysis.weekly import weekly_counts
from ui import cached, cards, charts, drill, filters, format, plot, state

cases = state.cases().frame
clock = state.clock()
spec = filters.current()
figures = overview(cases, spec, clock=clock, rule=state.currency(cases))

st.title("Overview")
compared = ""
if figures.previous_window:
    compared = f" · compared with {figures.previous_window[0]:%-d %b} – {figures.previous_window[1]:%-d %b %Y}"
    if figures.left_out:
        compared += (" · the changes leave out data that does not cover both periods: "
                     f"{left_out_words(list(figures.left_out))}")
elif figures.left_out:
    compared = (" · nothing to compare with: no data covers both this period and the one before "
                f"({left_out_words(list(figures.left_out))})")
elif figures.window:
    compared = " · no earlier data to compare with"
st.caption(filters.heading(spec, cases) + compared)

filters.stop_if_empty(figures.cases.now)

c1, c2, c3 = st.columns(3)
c1.metric("Cases", format.number(figures.cases.now), format.count_change(figures.cases.compared, figures.cases.before),
          delta_color="inverse", border=True, help="After-sales requests from buyers, by request date.")
drill.button("See the cases", spec, key="overview_cases", where=c1)
refund = figures.refund_total
currency = figures.refunds.currency
cards.card(c2, f"Refund total ({currency})" if currency else "Refund total", refund.now, figures.refunds.coverage, format.money,
           delta=format.count_change(refund.compared, refund.before, fmt=format.money), lines=(format.other_currencies(figures.refunds),),
           delta_color="inverse", help="Refunds paid on the cases in this period (rejected, cancelled and open requests count 0); "
                                       "the main currency is set on the Money page.")
sla = figures.answered_in_time
sla_change = format.point_change(sla.compared, sla.before)
steady = sla_change == "no change"
cards.card(c3, f"Answered within {clock.span}", sla.now, figures.answered_coverage, format.percent, delta=sla_change,
           delta_color="off" if steady else "normal", delta_arrow="off" if steady else "auto",
           help=f"The marketplace approves a request left {clock.span} without an answer ({clock.what_counts}); "
                "the clock is set on the Deadlines page.")
if figures.courier_returns:
    st.caption(f"{figures.courier_returns:,} courier returns (parcels that never reached the buyer) are not counted as cases; "
               "their refunds are in the refund total.")

attention = cached.attention(spec, clock)
with st.container(border=True):
    st.markdown("**Needs attention**")
    if attention.calm:
        st.markdown(f":material/check_circle: Nothing urgent: no request is due within a {clock.unit}, no SKU × reason pair "
                    "stands out beyond chance and no reason spiked this week.")
    if attention.due_soon or attention.overdue:
        with st.container(horizontal=True, vertical_alignment="center"):
            late = f" {attention.overdue:,} more are already past the limit." if attention.overdue else ""
            if attention.deadline_coverage is not None and attention.deadline_coverage.partial:
                known = attention.deadline_coverage
                late += f" Status known for {known.known:,} of {known.total:,} requests; one with no status is never counted overdue."
            st.markdown(f":red[:material/timer:] **{format.count(attention.due_soon, 'open request')}** will be approved "
                        f"by the marketplace within a {clock.unit} unless someone answers.{late}", width="stretch")
            st.page_link("views/deadlines.py", label="Deadlines", icon=":material/arrow_forward:")
    if len(attention.recurring):
        pairs = "; ".join(f"{format.md(r.sku)} · {format.md(str(r.reason).lower())} ({r.status})"
                          for r in attention.recurring.head(3).itertuples())
        more = f" and {len(attention.recurring) - 3} more" if len(attention.recurring) > 3 else ""
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f":orange[:material/replay:] **{format.count(len(attention.recurring), 'SKU × reason pair')}** "
                        f"{'stands' if len(attention.recurring) == 1 else 'stand'} out beyond chance: {pairs}{more}.",
                        width="stretch")
            st.page_link("views/causes.py", label="Recurring causes", icon=":material/arrow_forward:")
    for n, spike in enumerate(attention.spikes):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f":orange[:material/bolt:] Spike this week: {format.md(spike.evidence)}", width="stretch")
            drill.button(f"Its {spike.count:,} cases", spike.cases_in(spec), key=f"overview_spike_{n}")
    if len(attention.behind):
        ends = "; ".join(f"{format.md(e.source)} ends {e.last:%-d %b %Y}" for e in attention.sources if e.behind)
        st.caption(f"{format.count(len(attention.behind), 'more pair')} stood out in data that ends earlier ({ends}): "
                   "not counted as urgent, listed with their dates on Recurring causes.")

plot.draw(charts.weekly_cases(weekly_counts(spec.apply(cases))), key="overview_weekly", drill=spec)
