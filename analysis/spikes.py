"""Spikes: a reason (or request type) jumping this week against its own trailing weeks, shop-wide.

Rule, for a value of `by` in one week, against the `baseline_weeks` weeks before it:
  - at least `min_count` requests this week (so 3 against 1 never alarms),
  - at least `min_ratio` times the baseline's weekly mean,
  - its share of all requests up by at least `min_share_rise` (0.05 = 5 points), so a week that is
    simply busier everywhere does not count,
  - and an exact test that the share rose: given this week's and the baseline weeks' counts of the
    value, this week's count is binomial with this week's fraction of all their requests if nothing
    changed (`scipy.stats.binom.sf`, one-sided), at p <= `alpha` (0.001: a year of weekly checks on
    a dozen values is several hundred tests).
A spike is then tied to a person in charge, SKU or channel when one of them holds at least half of
the spike's requests and at least twice their usual share. Courier returns are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.common import NO_DAY, Mask, buyer_mask, buyer_requests, codes, date_column, sku_level, sorted_codes, week_days, week_start
from analysis.filters import DIMENSIONS, FilterSpec
from analysis.phrases import N_, Day, Num, Phrase, Share, Word
from analysis.row_index import RowIndex
from analysis.sources import current_rows
from data.lazy import Lazy

# SciPy, imported on first use (data.lazy)
binom = Lazy("scipy.stats", "binom")

# A spike held by one person, SKU or channel: "{k} of {n} handled by Budi".
TIE_DIMENSIONS: dict[str, str] = {
    "handled_by": N_("{k} of {n} handled by {top}"),
    "sku": N_("{k} of {n} for SKU {top}"),
    "channel": N_("{k} of {n} on {top}"),
}
SPIKE_COLUMNS = ("count", "total", "share", "baseline", "baseline_share", "ratio", "p_value", "spike")


def weekly_grid(
    cases: pd.DataFrame, by: str, *, basis: str = "request", start: str = "MON", rows: Mask | None = None, index: RowIndex | None = None
) -> pd.DataFrame:
    """Requests per week (rows: every week from the first to the last, quiet ones with 0) and value of `by` (columns).

    Counted as `analysis.weekly.weekly_counts` counts (buyer requests by the week of their `basis` date), straight from
    integer codes: one `np.bincount`, no row copied. Requests whose file gives no value of `by` are left out here, as a
    missing value cannot spike. `rows` (default: all) reads only those rows of `cases`, as `cases.loc[rows]` would;
    `index`, the `RowIndex` of `cases` when the caller keeps one, gives the codes and weeks it has already read.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-02", "2026-11-03", "2026-11-16", "2026-11-17"]),
    ...                       "reason": ["A", "B", "A", None]})
    >>> grid = weekly_grid(cases, "reason")
    >>> grid.index.strftime("%d %b").tolist(), grid.to_dict("list")
    (['02 Nov', '09 Nov', '16 Nov'], {'A': [1.0, 0.0, 1.0], 'B': [1.0, 0.0, 0.0]})
    """
    values = cases[by]
    categorical = isinstance(values.dtype, pd.CategoricalDtype)
    if index is not None and categorical and by in DIMENSIONS:
        found, labels = index.codes(by)
    else:
        found, labels = codes(values) if categorical else sorted_codes(values)  # in a sorted group-by's order
    if index is not None and date_column(basis) == "request_date":
        day, buyers = index.weeks(start), index.buyers
    else:
        day, buyers = week_days(cases[date_column(basis)], start), buyer_mask(cases)
    keep = (found >= 0) & (day != NO_DAY) & buyers
    if rows is not None:
        keep &= rows
    kept = np.flatnonzero(keep)  # read by position: a boolean mask over every case costs as much each time it is read
    if not len(kept):
        return pd.DataFrame()
    weeks = day[kept]
    first = int(weeks.min())
    n_weeks, n_values = (int(weeks.max()) - first) // 7 + 1, len(labels)
    count = np.bincount((weeks - first) // 7 * n_values + found[kept], minlength=n_weeks * n_values).reshape(n_weeks, n_values)
    held = count.any(axis=0)  # values no request holds
    columns = pd.Index(labels[held], dtype=None if values.dtype == object else values.dtype, name=by)  # as a group-by names them
    week_index = pd.date_range(pd.Timestamp(first, unit="D"), periods=n_weeks, freq="7D", unit="ns")
    return pd.DataFrame(count[:, held].astype(float), index=week_index, columns=columns)


@dataclass(frozen=True)
class Spike:
    """One spike: the value of `by` that spiked, its week (a Monday), its requests that week and the evidence sentence."""

    by: str
    value: str
    week: pd.Timestamp
    count: int
    evidence: str  # a Phrase: said in the interface's language

    def cases_in(self, spec: FilterSpec) -> FilterSpec:
        """The view narrowed to this spike's requests: its value, from its Monday to that Sunday.

        >>> Spike("reason", "Defective", pd.Timestamp("2026-11-16"), 20, "").cases_in(FilterSpec()).to_query()
        {'reason': ['Defective'], 'start': ['2026-11-16'], 'end': ['2026-11-22']}
        """
        return spec.narrowed(**{self.by: self.value}, start=f"{self.week:%Y-%m-%d}", end=f"{self.week + pd.Timedelta(days=6):%Y-%m-%d}")


def spike_list(found: pd.DataFrame, by: str) -> list[Spike]:
    """The rows of a `spikes` table as `Spike`s, in the table's order."""
    return [Spike(by, str(row[by]), pd.Timestamp(row["week"]), int(row["count"]), row["evidence"]) for row in found.to_dict("records")]


