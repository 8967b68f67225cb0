"""Fix notes as the Fixes and SKU pages judge them: the stored notes as `Fix` values, and the orders that can judge one."""

from __future__ import annotations

import pandas as pd

from analysis.fixes import Fix

WEEKS = 8  # weeks before a fix's date compared with the weeks after it


def noted_fixes(noted: pd.DataFrame, sku: str | None = None) -> list[tuple[int, Fix]]:
    """The stored notes (columns `fix_id`, `sku`, `reason`, `date`, `note`) as (id, `Fix`), in their order; only the
    notes for `sku` when one is given. A blank SKU or reason means all SKUs or all reasons.

    >>> noted = pd.DataFrame({"fix_id": [1, 2], "sku": ["A", None], "reason": [None, "Wrong size"],
    ...                       "date": ["2026-08-03", "2026-09-01"], "note": ["new box", "size chart"]})
    >>> [(i, f.sku, f.reason) for i, f in noted_fixes(noted)]
    [(1, 'A', None), (2, None, 'Wrong size')]
    >>> [i for i, _ in noted_fixes(noted, sku="A")]
    [1]
    """
    if noted.empty:
        return []
    if sku is not None:
        noted = noted.loc[(noted["sku"].astype("string") == sku).fillna(False).to_numpy(dtype=bool)]
    return [
        (
            int(row["fix_id"]),
            Fix(None if pd.isna(row["sku"]) else row["sku"], None if pd.isna(row["reason"]) else row["reason"], row["date"], row["note"]),
        )
        for row in noted.to_dict("records")
    ]


def covering(sold: pd.DataFrame | None, fix: Fix, weeks: int = WEEKS) -> pd.DataFrame | None:
    """The orders of the fix's SKU (all orders for a note on all SKUs) when they hold units sold both in the `weeks`
    weeks before its date and after it, so the verdict can be a rate per unit sold; else None.

    >>> sold = pd.DataFrame({"date": pd.to_datetime(["2026-07-20", "2026-08-10", "2026-08-10"]), "sku": ["A", "A", "B"],
    ...                      "units": [5.0, 3.0, 4.0]})
    >>> len(covering(sold, Fix("A", None, "2026-08-03")))
    2
    >>> covering(sold, Fix("B", None, "2026-08-03")) is None  # nothing sold before
    True
    """
    if sold is None:
        return None
    mine = sold if fix.sku is None else sold.loc[sold["sku"] == fix.sku]
    start = pd.Timestamp(fix.date)
    before = mine.loc[(mine["date"] < start) & (mine["date"] >= start - pd.Timedelta(weeks=weeks)), "units"].sum()
    after = mine.loc[mine["date"] >= start, "units"].sum()
    return mine if before > 0 and after > 0 else None
