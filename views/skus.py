"""SKUs: which products the returns concentrate on, by reason and in a Pareto of cases and refund value; every cell
and bar opens its cases."""

import streamlit as st

from analysis.skus import sku_pareto, sku_reason_counts
from ui import cached, charts, drill, filters, format, plot, state
from ui.i18n import _

TOP_HEATMAP, TOP_PARETO = 15, 15

cases = state.cases().frame
spec = filters.current()
selected = cached.selected(spec)
rule = state.currency(cases)

st.title(_("SKUs"))
st.caption(
    filters.heading(spec, cases)
    + " · "
    + _(
        "buyer requests that name a SKU; refunds in {currency} only (other currencies are never added). Click a cell or a bar for "
        "its cases."
    ).format(currency=rule.main or _("the main currency"))
)
filters.stop_if_empty(len(selected))

plot.draw(charts.sku_reason_heatmap(sku_reason_counts(selected, top=TOP_HEATMAP)), key="skus_heatmap", drill=spec)
plot.draw(charts.sku_pareto(sku_pareto(selected, "cases", top=TOP_PARETO)), key="skus_pareto_cases", drill=spec)
plot.draw(
    charts.sku_pareto(sku_pareto(selected, "refund", rule, top=TOP_PARETO), "refund", rule.main), key="skus_pareto_refund", drill=spec
)

ranked = sku_pareto(selected, "cases", top=500)
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
