"""Return rate: returned units per unit sold, when the user uploads an orders or sales sheet.

The orders frame has columns `date`, `sku` and `units` (units or orders sold; one row per order line
or per day and SKU, both work). Returned units are the `quantity` of buyer requests (1 where missing),
by request date; courier returns are left out. Intervals are Wilson score intervals. Without an
orders sheet there is no rate: the functions give counts of requests, labelled as counts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from analysis.common import buyer_requests, codes, sku_level, week_start

ORDER_COLUMNS: tuple[str, ...] = ("date", "sku", "units")
COUNT_LABEL = "requests (count; upload an orders sheet for rates)"
RATE_LABEL = "return rate (returned units / units sold)"


def wilson_interval(successes: npt.ArrayLike, trials: npt.ArrayLike, z: float = 1.96) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion: (centre ± half-width) with centre (x + z²/2) / (n + z²).

    NaN where there are no trials. For 0 of 10 at 95%: [0, 0.278]; for 5 of 10: [0.237, 0.763].

    >>> low, high = wilson_interval([0, 5], [10, 10])
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.0, 0.237], [0.278, 0.763])
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    empty = ~(n > 0)
    low[empty], high[empty] = np.nan, np.nan
    return low, high


def check_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """The orders frame with typed columns, or a ValueError that says what is missing or wrong."""
    missing = [c for c in ORDER_COLUMNS if c not in orders.columns]
    if missing:
        raise ValueError(f"the orders sheet needs the columns {', '.join(ORDER_COLUMNS)}; missing: {', '.join(missing)}")
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(orders["date"], errors="coerce"),
            "sku": orders["sku"].astype("string"),
            "units": pd.to_numeric(orders["units"], errors="coerce").astype(float),
        }
    )
    bad = out["date"].isna() | out["units"].isna() | out["sku"].isna()
    if bad.all() and len(out):
        raise ValueError("the orders sheet has no row with a readable date, SKU and number of units")
    return out.loc[~bad.to_numpy()]


def return_rates(
    cases: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    by: str | None = "sku",
    weekly: bool = False,
    start: str = "MON",
    z: float = 1.96,
) -> pd.DataFrame:
    """Returned units, units sold, rate and Wilson interval per SKU (`by=None`: shop-wide), per week if `weekly`.

    Columns: [`week`], [`sku`], `returned`, `sold`, `rate`, `low`, `high`, `measure`. Where returns
    exceed sales (returns of earlier sales), the interval uses returned = sold and `rate` stays as is.
    Without `orders`, `sold`, `rate` and the interval are NaN and `measure` says these are counts.

    >>> cases = pd.DataFrame({"sku": ["A", "A", "B"], "quantity": [1, None, 2], "request_date": pd.to_datetime(["2026-11-02"] * 3)})
    >>> orders = pd.DataFrame({"date": ["2026-11-01"] * 2, "sku": ["A", "B"], "units": [10, 40]})
    >>> return_rates(cases, orders)[["sku", "returned", "sold", "rate"]].values.tolist()
    [['A', 2.0, 10.0, 0.2], ['B', 2.0, 40.0, 0.05]]
    """
    if by not in ("sku", None):
        raise ValueError("return rates are per SKU (by='sku') or shop-wide (by=None): an orders sheet has no other dimension")
    frame = buyer_requests(cases)
    if by == "sku":
        frame = sku_level(frame)  # shop-wide, returns with no SKU still count
    returned = frame["quantity"].astype("Float64").fillna(1).to_numpy(dtype=float) if "quantity" in frame.columns else np.ones(len(frame))
    sold_frame = check_orders(orders) if orders is not None else None
    # One code space for SKUs and weeks across returns and sales, then one bincount each.
    skus = [frame["sku"].astype("string")] + ([sold_frame["sku"]] if sold_frame is not None else [])
    dates = [frame["request_date"]] + ([sold_frame["date"]] if sold_frame is not None else [])
    n_case = len(frame)
    sku_code, sku_labels = codes(pd.concat(skus, ignore_index=True)) if by else (np.zeros(sum(map(len, skus)), np.int64), [None])
    if weekly:
        day = week_start(pd.concat(dates, ignore_index=True), start).to_numpy().astype("datetime64[D]")
        valid = ~np.isnat(day)
        first = day[valid].view("int64").min() if valid.any() else 0
        week_code = np.where(valid, (day.view("int64") - first) // 7, -1)
    else:
        week_code = np.zeros(len(sku_code), dtype=np.int64)
    ok = (sku_code >= 0) & (week_code >= 0)
    n_sku, n_week = max(len(sku_labels), 1), int(week_code.max()) + 1 if ok.any() else 1
    cell = np.where(ok, week_code * n_sku + sku_code, 0)
    size = n_week * n_sku
    x = np.bincount(cell[:n_case][ok[:n_case]], weights=returned[ok[:n_case]], minlength=size)
    if sold_frame is not None:
        n = np.bincount(cell[n_case:][ok[n_case:]], weights=sold_frame["units"].to_numpy(dtype=float)[ok[n_case:]], minlength=size)
        present = (x > 0) | (n > 0)
    else:
        n = np.full(size, np.nan)
        present = x > 0
    idx = np.flatnonzero(present)
    table = pd.DataFrame({"returned": x[idx], "sold": n[idx]})
    if by:
        table.insert(0, "sku", np.asarray(sku_labels, dtype=object)[idx % n_sku])
    if weekly:
        table.insert(0, "week", ((idx // n_sku) * 7 + first).astype("datetime64[D]").astype("datetime64[ns]"))
    if sold_frame is None:
        return table.assign(rate=np.nan, low=np.nan, high=np.nan, measure=COUNT_LABEL)
    xs, ns = table["returned"].to_numpy(), table["sold"].to_numpy()
    low, high = wilson_interval(np.minimum(xs, ns), ns, z)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = table.assign(rate=np.where(ns > 0, xs / ns, np.nan), low=low, high=high, measure=RATE_LABEL)
    sort = (["week"] if weekly else []) + (["sku"] if by else [])
    return table.sort_values(sort, kind="stable").reset_index(drop=True) if sort else table
