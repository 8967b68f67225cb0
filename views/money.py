"""Money: where refunds go (reason, SKU, request type, week), what slowness and missing proof cost, and how often buyers send proof.

Every amount follows the shop's currency rule (`analysis.money`): cards and charts are in the main currency,
other currencies are listed beside and never added in. The rule is set in the "Currencies" form beside the title.
"""

import streamlit as st

from analysis.refund_breakdown import RefundRanking
from ui import cards, charts, columns, currency_settings, downloads, drill, figures, filters, format, plot, rows, state, tables
from ui.i18n import _

TOP_SKUS = 15
KEY_PART = {"reason": "reason", "request_type": "type", "sku": "sku"}  # of the charts' keys: money_type, money_proof_type

loaded = state.cases()
cases = loaded.frame
spec = filters.current()

with st.container(horizontal=True, vertical_alignment="center"):
    st.title(_("Money"))
    rule = currency_settings.editor(cases, is_demo=loaded.is_demo)
st.caption(filters.heading(spec) + " · " + _("refunds paid (rejected, cancelled and still open requests count 0), by week of request date"))
filters.stop_if_empty(rows.count(spec))

# Each part of the page is worked out as it is drawn, once per data version, view and currency rule (`ui.figures`)
found = figures.money_totals(spec, rule)
totals = found.totals
refunds = totals["refunds"]


def part(share: float | None) -> str | None:
    """A headline's part of the refunds of the sources that can say it (`refund_breakdown.part_of_refunds`)."""
    return None if share is None else _("{share} of refunds").format(share=format.whole_percent(share))


def titled(text: str) -> str:
    """A card's label with the main currency after it."""
    return _("{label} ({currency})").format(label=text, currency=rule.main) if rule.main else text


money = format.money_of(rule.main)
c1, c2, c3 = st.columns(3)
cards.card(
    c1,
    titled(_("Refunds")),
    refunds.main,
    refunds.coverage,
    money,
    delta=format.count(refunds.refunded, "refunded case"),
    lines=(format.other_currencies(refunds),),
    delta_color="off",
    delta_arrow="off",
    help=_("Refund amounts paid on the cases in view."),
)
lost = totals["auto_approved"]
cards.card(
    c2,
    titled(_("Lost to auto-approval")),
    lost.main,
    lost.coverage,
    money,
    delta=part(found.lost_part),
    lines=(format.other_currencies(lost),),
    delta_color="off",
    delta_arrow="off",
    help=_("Refunds the marketplace approved because nobody answered within {span}.").format(span=format.clock_span(state.clock())),
)
bare = totals["without_proof"]
cards.card(
    c3,
    titled(_("Refunded without proof")),
    bare.main,
    bare.coverage,
    money,
    delta=part(found.bare_part),
    lines=(format.other_currencies(bare),),
    delta_color="off",
    delta_arrow="off",
    help=_("Refunds paid on requests that came with no photo or video (unknown proof not counted)."),
)

fees = format.left_out(found.left_out, rule.main)
if fees:
    st.caption(fees)
if refunds.coverage.none:
    cards.blank_note(refunds.coverage)
else:
    if refunds.others or refunds.no_currency:
        shown = rule.main or (
            _("{source}, which names no currency").format(source=format.md(refunds.source)) if refunds.source else _("no named currency")
        )
        st.caption(
            _("Charts show amounts in {currency}; the other amounts are listed under the cards, never added in.").format(currency=shown)
        )
    weekly, lost_weekly = figures.money_weekly(spec, rule)
    plot.draw(charts.refunds_per_week(weekly, rule.main, lost=lost_weekly), key="money_week")

    def ranking(by: str) -> RefundRanking:
        return figures.money_ranking(spec, rule, by, top=TOP_SKUS)

    # A session opens on the first breakdown that ranks more than one value (a file with no reasons or types: its SKUs)
    drawn = next((by for by in filters.MONEY_BY if ranking(by).ranked > 1), None) or next(
        (by for by in filters.MONEY_BY if ranking(by).ranked), None
    )
    by = filters.segmented("money_by", _("Refund value by"), {by: columns.shown(by) for by in filters.MONEY_BY}, start=drawn)
    ranked = ranking(by)
    titles = {
        "reason": _("Refund value by reason"),
        "request_type": _("Refund value by request type"),
        "sku": _("Refund value by SKU, top {n}").format(n=len(ranked.table)),
    }
    plot.draw(charts.refunds_ranked(ranked.table, by, titles[by], rule.main, columns.shown(by)), key=f"money_{KEY_PART[by]}")
    if by == "sku" and ranked.ranked > TOP_SKUS:
        st.caption(
            _("The top {top} of {skus} SKUs hold {share} of refunds.").format(
                top=TOP_SKUS, skus=format.number(ranked.ranked), share=format.whole_percent(ranked.share)
            )
        )

st.subheader(_("Proof from the buyer"))
proof = found.proof
if proof.none:
    cards.blank_note(proof)
else:
    if proof.partial:
        st.caption(
            _("Proof is known for {known} of {total} requests; the rest are left out of the shares.").format(
                known=format.number(proof.known), total=format.number(proof.total)
            )
        )
    proof_by = filters.segmented("money_proof_by", _("Share with proof by"), {by: columns.shown(by) for by in filters.PROOF_BY})
    shares = figures.money_proof(spec, proof_by)
    plot.draw(charts.proof_shares(shares, proof_by, columns.shown(proof_by)), key=f"money_proof_{KEY_PART[proof_by]}")
    if found.no_proof:
        box = tables.folded(
            _("Show the {refunds} paid without proof, largest first").format(refunds=format.count(found.no_proof, "refund")),
            "money_no_proof_list",
        )
        if box is not None:
            no_proof = figures.money_no_proof(spec)
            with box:
                table, lazy = tables.shown(
                    ("money_no_proof", spec, rule),
                    len(no_proof),
                    lambda: format.blanks(columns.translated(drill.sku_links(no_proof, spec))),
                )
                st.dataframe(
                    table,
                    hide_index=True,
                    key="money_no_proof",
                    lazy=lazy,
                    column_config={
                        "refund_amount": st.column_config.NumberColumn(_("Refund"), format="localized"),
                        "currency": _("Currency"),
                        "case_id": _("Case"),
                        "sku": drill.sku_column(),
                        "request_type": _("Request type"),
                        "reason": _("Reason"),
                        "status": _("Status"),
                        "handled_by": _("Person in charge"),
                        "request_date": st.column_config.DatetimeColumn(_("Requested"), format=columns.when("D MMM YYYY")),
                    },
                )

st.subheader(_("Download"))
downloads.buttons(spec, rows.window(spec), key="money")
