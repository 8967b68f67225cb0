"""The Fixes page's parts: a verdict card for one fix note and the form that notes a change."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.fixes import Fix, FixResult
from data.errors import StoreError
from data.schema import REASONS
from ui import auth, format, state
from ui.i18n import N_, _, label, labeller, say

VERDICTS = {  # badge colour, icon, words (shown translated)
    "fell": ("green", ":material/trending_down:", N_("returns fell")),
    "rose": ("red", ":material/trending_up:", N_("returns rose")),
    "no clear change": ("gray", ":material/trending_flat:", N_("no clear change")),
    "too early": ("blue", ":material/hourglass_top:", N_("too early to tell")),
}
MESSAGE = "fix_message"  # what the last save or delete did, shown once after the rerun


def card(fix: Fix, result: FixResult, *, example: bool = False, fix_id: int | None = None) -> None:
    """One note with its verdict badge, its sentence and the test behind it; a delete button for a stored note."""
    colour, icon, words = VERDICTS[result.verdict]
    with st.container(border=True):
        head = st.container(horizontal=True, vertical_alignment="center")
        target = f"SKU {format.md(fix.sku)}" if fix.sku else _("All SKUs")
        reason = label(fix.reason) if fix.reason else _("all reasons")
        head.markdown(
            (":orange-badge[:material/science: " + _("Example on the demo shop") + "] " if example else "")
            + f":{colour}-badge[{icon} {_(words)}] **{format.md(fix.note) or _('Change')}** · {target} · {reason} · "
            + _("from {day}").format(day=format.day(pd.Timestamp(fix.date))),
            width="stretch",
        )
        if fix_id is not None and auth.can("fix_note"):
            with head.popover(_("Delete"), icon=":material/delete:"):
                st.markdown(_("Delete this note? Its verdict goes with it; the returns stay as they are."))
                if st.button(_("Yes, delete"), key=f"fix_delete_{fix_id}", type="primary"):
                    try:
                        state.store().delete_fix(fix_id)
                    except StoreError as err:
                        st.error(format.md(err), icon=":material/error:")
                    else:
                        st.session_state[MESSAGE] = _("Deleted the note “{note}”.").format(note=format.md(fix.note))
                        st.rerun()
        st.markdown(format.md(result.sentence))
        if result.method:
            with st.expander(_("All numbers")):
                st.caption(say(result.method))


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
    with (
        st.expander(_("Note a change"), expanded=expanded, icon=":material/edit_note:"),
        st.form("fix_form", clear_on_submit=True, enter_to_submit=True, border=False),
    ):
        if demo_shop:
            st.caption(
                ":material/science: " + _("This is the demo shop: notes are saved once your own returns sheet is imported (Upload).")
            )
        left, middle, right = st.columns([2, 2, 1])
        every_sku, every_reason, shown_as = _("All SKUs"), _("All reasons"), labeller()
        sku = left.selectbox("SKU", [None, *skus], format_func=lambda v: every_sku if v is None else v, key="fix_sku", disabled=demo_shop)
        reason = middle.selectbox(
            _("Reason it should reduce"),
            [None, *REASONS],
            format_func=lambda v: every_reason if v is None else shown_as(v),
            key="fix_reason",
            disabled=demo_shop,
        )
        day = right.date_input(
            _("From"),
            value=date.today(),
            format="YYYY-MM-DD",
            key="fix_date",
            disabled=demo_shop,
            help=_("The first day with the change in place: the weeks before it are compared with the weeks after."),
        )
        note = st.text_input(
            _("What changed"), placeholder=_("new packaging for SKU X from 2026-08-03"), key="fix_note", disabled=demo_shop, max_chars=300
        )
        saved = st.form_submit_button(_("Save the note"), icon=":material/add:", type="primary", disabled=demo_shop)
    if not saved:
        return
    if not (note or "").strip():
        st.error(_("Write what changed, for example “new packaging”: the note is how you will recognise it later."), icon=":material/edit:")
        return
    try:
        state.store().add_fix(date=day, note=note, sku=sku, reason=reason)
    except StoreError as err:
        st.error("**" + _("The note was not saved.") + f"** {err}", icon=":material/error:")
        return
    st.session_state[MESSAGE] = _("Saved: {note}.").format(note=note.strip())
    st.rerun()
