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
from analysis.phrases import N_, Day, Num, Phrase, Share, Sig, Word
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


# The verdict after the numbers.
VERDICTS = {"fell": N_("{numbers}; it fell"), "rose": N_("{numbers}; it rose"), "no clear change": N_("{numbers}; no clear change")}
# The tests by name, as the "All numbers" line starts.
TESTS = {
    "one-sided Fisher exact test": N_("One-sided Fisher exact test"),
    "one-sided exact test of two rates": N_("One-sided exact test of two rates"),
}


@dataclass(frozen=True)
class FixResult:
    verdict: str  # "fell", "rose", "no clear change", "too early"
    before: int  # requests counted before (of the reason, when one is given)
    before_base: float  # all the SKU's requests, units sold or days before
    after: int
    after_base: float
    p_value: float
    sentence: str  # plain words: the numbers and the verdict (a Phrase)
    method: str = ""  # the test and its p-value, for an "All numbers" line


@dataclass(frozen=True)
class Periods:
    """The fix's requests before (`weeks` weeks up to the fix date) and after (from the fix date, up to `weeks` weeks
    and up to `as_of`), with the bounds: `start` the fix day, `before_from`, `after_to` and `days_after`."""

    start: pd.Timestamp
    before_from: pd.Timestamp
    after_to: pd.Timestamp
    days_after: float
    before: pd.DataFrame
    after: pd.DataFrame


def evaluate_fix(
    cases: pd.DataFrame,
    fix: Fix,
    *,
    orders: pd.DataFrame | None = None,
    weeks: int = 8,
    as_of: pd.Timestamp | str | None = None,
    alpha: float = 0.05,
) -> FixResult:
    """Compare the SKU's returns (of the fix's reason) before and after the fix date; see the module docstring.

    Steps: the two periods (`fix_periods`), the requests counted in each (`reason_hits`), what they are measured
    against (`exposure`), the one-sided tests (`change_p_values`), and the sentence (`fix_numbers`).

    >>> days = pd.to_datetime(["2026-07-20"] * 20 + ["2026-08-10"] * 20)
    >>> cases = pd.DataFrame({"sku": "HM-7", "request_date": days, "reason": ["Damaged packaging"] * 10 + ["Other"] * 28 +
    ...     ["Damaged packaging"] * 2})
    >>> print(evaluate_fix(cases, Fix("HM-7", "Damaged packaging", "2026-08-03", "new packaging"), as_of="2026-09-28").sentence)
    New packaging, SKU HM-7 from 3 Aug 2026: damaged packaging was 10 of 20 requests (50%) in the 8 weeks before \
and 2 of 20 (10%) in the 8 weeks after; it fell.
    """
    periods = fix_periods(cases, fix, weeks=weeks, as_of=as_of)
    x_b, x_a = reason_hits(periods.before, fix.reason), reason_hits(periods.after, fix.reason)
    label = _label(fix, periods.start)
    if periods.days_after < 7:
        return FixResult(
            "too early",
            x_b,
            float(len(periods.before)),
            x_a,
            float(len(periods.after)),
            float("nan"),
            Phrase("{label}: too early to tell, less than a week of requests after the fix.", label=label),
        )
    base_b, base_a, unit = exposure(periods, fix, orders, weeks)
    p_fell, p_rose, test = change_p_values(x_b, x_a, base_b, base_a, unit)
    verdict, p = ("fell", p_fell) if p_fell <= alpha else ("rose", p_rose) if p_rose <= alpha else ("no clear change", min(p_fell, p_rose))
    numbers = fix_numbers(fix, x_b, x_a, base_b, base_a, unit, weeks=weeks, after_weeks=periods.days_after / 7)
    return FixResult(
        verdict,
        x_b,
        base_b,
        x_a,
        base_a,
        float(p),
        Phrase("{label}: {said}.", label=label, said=Phrase(VERDICTS[verdict], numbers=numbers)),
        Phrase("{test}, p = {p} (a verdict needs p ≤ {alpha}).", test=Phrase(TESTS[test]), p=Sig(float(p)), alpha=Sig(float(alpha), 3)),
    )


