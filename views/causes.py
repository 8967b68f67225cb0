"""Recurring causes: which SKU × reason pairs (or person, channel, request type) stand out beyond chance, and this week's spikes."""

import streamlit as st

from analysis.cause_figures import judged_days
from analysis.filters import PAIRS, pick_rows, picks_of_test
from analysis.recurring import now_and_earlier
from analysis.sources import as_of_words
from ui import cached, columns, drill, filters, format, rows
from ui.comments import terms_in_view, words_buyers_use
from ui.i18n import _, label

WORDS = {
    "sku": "SKU",
    "reason": _("reason"),
    "request_type": _("request type"),
    "handled_by": _("person in charge"),
    "channel": _("channel"),
}
STATUS = {  # badge colour, icon, what it means
    "new": ("blue", ":material/fiber_new:", _("stands out lately, ordinary before")),
    "growing": ("red", ":material/trending_up:", _("stood out before and is rising")),
    "recurring": ("orange", ":material/replay:", _("stood out before and still does")),
    "fading": ("green", ":material/trending_down:", _("falling against its own past")),
}
WEEKS, HISTORY_WEEKS, BASELINE_WEEKS = 8, 52, 8


spec = filters.current()

st.title(_("Recurring causes"))
by = PAIRS[filters.segmented("causes_pair", _("Look at"), {pair: _(pair) for pair in PAIRS})]
picks = picks_of_test(spec, by)  # the filters on the tested columns pick rows; the others narrow the cases tested
as_of = rows.index().latest
ends = cached.sources(spec, by)

notes = []
if picks:
    notes.append(_("the {filters} filter picks which pairs are shown").format(filters=format.listing([WORDS[n] for n in picks])))
if any(getattr(spec, n) for n in ("request_type", "reason", "sku") if n not in by):
    notes.append(_("the other filters choose which cases are tested"))
st.caption(
    _(
        "Each {first} × {second} pair is tested over the {weeks} weeks of request date to {end}, against what the {first}'s own "
        "volume and the rest of the shop's mix predict, and against its last {history} weeks. The period filter does not "
        "narrow this test: it needs that history."
    ).format(first=WORDS[by[0]], second=WORDS[by[1]], weeks=WEEKS, end=format.md(as_of_words(ends)), history=HISTORY_WEEKS)
    + (" " + _("Filters: {notes}.").format(notes="; ".join(notes)) if notes else "")
)

found = pick_rows(cached.recurring(spec, by, weeks=WEEKS, history_weeks=HISTORY_WEEKS), picks)
now, earlier = now_and_earlier(found)
if now.empty:
    tested_cases, pairs = cached.tested(spec, by, as_of, WEEKS)
    if not tested_cases:
        st.info(
            _("No cases in this view in the last {weeks} weeks: there is nothing to test. Clear a filter in the sidebar.").format(
                weeks=WEEKS
            ),
            icon=":material/filter_alt_off:",
        )
    else:
        st.success(
            _(
                "**Nothing stands out beyond chance lately.** {pairs} {first} × {second} pairs with {cases} cases in the last "
                "{weeks} weeks were tested: none is above what its volume and the shop's mix predict, with at least 5 cases and "
                "fewer than 1 in 20 such findings left to chance."
            ).format(pairs=format.number(pairs), first=WORDS[by[0]], second=WORDS[by[1]], cases=format.number(tested_cases), weeks=WEEKS),
            icon=":material/check_circle:",
        )
else:
    st.subheader((_("{n} pair stands out") if len(now) == 1 else _("{n} pairs stand out")).format(n=len(now)))
    shown = {"reason": label, "request_type": label}
    for row in now.itertuples(index=False):
        colour, icon, _meaning = STATUS.get(row.status, ("gray", ":material/help:", ""))
        stale = row.as_of < as_of
        first_value, second_value = (shown.get(n, str)(getattr(row, n)) for n in by)
        with st.container(border=True):
            st.markdown(
                f":{colour}-badge[{icon} {_(row.status)}] **{format.md(first_value)} · {format.md(second_value)}**"
                + (
                    " :gray-badge[:material/history: " + _("as of {day}, where its data ends").format(day=format.day(row.as_of)) + "]"
                    if stale
                    else ""
                )
            )
            st.markdown(format.md(row.evidence))
            rate = (
                _("{lift}× the shop's rate").format(lift=format.decimal(row.lift))
                if row.expected >= 0.1
                else _("the rest of the shop has next to none")
            )
            st.caption(
                _("{count} cases against {expected} expected").format(count=format.number(row.count), expected=format.decimal(row.expected))
                + f" · {rate}"
            )
            first, last = judged_days(row.as_of, WEEKS)
            pair = spec.narrowed(
                **{by[0]: str(getattr(row, by[0])), by[1]: str(getattr(row, by[1]))}, start=f"{first:%Y-%m-%d}", end=f"{last:%Y-%m-%d}"
            )
            drill.button(
                _("Its {cases}").format(cases=format.count(row.count, "case")),
                pair,
                key=f"causes_cases_{getattr(row, by[0])}_{getattr(row, by[1])}",
            )
    st.caption(" · ".join(f":{colour}-badge[{_(s)}] {meaning}" for s, (colour, _icon, meaning) in STATUS.items()))
