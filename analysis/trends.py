"""Trends: requests and refund sums per week, by any dimension, with the change against recent weeks.

Weeks are ISO weeks (Monday to Sunday) unless `start` names another first day ("SUN", ...). The date
basis is the request date unless `basis` says `response` or `resolved`; cases without that date are
left out. Courier returns are not buyer requests and are left out. Refunds are those paid (see
`analysis.money.paid_refund`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, codes, date_column, week_start
from analysis.money import paid_refund

TRAILING_WEEKS = 4


def weekly(cases: pd.DataFrame, by: str | None = None, *, basis: str = "request", start: str = "MON") -> pd.DataFrame:
    """Requests and refunds per week (and per value of `by`), every week between the first and last present.

    Columns: `week` (the week's first day), `by` if given, `count`, `refund`, `previous` (last week's
    count), `change` (count - previous), `trailing` (the mean count of the 4 weeks before, NaN until
    4 weeks exist) and `vs_trailing` (count - trailing). Weeks without requests are there with 0, so
    a change is always against the week just before. Method: integer codes for weeks and values, one
    `bincount` into a weeks × values table (zeros included), differenced along the weeks.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-08", "2026-11-09", "2026-11-10", "2026-11-23"]),
    ...     "refund_amount": [10.0, 5.0, 5.0, 1.0]})
    >>> weekly(cases)[["week", "count", "refund", "change"]].astype({"week": str}).values.tolist()
    [['2026-11-02', 1, 10.0, nan], ['2026-11-09', 2, 10.0, 1.0], ['2026-11-16', 0, 0.0, -2.0], ['2026-11-23', 1, 1.0, 1.0]]
    """
    frame = buyer_requests(cases)
    column = date_column(basis)
    columns = ["week"] + ([by] if by else []) + ["count", "refund", "previous", "change", "trailing", "vs_trailing"]
    day = week_start(frame[column], start).to_numpy().astype("datetime64[D]")
    valid = ~np.isnat(day)
    if by is not None:
        value, labels = codes(frame[by])
        valid &= value >= 0
    else:
        value, labels = np.zeros(len(frame), dtype=np.int64), np.array([None], dtype=object)
    if not valid.any():
        return pd.DataFrame({c: [] for c in columns})
    day_num = day[valid].view("int64")
    first = day_num.min()
    week_idx = (day_num - first) // 7
    n_weeks, n_values = int(week_idx.max()) + 1, len(labels)
    cell = week_idx * n_values + value[valid]
    c = np.bincount(cell, minlength=n_weeks * n_values).reshape(n_weeks, n_values).astype(float)
    refund = paid_refund(frame)[valid] if "refund_amount" in frame.columns else None
    r = (np.bincount(cell, weights=refund, minlength=n_weeks * n_values).reshape(n_weeks, n_values)
         if refund is not None else np.zeros_like(c))
    seen = c.sum(axis=0) > 0  # values that occur at all (unused categories are left out)
    c, r, labels = c[:, seen], r[:, seen], labels[seen]
    n_values = len(labels)
    weeks = (np.arange(n_weeks) * 7 + first).astype("datetime64[D]").astype("datetime64[ns]")
    previous = np.vstack([np.full((1, n_values), np.nan), c[:-1]])
    trailing = pd.DataFrame(c).rolling(TRAILING_WEEKS, min_periods=TRAILING_WEEKS).mean().shift(1).to_numpy()
    out = {"week": np.repeat(weeks, n_values)}
    if by is not None:
        out[by] = np.tile(labels, n_weeks)
    out.update({
        "count": c.ravel().astype(np.int64), "refund": r.ravel(), "previous": previous.ravel(),
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
    chosen: pd.Timestamp = table["week"].max() if week is None else week_start(pd.Series([pd.Timestamp(week)]), start)[0]
    this = table[(table["week"] == chosen) & table["vs_trailing"].notna() & (table["vs_trailing"] != 0)]
    up = this[this["vs_trailing"] > 0].sort_values(["vs_trailing", "count"], ascending=False, kind="stable").head(n)
    down = this[this["vs_trailing"] < 0].sort_values(["vs_trailing", "trailing"], ascending=[True, False], kind="stable").head(n)
    out = pd.concat([up.assign(direction="up"), down.assign(direction="down")], ignore_index=True)
    return out[[by, "direction", "week", "count", "previous", "trailing", "vs_trailing", "refund"]]
