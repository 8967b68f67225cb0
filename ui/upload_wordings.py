"""Upload, in the review of a file: the reason, request-type and status wordings no rule knows, each taggable once.

A tag is saved in the store at once (everyone on the store gets it) and the file is read again with it; a reason
also moves the stored cases that hold it (see `Store.retag`), so an earlier import and this one agree.
"""

from __future__ import annotations

import streamlit as st

from data.errors import StoreError
from data.vocabulary import unknown_wordings
from ui import format, state
from ui.i18n import N_, _, label
from ui.upload_read import Upload, reread
from ui.wordings import tag_form

DONE_KEY = "upload_wording_done"
TITLES = {  # vocabulary -> (the heading of its list, its noun, plural), shown translated
    "reason": (N_("Reasons filed under Other"), N_("reason"), N_("reasons")),
    "request_type": (N_("Request types read as Unknown"), N_("request type"), N_("request types")),
    "status": (N_("Statuses no rule knows (left empty)"), N_("status"), N_("statuses")),
}


def show(upload: Upload) -> None:
    """An expander listing what this file holds that nothing tagged, with a form per kind; nothing when all is known."""
    done = st.session_state.pop(f"{DONE_KEY}_{upload.key}", None)
    if done:
        st.success(done, icon=":material/sell:")
    read = upload.read
    unknown = unknown_wordings(read.cases, read.problems, read.mapping)
    if unknown.empty:
        return
    kinds = [(v, group) for v in TITLES if len(group := unknown[unknown["vocabulary"] == v])]
    summary = ", ".join(f"{len(group)} {_(TITLES[v][1 if len(group) == 1 else 2])}" for v, group in kinds)
    with st.expander(_("Wordings no rule knows: {summary}").format(summary=summary), icon=":material/sell:"):
        st.caption(_("Tell once what a wording means: it is saved for everyone on this store and used for every later file."))
        for vocabulary, group in kinds:
            st.markdown(f"**{_(TITLES[vocabulary][0])}**")
            picked = tag_form(group, vocabulary, f"upload_tag_{upload.key}_{vocabulary}")
            if picked:
                _teach(upload, vocabulary, *picked)


def _teach(upload: Upload, vocabulary: str, wording: str, tag: str) -> None:
    try:
        if vocabulary == "reason":
            with st.spinner(
                _("Tagging “{wording}” as {tag} in the stored cases…").format(wording=format.md(wording), tag=label(tag)), show_time=True
            ):
                done = state.store().retag(wording, tag)
            moved = (
                " "
                + _("{cases} moved there too (import {id} in the history).").format(
                    cases=format.count(done.cases, "stored case"), id=done.import_id
                )
                if done.cases
                else ""
            )
        else:
            state.store().learn(vocabulary, wording, tag)
            moved = ""
    except StoreError as err:
        st.error(_("“{wording}” was not saved: {error}").format(wording=format.md(wording), error=format.md(err)), icon=":material/error:")
        return
    reread(upload)
    st.session_state[f"{DONE_KEY}_{upload.key}"] = (
        _("“{wording}” now reads as {tag}, in this file and every later one.").format(wording=format.md(wording), tag=label(tag)) + moved
    )
    st.rerun()
