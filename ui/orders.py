"""The stored orders (units sold per day and SKU), loaded once per orders version, the orders-sheet uploader and
the orders imports with their undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.not_products import products_sold
from data.errors import ReadError, StoreError
from data.orders import read_orders
from ui import auth, columns, format, state
from ui.i18n import _

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"]


def history_config() -> dict:
    """The orders imports table's column settings, in the run's language."""
    return {
        "import_id": st.column_config.NumberColumn(_("Import"), format="plain"),
        "imported_at": st.column_config.DatetimeColumn(_("When (UTC)"), format=columns.when("D MMM YYYY, HH:mm")),
        "file_name": _("File"),
        "first_date": st.column_config.DateColumn(_("From"), format=columns.when("D MMM YYYY")),
        "last_date": st.column_config.DateColumn(_("To"), format=columns.when("D MMM YYYY")),
        "lines": st.column_config.NumberColumn(_("Sale lines"), format="localized"),
        "lines_stored": st.column_config.NumberColumn(
            _("Still stored"), format="localized", help=_("Lines of this file that no later file replaced")
        ),
        "units": st.column_config.NumberColumn(_("Units"), format="localized"),
        "lines_replaced": st.column_config.NumberColumn(_("Lines of earlier files replaced"), format="localized"),
    }


PROBLEM_COLUMNS = ("sheet", "row", "column", "value", "message")


def problem_config() -> dict:
    """The orders problems table's column settings, in the run's language."""
    return {
        "sheet": _("Sheet"),
        "row": st.column_config.NumberColumn(_("Row"), format="plain"),
        "column": _("Column"),
        "value": _("Value"),
        "message": st.column_config.TextColumn(_("Problem"), width="large"),
    }


@st.cache_resource(max_entries=2, show_spinner="Loading orders…")
def _load(url: str, version: int) -> pd.DataFrame:
    return state.store().load_orders()


@st.cache_resource(max_entries=2, show_spinner=False)
def _products(url: str, version: int, cases_version: int, is_demo: bool) -> pd.DataFrame:
    # the SKUs the cases show as fees, postage or adjustments sell no product either
    return products_sold(_load(url, version), state.cases().left_out["sku"])


def stored() -> pd.DataFrame | None:
    """Units of products sold per day and SKU from the store (lines of fees, postage or adjustments left out, as in
    the cases: `analysis.not_products`), or None when no orders sheet was imported."""
    try:
        version = state.store().orders_version()
        loaded = state.cases()
        frame = _products(state.store_url(), version, loaded.version, loaded.is_demo)
    except StoreError as err:
        st.error("**" + _("The orders could not be loaded.") + f"** {format.md(err)}", icon=":material/cloud_off:")
        return None
    return frame if len(frame) else None


def announce(key: str) -> None:
    """What the last orders import or undo of the uploader `key` did, once, right after it: call it near the page's top."""
    undone = st.session_state.pop(f"{key}_undone", None)
    if undone:
        st.success(undone, icon=":material/undo:")
    done = st.session_state.pop(f"{key}_done", None)
    if done is None:
        return
    message, problems, notes = done
    st.success(format.md(message), icon=":material/check_circle:")
    for note in notes:
        st.caption(format.md(note))
    if len(problems):
        left_out = _("{rows} of the orders sheet left out").format(rows=format.count(len(problems), "row"))
        with st.expander(left_out, icon=":material/warning:"):
            shown = problems[list(PROBLEM_COLUMNS)]
            st.dataframe(
                shown.assign(message=format.said(shown["message"])), hide_index=True, column_config=problem_config(), key=f"{key}_problems"
            )


def uploader(key: str, *, disabled: bool = False) -> None:
    """An uploader that reads an orders sheet and stores its sale lines (each file once); see `announce` for the outcome."""
    if not auth.can("import"):
        auth.denied("import")
        return
    count = st.session_state.get(f"{key}_count", 0)
    uploaded = st.file_uploader(
        _("Orders or sales sheet"),
        type=FILE_TYPES,
        key=f"{key}_{count}",
        disabled=disabled,
        help=_(
            "An orders export (Shopify, TikTok Shop, Tokopedia, Shopee…) or a sales report: a date, "
            "a SKU and, if there is one, the quantity. Buyer names and addresses in it are not read."
        ),
    )
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        read = read_orders(uploaded, tz=state.time_zone())
        result = state.store().import_orders(read, file_name=uploaded.name, data=data)
    except (ReadError, StoreError) as err:  # a message; nothing was stored
        st.error(
            _("**{file} was not imported.** {error}").format(file=format.md(uploaded.name), error=format.md(err)), icon=":material/error:"
        )
        return
    st.session_state[f"{key}_done"] = (result.message, read.problems, read.notes)
    st.session_state[f"{key}_count"] = count + 1  # a new key empties the uploader, ready for the next file
    st.rerun()


def history(key: str) -> None:
    """The orders imports, newest first, and an undo in two steps for those that can be taken back (`announce` says
    that it was done)."""
    try:
        imports = state.store().order_history()
    except StoreError as err:
        st.error("**" + _("The orders imports could not be read.") + f"** {format.md(err)}", icon=":material/cloud_off:")
        return
    if imports.empty:
        return
    settings = history_config()
    st.dataframe(imports[list(settings)], hide_index=True, column_config=settings, key=f"{key}_history")
    if not auth.can("undo"):
        return
    undoable = imports[imports["can_undo"]].set_index("import_id")
    if undoable.empty:
        st.caption(_("No orders import can be undone: each one replaced sale lines of an earlier file, which are not kept."))
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        names = {i: f"{i} · {undoable.at[i, 'file_name']} · {format.day(undoable.at[i, 'imported_at'])}" for i in undoable.index}
        chosen = st.selectbox(
            _("Orders import to undo"), list(undoable.index), key=f"{key}_undo_choice", width=420, format_func=names.__getitem__
        )
        if st.button(_("Undo…"), icon=":material/undo:", key=f"{key}_undo"):
            st.session_state[f"{key}_undo_pending"] = int(chosen)
    pending = st.session_state.get(f"{key}_undo_pending")
    if pending is not None and pending in undoable.index:
        _confirm_undo(key, pending, undoable.loc[pending])


def _confirm_undo(key: str, import_id: int, row: pd.Series) -> None:
    """The second step: say what undo will remove, and do it only on a second, explicit click."""
    with st.container(border=True):
        stored = int(row["lines_stored"])
        what = (
            _("Its {lines} still stored will be removed").format(lines=format.count(stored, "sale line"))
            if stored
            else _("It has no sale line left to remove")
        )
        st.warning(
            _("Undo orders import {id} (**{file}**)? {what}; the file can be imported again later.").format(
                id=import_id, file=format.md(row["file_name"]), what=what
            ),
            icon=":material/warning:",
        )
        with st.container(horizontal=True):
            yes = st.button(_("Yes, undo orders import {id}").format(id=import_id), type="primary", key=f"{key}_undo_confirm")
            if st.button(_("Cancel"), key=f"{key}_undo_cancel"):
                st.session_state.pop(f"{key}_undo_pending", None)
                st.rerun()
    if yes:
        st.session_state.pop(f"{key}_undo_pending", None)
        try:
            state.store().undo_orders(import_id)
        except StoreError as err:  # UndoError too: the message says why and what to do
            st.error(format.md(err), icon=":material/error:")
            return
        st.session_state[f"{key}_undone"] = _("Orders import {id} ({file}) was undone.").format(
            id=import_id, file=format.md(row["file_name"])
        )
        st.rerun()