if len(earlier):
    st.markdown(
        "**"
        + _("Earlier: stood out over the last {history} weeks, no case in the last {weeks}").format(history=HISTORY_WEEKS, weeks=WEEKS)
        + "**"
    )
    for row in earlier.itertuples(index=False):
        st.markdown(f"- {format.md(row.evidence)}")
if len(found):
    with st.expander(_("All numbers")):
        st.caption(_("q is the false-discovery-adjusted p-value: below 0.05, fewer than 1 in 20 such findings is chance."))
        table = found[[*by, "status", "count", "expected", "lift", "q_value", "weeks_flagged", "volume", "share", "as_of", "evidence"]]
        st.dataframe(
            columns.translated(drill.sku_links(table, spec) if by[0] == "sku" else table),
            hide_index=True,
            key="causes_table",
            column_config={
                by[0]: drill.sku_column() if by[0] == "sku" else WORDS[by[0]].capitalize(),
                by[1]: WORDS[by[1]].capitalize(),
                "status": _("Status"),
                "count": st.column_config.NumberColumn(_("Cases"), help=_("In the last {weeks} weeks").format(weeks=WEEKS)),
                "expected": st.column_config.NumberColumn(
                    _("Expected"), format="%.1f", help=_("What the {first}'s volume and the shop's mix predict").format(first=WORDS[by[0]])
                ),
                "lift": st.column_config.NumberColumn(
                    _("Times the shop's rate"), format="%.2f×", help=_("Shrunk toward 1 for small volumes")
                ),
                "q_value": st.column_config.NumberColumn(
                    _("Chance level (q)"), format="%.2g", help=_("False-discovery-adjusted p-value; below 0.05 stands out")
                ),
                "weeks_flagged": st.column_config.NumberColumn(_("Weeks standing out")),
                "volume": st.column_config.NumberColumn(_("All cases of the {first}").format(first=WORDS[by[0]])),
                "share": st.column_config.NumberColumn(_("Share of the {first}'s cases").format(first=WORDS[by[0]]), format="percent"),
                "as_of": st.column_config.DatetimeColumn(_("Judged as of"), format=columns.when("D MMM YYYY")),
                "evidence": st.column_config.TextColumn(_("Evidence"), width="large"),
            },
        )

st.subheader(_("Spikes this week"))
found_spikes = cached.spike_weeks(spec, baseline_weeks=BASELINE_WEEKS)
latest = found_spikes.latest
if latest is None:
    st.info(_("No requests to look at."), icon=":material/filter_alt_off:")
    st.stop()
for spike in found_spikes.this_week:
    st.warning(format.md(spike.evidence), icon=":material/bolt:")
    drill.button(
        _("Its {cases}").format(cases=format.count(spike.count, "case")), spike.cases_in(spec), key=f"causes_spike_{spike.by}_{spike.value}"
    )
if not found_spikes.this_week:
    st.success(
        _(
            "**No spike in the week of {day}.** Every reason and request type was tested against its own previous {weeks} "
            "weeks: a spike needs at least 10 requests, twice the usual weekly count and a share up 5 points."
        ).format(day=format.day(latest), weeks=BASELINE_WEEKS),
        icon=":material/check_circle:",
    )
behind = [e for e in cached.sources(spec) if e.behind]
if behind:
    st.caption(
        _("This week's spikes read only the data that runs to this week: {ends}.").format(
            ends="; ".join(_("{source} ends {day}").format(source=e.source, day=format.day(e.last)) for e in behind)
        )
    )
if found_spikes.earlier:
    st.markdown("**" + _("Earlier spikes") + f"** ({_(spec.period).lower()})")
    for sentence in found_spikes.earlier:
        st.markdown(f"- {format.md(sentence)}")

words_buyers_use(None, key="causes_words", found=terms_in_view(spec))
