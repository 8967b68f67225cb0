"""Return rate: returns per 100 units sold per SKU and per week, with 95% intervals, once an orders sheet is in.

Without one there is no rate: the page shows returned units as counts and offers the uploader.
"""

import streamlit as st

from analysis.rate_figures import (
    THIN_WEEK,
    per_hundred,
    ranked,
    rate_inputs,
    returned_counts,
    sku_weeks,
    thin_weeks,
    unsold,
    weekly_choices,
)
from analysis.return_rate import return_rates
from ui import cached, drill, filters, format, orders, plot, rates, rows, state
from ui.figures import fee_lines
from ui.i18n import _, label

MIN_SOLD = filters.MIN_SOLD  # fewer units sold give intervals too wide to rank
TOP = 20

loaded = state.cases()
cases = loaded.frame
spec = filters.current()

st.title(_("Return rate"))
orders.announce("orders_upload")
stored = None if loaded.is_demo else orders.stored()
has_orders = stored is not None
view = rate_inputs(cached.selected(spec), stored, rows.window(spec), spec.sku)
selected, sold, left_out = view.returns, view.sold, view.left_out
what = _("returns of {reasons}").format(reasons=", ".join(label(r) for r in spec.reason)) if spec.reason else _("returns")
st.caption(
    filters.heading(spec)
    + " · "
    + _("returned units (buyer requests, courier returns apart) by request date")
    + (
        "; " + _("units sold by order date in the same days. With a reason filter only {what} count.").format(what=what)
        if sold is not None
        else ""
    )
)
rule = state.currency(cases)
fees = format.left_out(fee_lines(spec, rule), rule.main)  # fee, postage and adjustment lines: no returns, no units sold
if fees:
    st.caption(fees)
if left_out:
    st.caption(
        ":material/date_range: "
        + (
            _("The orders stored cover {first} – {last}: {requests} on other days is left out of the rates.")
            if left_out == 1
            else _("The orders stored cover {first} – {last}: {requests} on other days are left out of the rates.")
        ).format(first=format.day(view.first), last=format.day(view.last), requests=format.count(left_out, "request"))
    )

if sold is None or sold.empty:
    counts = returned_counts(selected)
    if loaded.is_demo:
        st.info(
            _(
                "**Rates need an orders sheet.** This is the demo shop: it has returns but no sales, so below are counts of "
                "returned units, not rates. Import your own returns sheet on the Upload page, then add your orders sheet here."
            ),
            icon=":material/science:",
        )
        orders.uploader("orders_upload", disabled=True)
    else:
        st.info(
            "**"
            + _("Add an orders sheet to see rates.")
            + "** "
            + (_("The orders stored do not cover this period or these SKUs.") + " " if has_orders else "")
            + _("Without units sold, a SKU that sells a lot looks worse than it is: below are counts of returned units, not rates."),
            icon=":material/add_chart:",
        )
        orders.uploader("orders_upload")
        orders.history("orders_upload")
    st.subheader(_("Returned units per SKU (counts)"))
    plot.draw(
        rates.counts(
            counts.head(TOP),
            _("Most returned units, top {top} of {n} SKUs").format(top=min(TOP, len(counts)), n=format.number(len(counts))),
        ),
        key="rate_counts_chart",
    )
    with st.expander(_("All {n} SKUs").format(n=format.number(len(counts)))):
        st.dataframe(
            drill.sku_links(counts[["sku", "returned"]], spec),
            hide_index=True,
            key="rate_counts",
            column_config={
                "sku": drill.sku_column(),
                "returned": st.column_config.NumberColumn(_("Returned units (count, not a rate)"), format="%d"),
            },
        )
    st.stop()

