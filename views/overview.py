"""Overview: the headline figures of the filtered period against the period before, and cases per week."""

import streamlit as st

from analysis.sources import left_out_words
from ui import cached, cards, drill, filters, format, headline, plot, state
from ui.figures import fee_lines
from ui.i18n import _, label, n_

clock = state.clock()
spec = filters.current()
figures = headline.figures(spec, clock)

st.title(_("Overview"))
compared = ""
if figures.previous_window:
    compared = " · " + _("compared with {days}").format(days=format.days(*figures.previous_window))
    if figures.left_out:
        compared += " · " + _("the changes leave out data that does not cover both periods: {sources}").format(
            sources=left_out_words(list(figures.left_out))
        )
elif figures.left_out:
    compared = " · " + _("nothing to compare with: no data covers both this period and the one before ({sources})").format(
        sources=left_out_words(list(figures.left_out))
    )
elif figures.window:
    compared = " · " + _("no earlier data to compare with")
st.caption(filters.heading(spec) + compared)

filters.stop_if_empty(figures.cases.now)

c1, c2, c3 = st.columns(3)
case_change = format.count_change(figures.cases.compared, figures.cases.before)
c1.metric(
    _("Cases"),
    format.number(figures.cases.now),
    case_change,
    **({"delta_color": "inverse"} | cards.steady(case_change)),
    border=True,
    help=_("After-sales requests from buyers, by request date."),
)
drill.button(_("See the cases"), spec, key="overview_cases", where=c1)
refund = figures.refund_total
currency = figures.refunds.currency
cards.card(
    c2,
    _("Refund total ({currency})").format(currency=currency) if currency else _("Refund total"),
    refund.now,
    figures.refunds.coverage,
    format.money_of(currency),
    delta=format.count_change(refund.compared, refund.before, fmt=format.money),
    lines=(format.other_currencies(figures.refunds),),
    delta_color="inverse",
    help=_(
        "Refunds paid on the cases in this period (rejected, cancelled and open requests count 0); "
        "the main currency is set on the Money page."
    ),
)
sla = figures.answered_in_time
cards.card(
    c3,
    _("Answered within {span}").format(span=format.clock_span(clock)),
    sla.now,
    figures.answered_coverage,
    format.percent,
    delta=format.point_change(sla.compared, sla.before),
    delta_color="normal",
    help=_("The marketplace approves a request left {span} without an answer ({counts}); the clock is set on the Deadlines page.").format(
        span=format.clock_span(clock), counts=format.clock_counts(clock)
    ),
)
if figures.courier_returns:
    st.caption(
        _(
            "{n} courier returns (parcels that never reached the buyer) are not counted as cases; their refunds are in the refund total."
        ).format(n=format.number(figures.courier_returns))
    )
fees = format.left_out(fee_lines(spec, state.currency(state.cases().frame)), currency)
if fees:
    st.caption(fees)

attention = cached.attention(spec, clock)
with st.container(border=True):
    st.markdown("**" + _("Needs attention") + "**")
    if attention.calm:
        st.markdown(
            ":material/check_circle: "
            + _(
                "Nothing urgent: no request is due within a {unit}, no SKU × reason pair "
                "stands out beyond chance and no reason spiked this week."
            ).format(unit=format.clock_unit(clock))
        )
    if attention.due_soon or attention.overdue:
        with st.container(horizontal=True, vertical_alignment="center"):
            late = (
                " "
                + n_("{n} more is already past the limit.", "{n} more are already past the limit.", attention.overdue).format(
                    n=format.number(attention.overdue)
                )
                if attention.overdue
                else ""
            )
            if attention.deadline_coverage is not None and attention.deadline_coverage.partial:
                known = attention.deadline_coverage
                if known.by_source and known.sources is not None:
                    late += " " + _("Counted {note}: a file that cannot say a request is still waiting is left out.").format(
                        note=format.coverage_note(known)
                    )
                else:
                    late += " " + _("Status known for {known} of {total} requests; one with no status is never counted overdue.").format(
                        known=format.number(known.known), total=format.number(known.total)
                    )
            st.markdown(
                ":red[:material/timer:] "
                + _("**{requests}** will be approved by the marketplace within a {unit} unless someone answers.").format(
                    requests=format.count(attention.due_soon, "open request"), unit=format.clock_unit(clock)
                )
                + late,
                width="stretch",
            )
            st.page_link("views/deadlines.py", label=_("Deadlines"), icon=":material/arrow_forward:")
    if len(attention.recurring):
        pairs = "; ".join(
            f"{format.md(r.sku)} · {format.md(label(r.reason).lower())} ({_(r.status)})" for r in attention.recurring.head(3).itertuples()
        )
        more = " " + _("and {n} more").format(n=len(attention.recurring) - 3) if len(attention.recurring) > 3 else ""
        with st.container(horizontal=True, vertical_alignment="center"):
            standing = (
                _("**{pairs}** stands out beyond chance: {which}")
                if len(attention.recurring) == 1
                else _("**{pairs}** stand out beyond chance: {which}")
            )
            st.markdown(
                ":orange[:material/replay:] "
                + standing.format(pairs=format.count(len(attention.recurring), "SKU × reason pair"), which=pairs + more)
                + ".",
                width="stretch",
            )
            st.page_link("views/causes.py", label=_("Recurring causes"), icon=":material/arrow_forward:")
    for n, spike in enumerate(attention.spikes):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(
                ":orange[:material/bolt:] " + _("Spike this week: {sentence}").format(sentence=format.md(spike.evidence)), width="stretch"
            )
            drill.button(_("Its {cases}").format(cases=format.count(spike.count, "case")), spike.cases_in(spec), key=f"overview_spike_{n}")
    if len(attention.behind):
        ends = "; ".join(
            _("{source} ends {day}").format(source=format.md(e.source), day=format.day(e.last)) for e in attention.sources if e.behind
        )
        st.caption(
            _(
                "{pairs} stood out in data that ends earlier ({ends}): not counted as urgent, listed with their dates on Recurring causes."
            ).format(pairs=format.count(len(attention.behind), "more pair"), ends=ends)
        )

plot.draw(headline.weekly_chart(spec), key="overview_weekly", drill=spec)
