"""Fixes: note a change (new packaging, a new size chart) and see whether returns actually fell after it."""

from datetime import date

import pandas as pd
import streamlit as st

from analysis.common import sku_level
from analysis.fixes import Fix, FixResult, evaluate_fix
from data import demo
from data.errors import StoreError
from data.schema import REASONS
from ui import auth, format, orders, state

WEEKS = 8
VERDICTS = {  # badge colour, icon, words
    "fell": ("green", ":material/trending_down:", "returns fell"),
    "rose": ("red", ":material/trending_up:", "returns rose"),
    "no clear change": ("gray", ":material/trending_flat:", "no clear change"),
    "too early": ("blue", ":material/hourglass_top:", "too early to tell"),
}
EXAMPLE = Fix(demo.PLANTED["packaging_sku"], "Damaged packaging", demo.PLANTED["packaging_from"], "cheaper packaging supplier")


def covering(sold: pd.DataFrame | None, fix: Fix) -> pd.DataFrame | None:
    """The orders when they hold sales of the fix's SKU both before and after its date (a rate per unit sold); else None."""
    if sold is None:
        return None
    mine = sold if fix.sku is None else sold.loc[sold["sku"] == fix.sku]
    start = pd.Timestamp(fix.date)
    before = mine.loc[(mine["date"] < start) & (mine["date"] >= start - pd.Timedelta(weeks=WEEKS)), "units"].sum()
    after = mine.loc[mine["date"] >= start, "units"].sum()
    return mine if before > 0 and after > 0 else None


def card(fix: Fix, result: FixResult, *, example: bool = False, fix_id: int | None = None) -> None:
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
                        st.session_state["fix_message"] = f"Deleted the note “{format.md(fix.note)}”."
                        st.rerun()
        st.markdown(format.md(result.sentence))
        if result.method:
            with st.expander("All numbers"):
                st.caption(result.method)


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
    st.session_state["fix_message"] = f"Saved: {note.strip()}."
    st.rerun()


loaded = state.cases()
cases = loaded.frame
st.title("Fixes")
st.caption(f"Note a change (a new supplier, new packaging, a corrected size chart) and see whether its returns fell in the "
           f"{WEEKS} weeks after it. The sidebar filters do not apply here.")
with st.expander("How the verdict is decided", icon=":material/help:"):
    st.markdown(f"The {WEEKS} weeks of requests before the change's date are compared with the weeks after it (up to {WEEKS}): "
                "with an orders sheet (Return rate page), returns per unit sold; without one, the reason's share of the SKU's "
                "requests, or requests per week when the note is for all reasons. A verdict needs a change that chance would "
                "give less than 1 time in 20 (each card's *All numbers* names the test); otherwise it reads *no clear change*, "
                "or *too early to tell* with less than a week after the date.")

message = st.session_state.pop("fix_message", None)
if message:
    st.success(message, icon=":material/check_circle:")

skus = sorted(sku_level(cases)["sku"].dropna().astype(str).unique())
if loaded.is_demo:
    card(EXAMPLE, evaluate_fix(cases, EXAMPLE, weeks=WEEKS), example=True)
    st.caption("In the demo shop, HM-0042 moved to a cheaper packaging supplier on "
               f"{demo.PLANTED['packaging_from']:%-d %b %Y}: the test shows damaged-packaging returns rose after it.")
    note_form(skus, demo_shop=True, expanded=True)
    st.stop()

try:
    noted = state.store().fixes()
except StoreError as err:
    st.error(f"**The notes could not be read.** {err}", icon=":material/cloud_off:")
    st.stop()
# The verdicts first: they are what the page is for; the form is open only while nothing is noted.
if noted.empty:
    st.info("No change noted yet. Note one below: a new supplier, new packaging, a corrected size chart or product photo.",
            icon=":material/edit_note:")
else:
    sold = orders.stored()
    st.subheader(f"{len(noted):,} change{'s' if len(noted) != 1 else ''} noted")
    for row in noted.itertuples(index=False):
        fix = Fix(None if pd.isna(row.sku) else row.sku, None if pd.isna(row.reason) else row.reason, row.date, row.note)
        card(fix, evaluate_fix(cases, fix, orders=covering(sold, fix), weeks=WEEKS), fix_id=int(row.fix_id))
note_form(skus, demo_shop=False, expanded=noted.empty)
