"""Fixes: note a change (new packaging, a new size chart) and see whether returns actually fell after it."""

import streamlit as st

from analysis.fix_notes import WEEKS, covering, noted_fixes
from analysis.fixes import Fix, evaluate_fix
from analysis.skus import sku_names
from data import demo
from data.store import StoreError
from ui import fixes, orders, state

EXAMPLE = Fix(demo.PLANTED["packaging_sku"], "Damaged packaging", demo.PLANTED["packaging_from"], "cheaper packaging supplier")

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

fixes.announce()

skus = sku_names(cases)
if loaded.is_demo:
    fixes.card(EXAMPLE, evaluate_fix(cases, EXAMPLE, weeks=WEEKS), example=True)
    st.caption("In the demo shop, HM-0042 moved to a cheaper packaging supplier on "
               f"{demo.PLANTED['packaging_from']:%-d %b %Y}: the test shows damaged-packaging returns rose after it.")
    fixes.note_form(skus, demo_shop=True, expanded=True)
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
    for fix_id, fix in noted_fixes(noted):
        fixes.card(fix, evaluate_fix(cases, fix, orders=covering(sold, fix), weeks=WEEKS), fix_id=fix_id)
fixes.note_form(skus, demo_shop=False, expanded=noted.empty)
