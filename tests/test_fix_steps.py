"""The named steps of judging a fix (`analysis.fixes.evaluate_fix`), each against hand-counted answers."""

import math

import pandas as pd
import pytest

from analysis.fixes import Fix, change_p_values, evaluate_fix, exposure, fix_numbers, fix_periods, reason_hits


def cases() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sku": ["A", "A", "A", "B", "A", "A", "A"],
            "request_date": pd.to_datetime(
                ["2026-06-01", "2026-07-20", "2026-07-27", "2026-07-28", "2026-08-03", "2026-08-20", "2026-10-20"]
            ),
            "reason": ["Defective", "Defective", "Other", "Defective", "Defective", "Other", "Defective"],
            "courier_return": pd.array([False, False, False, False, False, True, False], dtype="boolean"),
        }
    )


def test_periods_are_the_weeks_before_and_after_the_fix_day():
    p = fix_periods(cases(), Fix("A", "Defective", "2026-08-03 15:00"), weeks=4, as_of="2026-09-30")
    assert (p.start, p.before_from, p.after_to) == (pd.Timestamp("2026-08-03"), pd.Timestamp("2026-07-06"), pd.Timestamp("2026-08-31"))
    assert p.days_after == 28.0
    # Before: 20 and 27 Jul (1 Jun is too early, B is another SKU). After: 3 Aug only (20 Aug is a courier return,
    # 20 Oct is past the 4 weeks).
    assert p.before["request_date"].dt.day.tolist() == [20, 27] and p.after["request_date"].dt.day.tolist() == [3]
    short = fix_periods(cases(), Fix(None, None, "2026-08-03"), weeks=4, as_of="2026-08-06")
    assert short.days_after == 3.0 and len(short.before) == 3  # every SKU: B's request counts


def test_reason_hits_counts_the_fix_reason_or_everything():
    part = cases()
    assert reason_hits(part, None) == 7 and reason_hits(part, "Defective") == 5 and reason_hits(part, "Late") == 0


def test_exposure_is_units_sold_or_days_or_requests():
    fix = Fix("A", "Defective", "2026-08-03")
    p = fix_periods(cases(), fix, weeks=4, as_of="2026-09-30")
    orders = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-07-01", "2026-07-10", "2026-08-10", "2026-09-10", "2026-08-10"]),
            "sku": ["A", "A", "A", "A", "B"],
            "units": [5.0, 10.0, 20.0, 40.0, 99.0],
        }
    )
    assert exposure(p, fix, orders, 4) == (10.0, 20.0, "units sold")  # 1 Jul is before 6 Jul; 10 Sep after 31 Aug
    assert exposure(p, Fix("A", None, "2026-08-03"), None, 4) == (28.0, 28.0, "days")
    assert exposure(p, fix, None, 4) == (2.0, 1.0, "requests")


def test_p_values_by_hand():
    # Against units: 5 requests in all, the after period holds half the units; P(after <= 1) = (1 + 5) / 32.
    p_fell, p_rose, test = change_p_values(4, 1, 100.0, 100.0, "units sold")
    assert p_fell == pytest.approx(6 / 32) and p_rose == pytest.approx(31 / 32) and test == "one-sided exact test of two rates"
    # Against requests: Fisher's 2×2 table [[0, 4], [4, 0]]: the only table as extreme, 1 / C(8, 4) = 1 / 70.
    p_fell, p_rose, test = change_p_values(4, 0, 4.0, 4.0, "requests")
    assert p_fell == pytest.approx(1 / 70) and p_rose == 1.0 and test == "one-sided Fisher exact test"
    assert change_p_values(3, 0, 3.0, 0.0, "requests")[:2] == (1.0, 1.0)  # no request after: nothing to compare


def test_numbers_in_words_for_each_unit():
    fix = Fix("A", "Damaged packaging", "2026-08-03")
    assert fix_numbers(fix, 10, 2, 20.0, 20.0, "requests", weeks=8, after_weeks=8.0) == (
        "damaged packaging was 10 of 20 requests (50%) in the 8 weeks before and 2 of 20 (10%) in the 8 weeks after"
    )
    assert fix_numbers(fix, 3, 1, 200.0, 400.0, "units sold", weeks=8, after_weeks=2.5) == (
        "damaged packaging went from 1.50% to 0.25% of units sold (3 per 200 units before, 1 per 400 after)"
    )


def test_too_early_and_a_full_verdict():
    early = evaluate_fix(cases(), Fix("A", "Defective", "2026-08-03"), as_of="2026-08-06")
    assert early.verdict == "too early" and math.isnan(early.p_value) and (early.before, early.after) == (1, 1)
    result = evaluate_fix(cases(), Fix("A", None, "2026-08-03", "new box"), weeks=4, as_of="2026-09-30")
    # 2 requests in 28 days before, 1 in 28 days after: P(after <= 1 | 3, 1/2) = 4/8, P(after >= 1) = 7/8.
    assert (result.verdict, result.before, result.after) == ("no clear change", 2, 1)
    assert result.p_value == pytest.approx(0.5)
    assert result.sentence == (
        "New box, SKU A from 3 Aug 2026: returns went from 0.5 to 0.2 a week (2 in the 4 weeks before, "
        "1 in the 4 weeks after); no clear change."
    )
