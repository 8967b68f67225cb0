"""Cases: the rows behind the view, searchable and sortable; where every drill-down lands."""

import streamlit as st

from analysis.cases import listed
from analysis.common import courier_return_count
from ui import columns, downloads, drill, filters, format, state

SHOWN = ["case_id", "order_id", "request_date", "sku", "product_name", "request_type", "reason", "reason_raw", "comment",
         "status", "refund_amount", "currency", "handled_by", "channel", "response_date"]
LIMIT = 5_000  # rows sent to the browser; the downloads hold them all

cases = state.cases().frame
spec = filters.current()
selected = spec.apply(cases)

st.title("Cases")
st.caption(f"{filters.heading(spec, cases)} · buyer requests, latest first; click a column to sort")
text = st.text_input("Search", key=drill.SEARCH, bind="query-params", icon=":material/search:",
                     placeholder="Case or order id, SKU, product, reason wording or comment")
rows, total = listed(selected, text, limit=LIMIT)

if not total:
    what = f" containing “{text.strip()}”" if text.strip() else ""
    st.info(f"No buyer request in this view{what}.", icon=":material/filter_alt_off:")
    with st.container(horizontal=True):
        if text.strip():
            st.button("Clear the search", key="cases_clear_search", type="tertiary", icon=":material/search_off:",
                      on_click=st.session_state.update, args=({drill.SEARCH: ""},))
        drill.button("Clear the filters", filters.FilterSpec(), key="cases_clear_filters", search=text)
    st.stop()

couriers = courier_return_count(selected)
notes = [f"**{format.count(total, 'case')}**" + (f" match “{text.strip()}”" if text.strip() else "")]
if total > len(rows):
    notes.append(f"the latest {len(rows):,} are listed (the downloads below hold all of them; narrow the view to list others)")
if couriers:
    notes.append(f"{format.count(couriers, 'courier return')} (parcels that never reached the buyer) not listed")
st.markdown(" · ".join(notes))

shown = format.blanks(drill.sku_links(rows[SHOWN], spec), [c for c in SHOWN if c != "sku"])
st.dataframe(shown, hide_index=True, key="cases_table", column_config=columns.config(SHOWN, sku=drill.sku_column()))

st.subheader("Download")
downloads.buttons(selected, spec, spec.window(cases), key="cases")