def fix_periods(cases: pd.DataFrame, fix: Fix, *, weeks: int = 8, as_of: pd.Timestamp | str | None = None) -> Periods:
    """The buyer requests (of the fix's SKU when it names one) in the `weeks` weeks before the fix date and in the time
    after it, up to `weeks` weeks and up to `as_of` (the latest request by default).

    >>> cases = pd.DataFrame({"sku": ["A", "A", "B", "A"],
    ...                       "request_date": pd.to_datetime(["2026-07-01", "2026-07-30", "2026-08-05", "2026-08-10"])})
    >>> p = fix_periods(cases, Fix("A", None, "2026-08-03"), weeks=4)
    >>> len(p.before), len(p.after), p.days_after, f"{p.before_from:%d %b}"
    (1, 1, 7.0, '06 Jul')
    """
    frame = buyer_requests(cases)
    if fix.sku is not None:
        frame = sku_level(frame)
        frame = frame.loc[(frame["sku"] == fix.sku).to_numpy(dtype=bool, na_value=False)]
    frame = frame.loc[frame["request_date"].notna().to_numpy()]
    start = pd.Timestamp(fix.date).normalize()
    last = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(cases["request_date"].max())
    before_from = start - pd.Timedelta(weeks=weeks)
    after_to = min(last, start + pd.Timedelta(weeks=weeks)) if pd.notna(last) else start
    days_after = max((after_to - start) / pd.Timedelta(days=1), 0.0)
    dates = frame["request_date"]
    before = frame.loc[((dates >= before_from) & (dates < start)).to_numpy()]
    after = frame.loc[((dates >= start) & (dates <= after_to)).to_numpy()]
    return Periods(start, before_from, after_to, days_after, before, after)


def reason_hits(part: pd.DataFrame, reason: str | None) -> int:
    """The requests of `part` that count: all of them when the fix names no reason, else those of its reason.

    >>> part = pd.DataFrame({"reason": ["Defective", None, "Other", "Defective"]})
    >>> reason_hits(part, None), reason_hits(part, "Defective")
    (4, 2)
    """
    return len(part) if reason is None else int((part["reason"] == reason).to_numpy(dtype=bool, na_value=False).sum())


def exposure(periods: Periods, fix: Fix, orders: pd.DataFrame | None, weeks: int) -> tuple[float, float, str]:
    """What the requests are measured against, before and after, and its unit: the units sold (with an orders sheet),
    else days (all reasons: requests per week), else all the SKU's requests (one reason: its share).

    >>> cases = pd.DataFrame({"sku": "A", "request_date": pd.to_datetime(["2026-07-30", "2026-08-10", "2026-08-12"])})
    >>> periods = fix_periods(cases, Fix("A", None, "2026-08-03"), weeks=2)
    >>> orders = pd.DataFrame({"date": pd.to_datetime(["2026-07-25", "2026-08-05", "2026-08-06"]), "sku": ["A", "A", "B"],
    ...                        "units": [40.0, 30.0, 99.0]})
    >>> exposure(periods, Fix("A", None, "2026-08-03"), orders, 2), exposure(periods, Fix("A", None, "2026-08-03"), None, 2)
    ((40.0, 30.0, 'units sold'), (14.0, 9.0, 'days'))
    """
    if orders is not None:
        sold = check_orders(orders)
        sold = sold[sold["sku"] == fix.sku] if fix.sku is not None else sold
        base_b = float(sold.loc[(sold["date"] >= periods.before_from) & (sold["date"] < periods.start), "units"].sum())
        base_a = float(sold.loc[(sold["date"] >= periods.start) & (sold["date"] <= periods.after_to), "units"].sum())
        return base_b, base_a, "units sold"
    if fix.reason is None:
        return weeks * 7.0, periods.days_after, "days"
    return float(len(periods.before)), float(len(periods.after)), "requests"


