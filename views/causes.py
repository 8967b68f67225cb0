"""Recurring causes: which SKU × reason pairs (or person, channel, request type) stand out beyond chance, and this week's spikes."""

import streamlit as st

from analysis.cause_figures import cases_and_pairs_tested, judged_days, spike_weeks
from analysis.filters import PAIRS, narrow_for_test, pick_rows
from analysis.recurring import now_and_earlier
from analysis.sources import as_of_words, source_ends
from ui import cached, drill, filters, format, state
from ui.comments import words_buyers_use

WORDS = {"sku": "SKU", "reason": "reason", "request_type": "request type", "handled_by": "person in charge", "channel": "channel"}
STATUS = {  # badge colour, icon, what it means
    "new": ("blue", ":material/fiber_new:", "stands out lately, ordinary before"),
    "growing": ("red", ":material/trending_up:", "stood out before and is rising"),
    "recurring": ("orange", ":material/replay:", "stood out before and still does"),
    "fading": ("green", ":material/trending_down:", "falling against its own past"),
}
WEEKS, HISTORY_WEEKS, BASELINE_WEEKS = 8, 52, 8


cases = state.cases().frame
spec = filters.current()

st.title("Recurring causes")
choice = st.segmented_control("Look at", list(PAIRS), default=list(PAIRS)[0], key="causes_pair", required=True,
                          bind="query-params")
by = PAIRS[choice or list(PAIRS)[0]]
tested, rows = narrow_for_test(cases, spec, by)
as_of = cases["request_date"].max()
ends = source_ends(tested, as_of)

notes = []
if rows:
    notes.append(f"the {' and '.join(WORDS[n] for n in rows)} filter picks which pairs are shown")
if any(getattr(spec, n) for n in ("request_type", "reason", "sku") if n not in by):
    notes.append("the other filters choose which cases are tested")
st.caption(f"Each {WORDS[by[0]]} × {WORDS[by[1]]} pair is tested over the {WEEKS} weeks of request date to {format.md(as_of_words(ends))}, "
           f"against what the {WORDS[by[0]]}'s own volume and the rest of the shop's mix predict, and against its last "
           f"{HISTORY_WEEKS} weeks. The period filter does not narrow this test: it needs that history."
           + (f" Filters: {'; '.join(notes)}." if notes else ""))

found = pick_rows(cached.recurring(spec, by, weeks=WEEKS, history_weeks=HISTORY_WEEKS), rows)
now, earlier = now_and_earlier(found)
if now.empty:
    tested_cases, pairs = cases_and_pairs_tested(tested, by, rows, as_of, WEEKS)
    if not tested_cases:
        st.info(f"No cases in this view in the last {WEEKS} weeks: there is nothing to test. Clear a filter in the sidebar.",
                icon=":material/filter_alt_off:")
    else:
        st.success(f"**Nothing stands out beyond chance lately.** {pairs:,} {WORDS[by[0]]} × {WORDS[by[1]]} pairs with "
                   f"{tested_cases:,} cases in the last {WEEKS} weeks were tested: none is above what its volume and the shop's mix "
                   "predict, with at least 5 cases and fewer than 1 in 20 such findings left to chance.",
                   icon=":material/check_circle:")
else:
    st.subheader(f"{len(now)} {'pair stands' if len(now) == 1 else 'pairs stand'} out")
    for row in now.itertuples(index=False):
        colour, icon, _ = STATUS.get(row.status, ("gray", ":material/help:", ""))
        stale = row.as_of < as_of
        with st.container(border=True):
            st.markdown(f":{colour}-badge[{icon} {row.status}] **{format.md(getattr(row, by[0]))} · {format.md(getattr(row, by[1]))}**"
                        + (f" :gray-badge[:material/history: as of {row.as_of:%-d %b %Y}, where its data ends]" if stale else ""))
            st.markdown(format.md(row.evidence))
            rate = f"{row.lift:.1f}× the shop's rate" if row.expected >= 0.1 else "the rest of the shop has next to none"
            st.caption(f"{row.count:,} cases against {row.expected:,.1f} expected · {rate}")
            first, last = judged_days(row.as_of, WEEKS)
            pair = spec.narrowed(**{by[0]: str(getattr(row, by[0])), by[1]: str(getattr(row, by[1]))},
                                 start=f"{first:%Y-%m-%d}", end=f"{last:%Y-%m-%d}")
            drill.button(f"Its {row.count:,} cases", pair, key=f"causes_cases_{getattr(row, by[0])}_{getattr(row, by[1])}")
    st.caption(" · ".join(f":{c}-badge[{s}] {m}" for s, (c, _, m) in STATUS.items()))
