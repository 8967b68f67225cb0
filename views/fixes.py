"""Fixes: note a change (new packaging, a new size chart) and see whether returns actually fell after it."""

import streamlit as st

from analysis.fix_notes import WEEKS, covering, noted_fixes
from analysis.fixes import Fix, evaluate_fix
from analysis.skus import sku_names
from data import demo
from data.errors import StoreError
from ui import fixes, format, orders, state
from ui.i18n import _

EXAMPLE = Fix(demo.PLANTED["packaging_sku"], "Damaged packaging", demo.PLANTED["packaging_from"], "cheaper packaging supplier")

loaded = state.cases()
cases = loaded.frame
st.title(_("Fixes"))
st.caption(
    _(
        "Note a change (a new supplier, new packaging, a corrected size chart) and see whether its returns fell in the "
        "{weeks} weeks after it. The sidebar filters do not apply here."
    ).format(weeks=WEEKS)
)
with st.expander(_("How the verdict is decided"), icon=":material/help:"):
    st.markdown(
        _(
            "The {weeks} weeks of requests before the change's date are compared with the weeks after it (up to {weeks}): "
            "with an orders sheet (Return rate page), returns per unit sold; without one, the reason's share of the SKU's "
            "requests, or requests per week when the note is for all reasons. A verdict needs a change that chance would "
            "give less than 1 time in 20 (each card's *All numbers* names the test); otherwise it reads *no clear change*, "
            "or *too early to tell* with less than a week after the date."
        ).format(weeks=WEEKS)
    )

fixes.announce()

skus = sku_names(cases)
if loaded.is_demo:
    fixes.card(EXAMPLE, evaluate_fix(cases, EXAMPLE, weeks=WEEKS), example=True)
    st.caption(
        _(
            "In the demo shop, HM-0042 moved to a cheaper packaging supplier on {day}: the test shows damaged-packaging "
            "returns rose after it."
        ).format(day=format.day(demo.PLANTED["packaging_from"]))
    )
    fixes.note_form(skus, demo_shop=True, expanded=True)
    st.stop()

try:
    noted = state.store().fixes()
except StoreError as err:
    st.error("**" + _("The notes could not be read.") + f"** {err}", icon=":material/cloud_off:")
    st.stop()
# The verdicts first: they are what the page is for; the form is open only while nothing is noted.
if noted.empty:
    st.info(
        _("No change noted yet. Note one below: a new supplier, new packaging, a corrected size chart or product photo."),
        icon=":material/edit_note:",
    )
else:
    sold = orders.stored()
    st.subheader((_("{n} change noted") if len(noted) == 1 else _("{n} changes noted")).format(n=format.number(len(noted))))
    for fix_id, fix in noted_fixes(noted):
        fixes.card(fix, evaluate_fix(cases, fix, orders=covering(sold, fix), weeks=WEEKS), fix_id=fix_id)
fixes.note_form(skus, demo_shop=False, expanded=noted.empty)
