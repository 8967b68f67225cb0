"""The weekly summary behind the summary workbook download: counts by reason and request type, refunds.

Weeks are ISO weeks (Monday) of the request date, as on the dashboard's charts; every week between
the first and the last appears, with zeros.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, week_start
from analysis.knowledge import currency_sources
from analysis.money import CurrencyRule, case_currency, currency_rule, in_main_currency, known_refund
from analysis.weekly import weekly_counts
from data.schema import REASONS, REQUEST_TYPES

NO_CURRENCY = "no currency"  # `Refund (no currency: <source>)`: a source's amounts with no currency, kept apart


def _weekly_pivot(requests: pd.DataFrame, by: str, order: Sequence[str]) -> pd.DataFrame:
    """Cases per week (rows) and value of `by` (columns, vocabulary order, unused values left out), with a total:
    the dashboard's own weekly count (`weekly_counts`), so a request with no value is under "Not given" as on Trends."""
    counts = weekly_counts(requests, by=[by])
    counts[by] = counts[by].astype("string")
    table = counts.pivot_table(index="week", columns=by, values="cases", aggfunc="sum", fill_value=0)
    table.index.name, table.columns.name = "Week", None
    columns = [v for v in order if v in table.columns] + sorted(c for c in table.columns if c not in order)
    table = table[columns].astype("int64")
    table["Total"] = table.sum(axis=1)
    return table


def weekly_summary(cases: pd.DataFrame, rule: CurrencyRule | None = None) -> dict[str, pd.DataFrame]:
    """Three tables indexed by `Week`: "By reason" and "By request type" (cases), "Refunds".

    Counts are buyer requests (courier returns left out, as on the charts). Refunds follow the shop's currency
    `rule` (`analysis.money`; the most common currency of `cases` when left out): `Refund (<main>)` and
    `Refunded cases` in the main currency, then one `Refund (<code>)` column per other currency and
    `Refund (no currency: <source>)` per source whose amounts name no currency and the rule keeps apart, never
    added together; `Cases with a known refund`
    says how many cases of the week inform them. A week none of whose cases has a known refund leaves the
    amounts blank (unknown), never 0. The caller's frame is not changed.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-03", "2026-11-18", "2026-11-19", "2026-11-20"]),
    ...     "reason": ["Defective", "Quality", "Defective", "Quality"], "request_type": "Refund Only",
    ...     "refund_amount": [10.0, 0.0, 5.0, 7.0], "currency": ["IDR", "IDR", "IDR", "USD"],
    ...     "status": ["refunded", "rejected", "refunded", "refunded"]})
    >>> tables = weekly_summary(cases)
    >>> tables["By reason"].reset_index().astype({"Week": str}).values.tolist()
    [['2026-11-02', 1, 0, 1], ['2026-11-09', 0, 0, 0], ['2026-11-16', 1, 2, 3]]
    >>> tables["Refunds"].reset_index().astype({"Week": str}).values.tolist()
    [['2026-11-02', 10.0, 1, 0.0, 1], ['2026-11-09', nan, <NA>, nan, 0], ['2026-11-16', 5.0, 1, 7.0, 3]]
    >>> list(tables["Refunds"].columns)
    ['Refund (IDR)', 'Refunded cases', 'Refund (USD)', 'Cases with a known refund']
    """
    rule = currency_rule(cases) if rule is None else rule
    dated = cases.loc[cases["request_date"].notna()]
    requests = buyer_requests(dated)
    all_weeks = week_start(dated["request_date"])
    weeks = pd.DatetimeIndex(pd.date_range(all_weeks.min(), all_weeks.max(), freq="7D") if len(all_weeks) else [], name="Week")
    by_reason = _weekly_pivot(requests, "reason", REASONS).reindex(weeks, fill_value=0)
    by_type = _weekly_pivot(requests, "request_type", REQUEST_TYPES).reindex(weeks, fill_value=0)
    return {"By reason": by_reason, "By request type": by_type, "Refunds": _weekly_refunds(dated, all_weeks, weeks, rule)}


def _weekly_refunds(dated: pd.DataFrame, week: pd.Series, weeks: pd.DatetimeIndex, rule: CurrencyRule) -> pd.DataFrame:
    """Refunds per week and currency under `rule`; blank where the week has no known refund."""
    paid = known_refund(dated)
    known = pd.Series(~np.isnan(paid), index=dated.index).groupby(week.to_numpy()).sum().reindex(weeks, fill_value=0)
    amount = np.nan_to_num(paid, nan=0.0)
    main = in_main_currency(dated, rule)
    currency = case_currency(dated, rule.named)
    apart = currency.isna().to_numpy(dtype=bool) & ~main  # amounts with no currency, kept apart per source
    label = np.where(main, "main", currency.fillna("").to_numpy(dtype=object))
    if apart.any():
        names = np.asarray(currency_sources(dated), dtype=object)[apart]
        label[apart] = [f"{NO_CURRENCY}: {name}" if name else NO_CURRENCY for name in names]
    per = pd.DataFrame({"week": week.to_numpy(), "label": label, "amount": amount, "refunded": (amount > 0) & main})
    sums = per.pivot_table(index="week", columns="label", values="amount", aggfunc="sum", fill_value=0.0).reindex(weeks, fill_value=0.0)
    unknown = (known == 0).to_numpy()
    table = pd.DataFrame(index=weeks)
    table[f"Refund ({rule.main})" if rule.main else "Refund"] = sums["main"] if "main" in sums else 0.0
    table["Refunded cases"] = per.groupby("week")["refunded"].sum().reindex(weeks, fill_value=0).astype("int64").to_numpy()
    others = sorted(c for c in sums.columns if c != "main" and not c.startswith(NO_CURRENCY))
    for code in others:
        table[f"Refund ({code})"] = sums[code]
    for apart_label in sorted(c for c in sums.columns if c.startswith(NO_CURRENCY) and sums[c].any()):
        table[f"Refund ({apart_label})"] = sums[apart_label]
    for column in refund_columns(table):
        table[column] = table[column].astype(float).where(~unknown)
    table["Refunded cases"] = table["Refunded cases"].astype("Int64").mask(unknown)
    table["Cases with a known refund"] = known.astype("int64").to_numpy()
    return table


def refund_columns(table: pd.DataFrame) -> list[str]:
    """The amount columns of the "Refunds" table (each in one currency)."""
    return [c for c in table.columns if str(c).startswith("Refund") and c != "Refunded cases"]
