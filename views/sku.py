"""One SKU: its weekly cases, its reasons against the shop's, its return rate where orders are known, its buyers' words,
its fix notes and whether it stood out as a recurring cause. The SKU comes from the URL (`?sku=...`)."""

import pandas as pd
import streamlit as st

from analysis.attention import RECURRING_BY
from analysis.common import buyer_requests
from analysis.filters import pick_rows
from analysis.fix_notes import noted_fixes
from analysis.fixes import evaluate_fix
from analysis.rate_figures import orders_in_view, per_hundred
from analysis.return_rate import return_rates
from analysis.skus import product_name, reason_mix, rows_of_sku
from analysis.weekly import weekly_counts
from data.errors import StoreError
from data.schema import NO_SKU
from ui import cached, charts, drill, filters, format, orders, plot, rows, state
from ui.comments import words_buyers_use
from ui.i18n import _, label

loaded = state.cases()
cases = loaded.frame
spec = filters.current()

if len(spec.sku) != 1 or spec.sku[0] == NO_SKU:
    st.title("SKU")
    st.info(
        _("Pick one SKU in the sidebar (or click a SKU in any table) to see its page. Cases without a SKU have no page."),
        icon=":material/inventory_2:",
    )
    st.stop()
sku = spec.sku[0]
shop_spec = spec.narrowed(sku=())
selected = spec.apply(cases)

st.title(f"SKU {sku}")
name = product_name(selected)
st.caption(" · ".join([*([name] if name else []), filters.heading(spec)]))
filters.stop_if_empty(len(selected))
drill.button(_("See its {cases}").format(cases=format.count(len(buyer_requests(selected)), "case")), spec, key="sku_cases")

plot.draw(
    charts.weekly_cases(
        weekly_counts(selected),
        title=_("Cases of {sku} per week").format(sku=sku),
        month_title=_("Cases of {sku} per month").format(sku=sku),
    ),
    key="sku_weekly",
    drill=spec,
)
plot.draw(charts.reason_mix(reason_mix(selected, shop_spec.apply(cases)), sku), key="sku_mix")

st.subheader(_("Return rate"))
sold = None if loaded.is_demo else orders.stored()
if sold is not None:
    sold = orders_in_view(sold, rows.window(spec), [sku])
if sold is None or sold.empty:
    st.caption(
        _("No orders sheet covers this SKU in this period, so there is no rate (returns per unit sold): add one on the Return rate page.")
    )
else:
    rate = per_hundred(return_rates(selected, sold)).iloc[0]
    st.metric(
        _("Returns per 100 units sold"),
        format.decimal(rate["per100"]),
        border=True,
        help=_("95% interval {low} – {high}; {returned} returned of {sold} sold").format(
            low=format.decimal(rate["low100"]),
            high=format.decimal(rate["high100"]),
            returned=format.number(rate["returned"]),
            sold=format.number(rate["sold"]),
        ),
    )

st.subheader(_("Recurring causes"))
# The shop-wide test of the Recurring causes page (cached per data version), read for this SKU and the picked reasons.
mine = rows_of_sku(pick_rows(cached.recurring(spec, RECURRING_BY), {"reason": spec.reason} if spec.reason else {}), sku)
if mine.empty:
    st.caption(_("No reason of this SKU stood out beyond chance over the last 52 weeks."))
for row in mine.itertuples(index=False):
    with st.container(border=True):
        st.markdown(f"**{format.md(label(row.reason))}** ({_(row.status)}) · {format.md(row.evidence)}")
        drill.button(_("Its cases"), spec.narrowed(reason=str(row.reason)), key=f"sku_cause_{row.reason}")

st.subheader(_("Fix notes"))
try:
    noted = pd.DataFrame() if loaded.is_demo else state.store().fixes()
except StoreError as err:
    noted = pd.DataFrame()
    st.error("**" + _("The notes could not be read.") + f"** {err}", icon=":material/cloud_off:")
notes = noted_fixes(noted, sku=sku)
if not notes:
    st.caption(_("No change noted for this SKU: note one on the Fixes page."))
for _note_id, fix in notes:
    result = evaluate_fix(cases, fix)
    st.markdown(
        "- "
        + _("**{note}** from {day} ({reason}): {sentence}").format(
            note=fix.note, day=format.day(fix.date), reason=label(fix.reason) if fix.reason else _("all reasons"), sentence=result.sentence
        )
    )

words_buyers_use(selected, key="sku_words")
