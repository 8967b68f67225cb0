"""Give a wording no rule knows a tag: a short list with case counts and one keyboard-friendly form (type in a
select to filter it, Tab to the button). Used for the reasons stored under Other and for a file being read."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.vocabulary import TAGS
from ui import format
from ui.i18n import N_, _, labeller

LIST_ROWS = 6  # rows shown before the list scrolls
WHAT = {  # vocabulary -> (a wording of it, what to pick), shown translated
    "reason": (N_("Reason as written"), N_("Give it the reason")),
    "request_type": (N_("Request type as written"), N_("It means")),
    "status": (N_("Status as written"), N_("It means")),
}


def tag_form(wordings: pd.DataFrame, vocabulary: str, key: str, *, button: str = N_("Tag")) -> tuple[str, str] | None:
    """The wordings (columns wording, cases; most cases first) as a list, and a form to tag one; (wording, tag) once
    submitted. A single wording needs no list: the select names it with its count."""
    written, pick = (_(text) for text in WHAT[vocabulary])
    rows = wordings[["wording", "cases"]].reset_index(drop=True)
    if len(rows) > 1:  # one wording reads in the select below, with its count
        st.dataframe(
            rows,
            hide_index=True,
            key=f"{key}_list",
            width=520,
            height=min(len(rows), LIST_ROWS) * 35 + 38,
            column_config={
                "wording": st.column_config.TextColumn(written, width="large"),
                "cases": st.column_config.NumberColumn(_("Cases"), format="localized", width="small"),
            },
        )
    counts = dict(zip(rows["wording"], rows["cases"], strict=True))
    shown = {w: f"{w} · {format.count(int(n), 'case')}" for w, n in counts.items()}
    tags = [t for t in TAGS[vocabulary] if t not in ("Other", "Unknown")]
    with st.form(f"{key}_form", border=False), st.container(horizontal=True, vertical_alignment="bottom"):
        wording = st.selectbox(written, list(counts), key=f"{key}_wording", width=340, format_func=shown.__getitem__)
        tag = st.selectbox(pick, tags, index=None, placeholder=_("Choose…"), key=f"{key}_tag", width=240, format_func=labeller())
        submitted = st.form_submit_button(_(button), icon=":material/sell:", key=f"{key}_submit")
    if submitted and tag is None:
        st.warning(_("Choose what “{wording}” means first.").format(wording=format.md(wording)), icon=":material/arrow_upward:")
        return None
    return (wording, tag) if submitted else None
