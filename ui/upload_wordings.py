"""Upload, in the review of a file: the reason, request-type and status wordings no rule knows, each taggable once.

A tag is saved in the store at once (everyone on the store gets it) and the file is read again with it; a reason
also moves the stored cases that hold it (see `Store.retag`), so an earlier import and this one agree.
"""

from __future__ import annotations

import streamlit as st

from data.errors import StoreError
from data.vocabulary import unknown_wordings
from ui import format, state
from ui.upload_read import Upload, reread
from ui.wordings import tag_form

DONE_KEY = "upload_wording_done"
TITLES = {  # vocabulary -> (the heading of its list, its noun, plural)
    "reason": ("Reasons filed under Other", "reason", "reasons"),
    "request_type": ("Request types read as Unknown", "request type", "request types"),
    "status": ("Statuses no rule knows (left empty)", "status", "statuses"),
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
    summary = ", ".join(f"{len(group)} {TITLES[v][1 if len(group) == 1 else 2]}" for v, group in kinds)
    with st.expander(f"Wordings no rule knows: {summary}", icon=":material/sell:"):
        st.caption("Tell once what a wording means: it is saved for everyone on this store and used for every later file.")
        for vocabulary, group in kinds:
            st.markdown(f"**{TITLES[vocabulary][0]}**")
            picked = tag_form(group, vocabulary, f"upload_tag_{upload.key}_{vocabulary}")
            if picked:
                _teach(upload, vocabulary, *picked)


def _teach(upload: Upload, vocabulary: str, wording: str, tag: str) -> None:
    try:
        if vocabulary == "reason":
            with st.spinner(f"Tagging “{format.md(wording)}” as {tag} in the stored cases…", show_time=True):
                done = state.store().retag(wording, tag)
            moved = (f" {format.count(done.cases, 'stored case')} moved there too (import {done.import_id} in the history)."
                     if done.cases else "")
        else:
            state.store().learn(vocabulary, wording, tag)
            moved = ""
    except StoreError as err:
        st.error(f"“{format.md(wording)}” was not saved: {format.md(err)}", icon=":material/error:")
        return
    reread(upload)
    st.session_state[f"{DONE_KEY}_{upload.key}"] = (f"“{format.md(wording)}” now reads as {tag}, in this file and every later one."
                                                    + moved)
    st.rerun()