table = return_rates(selected, sold)
shop = per_hundred(return_rates(selected, sold, by=None))
total = shop.iloc[0] if len(shop) else None
c1, c2, c3 = st.columns(3)
c1.metric(
    _("Returns per 100 units sold"),
    format.MISSING if total is None else format.decimal(total["per100"]),
    None if total is None else _("95% interval") + f" {format.decimal(total['low100'])}–{format.decimal(total['high100'])}",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help=_("Returned units per 100 units sold, shop-wide, in this period and view."),
)
c2.metric(
    _("Units sold"),
    format.number(sold["units"].sum()),
    border=True,
    help=_("Units on the orders sheet, by order date, in the days of this period that the sheet covers."),
)
c3.metric(
    _("Returned units"),
    format.number(shop["returned"].sum()),
    border=True,
    help=_("Units in buyers' return and refund requests, by request date (courier returns apart)."),
)

min_sold = st.number_input(
    _("Rank SKUs with at least this many units sold"),
    min_value=1,
    value=MIN_SOLD,
    step=10,
    key="rate_min_sold",
    bind="query-params",
    width=360,
    help=_("A SKU that sold a handful has a rate too uncertain to rank."),
)
ranking = ranked(table, min_sold)
no_sales = unsold(table)
if ranking.empty:
    st.info(
        _("No SKU sold {n} units in this period: lower the minimum.").format(n=format.number(min_sold)), icon=":material/filter_alt_off:"
    )
else:
    plot.draw(
        rates.ranked(
            ranking.head(TOP),
            _("Return rate by SKU, highest {top} of {n}").format(top=min(TOP, len(ranking)), n=format.number(len(ranking))),
        ),
        key="rate_ranked",
    )
    st.caption(
        _(
            "The bar is the range the SKU's true rate lies in, 95 times in 100: a SKU whose bar lies right of another's "
            "returns more per unit sold beyond chance. Only SKUs with returns or sales in this view are listed."
        )
    )
    with st.expander(_("All {n} SKUs with at least {min} units sold").format(n=format.number(len(ranking)), min=format.number(min_sold))):
        st.dataframe(
            drill.sku_links(ranking[["sku", "per100", "low100", "high100", "returned", "sold"]], spec),
            hide_index=True,
            key="rate_table",
            column_config={
                "sku": drill.sku_column(),
                "per100": st.column_config.NumberColumn(_("Returns per 100 units sold"), format="%.1f"),
                "low100": st.column_config.NumberColumn(_("At least (95% sure)"), format="%.1f"),
                "high100": st.column_config.NumberColumn(_("At most (95% sure)"), format="%.1f"),
                "returned": st.column_config.NumberColumn(_("Returned units"), format="%d"),
                "sold": st.column_config.NumberColumn(_("Units sold"), format="%d"),
            },
        )
if len(no_sales):
    st.caption(
        _(
            "{skus} with {units} returned units sold nothing in the orders sheet for these days: check that both sheets write "
            "the SKU the same way."
        ).format(skus=format.count(len(no_sales), "SKU"), units=format.number(no_sales["returned"].sum()))
    )

st.subheader(_("Per week"))
choices = weekly_choices(ranking, table)
if choices:
    sku = st.selectbox("SKU", choices, key="rate_sku", bind="query-params")
    week = sku_weeks(selected, sold, sku)
    plot.draw(rates.weekly(week, _("{sku}: returns per 100 units sold, by week").format(sku=sku)), key="rate_weekly")
    thin = thin_weeks(week)
    if thin:
        st.caption(
            _("Weeks with fewer than {n} units sold have wide intervals ({weeks} here).").format(
                n=THIN_WEEK, weeks=format.count(thin, "week")
            )
        )
else:
    st.info(_("No SKU sold anything in this view."), icon=":material/filter_alt_off:")

with st.expander(_("Orders sheets: add, update or undo"), icon=":material/upload_file:"):
    st.caption(
        _(
            "A newer export of the same orders replaces them (matched by order id); a newer sales report replaces the "
            "days it covers. The same file twice changes nothing."
        )
    )
    orders.uploader("orders_upload")
    orders.history("orders_upload")