def spike_table(
    cases: pd.DataFrame,
    by: str = "reason",
    *,
    baseline_weeks: int = 8,
    min_count: int = 10,
    min_ratio: float = 2.0,
    min_share_rise: float = 0.05,
    alpha: float = 0.001,
    basis: str = "request",
    start: str = "MON",
    rows: Mask | None = None,
    index: RowIndex | None = None,
) -> pd.DataFrame:
    """Every week × value with its baseline and whether the spike rule fires (column `spike`).

    Columns: `week`, `by`, `count`, `total` (all requests that week), `share`, `baseline` (mean weekly
    count of the weeks before), `baseline_share`, `ratio`, `p_value`, `spike`. Weeks without a full
    baseline are never spikes. `rows` and `index` as for `weekly_grid`.

    >>> days = pd.to_datetime(["2026-11-02"] * 20 + ["2026-11-09"] * 20 + ["2026-11-16"] * 40)
    >>> cases = pd.DataFrame({"request_date": days, "reason": (["A"] * 2 + ["B"] * 18) * 2 + ["A"] * 20 + ["B"] * 20})
    >>> t = spike_table(cases, baseline_weeks=2)
    >>> t[t.spike][["reason", "count", "baseline", "share", "baseline_share"]].values.tolist()
    [['A', 20, 2.0, 0.5, 0.1]]
    """
    count = weekly_grid(cases, by, basis=basis, start=start, rows=rows, index=index)
    if count.empty:
        return pd.DataFrame({column: [] for column in ["week", by, *SPIKE_COLUMNS]})
    c = count.to_numpy()
    total = c.sum(axis=1, keepdims=True)
    base = pd.DataFrame(c).rolling(baseline_weeks, min_periods=baseline_weeks).sum().shift(1).to_numpy()
    base_total = pd.DataFrame(total).rolling(baseline_weeks, min_periods=baseline_weeks).sum().shift(1).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = c / total
        baseline_share = base / base_total
        baseline = base / baseline_weeks
        ratio = c / baseline
        frac = total / (total + base_total)  # 0 / 0 for a quiet week after quiet weeks: no test (nan, then 1.0 below)
    p = np.where(np.isnan(base), np.nan, binom.sf(c - 1, c + np.nan_to_num(base), np.nan_to_num(frac, nan=1.0)))
    spike = (c >= min_count) & (c >= min_ratio * baseline) & (share >= baseline_share + min_share_rise) & (p <= alpha)
    n_weeks, n_values = c.shape
    out = pd.DataFrame(
        {
            "week": np.repeat(count.index.to_numpy(), n_values),
            by: np.tile(count.columns.to_numpy(), n_weeks),
            "count": c.ravel().astype(np.int64),
            "total": np.repeat(total.ravel(), n_values).astype(np.int64),
            "share": share.ravel(),
            "baseline": baseline.ravel(),
            "baseline_share": baseline_share.ravel(),
            "ratio": ratio.ravel(),
            "p_value": p.ravel(),
            "spike": spike.ravel(),
        }
    )
    return out[out["count"] > 0].reset_index(drop=True)


