"""Cases: the rows behind the view, searchable and sortable; where every drill-down lands."""

import streamlit as st

from analysis.cases import listed
from analysis.common import courier_return_count
from ui import cached, columns, downloads, drill, filters, format, rows
from ui.i18n import _

SHOWN = [
    "case_id",
    "order_id",
    "request_date",
    "sku",
    "product_name",
    "request_type",
    "reason",
    "reason_raw",
    "comment",
    "status",
    "refund_amount",
    "currency",
    "handled_by",
    "channel",
    "response_date",
]
LIMIT = 5_000  # rows sent to the browser; the downloads hold them all

spec = filters.current()
selected = cached.selected(spec)

st.title(_("Cases"))
st.caption(filters.heading(spec) + " · " + _("buyer requests, latest first; click a column to sort"))
text = st.text_input(
    _("Search"),
    key=drill.SEARCH,
    bind="query-params",
    icon=":material/search:",
    placeholder=_("Case or order id, SKU, product, reason wording or comment"),
)
found, total = listed(selected, text, limit=LIMIT)

if not total:
    if text.strip():
        st.info(_("No buyer request in this view containing “{text}”.").format(text=text.strip()), icon=":material/filter_alt_off:")
    else:
        st.info(_("No buyer request in this view."), icon=":material/filter_alt_off:")
    with st.container(horizontal=True):
        if text.strip():
            st.button(
                _("Clear the search"),
                key="cases_clear_search",
                type="tertiary",
                icon=":material/search_off:",
                on_click=st.session_state.update,
                args=({drill.SEARCH: ""},),
            )
        drill.button(_("Clear the filters"), filters.FilterSpec(), key="cases_clear_filters", search=text)
    st.stop()

couriers = courier_return_count(selected)
notes = [f"**{format.count(total, 'case')}**" + (" " + _("match “{text}”").format(text=text.strip()) if text.strip() else "")]
if total > len(found):
    notes.append(
        _("the latest {n} are listed (the downloads below hold all of them; narrow the view to list others)").format(
            n=format.number(len(found))
        )
    )
if couriers:
    notes.append(_("{returns} (parcels that never reached the buyer) not listed").format(returns=format.count(couriers, "courier return")))
fees = len(cached.left_out(spec))
if fees:
    notes.append(
        _("{lines} of fees, postage or adjustments not listed (the rows downloads hold them, marked)").format(
            lines=format.count(fees, "line")
        )
    )
st.markdown(" · ".join(notes))

shown = format.blanks(columns.translated(drill.sku_links(found[SHOWN], spec)), [c for c in SHOWN if c != "sku"])
st.dataframe(shown, hide_index=True, key="cases_table", column_config=columns.config(SHOWN, sku=drill.sku_column()))

st.subheader(_("Download"))
downloads.buttons(spec, rows.window(spec), key="cases")
