"""Upload, "Reasons filed under Other": the stored cases' raw reasons that no rule tagged, most cases first; tagging
one moves its stored cases to that reason as one undoable data version and teaches every later import."""

from __future__ import annotations

import streamlit as st

from data.errors import StoreError
from data.vocabulary import other_wordings
from ui import auth, format, state
from ui.i18n import _, label
from ui.wordings import tag_form

DONE_KEY = "other_reasons_done"


def panel() -> None:
    """The panel; nothing while the dashboard shows the demo shop (there is nothing of the user's to tag)."""
    cases = state.cases()
    if cases.is_demo:
        return
    st.subheader(_("Reasons filed under Other"))
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done, icon=":material/sell:")
    wordings = other_wordings(cases.frame)
    if wordings.empty:
        st.caption(_("Every stored reason has a tag: no case is filed under Other with a wording of its own."))
        return
    total = int(wordings["cases"].sum())
    st.caption(
        _(
            "{wordings} that no rule recognised, {cases}, most cases first. Give one a reason: its stored cases move there "
            "at once (undo it in the import history) and every later import reads it that way."
        ).format(wordings=format.count(len(wordings), "wording"), cases=format.count(total, "case"))
    )
    if not auth.can("tag_wording"):
        auth.denied("tag_wording", quiet=True)
        return
    picked = tag_form(wordings, "reason", "other_reasons")
    if picked:
        _retag(*picked)


def _retag(wording: str, tag: str) -> None:
    try:
        with st.spinner(
            _("Tagging “{wording}” as {tag} in the stored cases…").format(wording=format.md(wording), tag=label(tag)), show_time=True
        ):
            done = state.store().retag(wording, tag)
    except StoreError as err:
        st.error(_("“{wording}” was not tagged: {error}").format(wording=format.md(wording), error=format.md(err)), icon=":material/error:")
        return
    moved = (
        _("{cases} moved from Other to {tag} (import {id}: undo it in the import history).").format(
            cases=format.count(done.cases, "stored case"), tag=label(tag), id=done.import_id
        )
        if done.cases
        else _("No stored case changed.")
    )
    st.session_state[DONE_KEY] = _("“{wording}” now reads as {tag}. {moved} Later imports read it that way too.").format(
        wording=format.md(wording), tag=label(tag), moved=moved
    )
    st.rerun()
