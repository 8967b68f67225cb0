"""The weekly summary behind the summary workbook download: counts by reason and request type, refunds.

Weeks are ISO weeks (Monday) of the request date, as on the dashboard's charts; every week between
the first and the last appears, with zeros.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.common import buyer_requests, week_start
from analysis.money import refunds_by
from data.schema import REASONS, REQUEST_TYPES


def _weekly_pivot(frame: pd.DataFrame, week: pd.Series, by: str, order: Sequence[str]) -> pd.DataFrame:
    """Cases per week (rows) and value of `by` (columns, vocabulary order, unused values left out), with a total."""
    table = pd.crosstab(week.rename("Week"), frame[by].astype("string").fillna("(blank)").to_numpy())
    table.columns.name = None
    columns = [v for v in order if v in table.columns] + sorted(c for c in table.columns if c not in order)
    table = table[columns]
    table["Total"] = table.sum(axis=1)
    return table


def weekly_summary(cases: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Three tables indexed by `Week`: "By reason" and "By request type" (cases), "Refunds" (`Refund`, `Refunded cases`).

    Counts are buyer requests (courier returns left out, as on the charts); refunds are the refunds
    paid (`analysis.money.refunds_by`), courier returns included. The caller's frame is not changed.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-03", "2026-11-18", "2026-11-19"]),
    ...     "reason": ["Defective", "Quality", "Defective"], "request_type": "Refund Only",
    ...     "refund_amount": [10.0, 0.0, 5.0], "status": ["refunded", "rejected", "refunded"]})
    >>> tables = weekly_summary(cases)
    >>> tables["By reason"].reset_index().astype({"Week": str}).values.tolist()
    [['2026-11-02', 1, 0, 1], ['2026-11-09', 0, 0, 0], ['2026-11-16', 1, 1, 2]]
    >>> tables["Refunds"]["Refund"].tolist()
    [10.0, 0.0, 5.0]
    """
    dated = cases.loc[cases["request_date"].notna()]
    requests = buyer_requests(dated)
    week = week_start(requests["request_date"])
    refunds = refunds_by(dated, "week")
    starts = pd.concat([week, refunds["week"]]).dropna()
    weeks = pd.DatetimeIndex(pd.date_range(starts.min(), starts.max(), freq="7D") if len(starts) else [], name="Week")
    by_reason = _weekly_pivot(requests, week, "reason", REASONS).reindex(weeks, fill_value=0)
    by_type = _weekly_pivot(requests, week, "request_type", REQUEST_TYPES).reindex(weeks, fill_value=0)
    money = refunds.set_index("week").reindex(weeks)
    refund_table = pd.DataFrame({"Refund": money["refund"].fillna(0.0).to_numpy(),
                                 "Refunded cases": money["refunded_cases"].fillna(0).astype("int64").to_numpy()}, index=weeks)
    return {"By reason": by_reason, "By request type": by_type, "Refunds": refund_table}
