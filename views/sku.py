"""One SKU: its weekly cases, its reasons against the shop's, its return rate where orders are known, its buyers' words,
its fix notes and whether it stood out as a recurring cause. The SKU comes from the URL (`?sku=...`)."""

import pandas as pd
import streamlit as st

from analysis.common import buyer_requests
from analysis.fixes import Fix, evaluate_fix
from analysis.recurring import recurring_causes
from analysis.return_rate import return_rates
from analysis.skus import reason_mix
from analysis.weekly import weekly_counts
from data.schema import NO_SKU
from data.store import StoreError
from ui import charts, drill, filters, format, orders, plot, state
from ui.comments import words_buyers_use
from ui.i18n import _, label

loaded = state.cases()
cases = loaded.frame
spec = filters.current()

if len(spec.sku) != 1 or spec.sku[0] == NO_SKU:
    st.title("SKU")
    st.info(_("Pick one SKU in the sidebar (or click a SKU in any table) to see its page. Cases without a SKU have no page."),
            icon=":material/inventory_2:")
    st.stop()
sku = spec.sku[0]
shop_spec = spec.narrowed(sku=())
selected = spec.apply(cases)

st.title(f"SKU {sku}")
names = selected["product_name"].dropna().astype(str).unique() if "product_name" in selected else []
st.caption(" · ".join([*(names[:1]), filters.heading(spec, cases)]))
filters.stop_if_empty(len(selected))
drill.button(_("See its {cases}").format(cases=format.count(len(buyer_requests(selected)), "case")), spec, key="sku_cases")

plot.draw(charts.weekly_cases(weekly_counts(selected), title=_("Cases of {sku} per week").format(sku=sku),
                              month_title=_("Cases of {sku} per month").format(sku=sku)), key="sku_weekly", drill=spec)
plot.draw(charts.reason_mix(reason_mix(selected, shop_spec.apply(cases)), sku), key="sku_mix")

st.subheader(_("Return rate"))
sold = None if loaded.is_demo else orders.stored()
window = spec.window(cases)
if sold is not None:
    sold = sold.loc[sold["sku"] == sku]
    if window is not None:
        sold = sold.loc[(sold["date"] >= window[0]) & (sold["date"] <= window[1])]
if sold is None or sold.empty:
    st.caption(_("No orders sheet covers this SKU in this period, so there is no rate (returns per unit sold): add one on the "
                 "Return rate page."))
else:
    rate = return_rates(selected, sold).iloc[0]
    st.metric(_("Returns per 100 units sold"), format.decimal(rate["rate"] * 100), border=True,
              help=_("95% interval {low} – {high}; {returned} returned of {sold} sold").format(
                  low=format.decimal(rate["low"] * 100), high=format.decimal(rate["high"] * 100),
                  returned=format.number(rate["returned"]), sold=format.number(rate["sold"])))

st.subheader(_("Recurring causes"))
found = recurring_causes(shop_spec.narrowed(period="All time").apply(cases), as_of=cases["request_date"].max())
mine = found.loc[found["sku"].astype(str) == sku] if len(found) else found
if mine.empty:
    st.caption(_("No reason of this SKU stood out beyond chance over the last 52 weeks."))
for row in mine.itertuples(index=False):
    with st.container(border=True):
        st.markdown(f"**{label(row.reason)}** ({_(row.status)}) · {row.evidence}")
        drill.button(_("Its cases"), spec.narrowed(reason=str(row.reason)), key=f"sku_cause_{row.reason}")

st.subheader(_("Fix notes"))
try:
    noted = pd.DataFrame() if loaded.is_demo else state.store().fixes()
except StoreError as err:
    noted = pd.DataFrame()
    st.error("**" + _("The notes could not be read.") + f"** {err}", icon=":material/cloud_off:")
noted = noted.loc[noted["sku"].astype("string") == sku] if len(noted) else noted
if noted.empty:
    st.caption(_("No change noted for this SKU: note one on the Fixes page."))
for row in noted.itertuples(index=False):
    fix = Fix(sku, None if pd.isna(row.reason) else row.reason, row.date, row.note)
    result = evaluate_fix(cases, fix)
    st.markdown("- " + _("**{note}** from {day} ({reason}): {sentence}").format(
        note=row.note, day=format.day(row.date), reason=label(row.reason) if not pd.isna(row.reason) else _("all reasons"),
        sentence=result.sentence))

words_buyers_use(selected, key="sku_words")