def spikes(
    cases: pd.DataFrame,
    by: str = "reason",
    *,
    week: pd.Timestamp | str | None = None,
    baseline_weeks: int = 8,
    min_count: int = 10,
    min_ratio: float = 2.0,
    min_share_rise: float = 0.05,
    start: str = "MON",
    rows: Mask | None = None,
    index: RowIndex | None = None,
) -> pd.DataFrame:
    """The spikes of one week (default: the latest week in the data), each with `tied_to` and an `evidence` sentence.

    See the module docstring for the rule; `spike_table` has every week. For the latest week only the sources that
    run to it are read (`analysis.sources.current_sources`): a source that stopped earlier would lower the shares it
    used to hold in the baseline, and every other value would seem to jump. `rows` (default: all) reads only those
    rows of `cases`, as `cases.loc[rows]` would, copying rows only when a spike is found; `index` is the `RowIndex` of
    `cases` when the caller keeps one (see `weekly_grid`).

    >>> days = pd.to_datetime(["2026-11-02"] * 20 + ["2026-11-09"] * 20 + ["2026-11-16"] * 40)
    >>> cases = pd.DataFrame({"request_date": days, "reason": (["A"] * 2 + ["B"] * 18) * 2 + ["A"] * 20 + ["B"] * 20,
    ...     "handled_by": ["Eko"] * 40 + ["Dewi"] * 16 + ["Eko"] * 24})
    >>> print(spikes(cases, baseline_weeks=2).evidence.iloc[0])
    A: 20 requests in the week of 16 Nov 2026 against 2.0 a week before (10.0×); 50% of all requests against 10%. 16 of 20 handled by Dewi.
    """
    if week is None:
        rows = current_rows(cases, rows=rows, sources=None if index is None else index.sources)
    table = spike_table(
        cases,
        by,
        baseline_weeks=baseline_weeks,
        min_count=min_count,
        min_ratio=min_ratio,
        min_share_rise=min_share_rise,
        start=start,
        rows=rows,
        index=index,
    )
    if table.empty:
        return table.assign(tied_to=[], evidence=[])
    chosen: pd.Timestamp = table["week"].max() if week is None else week_start(pd.Series([pd.Timestamp(week)]), start)[0]
    found = table[(table["week"] == chosen) & table["spike"]].sort_values("p_value", kind="stable").reset_index(drop=True)
    frame = buyer_requests(cases if rows is None else cases.loc[rows]) if len(found) else cases.iloc[0:0]
    frame_week = week_start(frame["request_date"], start)
    ties: list[str | None] = []
    sentences: list[Phrase] = []
    spike_week: pd.Timestamp
    for spike_week, row in zip(found["week"], found.itertuples(index=False), strict=True):
        value = getattr(row, by)
        in_spike = frame[(frame_week == spike_week).to_numpy() & (frame[by] == value).fillna(False).to_numpy()]
        usual = frame[((frame_week < spike_week) & (frame_week >= spike_week - pd.Timedelta(weeks=baseline_weeks))).to_numpy()]
        tie = _tie(in_spike, usual, by)
        ties.append(tie[0] if tie else None)
        count, baseline, ratio, share, usual_share = (
            float(getattr(row, k)) for k in ("count", "baseline", "ratio", "share", "baseline_share")
        )
        text = Phrase(
            "{value}: {count} requests in the week of {week} against {baseline} a week before ({ratio}×); "
            "{share} of all requests against {usual}.",
            value=Word(str(value)), count=int(count), week=Day(spike_week), baseline=Num(baseline, 1),
            ratio=Num(ratio, 1), share=Share(share), usual=Share(usual_share),
        )  # fmt: skip
        if tie:
            text = Phrase("{text} {tie}.", text=text, tie=tie[1])
        sentences.append(text)
    # pandas-stubs take no None in a list column; pandas does (None where a spike ties to nothing)
    return found.assign(tied_to=ties, evidence=pd.Series(sentences, index=found.index, dtype=object))  # type: ignore[arg-type]


def _tie(in_spike: pd.DataFrame, usual: pd.DataFrame, by: str) -> tuple[str, Phrase] | None:
    """The person, SKU or channel holding at least half of the spike and twice their usual share."""
    for column, words in TIE_DIMENSIONS.items():
        if column == by or column not in in_spike.columns or in_spike[column].isna().all():
            continue
        counts = (sku_level(in_spike) if column == "sku" else in_spike)[column].value_counts()
        if counts.empty:
            continue
        top, k = counts.index[0], int(counts.iloc[0])
        usual_share = float((usual[column] == top).mean()) if len(usual) else 0.0
        if k >= len(in_spike) / 2 and k / len(in_spike) >= 2 * usual_share:
            return str(top), Phrase(words, k=k, n=len(in_spike), top=str(top))
    return None
