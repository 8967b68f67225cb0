"""Money: where refunds go (reason, SKU, request type, week), what slowness and missing proof cost, and how often buyers send proof.

Every amount follows the shop's currency rule (`analysis.money`): cards and charts are in the main currency,
other currencies are listed beside and never added in. The rule is set in the "Currencies" form beside the title.
"""

import streamlit as st

from analysis.common import buyer_requests
from analysis.coverage import coverage
from analysis.money import money_summary
from analysis.proof import proof_share, refunds_without_proof
from analysis.refund_breakdown import refund_breakdown, share_of_refunds
from ui import cards, charts, currency_settings, downloads, drill, filters, format, plot, state

TOP_SKUS = 15

loaded = state.cases()
cases = loaded.frame
spec = filters.current()
selected = spec.apply(cases)

with st.container(horizontal=True, vertical_alignment="center"):
    st.title("Money")
    rule = currency_settings.editor(cases, is_demo=loaded.is_demo)
st.caption(f"{filters.heading(spec, cases)} · refunds paid (rejected, cancelled and still open requests count 0), by week of request date")
filters.stop_if_empty(len(selected))

totals = money_summary(selected, rule)
refunds = totals["refunds"]
charts_in_main = refund_breakdown(selected, rule, top=TOP_SKUS)


def part(value: float | None) -> str | None:
    share = share_of_refunds(value, refunds.main)
    return None if share is None else f"{share:.0%} of refunds"


unit = f" ({rule.main})" if rule.main else ""
c1, c2, c3 = st.columns(3)
cards.card(c1, f"Refunds{unit}", refunds.main, refunds.coverage, format.money, delta=format.count(refunds.refunded, "refunded case"),
           lines=(format.other_currencies(refunds),), delta_color="off", delta_arrow="off",
           help="Refund amounts paid on the cases in view.")
lost = totals["auto_approved"]
cards.card(c2, f"Lost to auto-approval{unit}", lost.main, lost.coverage, format.money, delta=part(lost.main),
           lines=(format.other_currencies(lost),), delta_color="off", delta_arrow="off",
           help=f"Refunds the marketplace approved because nobody answered within {state.clock().span}.")
bare = totals["without_proof"]
cards.card(c3, f"Refunded without proof{unit}", bare.main, bare.coverage, format.money, delta=part(bare.main),
           lines=(format.other_currencies(bare),), delta_color="off", delta_arrow="off",
           help="Refunds paid on requests that came with no photo or video (unknown proof not counted).")

if refunds.coverage.none:
    cards.blank_note(refunds.coverage)
else:
    if refunds.others or refunds.no_currency:
        st.caption(f"Charts show amounts in {rule.main or 'no named currency'}; the other amounts are listed under the cards, "
                   "never added in.")
    plot.draw(charts.refunds_per_week(charts_in_main.weekly, rule.main, lost=charts_in_main.lost_weekly), key="money_week")
    left, right = st.columns(2)
    plot.draw(charts.refunds_ranked(charts_in_main.by_reason, "reason", "Refund value by reason", rule.main, "Reason"),
              key="money_reason", where=left)
    plot.draw(charts.refunds_ranked(charts_in_main.by_type, "request_type", "Refund value by request type",
                                    rule.main, "Request type"), key="money_type", where=right)
    top = charts_in_main.top_skus
    plot.draw(charts.refunds_ranked(top, "sku", f"Refund value by SKU, top {len(top)}", rule.main, "SKU"), key="money_sku")
    if charts_in_main.skus > TOP_SKUS:
        st.caption(f"The top {TOP_SKUS} of {charts_in_main.skus:,} SKUs hold {charts_in_main.top_share:.0%} of refunds.")

st.subheader("Proof from the buyer")
proof = coverage(buyer_requests(selected), "proof")
if proof.none:
    cards.blank_note(proof)
else:
    if proof.partial:
        st.caption(f"Proof is known for {proof.known:,} of {proof.total:,} requests; the rest are left out of the shares.")
    left, right = st.columns(2)
    plot.draw(charts.proof_shares(proof_share(selected, "request_type"), "request_type", "Request type"), key="money_proof_type",
              where=left)
    plot.draw(charts.proof_shares(proof_share(selected, "reason"), "reason", "Reason"), key="money_proof_reason", where=right)
    no_proof = refunds_without_proof(selected)
    if len(no_proof):
        with st.expander(f"{format.count(len(no_proof), 'refund')} paid without proof, largest first", icon=":material/no_photography:"):
            st.dataframe(format.blanks(drill.sku_links(no_proof[["refund_amount", "currency", "case_id", "sku", "request_type",
                                                                 "reason", "status", "handled_by", "request_date"]], spec)),
                         hide_index=True, key="money_no_proof", column_config={
                             "refund_amount": st.column_config.NumberColumn("Refund", format="localized"), "currency": "Currency",
                             "case_id": "Case", "sku": drill.sku_column(), "request_type": "Request type", "reason": "Reason",
                             "status": "Status",
                             "handled_by": "Person in charge",
                             "request_date": st.column_config.DatetimeColumn("Requested", format="D MMM YYYY")})

st.subheader("Download")
downloads.buttons(selected, spec, spec.window(cases), key="money")