if len(earlier):
    st.markdown(f"**Earlier: stood out over the last {HISTORY_WEEKS} weeks, no case in the last {WEEKS}**")
    for row in earlier.itertuples(index=False):
        st.markdown(f"- {format.md(row.evidence)}")
if len(found):
    with st.expander("All numbers"):
        st.caption("q is the false-discovery-adjusted p-value: below 0.05, fewer than 1 in 20 such findings is chance.")
        table = found[[*by, "status", "count", "expected", "lift", "q_value", "weeks_flagged", "volume", "share", "as_of", "evidence"]]
        st.dataframe(drill.sku_links(table, spec) if by[0] == "sku" else table,
                     hide_index=True, key="causes_table", column_config={
                         by[0]: drill.sku_column() if by[0] == "sku" else WORDS[by[0]].capitalize(),
                         by[1]: WORDS[by[1]].capitalize(), "status": "Status",
                         "count": st.column_config.NumberColumn("Cases", help=f"In the last {WEEKS} weeks"),
                         "expected": st.column_config.NumberColumn("Expected", format="%.1f",
                                                                help=f"What the {WORDS[by[0]]}'s volume and the shop's mix predict"),
                         "lift": st.column_config.NumberColumn("Times the shop's rate", format="%.2f×",
                                                               help="Shrunk toward 1 for small volumes"),
                         "q_value": st.column_config.NumberColumn("Chance level (q)", format="%.2g",
                                                               help="False-discovery-adjusted p-value; below 0.05 stands out"),
                         "weeks_flagged": st.column_config.NumberColumn("Weeks standing out"),
                         "volume": st.column_config.NumberColumn(f"All cases of the {WORDS[by[0]]}"),
                         "share": st.column_config.NumberColumn(f"Share of the {WORDS[by[0]]}'s cases", format="percent"),
                         "as_of": st.column_config.DatetimeColumn("Judged as of", format="D MMM YYYY"),
                         "evidence": st.column_config.TextColumn("Evidence", width="large")})

st.subheader("Spikes this week")
found_spikes = spike_weeks(cases, spec, baseline_weeks=BASELINE_WEEKS)
latest = found_spikes.latest
if latest is None:
    st.info("No requests to look at.", icon=":material/filter_alt_off:")
    st.stop()
for spike in found_spikes.this_week:
    st.warning(format.md(spike.evidence), icon=":material/bolt:")
    drill.button(f"Its {spike.count:,} cases", spike.cases_in(spec), key=f"causes_spike_{spike.by}_{spike.value}")
if not found_spikes.this_week:
    st.success(f"**No spike in the week of {latest:%-d %b %Y}.** Every reason and request type was tested against its own "
               f"previous {BASELINE_WEEKS} weeks: a spike needs at least 10 requests, twice the usual weekly count and a share "
               "up 5 points.", icon=":material/check_circle:")
behind = [e for e in source_ends(cases, as_of) if e.behind]
if behind:
    st.caption("This week's spikes read only the data that runs to this week: "
               + "; ".join(f"{e.source} ends {e.last:%-d %b %Y}" for e in behind) + ".")
if found_spikes.earlier:
    st.markdown(f"**Earlier spikes** ({spec.period.lower()})")
    for sentence in found_spikes.earlier:
        st.markdown(f"- {format.md(sentence)}")

words_buyers_use(spec.apply(cases), key="causes_words")
