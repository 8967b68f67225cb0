"""Deadlines: requests about to be approved by the marketplace because nobody answered, and how fast the team answers."""

import streamlit as st

from ui import cards, charts, columns, figures, filters, format, plot, response_clock, rows, state, tables
from ui.i18n import _

LABELS = {
    "case_id": _("Case"),
    "order_id": _("Order"),
    "sku": "SKU",
    "request_type": _("Request type"),
    "reason": _("Reason"),
    "handled_by": _("Person in charge"),
    "channel": _("Channel"),
    "request_date": st.column_config.DatetimeColumn(_("Requested"), format=columns.when("ddd D MMM, HH:mm")),
    "due": st.column_config.DatetimeColumn(_("Auto-approved at"), format=columns.when("ddd D MMM, HH:mm")),
    "response_date": st.column_config.DatetimeColumn(_("Approved"), format=columns.when("D MMM YYYY")),
    "days_waiting": st.column_config.TextColumn(_("Waiting"), help=_("Calendar days and hours since the return was approved")),
    "refund_amount": st.column_config.NumberColumn(_("Refund"), format="localized"),
}

loaded = state.cases()
cases = loaded.frame
clock = state.clock()  # the marketplace's rule, saved in the store (the form beside the title changes it)
labels = LABELS | {
    "time_left": st.column_config.TextColumn(
        _("Time left"),
        help=_("In {units} and hours of the response clock; overdue: past the deadline").format(
            units=format.clock_unit(clock, plural=True)
        ),
    )
}


def prepared(table):
    """A table as the page shows it: spans in days and hours (never a decimal day), blanks as "—"."""
    spans = {c: format.durations(table[c]) for c in ("time_left", "days_waiting") if c in table.columns}
    return format.blanks(columns.translated(table.assign(**spans)))


def shown(name: str, table, **kwargs):
    """`prepared(table)` as Arrow and whether to load it lazily, kept per view and settings (`ui.tables.shown`)."""
    return tables.shown((name, spec, clock, rule), len(table), lambda: prepared(table), **kwargs)


spec = filters.current()
# The clock reads the latest moment anywhere in the data (all of it, whatever the filters), as on the Overview.
as_of = rows.latest_moment()

with st.container(horizontal=True, vertical_alignment="center"):
    st.title(_("Deadlines"))
    response_clock.editor(clock, is_demo=loaded.is_demo)
st.caption(
    filters.heading(spec)
    + " · "
    + _(
        "clock read at {moment}, the latest moment in the data · the marketplace approves a request left {span} without an "
        "answer ({counts})"
    ).format(moment=format.moment(as_of), span=format.clock_span(clock), counts=format.clock_counts(clock))
)
filters.stop_if_empty(rows.count(spec))

rule = state.currency(cases)
found = figures.deadlines(spec, clock, rule)  # once per data version, view, clock and currency rule
waiting, urgent, overdue = found.waiting, found.urgent, found.overdue
lost = found.lost
status = found.status  # only a status that words waiting can say a case is still open past its deadline
answering = found.answering  # only a status or a first-response date can say a case is still waiting
currency = lost.currency

c1, c2, c3, c4 = st.columns(4)  # cards of one height, though only the last has a second line
unit = format.clock_unit(clock)
cards.card(
    c1,
    _("Due in 1 {unit}").format(unit=unit),
    len(urgent),
    answering,
    height="stretch",
    help=_("Open requests the marketplace will approve within one {unit} unless someone answers.").format(unit=unit),
)
cards.card(
    c2,
    _("Open, not yet answered"),
    len(waiting),
    answering,
    height="stretch",
    help=_(
        "Requests the team has not answered yet: status requested and no first response, or no status and no response "
        "but still within the clock."
    ),
)
cards.card(
    c3,
    _("Overdue, still open"),
    overdue,
    status,
    height="stretch",
    help=_(
        "Open by their status for more than {span}: the marketplace approves these, if it has not already. "
        "A case with no status is never counted here."
    ).format(span=format.clock_span(clock)),
)
cards.card(
    c4,
    _("Auto-approved ({currency})").format(currency=currency) if currency else _("Auto-approved"),
    lost.main,
    lost.coverage,
    format.money_of(currency, narrow=True),
    delta=format.count(lost.cases, "case"),
    lines=(format.other_currencies(lost),),
    delta_color="off",
    delta_arrow="off",
    height="stretch",
    help=_("Cases in this period the marketplace approved because nobody answered in time, and their refund value."),
)

