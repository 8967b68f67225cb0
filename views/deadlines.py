"""Deadlines: requests about to be approved by the marketplace because nobody answered, and how fast the team answers."""

import streamlit as st

from analysis.common import buyer_requests
from analysis.coverage import coverage
from analysis.money import lost_to_auto_approval
from analysis.sla import (
    awaiting_receipt,
    due_within,
    latest_moment,
    on_time_by,
    open_cases,
    past_deadline,
    receipt_in_earlier_data,
    response_coverage,
)
from ui import cards, charts, filters, format, plot, response_clock, state

CASE_COLUMNS = ["case_id", "order_id", "sku", "request_type", "reason", "handled_by", "channel", "request_date"]
LABELS = {
    "case_id": "Case", "order_id": "Order", "sku": "SKU", "request_type": "Request type", "reason": "Reason",
    "handled_by": "Person in charge", "channel": "Channel",
    "request_date": st.column_config.DatetimeColumn("Requested", format="ddd D MMM, HH:mm"),
    "due": st.column_config.DatetimeColumn("Auto-approved at", format="ddd D MMM, HH:mm"),
    "response_date": st.column_config.DatetimeColumn("Approved", format="D MMM YYYY"),
    "days_waiting": st.column_config.TextColumn("Waiting", help="Calendar days and hours since the return was approved"),
    "refund_amount": st.column_config.NumberColumn("Refund", format="localized"),
}

loaded = state.cases()
cases = loaded.frame
clock = state.clock()  # the marketplace's rule, saved in the store (the form beside the title changes it)
labels = LABELS | {"time_left": st.column_config.TextColumn(
    "Time left", help=f"In {clock.unit}s and hours of the response clock; overdue: past the deadline")}


def shown(table):
    """A table as the page shows it: spans in days and hours (never a decimal day), blanks as "—"."""
    spans = {c: table[c].map(format.duration) for c in ("time_left", "days_waiting") if c in table.columns}
    return format.blanks(table.assign(**spans))

spec = filters.current()
selected = spec.apply(cases)
# The clock reads the latest moment anywhere in the data (all of it, whatever the filters), as on the Overview.
as_of = latest_moment(cases)

with st.container(horizontal=True, vertical_alignment="center"):
    st.title("Deadlines")
    response_clock.editor(clock, is_demo=loaded.is_demo)
st.caption(f"{filters.heading(spec, cases)} · clock read at {as_of:%a %-d %b %Y, %H:%M}, the latest moment in the data · "
           f"the marketplace approves a request left {clock.span} without an answer ({clock.what_counts})")
filters.stop_if_empty(len(selected))

waiting = open_cases(selected, clock=clock, as_of=as_of)
urgent = due_within(selected, 1.0, clock=clock, as_of=as_of)
overdue = past_deadline(waiting)
lost = lost_to_auto_approval(selected, state.currency(cases))
status = coverage(buyer_requests(selected), "status")  # only a status can say a case is still open past its deadline
currency = lost.currency

c1, c2, c3, c4 = st.columns(4)  # cards of one height, though only the last has a second line
c1.metric(f"Due within a {clock.unit}", format.number(len(urgent)), border=True, height="stretch",
          help=f"Open requests the marketplace will approve within one {clock.unit} unless someone answers.")
c2.metric("Open, not yet answered", format.number(len(waiting)), border=True, height="stretch",
          help="Requests the team has not answered yet: status requested and no first response, or no status and no response "
               "but still within the clock.")
cards.card(c3, "Past the deadline, still open", len(overdue), status, height="stretch",
           help=f"Open by their status for more than {clock.span}: the marketplace approves these, if it has not already. "
                "A case with no status is never counted here.")
cards.card(c4, f"Auto-approved ({currency})" if currency else "Auto-approved", lost.main, lost.coverage, format.money,
           delta=format.count(lost.cases, "case"), lines=(format.other_currencies(lost),), delta_color="off", delta_arrow="off",
           height="stretch",
           help="Cases in this period the marketplace approved because nobody answered in time, and their refund value.")

st.subheader(f"About to cost money: due within a {clock.unit}")
if urgent.empty:
    st.success(f"No open request reaches its deadline within the next {clock.unit}.", icon=":material/check_circle:")
else:
    st.dataframe(shown(urgent[["time_left", "due", *CASE_COLUMNS]]), hide_index=True, column_config=labels, key="deadlines_urgent")
if len(waiting):
    with st.expander(f"All {format.count(len(waiting), 'open request')}, most urgent first", icon=":material/pending_actions:"):
        if len(overdue):
            st.caption(f"{format.count(len(overdue), 'request')} past the deadline (time left reads overdue): the marketplace "
                       "approves these, if it has not already. Answer them now and check the outcome in the seller center.")
        st.dataframe(shown(waiting[["time_left", "due", *CASE_COLUMNS]]), hide_index=True, column_config=labels, key="deadlines_open")

st.subheader("How fast the team answers")
answered = response_coverage(selected, clock=clock, as_of=as_of)
if answered.none:
    cards.blank_note(answered)
else:
    left, right = st.columns(2)
    plot.draw(charts.on_time_per_week(on_time_by(selected, "week", clock=clock, as_of=as_of), clock), key="deadlines_on_time_week",
              where=left)
    plot.draw(charts.on_time_per_person(on_time_by(selected, "handled_by", clock=clock, as_of=as_of), clock),
              key="deadlines_on_time_person", where=right)
    st.caption("A case counts once answered or once its deadline has passed; auto-approved cases and requests left open past "
               "their deadline count as late; finished cases with no first-response date are left out"
               + (f" ({format.coverage_note(answered)})." if answered.partial else "."))

st.subheader("Returned items not yet confirmed received")
receipt = awaiting_receipt(selected, as_of=as_of)
earlier, ends = receipt_in_earlier_data(selected)
if earlier:
    them = "it" if earlier == 1 else "them"
    st.caption(f"{format.count(earlier, 'approved return')} in data that ends earlier "
               f"({'; '.join(f'{e.source} ends {e.last:%-d %b %Y}' for e in ends)}) {'is' if earlier == 1 else 'are'} "
               f"not listed: what happened to {them} since is not in your files.")
if receipt.empty and not earlier:
    st.success("Every approved return has been confirmed as received.", icon=":material/check_circle:")
elif len(receipt):
    st.caption(f"{format.count(len(receipt), 'Return + Refund case')} approved and still waiting for the item, oldest first. "
               "Marketplaces confirm receipt by themselves after a few working days: check the parcel before they do.")
    st.dataframe(shown(receipt[["days_waiting", "response_date", *CASE_COLUMNS, "refund_amount"]]), hide_index=True,
                 column_config=LABELS, key="deadlines_receipt")
