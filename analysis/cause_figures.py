"""The figures of the Recurring causes page around the tests themselves: how much a quiet test looked at, the
days a pair was judged on, and this week's and earlier weeks' spikes of a view."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.common import week_start
from analysis.filters import FilterSpec, narrow_for_test, pick_rows, picks_of_test
from analysis.spikes import Spike, spike_list, spike_table, spikes


def cases_and_pairs_tested(
    tested: pd.DataFrame, by: Sequence[str], rows: Mapping[str, Sequence[str]], as_of: pd.Timestamp, weeks: int
) -> tuple[int, int]:
    """How many cases, and how many pairs of `by`, the recurring test read in its last `weeks` weeks to `as_of`
    (cases that leave a column of the pair blank are not tested); `rows` picks the shown rows (`narrow_for_test`).

    >>> cases = pd.DataFrame({"sku": ["A", "A", "B", "B", None], "reason": ["x", "y", "x", "x", "x"],
    ...                       "request_date": pd.to_datetime(["2026-11-20", "2026-11-21", "2026-11-22", "2026-08-01", "2026-11-22"])})
    >>> cases_and_pairs_tested(cases, ("sku", "reason"), {}, pd.Timestamp("2026-11-22"), 8)
    (3, 3)
    >>> cases_and_pairs_tested(cases, ("sku", "reason"), {"sku": ("B",)}, pd.Timestamp("2026-11-22"), 8)
    (1, 1)
    """
    recent = tested[tested["request_date"] > as_of.normalize() - pd.Timedelta(weeks=weeks)].dropna(subset=list(by))
    window = pick_rows(recent, rows)
    return len(window), window.groupby(list(by), observed=True).ngroups


def judged_days(as_of: pd.Timestamp, weeks: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the `weeks` weeks a pair judged as of `as_of` was tested on (weeks start on Monday).

    >>> [f"{d:%a %d %b}" for d in judged_days(pd.Timestamp("2026-11-25"), 2)]
    ['Mon 16 Nov', 'Wed 25 Nov']
    """
    first = week_start(pd.Series([as_of])).iloc[0] - pd.Timedelta(weeks=weeks - 1)
    return first, as_of


@dataclass(frozen=True)
class SpikeWeeks:
    latest: pd.Timestamp | None  # the latest week with requests; None: nothing to look at
    this_week: list[Spike]  # the spikes of the latest week
    earlier: list[str]  # the evidence of earlier spikes within the view's period, newest week first


def spike_weeks(
    cases: pd.DataFrame,
    spec: FilterSpec,
    dimensions: Sequence[str] = ("reason", "request_type"),
    *,
    baseline_weeks: int = 8,
    tables: Mapping[str, pd.DataFrame] | None = None,
    spikes_at: Callable[[str, pd.Timestamp | None], pd.DataFrame] | None = None,
) -> SpikeWeeks:
    """The spikes of each dimension in a view: filters on the dimension pick rows, other filters narrow the cases
    (`narrow_for_test`); earlier spikes are those from the week holding the period's first day on.

    A caller that keeps them (they depend only on `filters.narrowing_part`) may pass `tables`, each dimension's
    `spike_table` of the cases its test sees, and `spikes_at(dim, week)`, their `spikes` of a week (None: the latest).

    >>> weeks = pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]).repeat([20, 20, 40, 40])
    >>> cases = pd.DataFrame({"request_date": weeks,
    ...     "reason": ["A"] * 2 + ["B"] * 18 + ["A"] * 2 + ["B"] * 18 + ["A"] * 20 + ["B"] * 20 + ["A"] * 10 + ["B"] * 30})
    >>> got = spike_weeks(cases, FilterSpec(period="All time"), ("reason",), baseline_weeks=2)
    >>> f"{got.latest:%d %b}", got.this_week, got.earlier
    ('23 Nov', [], ['A: 20 requests in the week of 16 Nov 2026 against 2.0 a week before (10.0×); 50% of all requests against 10%.'])
    """
    rows = {dim: picks_of_test(spec, (dim,)) for dim in dimensions}
    if tables is None or spikes_at is None:
        tested = {dim: narrow_for_test(cases, spec, (dim,))[0] for dim in dimensions}
        tables = {dim: spike_table(tested[dim], dim, baseline_weeks=baseline_weeks) for dim in dimensions}

        def spikes_at(dim: str, week: pd.Timestamp | None) -> pd.DataFrame:
            return spikes(tested[dim], dim, week=week, baseline_weeks=baseline_weeks)

    latest = max((t["week"].max() for t in tables.values() if len(t)), default=None)
    if latest is None:
        return SpikeWeeks(None, [], [])
    this_week = [spike for dim in dimensions for spike in spike_list(pick_rows(spikes_at(dim, None), rows[dim]), dim)]
    window = spec.window(cases)
    weeks = sorted(
        {
            w
            for dim, t in tables.items()
            for w in pick_rows(t.loc[t["spike"]], rows[dim])["week"]
            if w < latest and (window is None or w >= window[0] - pd.Timedelta(days=6))
        },
        reverse=True,
    )
    earlier = [sentence for week in weeks for dim in dimensions for sentence in pick_rows(spikes_at(dim, week), rows[dim])["evidence"]]
    return SpikeWeeks(latest, this_week, earlier)