st.subheader(_("About to cost money: due within a {unit}").format(unit=unit))
if urgent.empty:
    st.success(_("No open request reaches its deadline within the next {unit}.").format(unit=unit), icon=":material/check_circle:")
else:
    table, lazy = shown("deadlines_urgent", urgent.head(tables.LISTED), lazy_over=None)
    st.dataframe(table, hide_index=True, column_config=labels, key="deadlines_urgent", lazy=lazy)
    if len(urgent) > tables.LISTED:
        st.caption(
            _("The {n} most urgent of {total} are listed; every open request is in the list below.").format(
                n=format.number(tables.LISTED), total=format.number(len(urgent))
            )
        )
if len(waiting):
    box = tables.folded(
        _("Show all {requests}, most urgent first").format(requests=format.count(len(waiting), "open request")),
        "deadlines_list",
    )
    if box is not None:
        with box:
            if overdue:
                st.caption(
                    _(
                        "{requests} past the deadline (time left reads overdue): the marketplace approves these, if it has not "
                        "already. Answer them now and check the outcome in the seller center."
                    ).format(requests=format.count(overdue, "request"))
                )
            table, lazy = shown("deadlines_open", waiting)
            st.dataframe(table, hide_index=True, column_config=labels, key="deadlines_open", lazy=lazy)

st.subheader(_("How fast the team answers"))
answered = found.answered
if answered.none:
    cards.blank_note(answered)
else:
    # A session opens on the people in charge, or on the weeks when the files name nobody
    start = "week" if figures.on_time(spec, clock, "handled_by").empty else "handled_by"
    labels = dict(zip(filters.ON_TIME_BY, (_("Person in charge"), _("Week")), strict=True))
    by = filters.segmented("deadlines_on_time_by", _("On time by"), labels, start)
    if by == "week":
        plot.draw(charts.on_time_per_week(figures.on_time(spec, clock, by), clock), key="deadlines_on_time_week")
    else:
        plot.draw(charts.on_time_per_person(figures.on_time(spec, clock, by), clock), key="deadlines_on_time_person")
    st.caption(
        _(
            "A case counts once answered or once its deadline has passed; auto-approved cases and requests left open past "
            "their deadline count as late; finished cases with no first-response date are left out"
        )
        + (f" ({format.coverage_note(answered)})." if answered.partial else ".")
    )

st.subheader(_("Returned items not yet confirmed received"))
receipt, earlier, ends = found.receipt, found.earlier, found.ends
if earlier:
    sentence = (
        _("{returns} in data that ends earlier ({ends}) is not listed: what happened to it since is not in your files.")
        if earlier == 1
        else _("{returns} in data that ends earlier ({ends}) are not listed: what happened to them since is not in your files.")
    )
    st.caption(
        sentence.format(
            returns=format.count(earlier, "approved return"),
            ends="; ".join(_("{source} ends {day}").format(source=e.source, day=format.day(e.last)) for e in ends),
        )
    )
if receipt.empty and not earlier:
    st.success(_("Every approved return has been confirmed as received."), icon=":material/check_circle:")
elif len(receipt):
    st.caption(
        _(
            "{cases} approved and still waiting for the item, oldest first. Marketplaces confirm receipt by themselves "
            "after a few working days: check the parcel before they do."
        ).format(cases=format.count(len(receipt), "Return + Refund case"))
    )
    table, lazy = shown("deadlines_receipt", receipt.head(tables.LISTED))
    st.dataframe(table, hide_index=True, column_config=LABELS, key="deadlines_receipt", lazy=lazy)
    if len(receipt) > tables.LISTED:
        box = tables.folded(
            _("Show the other {returns}").format(returns=format.count(len(receipt) - tables.LISTED, "Return + Refund case")),
            "deadlines_receipt_list",
        )
        if box is not None:
            with box:
                table, lazy = shown("deadlines_receipt_rest", receipt.iloc[tables.LISTED :])
                st.dataframe(table, hide_index=True, column_config=LABELS, key="deadlines_receipt_rest", lazy=lazy)
