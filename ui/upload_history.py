"""Upload, the import history: every import with its counts, and an undo (with a confirmation) where it is possible."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.errors import StoreError
from ui import auth, columns, format, state
from ui.i18n import N_, _

PENDING_KEY = "upload_undo_pending"
DONE_KEY = "upload_undone"
CONFIG = {
    "import_id": st.column_config.NumberColumn(N_("Import"), format="plain"),
    "imported_at": st.column_config.DatetimeColumn(N_("When (UTC)"), format="D MMM YYYY, HH:mm"),
    "file_name": N_("File"),
    "sheets": N_("Sheets"),
    **{
        c: st.column_config.NumberColumn(label, format="localized")
        for c, label in (
            ("rows_read", N_("Rows read")),
            ("rows_new", N_("New")),
            ("rows_updated", N_("Updated")),
            ("rows_unchanged", N_("Unchanged")),
            ("rows_rejected", N_("Rejected")),
        )
    },
    "undone_at": N_("Undone (UTC)"),
}


def config() -> dict:
    """`CONFIG` with its column labels in the run's language."""
    out = {}
    for column, setting in CONFIG.items():
        if isinstance(setting, str):
            out[column] = _(setting)
        else:
            out[column] = {**setting, "label": _(setting["label"])}
            if "format" in setting.get("type_config", {}) and "MMM" in str(setting["type_config"]["format"]):
                out[column]["type_config"] = {**setting["type_config"], "format": columns.when(setting["type_config"]["format"])}
    return out


def table(history: pd.DataFrame) -> pd.DataFrame:
    """The history as shown: one row per import, newest first; a CSV's one sheet has no name and shows as "—".

    >>> row = {"import_id": 1, "imported_at": pd.Timestamp("2026-11-02 09:30"), "file_name": "week.csv", "sheets": [""],
    ...        "rows_read": 3, "rows_new": 2, "rows_updated": 1, "rows_unchanged": 0, "rows_rejected": 0, "undone_at": pd.NaT}
    >>> table(pd.DataFrame([row]))[["sheets", "undone_at"]].to_dict("records")
    [{'sheets': '—', 'undone_at': ''}]
    """
    out = history[list(CONFIG)].copy()
    out["sheets"] = history["sheets"].map(lambda names: ", ".join(n for n in names if n) or "—")
    out["undone_at"] = [f"{format.day(t)}, {t:%H:%M}" if pd.notna(t) else "" for t in history["undone_at"]]
    return out


def show() -> None:
    """The history table, then the undo control for the imports that can be undone now."""
    st.subheader(_("Import history"))
    undone = st.session_state.pop(DONE_KEY, None)
    if undone:
        st.success(undone, icon=":material/undo:")
    try:
        history = state.store().history()
    except StoreError as err:
        state.unreachable(err)
    if history.empty:
        st.info(_("Nothing has been imported yet: the dashboard shows a demo shop until you import a sheet."), icon=":material/inbox:")
        return
    st.dataframe(table(history), hide_index=True, column_config=config(), key="upload_history")
    if not auth.can("undo"):
        return
    undoable = history[history["can_undo"]].set_index("import_id")
    if undoable.empty:
        st.caption(_("No import can be undone now."))
        return
    st.caption(
        _(
            "Undo takes an import back: its new cases disappear and the cases it updated get their previous values. "
            "An import whose cases a later import changed again can be undone once that later one is undone."
        )
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        names = {i: f"{i} · {undoable.at[i, 'file_name']} · {format.day(undoable.at[i, 'imported_at'])}" for i in undoable.index}
        chosen = st.selectbox(_("Import to undo"), list(undoable.index), key="upload_undo_choice", width=420, format_func=names.__getitem__)
        if st.button(_("Undo…"), icon=":material/undo:", key="upload_undo"):
            st.session_state[PENDING_KEY] = int(chosen)
    pending = st.session_state.get(PENDING_KEY)
    if pending is not None and pending in undoable.index:
        _confirm(pending, undoable.loc[pending])


def _confirm(import_id: int, row: pd.Series) -> None:
    """The second step: say what undo will do, and do it only on a second, explicit click."""
    with st.container(border=True):
        new, updated = int(row["rows_new"]), int(row["rows_updated"])
        back = (_("; {cases} will be put back as it was") if updated == 1 else _("; {cases} will be put back as they were")).format(
            cases=format.count(updated, "updated case")
        )
        st.warning(
            _("Undo import {id} (**{file}**)? {cases} will be removed").format(
                id=import_id, file=format.md(row["file_name"]), cases=format.count(new, "new case")
            )
            + (back if updated else "")
            + ".",
            icon=":material/warning:",
        )
        with st.container(horizontal=True):
            yes = st.button(_("Yes, undo import {id}").format(id=import_id), type="primary", key="upload_undo_confirm")
            if st.button(_("Cancel"), key="upload_undo_cancel"):
                st.session_state.pop(PENDING_KEY, None)
                st.rerun()
    if yes:
        st.session_state.pop(PENDING_KEY, None)
        try:
            state.store().undo(import_id)
        except StoreError as err:  # UndoError too: the message says why and what to do
            st.error(format.md(err), icon=":material/error:")
            return
        st.session_state[DONE_KEY] = _("Import {id} ({file}) was undone.").format(id=import_id, file=format.md(row["file_name"]))
        st.rerun()
