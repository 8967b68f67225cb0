"""Returns Radar: why buyers send things back. Entry point: page frame, data, shared filters, navigation."""

from pathlib import Path

import streamlit as st

from ui import auth, drill, filters, i18n, saved_views, state
from ui.i18n import _

# Bundled: a :material: page icon makes the browser fetch the favicon from the web, which fails offline.
ICON = Path(__file__).parent / "ui" / "icon.png"
st.set_page_config(page_title="Returns Radar", page_icon=str(ICON), layout="wide")
state.new_run()  # the store's data version is read once per run, by the first `state.cases()`
i18n.use(filters.language())  # before any text: page titles, sidebar and pages all read it

# The pages live in views/, not pages/: with a pages/ folder, the first request after a server start
# (say a shared /trends link) runs the page without this frame, so without its filters (streamlit 1.67).
overview = st.Page("views/overview.py", title=_("Overview"), icon=":material/dashboard:", default=True)
trends = st.Page("views/trends.py", title=_("Trends"), icon=":material/stacked_bar_chart:")
causes = st.Page("views/causes.py", title=_("Recurring causes"), icon=":material/manage_search:")
deadlines = st.Page("views/deadlines.py", title=_("Deadlines"), icon=":material/timer:")
money = st.Page("views/money.py", title=_("Money"), icon=":material/payments:")
return_rate = st.Page("views/return_rate.py", title=_("Return rate"), icon=":material/percent:")
fixes = st.Page("views/fixes.py", title=_("Fixes"), icon=":material/build:")
cases_page = st.Page("views/cases.py", title=_("Cases"), icon=":material/table_rows:")
skus = st.Page("views/skus.py", title=_("SKUs"), icon=":material/grid_on:")
sku = st.Page("views/sku.py", title="SKU", icon=":material/inventory_2:", visibility="hidden")  # opened from a SKU link
upload = st.Page("views/upload.py", title=_("Upload"), icon=":material/upload_file:")
page = st.navigation(
    {_("Insights"): [overview, trends, causes, deadlines, money, return_rate, fixes, skus, sku, cases_page], _("Data"): [upload]},
    position="sidebar" if auth.signed_in() else "hidden",
)
auth.gate()  # with sign-in configured: nothing below runs for someone signed out or not on the lists
drill.follow()

cases = state.cases()
filters.follow_link(cases.frame)
with st.sidebar:
    st.subheader(_("Filters"))
    filters.sidebar(cases.frame)
    filters.copy_link(page.url_path)
    saved_views.menu(
        page.url_path,
        {p.url_path: p for p in (overview, trends, causes, deadlines, money, return_rate, fixes, skus, sku, cases_page, upload)},
    )
    st.divider()
    filters.language_picker()
    auth.sidebar()
filters.keep_in_address()
filters.notice()

if cases.is_demo and page.url_path != upload.url_path:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(
            ":orange-badge[:material/science: "
            + _("Demo data")
            + "] "
            + _("You are looking at a made-up shop: nothing has been imported yet."),
            width="stretch",
        )
        st.page_link(upload, label=_("Upload your sheet"), icon=":material/upload_file:")

try:
    page.run()
finally:
    state.new_run()
    state.keep_long_lived()
