"""The stored orders (units sold per day and SKU), loaded once per orders version, and the orders-sheet uploader."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.errors import ReadError
from data.orders import read_orders
from data.store import StoreError
from ui import state

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"]
PROBLEM_LABELS = {"sheet": "Sheet", "row": st.column_config.NumberColumn("Row", format="plain"), "column": "Column",
                  "value": "Value", "message": st.column_config.TextColumn("Problem", width="large")}


@st.cache_resource(max_entries=2, show_spinner="Loading orders…")
def _load(url: str, version: int) -> pd.DataFrame:
    return state.store().load_orders()


def stored() -> pd.DataFrame | None:
    """Units sold per day and SKU from the store, or None when no orders sheet was imported."""
    try:
        version = state.store().orders_version()
        frame = _load(state.store_url(), version)
    except StoreError as err:
        st.error(f"**The orders could not be loaded.** {err}", icon=":material/cloud_off:")
        return None
    return frame if len(frame) else None


def coverage() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the stored orders (call only when `stored()` found some)."""
    frame = stored()
    return frame["date"].min(), frame["date"].max()


def announce(key: str) -> None:
    """What the last orders import of the uploader `key` did, once, right after it: call it near the page's top."""
    done = st.session_state.pop(f"{key}_done", None)
    if done is None:
        return
    message, problems, notes = done
    st.success(message, icon=":material/check_circle:")
    for note in notes:
        st.caption(note)
    if len(problems):
        with st.expander(f"{len(problems):,} rows of the orders sheet left out", icon=":material/warning:"):
            st.dataframe(problems[list(PROBLEM_LABELS)], hide_index=True, column_config=PROBLEM_LABELS, key=f"{key}_problems")


def uploader(key: str, *, disabled: bool = False) -> None:
    """An uploader that reads an orders sheet and stores its sale lines (each file once); see `announce` for the outcome."""
    count = st.session_state.get(f"{key}_count", 0)
    uploaded = st.file_uploader("Orders or sales sheet", type=FILE_TYPES, key=f"{key}_{count}", disabled=disabled,
                                help="An orders export (Shopify, TikTok Shop, Tokopedia, Shopee…) or a sales report: a date, "
                                     "a SKU and, if there is one, the quantity. Buyer names and addresses in it are not read.")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        read = read_orders(uploaded)
        result = state.store().import_orders(read, file_name=uploaded.name, data=data)
    except (ReadError, StoreError) as err:  # a message; nothing was stored
        st.error(f"**{uploaded.name} was not imported.** {err}", icon=":material/error:")
        return
    st.session_state[f"{key}_done"] = (result.message, read.problems, read.notes)
    st.session_state[f"{key}_count"] = count + 1  # a new key empties the uploader, ready for the next file
    st.rerun()