def change_p_values(x_b: int, x_a: int, base_b: float, base_a: float, unit: str) -> tuple[float, float, str]:
    """One-sided p-values that the count fell and that it rose, and the test's name. Against requests (a reason's
    share): Fisher's exact test of the 2×2 table. Against units sold or days: given all requests of both periods,
    those after are binomial with the after period's part of the exposure if nothing changed.

    >>> p_fell, p_rose, test = change_p_values(20, 5, 100.0, 100.0, "units sold")
    >>> round(p_fell, 4), round(p_rose, 4), test
    (0.002, 0.9995, 'one-sided exact test of two rates')
    """
    if unit == "requests":
        table = [[x_a, int(base_a) - x_a], [x_b, int(base_b) - x_b]]
        both = bool(base_b and base_a)
        p_fell = float(fisher_exact(table, alternative="less").pvalue) if both else 1.0
        p_rose = float(fisher_exact(table, alternative="greater").pvalue) if both else 1.0
        return p_fell, p_rose, "one-sided Fisher exact test"
    total, frac = x_a + x_b, base_a / (base_a + base_b) if base_a + base_b > 0 else 0.5
    return float(binom.cdf(x_a, total, frac)), float(binom.sf(x_a - 1, total, frac)), "one-sided exact test of two rates"


def fix_numbers(fix: Fix, x_b: int, x_a: int, base_b: float, base_a: float, unit: str, *, weeks: int, after_weeks: float) -> Phrase:
    """The numbers before and after in words, as the unit asks: a share of requests, requests a week, or a share of
    units sold.

    >>> fix_numbers(Fix(None, None, "2026-08-03"), 16, 3, 56.0, 21.0, "days", weeks=8, after_weeks=3.0)
    'returns went from 2.0 to 1.0 a week (16 in the 8 weeks before, 3 in the 3.0 weeks after)'
    """
    what = Phrase("returns") if fix.reason is None else Word(fix.reason, lower=True)
    if after_weeks >= weeks:
        after_text = Phrase("the {weeks} weeks after", weeks=weeks)
    else:
        after_text = Phrase("the {weeks} weeks after", weeks=Num(after_weeks, 1))
    before_text = Phrase("the {weeks} weeks before", weeks=weeks)
    if unit == "requests":
        return Phrase(
            "{what} was {x_b} of {n_b} requests ({share_b}) in {before} and {x_a} of {n_a} ({share_a}) in {after}",
            what=what, x_b=x_b, n_b=int(base_b), share_b=Share(x_b, base_b, empty="n/a"), before=before_text,
            x_a=x_a, n_a=int(base_a), share_a=Share(x_a, base_a, empty="n/a"), after=after_text,
        )  # fmt: skip
    if unit == "days":
        return Phrase(
            "{what} went from {rate_b} to {rate_a} a week ({x_b} in {before}, {x_a} in {after})",
            what=what, rate_b=Num(x_b / weeks, 1), rate_a=Num(x_a / after_weeks, 1), x_b=x_b, before=before_text, x_a=x_a,
            after=after_text,
        )  # fmt: skip
    return Phrase(
        "{what} went from {share_b} to {share_a} of units sold ({x_b} per {sold_b} units before, {x_a} per {sold_a} after)",
        what=what, share_b=Share(x_b, base_b, 2, "n/a"), share_a=Share(x_a, base_a, 2, "n/a"), x_b=x_b, sold_b=Num(base_b),
        x_a=x_a, sold_a=Num(base_a),
    )  # fmt: skip


def _label(fix: Fix, start: pd.Timestamp) -> Phrase:
    """The fix in a few words: its note, what it covers and from when."""
    target = Phrase("SKU {sku}", sku=fix.sku) if fix.sku is not None else Phrase("all SKUs")
    if fix.note:
        return Phrase("{note}, {target} from {day}", note=fix.note[:1].upper() + fix.note[1:], target=target, day=Day(start))
    return Phrase("{target} from {day}", target=target, day=Day(start))
