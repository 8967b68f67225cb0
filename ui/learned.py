"""Upload, "What you taught Returns Radar": every wording and header the store learned, and a way to forget one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.errors import StoreError
from ui import auth, columns, format, state
from ui.i18n import N_, _
from ui.i18n import label as i18n_label
from ui.upload_review import label

DONE_KEY = "learned_forgotten"
KINDS = {"reason": N_("Reason"), "request_type": N_("Request type"), "status": N_("Status"), "header": N_("Column header")}


def table(learned: pd.DataFrame) -> pd.DataFrame:
    """The learned rows as shown: kind, the wording as written, what it reads as, when and by whom, newest first.

    >>> row = {"vocabulary": "header", "wording": "logged", "raw": "Logged", "tag": "request_date", "saved_by": None,
    ...        "saved_at": pd.Timestamp("2026-12-01 05:00"), "import_id": None}
    >>> table(pd.DataFrame([row])).to_dict("records")[0]["tag"]
    'Request date'
    """
    out = learned[["vocabulary", "raw", "tag", "saved_at", "saved_by"]].copy()
    headers = out["vocabulary"].eq("header")
    out.loc[headers, "tag"] = out.loc[headers, "tag"].map(label)
    out.loc[~headers, "tag"] = out.loc[~headers, "tag"].map(i18n_label)
    out["vocabulary"] = out["vocabulary"].map(lambda v: _(KINDS[v]) if v in KINDS else v)
    out["saved_by"] = out["saved_by"].fillna("")
    return out.reset_index(drop=True)


def manage() -> None:
    """A closed expander; nothing while nothing was taught."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done, icon=":material/delete:")
    try:
        learned = state.store().learned_table()
    except StoreError as err:
        state.unreachable(err)
    if learned.empty:
        return
    with st.expander(_("What you taught Returns Radar ({n})").format(n=format.number(len(learned))), icon=":material/school:"):
        st.caption(
            _(
                "Wordings and headers tagged by hand on this store, used by every import. Forgetting one changes later "
                "imports only; to put stored cases back, undo its tag in the import history."
            )
        )
        st.dataframe(
            table(learned),
            hide_index=True,
            key="learned_table",
            column_config={
                "vocabulary": _("Kind"),
                "raw": _("As written"),
                "tag": _("Reads as"),
                "saved_at": st.column_config.DatetimeColumn(_("Saved (UTC)"), format=columns.when("D MMM YYYY, HH:mm")),
                "saved_by": _("By"),
            },
        )
        if not auth.can("vocabulary"):
            auth.denied("vocabulary", quiet=True)
            return
        choices = list(learned.index)
        with st.form("learned_forget", border=False), st.container(horizontal=True, vertical_alignment="bottom"):
            names = {i: f"{_(KINDS.get(learned.at[i, 'vocabulary'], ''))} · {learned.at[i, 'raw']}" for i in choices}
            pick = st.selectbox(_("Forget"), choices, key="learned_forget_choice", width=420, format_func=names.__getitem__)
            forget = st.form_submit_button(_("Forget"), icon=":material/delete:", key="learned_forget_submit")
    if forget:
        row = learned.loc[pick]
        try:
            state.store().forget_wording(row["vocabulary"], row["raw"])
        except StoreError as err:
            st.error(format.md(err), icon=":material/error:")
            return
        st.session_state[DONE_KEY] = _("Forgot “{wording}”: later imports read it by the rules again.").format(wording=row["raw"])
        st.rerun()
