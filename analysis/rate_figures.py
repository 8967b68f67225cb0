"""The figures of the Return rate and SKU pages: the orders and returns a view compares, SKUs ranked by rate, weeks.

Returns are counted only on the days the stored orders cover: a return from a day without sales figures would
inflate every rate. Rates are shown per 100 units sold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.return_rate import return_rates

THIN_WEEK = 20  # units sold below which a week's interval is called wide


@dataclass(frozen=True)
class RateInputs:
    """What a rate compares: the requests counted and the units sold in the view (None: no orders stored)."""

    returns: pd.DataFrame
    sold: pd.DataFrame | None
    first: pd.Timestamp | None = None  # the first and last day of the stored orders
    last: pd.Timestamp | None = None
    left_out: int = 0  # requests on days the stored orders do not cover, left out of `returns`


def orders_in_view(sold: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None, skus: Sequence[str] = ()) -> pd.DataFrame:
    """The order lines (`date`, `sku`, `units`) in the period `window` (None: all time) and of `skus` (empty: all).

    >>> sold = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-02-01"]), "sku": ["A", "A", "B"],
    ...                      "units": [1.0, 2.0, 3.0]})
    >>> orders_in_view(sold, (pd.Timestamp("2026-01-15"), pd.Timestamp("2026-03-01")), ["A"])["units"].tolist()
    [2.0]
    """
    if window is not None:
        sold = sold.loc[(sold["date"] >= window[0]) & (sold["date"] <= window[1])]
    if len(skus):
        sold = sold.loc[sold["sku"].isin(list(skus))]
    return sold


def rate_inputs(
    returns: pd.DataFrame, stored: pd.DataFrame | None, window: tuple[pd.Timestamp, pd.Timestamp] | None, skus: Sequence[str] = ()
) -> RateInputs:
    """The requests and order lines a view's rates compare. With orders in view, requests on days outside the first
    to the last stored order day are left out (and counted in `left_out`).

    >>> stored = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-20"]), "sku": ["A", "A"], "units": [4.0, 6.0]})
    >>> days = pd.to_datetime(["2026-01-01", "2026-01-10", "2026-01-20"]) + pd.Timedelta(hours=15)
    >>> returns = pd.DataFrame({"sku": "A", "request_date": days})
    >>> got = rate_inputs(returns, stored, None)
    >>> len(got.returns), got.left_out, f"{got.first:%d %b} – {got.last:%d %b}"
    (2, 1, '05 Jan – 20 Jan')
    """
    if stored is None:
        return RateInputs(returns, None)
    sold = orders_in_view(stored, window, skus)
    first, last = stored["date"].min(), stored["date"].max()
    if sold.empty:
        return RateInputs(returns, sold, first, last)
    day = returns["request_date"].dt.normalize()
    outside = ((day < first) | (day > last)).to_numpy(dtype=bool)
    return RateInputs(returns.loc[~outside], sold, first, last, int(outside.sum()))


def returned_counts(returns: pd.DataFrame) -> pd.DataFrame:
    """Returned units per SKU (`sku`, `returned`) without an orders sheet: most first, then by SKU.

    >>> returned_counts(pd.DataFrame({"sku": ["B", "A", "B", "C"], "quantity": [1, 2, 1, 2],
    ...                               "request_date": pd.to_datetime(["2026-01-01"] * 4)}))[["sku", "returned"]].values.tolist()
    [['A', 2.0], ['B', 2.0], ['C', 2.0]]
    """
    return return_rates(returns).sort_values(["returned", "sku"], ascending=[False, True], kind="stable")


def per_hundred(table: pd.DataFrame) -> pd.DataFrame:
    """A rate table with its rate and interval per 100 units sold (`per100`, `low100`, `high100`), as every page shows them.

    >>> per_hundred(pd.DataFrame({"rate": [0.125], "low": [0.05], "high": [0.2]}))[["per100", "low100", "high100"]].values.tolist()
    [[12.5, 5.0, 20.0]]
    """
    return table.assign(per100=table["rate"] * 100, low100=table["low"] * 100, high100=table["high"] * 100)


def ranked(table: pd.DataFrame, min_sold: int) -> pd.DataFrame:
    """The SKUs with at least `min_sold` units sold, highest rate first (then most sold), per 100 units sold.

    >>> table = pd.DataFrame({"sku": ["A", "B", "C", "D"], "returned": [1, 4, 6, 1], "sold": [10, 40, 100, 5],
    ...                       "rate": [0.1, 0.1, 0.06, 0.2], "low": 0.0, "high": 1.0})
    >>> ranked(table, 10)["sku"].tolist()
    ['B', 'A', 'C']
    """
    chosen = table.loc[table["sold"] >= min_sold].sort_values(["rate", "sold"], ascending=[False, False], kind="stable")
    return per_hundred(chosen)


def unsold(table: pd.DataFrame) -> pd.DataFrame:
    """The SKUs with returns but no units sold in the orders for these days (a SKU written two ways, often).

    >>> unsold(pd.DataFrame({"sku": ["A", "B", "C"], "sold": [0.0, None, 3.0]}))["sku"].tolist()
    ['A', 'B']
    """
    return table.loc[table["sold"].fillna(0) == 0]


def weekly_choices(ranked_table: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """The SKUs offered for the weekly chart: the ranked ones, else every SKU that sold something.

    >>> weekly_choices(pd.DataFrame({"sku": []}), pd.DataFrame({"sku": ["A", "B"], "sold": [0.0, 2.0]}))
    ['B']
    """
    return list(ranked_table["sku"]) or list(table.loc[table["sold"] > 0, "sku"])


def sku_weeks(returns: pd.DataFrame, sold: pd.DataFrame, sku: str) -> pd.DataFrame:
    """One SKU's rate per week (columns of `return_rates(weekly=True)`).

    >>> returns = pd.DataFrame({"sku": ["A", "A", "B"], "request_date": pd.to_datetime(["2026-11-03", "2026-11-10", "2026-11-03"])})
    >>> sold = pd.DataFrame({"date": pd.to_datetime(["2026-11-02", "2026-11-09"]), "sku": "A", "units": [10.0, 4.0]})
    >>> sku_weeks(returns, sold, "A")[["returned", "sold", "rate"]].values.tolist()
    [[1.0, 10.0, 0.1], [1.0, 4.0, 0.25]]
    """
    weeks = return_rates(returns.loc[returns["sku"] == sku], sold.loc[sold["sku"] == sku], weekly=True)
    return weeks.loc[weeks["sku"] == sku]


def thin_weeks(weeks: pd.DataFrame, below: int = THIN_WEEK) -> int:
    """How many weeks sold fewer than `below` units (their intervals are wide).

    >>> thin_weeks(pd.DataFrame({"week": [1, 2, 3], "sold": [5.0, 20.0, 19.0]}))
    2
    """
    return int((weeks["sold"] < below).sum())
