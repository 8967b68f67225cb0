"""SKUs: which products the returns concentrate on, by reason and in a Pareto of cases and refund value; every cell
and bar opens its cases."""

import streamlit as st

from ui import cached, charts, drill, figures, filters, format, plot, state
from ui.i18n import _

TOP = 15  # SKUs in the heatmap and in each Pareto chart
LISTED = 500  # SKUs in the table

cases = state.cases().frame
spec = filters.current()
selected = cached.selected(spec)
rule = state.currency(cases)

st.title(_("SKUs"))
st.caption(
    filters.heading(spec)
    + " · "
    + _(
        "buyer requests that name a SKU; refunds in {currency} only (other currencies are never added). Click a cell or a bar for "
        "its cases."
    ).format(currency=rule.main or _("the main currency"))
)
filters.stop_if_empty(len(selected))

found = figures.skus(spec, rule, top=TOP, listed=LISTED)  # once per data version, view and currency rule
plot.draw(charts.sku_reason_heatmap(found.by_reason), key="skus_heatmap", drill=spec)
plot.draw(charts.sku_pareto(found.by_cases), key="skus_pareto_cases", drill=spec)
plot.draw(charts.sku_pareto(found.by_refund, "refund", rule.main), key="skus_pareto_refund", drill=spec)

ranked = found.ranked
if len(ranked):
    with st.expander(_("The {n} SKUs with most cases").format(n=format.number(len(ranked))), icon=":material/list:"):
        st.dataframe(
            drill.sku_links(ranked, spec),
            hide_index=True,
            key="skus_table",
            column_config={
                "sku": drill.sku_column(),
                "value": st.column_config.NumberColumn(_("Cases"), format="%d"),
                "share": st.column_config.NumberColumn(_("Share of cases"), format="percent"),
                "cumulative": st.column_config.NumberColumn(_("Running share"), format="percent"),
            },
        )
