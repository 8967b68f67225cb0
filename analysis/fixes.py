"""Fix tracking: the user notes a change ("new packaging for SKU X from 2026-08-03"); did returns fall?

Method: the `weeks` weeks before the fix date against the time after it (up to `weeks` weeks, up to
`as_of`, the latest request by default); courier returns are left out.
  - For one reason without sales figures: the SKU's requests form a 2×2 table (that reason or not,
    before or after) and a one-sided Fisher exact test asks whether the reason's share fell (or rose).
  - With an orders sheet (`date`, `sku`, `units`): the rate is requests per unit sold; given all the
    requests of both periods, those after are binomial with the after period's part of the units
    if nothing changed (the exact conditional test of two Poisson rates), one-sided each way.
  - For all reasons without sales figures: the same test with days as the exposure (requests per week).
The verdict is "fell" or "rose" at p <= `alpha`, "no clear change" otherwise, and "too early" with
less than a week after the fix.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.common import buyer_requests, sku_level
from analysis.return_rate import check_orders
from data.lazy import Lazy

# SciPy, imported on first use (data.lazy)
binom = Lazy("scipy.stats", "binom")
fisher_exact = Lazy("scipy.stats", "fisher_exact")


@dataclass(frozen=True)
class Fix:
    """A change the user made: to one SKU (or all when None), against one reason (or all when None), from a date."""

    sku: str | None
    reason: str | None
    date: pd.Timestamp | str
    note: str = ""


@dataclass(frozen=True)
class FixResult:
    verdict: str  # "fell", "rose", "no clear change", "too early"
    before: int  # requests counted before (of the reason, when one is given)
    before_base: float  # all the SKU's requests, units sold or days before
    after: int
    after_base: float
    p_value: float
    sentence: str  # plain words: the numbers and the verdict
    method: str = ""  # the test and its p-value, for an "All numbers" line


def evaluate_fix(
    cases: pd.DataFrame, fix: Fix, *, orders: pd.DataFrame | None = None, weeks: int = 8,
    as_of: pd.Timestamp | str | None = None, alpha: float = 0.05,
) -> FixResult:
    """Compare the SKU's returns (of the fix's reason) before and after the fix date; see the module docstring.

    >>> days = pd.to_datetime(["2026-07-20"] * 20 + ["2026-08-10"] * 20)
    >>> cases = pd.DataFrame({"sku": "HM-7", "request_date": days, "reason": ["Damaged packaging"] * 10 + ["Other"] * 28 +
    ...     ["Damaged packaging"] * 2})
    >>> print(evaluate_fix(cases, Fix("HM-7", "Damaged packaging", "2026-08-03", "new packaging"), as_of="2026-09-28").sentence)
    New packaging, SKU HM-7 from 3 Aug 2026: damaged packaging was 10 of 20 requests (50%) in the 8 weeks before \
and 2 of 20 (10%) in the 8 weeks after; it fell.
    """
    frame = buyer_requests(cases)
    if fix.sku is not None:
        frame = sku_level(frame)
        frame = frame.loc[(frame["sku"] == fix.sku).to_numpy(dtype=bool, na_value=False)]
    frame = frame.loc[frame["request_date"].notna().to_numpy()]
    start = pd.Timestamp(fix.date).normalize()
    as_of = pd.Timestamp(as_of) if as_of is not None else cases["request_date"].max()
    before_from = start - pd.Timedelta(weeks=weeks)
    after_to = min(as_of, start + pd.Timedelta(weeks=weeks)) if pd.notna(as_of) else start
    days_after = max((after_to - start) / pd.Timedelta(days=1), 0.0)
    dates = frame["request_date"]
    before = frame.loc[((dates >= before_from) & (dates < start)).to_numpy()]
    after = frame.loc[((dates >= start) & (dates <= after_to)).to_numpy()]

    def hits(part: pd.DataFrame) -> int:
        return len(part) if fix.reason is None else int((part["reason"] == fix.reason).to_numpy(dtype=bool, na_value=False).sum())

    x_b, x_a = hits(before), hits(after)
    what = "returns" if fix.reason is None else fix.reason.lower()
    target = f"SKU {fix.sku}" if fix.sku is not None else "all SKUs"
    label = (fix.note[:1].upper() + fix.note[1:] + ", " if fix.note else "") + f"{target} from {start.day} {start:%b %Y}"
    after_weeks = days_after / 7
    if days_after < 7:
        return FixResult("too early", x_b, float(len(before)), x_a, float(len(after)), float("nan"),
                         f"{label}: too early to tell, less than a week of requests after the fix.")

    if orders is not None:
        sold = check_orders(orders)
        sold = sold[sold["sku"] == fix.sku] if fix.sku is not None else sold
        base_b = float(sold.loc[(sold["date"] >= before_from) & (sold["date"] < start), "units"].sum())
        base_a = float(sold.loc[(sold["date"] >= start) & (sold["date"] <= after_to), "units"].sum())
        unit = "units sold"
    elif fix.reason is None:
        base_b, base_a, unit = weeks * 7.0, days_after, "days"
    else:
        base_b, base_a, unit = float(len(before)), float(len(after)), "requests"

    if unit == "requests":
        table = [[x_a, len(after) - x_a], [x_b, len(before) - x_b]]
        p_fell = fisher_exact(table, alternative="less").pvalue if len(before) and len(after) else 1.0
        p_rose = fisher_exact(table, alternative="greater").pvalue if len(before) and len(after) else 1.0
        test = "one-sided Fisher exact test"
    else:
        total, frac = x_a + x_b, base_a / (base_a + base_b) if base_a + base_b > 0 else 0.5
        p_fell, p_rose = float(binom.cdf(x_a, total, frac)), float(binom.sf(x_a - 1, total, frac))
        test = "one-sided exact test of two rates"
    verdict, p = ("fell", p_fell) if p_fell <= alpha else ("rose", p_rose) if p_rose <= alpha else ("no clear change", min(p_fell, p_rose))
    said = {"fell": "it fell", "rose": "it rose", "no clear change": "no clear change"}[verdict]
    before_text = f"the {weeks} weeks before"
    after_text = f"the {weeks} weeks after" if after_weeks >= weeks else f"the {after_weeks:.1f} weeks after"
    if unit == "requests":
        numbers = (f"{what} was {x_b} of {int(base_b)} requests ({_pct(x_b, base_b)}) in {before_text} "
                   f"and {x_a} of {int(base_a)} ({_pct(x_a, base_a)}) in {after_text}")
    elif unit == "days":
        numbers = f"{what} went from {x_b / weeks:.1f} to {x_a / after_weeks:.1f} a week ({x_b} in {before_text}, {x_a} in {after_text})"
    else:
        numbers = (f"{what} went from {_pct(x_b, base_b, 2)} to {_pct(x_a, base_a, 2)} of units sold "
                   f"({x_b} per {base_b:,.0f} units before, {x_a} per {base_a:,.0f} after)")
    return FixResult(verdict, x_b, base_b, x_a, base_a, float(p), f"{label}: {numbers}; {said}.",
                     f"{test[0].upper()}{test[1:]}, p = {p:.2g} (a verdict needs p ≤ {alpha:g}).")


def _pct(x: float, n: float, digits: int = 0) -> str:
    return f"{x / n:.{digits}%}" if n else "n/a"
