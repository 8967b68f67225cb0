"""Money: where refunds go (reason, SKU, request type, week), what slowness and missing proof cost, and how often buyers send proof."""

import streamlit as st

from analysis.common import equals, sku_level
from analysis.kpis import main_currency
from analysis.money import money_summary, refunds_by
from analysis.proof import proof_share, refunds_without_proof
from ui import charts, downloads, filters, format, state

TOP_SKUS = 15

cases = state.cases().frame
spec = filters.current()
selected = spec.apply(cases)

st.title("Money")
st.caption(f"{filters.heading(spec, cases)} · refunds paid (rejected, cancelled and still open requests count 0), by week of request date")
filters.stop_if_empty(len(selected))

currency = main_currency(selected)
other = selected["currency"].notna() & (selected["currency"] != currency) if currency else None
if other is not None and other.any():
    st.caption(f"{format.count(int(other.sum()), 'case')} in other currencies left out: amounts are in {currency}.")
    selected = selected.loc[~other]
totals = money_summary(selected)
weekly = refunds_by(selected, "week")


def part(value: float) -> str | None:
    return f"{value / totals['refunds']:.0%} of refunds" if totals["refunds"] else None


unit = f" ({currency})" if currency else ""
c1, c2, c3 = st.columns(3)
c1.metric(f"Refunds{unit}", format.money(totals["refunds"]),
          format.count(int(weekly["refunded_cases"].sum()), "refunded case"), delta_color="off", delta_arrow="off", border=True,
          help="Refund amounts paid on the cases in view.")
c2.metric(f"Lost to auto-approval{unit}", format.money(totals["auto_approved"]), part(totals["auto_approved"]), delta_color="off",
          delta_arrow="off", border=True, help=f"Refunds the marketplace approved because nobody answered within {state.clock().span}.")
c3.metric(f"Refunded without proof{unit}", format.money(totals["without_proof"]), part(totals["without_proof"]), delta_color="off",
          delta_arrow="off", border=True, help="Refunds paid on requests that came with no photo or video (unknown proof not counted).")

auto = selected.loc[equals(selected["status"], "auto-approved")]
st.plotly_chart(charts.refunds_per_week(weekly, currency, lost=refunds_by(auto, "week")), key="money_week")
left, right = st.columns(2)
left.plotly_chart(charts.refunds_ranked(refunds_by(selected, "reason"), "reason", "Refund value by reason", currency, "Reason"),
                  key="money_reason")
right.plotly_chart(charts.refunds_ranked(refunds_by(selected, "request_type"), "request_type", "Refund value by request type",
                                         currency, "Request type"), key="money_type")
by_sku = refunds_by(sku_level(selected), "sku")  # cases with no SKU count in the totals, not in a SKU ranking
top = by_sku.head(TOP_SKUS)
st.plotly_chart(charts.refunds_ranked(top, "sku", f"Refund value by SKU, top {len(top)}", currency, "SKU"), key="money_sku")
if len(by_sku) > TOP_SKUS:
    st.caption(f"The top {TOP_SKUS} of {len(by_sku):,} SKUs hold {top['share'].sum():.0%} of refunds.")

st.subheader("Proof from the buyer")
left, right = st.columns(2)
left.plotly_chart(charts.proof_shares(proof_share(selected, "request_type"), "request_type", "Request type"), key="money_proof_type")
right.plotly_chart(charts.proof_shares(proof_share(selected, "reason"), "reason", "Reason"), key="money_proof_reason")
no_proof = refunds_without_proof(selected)
if len(no_proof):
    with st.expander(f"{format.count(len(no_proof), 'refund')} paid without proof, largest first", icon=":material/no_photography:"):
        st.dataframe(no_proof[["refund_amount", "case_id", "sku", "request_type", "reason", "status", "handled_by", "request_date"]],
                     hide_index=True, key="money_no_proof", column_config={
                         "refund_amount": st.column_config.NumberColumn("Refund", format="localized"), "case_id": "Case",
                         "sku": "SKU", "request_type": "Request type", "reason": "Reason", "status": "Status",
                         "handled_by": "Person in charge",
                         "request_date": st.column_config.DatetimeColumn("Requested", format="D MMM YYYY")})

st.subheader("Download")
downloads.buttons(selected, spec, spec.window(cases), key="money")
