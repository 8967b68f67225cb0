"""Weekly case counts, the one weekly counter of the app: the Overview, Trends and SKU charts and the spike rule.

Weeks are ISO weeks (Monday to Sunday) unless `start` names another first day ("SUN", ...). The date basis is
the request date unless `basis` says `response` or `resolved`; cases without that date are left out. Only
requests are counted, never amounts: refunds per week are `analysis.summary`'s, one currency at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.common import NO_DAY, buyer_mask, buyer_requests, date_column, week_days, week_start

NOT_GIVEN = "Not given"  # the label of requests whose file has no value for a column a chart splits by


def _given(values: pd.Series) -> pd.Series:
    """`values` with missing ones labelled `NOT_GIVEN` (a category added last where the column is categorical)."""
    if not values.isna().any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        if NOT_GIVEN not in values.cat.categories:
            values = values.cat.add_categories([NOT_GIVEN])
        return values.fillna(NOT_GIVEN)
    return values.astype(object).where(values.notna(), NOT_GIVEN)


def weekly_counts(cases: pd.DataFrame, by: Sequence[str] = (), *, basis: str = "request", start: str = "MON") -> pd.DataFrame:
    """Buyer requests per week of the `basis` date (request date by default), optionally split by columns such as `reason`.

    Courier returns (parcels that never reached the buyer) are left out, as in every buyer analysis.

    Returns one row per week (and group) that has cases, with columns `week`, the `by` columns and
    `cases`; categories keep their vocabulary order. The caller's frame is not changed.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-16", "2026-11-22", "2026-11-23"]),
    ...                       "reason": ["Defective", "Other", "Defective"]})
    >>> weekly_counts(cases, by=["reason"]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'week': Timestamp('2026-11-16 00:00:00'), 'reason': 'Defective', 'cases': 1},
     {'week': Timestamp('2026-11-16 00:00:00'), 'reason': 'Other', 'cases': 1},
     {'week': Timestamp('2026-11-23 00:00:00'), 'reason': 'Defective', 'cases': 1}]
    >>> weekly_counts(cases)["cases"].tolist()
    [2, 1]

    A request whose file gives no value of a `by` column is counted under `NOT_GIVEN`, never dropped:

    >>> weekly_counts(cases.assign(reason=["Defective", None, None]), by=["reason"])["reason"].tolist()
    ['Defective', 'Not given', 'Not given']

    Weeks starting on Sunday, by response date (a case not answered yet has no response date):

    >>> answered = cases.assign(response_date=pd.to_datetime(["2026-11-22", None, "2026-11-23"]))
    >>> weekly_counts(answered, basis="response", start="SUN").astype({"week": str}).values.tolist()
    [['2026-11-22', 2]]
    """
    if not by:  # one count a week: straight from the week numbers, no row copied
        day = week_days(cases[date_column(basis)], start)
        weeks, per_week = np.unique(day[buyer_mask(cases) & (day != NO_DAY)], return_counts=True)
        return pd.DataFrame({"week": weeks.astype("datetime64[D]").astype("datetime64[ns]"), "cases": per_week.astype(np.int64)})
    cases = buyer_requests(cases)
    keys = [week_start(cases[date_column(basis)], start).rename("week"), *(_given(cases[col]) for col in by)]
    counts = cases.groupby(keys, observed=True, sort=True).size()
    return counts.rename("cases").reset_index()
