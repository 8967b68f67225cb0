"""Trends: requests and refund sums per week, by any dimension, with the change against recent weeks.

Weeks are ISO weeks (Monday to Sunday) unless `start` names another first day ("SUN", ...). The date
basis is the request date unless `basis` says `response` or `resolved`; cases without that date are
left out. Courier returns are not buyer requests and are left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, date_column, week_start

TRAILING_WEEKS = 4


def weekly(cases: pd.DataFrame, by: str | None = None, *, basis: str = "request", start: str = "MON") -> pd.DataFrame:
    """Requests and refunds per week (and per value of `by`), every week between the first and last present.

    Columns: `week` (the week's first day), `by` if given, `count`, `refund`, `previous` (last week's
    count), `change` (count - previous), `trailing` (the mean count of the 4 weeks before, NaN until
    4 weeks exist) and `vs_trailing` (count - trailing). Weeks without requests are there with 0, so
    a change is always against the week just before. Method: one group-by on (week, value), then the
    weeks × values table is filled with zeros and differenced along the weeks.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-08", "2026-11-09", "2026-11-10", "2026-11-23"]),
    ...     "refund_amount": [10.0, 5.0, 5.0, 1.0]})
    >>> weekly(cases)[["week", "count", "refund", "change"]].astype({"week": str}).values.tolist()
    [['2026-11-02', 1, 10.0, nan], ['2026-11-09', 2, 10.0, 1.0], ['2026-11-16', 0, 0.0, -2.0], ['2026-11-23', 1, 1.0, 1.0]]
    """
    frame = buyer_requests(cases)
    column = date_column(basis)
    dated = frame[column].notna().to_numpy()
    if by is not None:
        dated = dated & frame[by].notna().to_numpy()
    frame = frame.loc[dated]
    week = week_start(frame[column], start)
    refund = frame["refund_amount"] if "refund_amount" in frame.columns else pd.Series(0.0, index=frame.index)
    keys = [week.rename("week")] + ([frame[by]] if by is not None else [])
    grouped = pd.DataFrame({"count": np.ones(len(frame), dtype=np.int64), "refund": refund.fillna(0.0).to_numpy()},
                           index=frame.index).groupby(keys, observed=True, sort=True).sum()
    columns = ["week"] + ([by] if by else []) + ["count", "refund", "previous", "change", "trailing", "vs_trailing"]
    if grouped.empty:
        return pd.DataFrame({c: [] for c in columns})
    weeks = pd.date_range(grouped.index.get_level_values("week").min(), grouped.index.get_level_values("week").max(), freq="7D")
    if by is None:
        count = grouped["count"].reindex(weeks, fill_value=0).to_frame()
        refund_w = grouped["refund"].reindex(weeks, fill_value=0.0).to_frame()
    else:
        count = grouped["count"].unstack(by, fill_value=0).reindex(weeks, fill_value=0)
        refund_w = grouped["refund"].unstack(by, fill_value=0.0).reindex(weeks, fill_value=0.0)
    c = count.to_numpy(dtype=float)
    previous = np.vstack([np.full((1, c.shape[1]), np.nan), c[:-1]])
    trailing = pd.DataFrame(c).rolling(TRAILING_WEEKS, min_periods=TRAILING_WEEKS).mean().shift(1).to_numpy()
    n_weeks, n_values = c.shape
    out = {"week": np.repeat(weeks.to_numpy(), n_values)}
    if by is not None:
        out[by] = np.tile(count.columns.to_numpy(), n_weeks)
    out.update({
        "count": c.ravel().astype(np.int64), "refund": refund_w.to_numpy(dtype=float).ravel(), "previous": previous.ravel(),
        "change": (c - previous).ravel(), "trailing": trailing.ravel(), "vs_trailing": (c - trailing).ravel(),
    })
    result = pd.DataFrame(out)
    if by is not None and isinstance(frame[by].dtype, pd.CategoricalDtype):
        result[by] = pd.Categorical(result[by], categories=frame[by].cat.categories)
    return result[columns]


def top_movers(
    cases: pd.DataFrame, by: str, *, week: pd.Timestamp | str | None = None, n: int = 5, basis: str = "request", start: str = "MON"
) -> pd.DataFrame:
    """The values of `by` that moved most in one week (default: the latest) against their trailing 4-week mean.

    Returns up to `n` rows moving up and `n` moving down, with `direction` ("up"/"down"), the week's
    `count`, `previous`, `trailing` and `vs_trailing`, largest moves first. Values with no change
    are left out.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-02"] * 4 + ["2026-11-09"] * 4 + ["2026-11-16"] * 4
    ...     + ["2026-11-23"] * 4 + ["2026-11-30"] * 4), "reason": list("AABB" * 4 + "AAAC")})
    >>> top_movers(cases, "reason")[["reason", "direction", "count", "trailing"]].values.tolist()
    [['A', 'up', 3, 2.0], ['C', 'up', 1, 0.0], ['B', 'down', 0, 2.0]]
    """
    table = weekly(cases, by, basis=basis, start=start)
    if table.empty:
        return table.assign(direction=pd.Series(dtype="object"))
    chosen = table["week"].max() if week is None else week_start(pd.Series([pd.Timestamp(week)]), start)[0]
    this = table[(table["week"] == chosen) & table["vs_trailing"].notna() & (table["vs_trailing"] != 0)]
    up = this[this["vs_trailing"] > 0].sort_values(["vs_trailing", "count"], ascending=False, kind="stable").head(n)
    down = this[this["vs_trailing"] < 0].sort_values(["vs_trailing", "trailing"], ascending=[True, False], kind="stable").head(n)
    out = pd.concat([up.assign(direction="up"), down.assign(direction="down")], ignore_index=True)
    return out[[by, "direction", "week", "count", "previous", "trailing", "vs_trailing", "refund"]]
