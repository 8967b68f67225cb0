"""The Fixes page's parts: a verdict card for one fix note and the form that notes a change."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.fixes import Fix, FixResult
from data.schema import REASONS
from data.store import StoreError
from ui import auth, format, state

VERDICTS = {  # badge colour, icon, words
    "fell": ("green", ":material/trending_down:", "returns fell"),
    "rose": ("red", ":material/trending_up:", "returns rose"),
    "no clear change": ("gray", ":material/trending_flat:", "no clear change"),
    "too early": ("blue", ":material/hourglass_top:", "too early to tell"),
}
MESSAGE = "fix_message"  # what the last save or delete did, shown once after the rerun


def card(fix: Fix, result: FixResult, *, example: bool = False, fix_id: int | None = None) -> None:
    """One note with its verdict badge, its sentence and the test behind it; a delete button for a stored note."""
    colour, icon, words = VERDICTS[result.verdict]
    with st.container(border=True):
        head = st.container(horizontal=True, vertical_alignment="center")
        target = f"SKU {format.md(fix.sku)}" if fix.sku else "All SKUs"
        reason = fix.reason or "all reasons"
        head.markdown((":orange-badge[:material/science: Example on the demo shop] " if example else "")
                      + f":{colour}-badge[{icon} {words}] **{format.md(fix.note) or 'Change'}** · {target} · {reason} · "
                      f"from {pd.Timestamp(fix.date):%-d %b %Y}", width="stretch")
        if fix_id is not None and auth.can("fix_note"):
            with head.popover("Delete", icon=":material/delete:"):
                st.markdown("Delete this note? Its verdict goes with it; the returns stay as they are.")
                if st.button("Yes, delete", key=f"fix_delete_{fix_id}", type="primary"):
                    try:
                        state.store().delete_fix(fix_id)
                    except StoreError as err:
                        st.error(str(err), icon=":material/error:")
                    else:
                        st.session_state[MESSAGE] = f"Deleted the note “{format.md(fix.note)}”."
                        st.rerun()
        st.markdown(format.md(result.sentence))
        if result.method:
            with st.expander("All numbers"):
                st.caption(result.method)


def announce() -> None:
    """What the last save or delete did, once, right after it."""
    message = st.session_state.pop(MESSAGE, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def note_form(skus: list[str], *, demo_shop: bool, expanded: bool) -> None:
    """The form that notes a change (Enter submits); a saved note reruns the page, which then lists it."""
    if not auth.can("fix_note"):
        auth.denied("fix_note", quiet=True)
        return
    with (st.expander("Note a change", expanded=expanded, icon=":material/edit_note:"),
          st.form("fix_form", clear_on_submit=True, enter_to_submit=True, border=False)):
        if demo_shop:
            st.caption(":material/science: This is the demo shop: notes are saved once your own returns sheet is imported (Upload).")
        left, middle, right = st.columns([2, 2, 1])
        sku = left.selectbox("SKU", [None, *skus], format_func=lambda v: "All SKUs" if v is None else v, key="fix_sku",
                             disabled=demo_shop)
        reason = middle.selectbox("Reason it should reduce", [None, *REASONS], format_func=lambda v: "All reasons" if v is None else v,
                                  key="fix_reason", disabled=demo_shop)
        day = right.date_input("From", value=date.today(), format="YYYY-MM-DD", key="fix_date", disabled=demo_shop,
                               help="The first day with the change in place: the weeks before it are compared with the weeks after.")
        note = st.text_input("What changed", placeholder="new packaging for SKU X from 2026-08-03", key="fix_note",
                             disabled=demo_shop, max_chars=300)
        saved = st.form_submit_button("Save the note", icon=":material/add:", type="primary", disabled=demo_shop)
    if not saved:
        return
    if not (note or "").strip():
        st.error("Write what changed, for example “new packaging”: the note is how you will recognise it later.",
                 icon=":material/edit:")
        return
    try:
        state.store().add_fix(date=day, note=note, sku=sku, reason=reason)
    except StoreError as err:
        st.error(f"**The note was not saved.** {err}", icon=":material/error:")
        return
    st.session_state[MESSAGE] = f"Saved: {note.strip()}."
    st.rerun()
