""" "Words buyers use": frequent words and phrases in buyers' comments per reason, to suggest new reason rules."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.comments import frequent_terms
from analysis.filters import FilterSpec
from ui import columns, format, rows, state
from ui.i18n import N_, _, n_

TOP, MIN_COUNT = 8, 3
LIFT_HELP = N_("How many times more often buyers of this reason use it than the rest of the shop; blank: only under this reason")


# What `frequent_terms` reads of the cases.
READ = ("comment", "reason", "courier_return")


@state.per_version
@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=state.KEYS)
def _terms(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    cases = state.cases().frame
    return frequent_terms(cases.loc[rows.index().rows(spec), [c for c in READ if c in cases.columns]], top=TOP, min_count=MIN_COUNT)


def terms_in_view(spec: FilterSpec) -> pd.DataFrame:
    """`frequent_terms` of the loaded cases in the view `spec`, once per data version and view."""
    return _terms(*rows.key(), spec)


def words_buyers_use(selected: pd.DataFrame | None, key: str, *, found: pd.DataFrame | None = None) -> None:
    """The section: `Other` first (where a new rule would help most), then every reason, for the cases in view
    (`selected`, or their `frequent_terms` when the caller has them as `found`)."""
    st.subheader(_("Words buyers use"))
    st.caption(
        _(
            "The most frequent words and two-word phrases in buyers' comments for the cases in view (at least {n} "
            "times; common words left out). Words that keep coming up under Other are candidates for a new reason rule."
        ).format(n=MIN_COUNT)
    )
    if found is None:
        found = frequent_terms(selected, top=TOP, min_count=MIN_COUNT)
    if found.empty:
        st.info(_("No word comes up often enough in the comments of this view."), icon=":material/chat_bubble_outline:")
        return
    found = without_echoes(found)
    found = found.assign(lift=found["lift"].where(found["lift"] != float("inf")))  # never used elsewhere: shown as blank
    other = found.loc[found["reason"] == "Other"]
    if len(other):
        terms = zip(other["term"], other["count"], strict=True)
        st.markdown("**" + _("Under Other") + "** — " + ", ".join(f"“{format.md(t)}” ({c:,})" for t, c in terms))
    reasons = [r for r in dict.fromkeys(found["reason"]) if r != "Other"]
    if reasons:
        with st.expander(
            n_("Per reason ({n} reason)", "Per reason ({n} reasons)", len(reasons)).format(n=len(reasons)), icon=":material/forum:"
        ):
            st.dataframe(
                columns.translated(found.loc[found["reason"] != "Other"]),
                hide_index=True,
                key=key,
                column_config={
                    "reason": _("Reason"),
                    "term": _("Word or phrase"),
                    "words": None,
                    "count": st.column_config.NumberColumn(_("Comments"), help=_("How many comments of this reason use it")),
                    "share": st.column_config.NumberColumn(_("Share of the reason's comments"), format="percent"),
                    "lift": st.column_config.NumberColumn(_("Times more often than elsewhere"), format="%.1f×", help=_(LIFT_HELP)),
                },
            )


def without_echoes(found: pd.DataFrame) -> pd.DataFrame:
    """Drop a single word that only ever appears inside a listed phrase of the same reason (same count): it says nothing more.

    >>> t = pd.DataFrame({"reason": ["Other"] * 3, "term": ["alasan pribadi", "alasan", "gift"], "words": [2, 1, 1], "count": [20, 20, 9]})
    >>> without_echoes(t)["term"].tolist()
    ['alasan pribadi', 'gift']
    """
    phrases = found.loc[found["words"] > 1]
    echoed = {(r, w, c) for r, t, c in zip(phrases["reason"], phrases["term"], phrases["count"], strict=True) for w in t.split()}
    rows = zip(found["reason"], found["term"], found["count"], found["words"], strict=True)
    keep = [n > 1 or (r, t, c) not in echoed for r, t, c, n in rows]
    return found.loc[keep]
