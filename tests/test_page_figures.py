"""The figures pages show beside the tests themselves (analysis/rate_figures, refund_breakdown, cause_figures,
fix_notes), on small frames whose answers are worked out by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cause_figures import cases_and_pairs_tested, judged_days, spike_weeks
from analysis.filters import FilterSpec
from analysis.fix_notes import covering, noted_fixes
from analysis.fixes import Fix
from analysis.money import CurrencyRule
from analysis.rate_figures import per_hundred, ranked, rate_inputs, returned_counts, sku_weeks, thin_weeks, unsold
from analysis.refund_breakdown import refund_ranking, share_of_refunds, weekly_refunds
from analysis.return_rate import return_rates

DAY = pd.Timestamp


def requests(*rows: tuple[str, str]) -> pd.DataFrame:
    """Buyer requests from (SKU, request day at 14:00), one unit each."""
    return pd.DataFrame({"sku": [r[0] for r in rows], "request_date": pd.to_datetime([r[1] for r in rows]) + pd.Timedelta(hours=14)})


def order_lines(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime([r[1] for r in rows]), "sku": [r[0] for r in rows], "units": [r[2] for r in rows]})


STORED = order_lines(("A", "2026-03-02", 40), ("A", "2026-03-09", 10), ("B", "2026-03-02", 25), ("C", "2026-03-31", 5))
RETURNS = requests(
    ("A", "2026-03-01"),
    ("A", "2026-03-03"),
    ("A", "2026-03-10"),
    ("A", "2026-03-10"),
    ("B", "2026-03-05"),
    ("D", "2026-03-06"),
    ("A", "2026-04-01"),
)


def test_rates_count_only_the_days_the_orders_cover():
    # Orders run 2 Mar – 31 Mar: the requests of 1 Mar and 1 Apr are left out, five stay.
    view = rate_inputs(RETURNS, STORED, None)
    assert (view.first, view.last, view.left_out, len(view.returns)) == (DAY("2026-03-02"), DAY("2026-03-31"), 2, 5)
    # A: 3 returned of 50 sold (6 per 100); B: 1 of 25 (4); C sold 5, no return; D returned 1, sold nothing.
    table = return_rates(view.returns, view.sold)
    per100 = per_hundred(table).set_index("sku")["per100"]
    assert per100.drop("D").round(9).to_dict() == {"A": 6.0, "B": 4.0, "C": 0.0} and pd.isna(per100["D"])  # no sale: no rate
    assert ranked(table, 20)["sku"].tolist() == ["A", "B"]  # C sold 5 < 20, D nothing
    assert ranked(table, 1)["sku"].tolist() == ["A", "B", "C"]
    assert unsold(table)["sku"].tolist() == ["D"]


def test_rates_in_a_period_and_for_chosen_skus():
    # 1 – 8 Mar and SKU A: the 40 units of 2 Mar; returns are still only narrowed to the stored orders' days.
    view = rate_inputs(RETURNS, STORED, (DAY("2026-03-01"), DAY("2026-03-08")), ["A"])
    assert view.sold["units"].tolist() == [40.0]
    assert view.left_out == 2
    # Orders stored, none in view: no rate, and no request is left out.
    empty = rate_inputs(RETURNS, STORED, (DAY("2027-01-01"), DAY("2027-01-31")))
    assert empty.sold.empty and empty.left_out == 0 and len(empty.returns) == len(RETURNS)
    assert rate_inputs(RETURNS, None, None).sold is None


def test_counts_without_orders_and_a_skus_weeks():
    # A returned 5 units, B, D 1 each: most first, ties by SKU.
    assert returned_counts(RETURNS)[["sku", "returned"]].values.tolist() == [["A", 5.0], ["B", 1.0], ["D", 1.0]]
    # A by week (weeks start Monday): 2 Mar week 1 returned (3 Mar) of 40; 9 Mar week 2 returned of 10.
    weeks = sku_weeks(rate_inputs(RETURNS, STORED, None).returns, STORED, "A")
    assert weeks[["returned", "sold"]].values.tolist() == [[1.0, 40.0], [2.0, 10.0]]
    assert weeks["rate"].tolist() == [0.025, 0.2]
    assert thin_weeks(weeks) == 1  # 10 < 20 units sold


def test_refund_charts_keep_other_currencies_out():
    cases = pd.DataFrame(
        {
            "sku": ["A", "A", "B", "No SKU", "C"],
            "reason": ["Defective", "Quality", "Defective", "Quality", "Defective"],
            "request_type": ["Refund only", "Refund only", "Return + Refund", "Refund only", "Refund only"],
            "status": ["refunded", "auto-approved", "refunded", "refunded", "refunded"],
            "refund_amount": [100.0, 50.0, 30.0, 20.0, 999.0],
            "currency": ["IDR", "IDR", "IDR", "IDR", "USD"],
            "request_date": pd.to_datetime(["2026-11-02", "2026-11-04", "2026-11-09", "2026-11-10", "2026-11-10"]),
        }
    )
    rule = CurrencyRule("IDR")
    weekly, lost = weekly_refunds(cases, rule)
    # IDR only: week of 2 Nov 150, of 9 Nov 50; the auto-approved 50 in the first week.
    assert weekly["refund"].tolist() == [150.0, 50.0]
    assert lost["refund"].tolist() == [50.0]
    by_reason = refund_ranking(cases, rule, "reason")
    assert by_reason.table[["reason", "refund"]].values.tolist() == [["Defective", 130.0], ["Quality", 70.0]]
    assert (by_reason.ranked, by_reason.share) == (2, 1.0)
    by_type = refund_ranking(cases, rule, "request_type")
    assert by_type.table[["request_type", "refund"]].values.tolist() == [["Refund only", 170.0], ["Return + Refund", 30.0]]
    # By SKU the case with no SKU is left out: A 150 of 180, B 30.
    top = refund_ranking(cases, rule, "sku", top=1)
    assert (top.table["sku"].tolist(), top.ranked) == (["A"], 2)
    assert top.share == pytest.approx(150 / 180)
    assert share_of_refunds(50.0, 200.0) == 0.25
    assert share_of_refunds(None, 200.0) is None and share_of_refunds(10.0, None) is None


def test_cause_figures():
    cases = pd.DataFrame(
        {
            "sku": ["A", "A", "B", "C"],
            "reason": ["x", "x", None, "y"],
            "request_date": pd.to_datetime(["2026-11-20", "2026-11-01", "2026-11-21", "2026-09-01"]),
        }
    )
    # The last 2 weeks to 21 Nov start after 7 Nov: A·x of 20 Nov only (B has no reason, C is older).
    assert cases_and_pairs_tested(cases, ("sku", "reason"), {}, DAY("2026-11-21"), 2) == (1, 1)
    assert cases_and_pairs_tested(cases, ("sku", "reason"), {}, DAY("2026-11-21"), 4) == (2, 1)
    # Judged as of Sunday 22 Nov over 4 weeks: Monday 26 Oct to 22 Nov.
    assert judged_days(DAY("2026-11-22"), 4) == (DAY("2026-10-26"), DAY("2026-11-22"))
    assert spike_weeks(cases.iloc[:0], FilterSpec(), ("reason",)).latest is None


def test_spikes_this_week_and_earlier_within_the_period():
    # Reason A: 2 of 20 a week for two weeks, then 20 of 40 (a spike, week of 16 Nov), then 20 of 40 again in the week
    # of 23 Nov: against its two weeks before (2 and 20, mean 11) that is under twice the usual, so no spike this week.
    weeks = pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]).repeat([20, 20, 40, 40])
    reasons = (["A"] * 2 + ["B"] * 18) * 2 + (["A"] * 20 + ["B"] * 20) * 2
    cases = pd.DataFrame({"request_date": weeks, "reason": reasons})
    got = spike_weeks(cases, FilterSpec(period="All time"), ("reason",), baseline_weeks=2)
    assert got.latest == DAY("2026-11-23") and got.this_week == []
    assert len(got.earlier) == 1 and got.earlier[0].startswith("A: 20 requests in the week of 16 Nov 2026")
    # A filter on B picks B's rows only: B never spikes.
    assert spike_weeks(cases, FilterSpec(period="All time", reason=("B",)), ("reason",), baseline_weeks=2).earlier == []


def test_fix_notes_and_the_orders_that_judge_them():
    noted = pd.DataFrame(
        {
            "fix_id": [3, 4, 5],
            "sku": pd.array(["A", None, "B"], dtype="string"),
            "reason": [None, "Wrong size", None],
            "date": ["2026-03-09"] * 3,
            "note": ["box", "chart", "label"],
        }
    )
    assert [(i, f.sku, f.reason, f.note) for i, f in noted_fixes(noted)] == [
        (3, "A", None, "box"),
        (4, None, "Wrong size", "chart"),
        (5, "B", None, "label"),
    ]
    assert [i for i, _ in noted_fixes(noted, sku="B")] == [5]  # a note on all SKUs is not the SKU's own
    assert noted_fixes(noted.iloc[:0]) == []
    # A sold 40 units in the week before 9 Mar and 10 after: judged per unit sold. B sold only before; C only after.
    assert covering(STORED, Fix("A", None, "2026-03-09"))["units"].tolist() == [40.0, 10.0]
    assert covering(STORED, Fix("B", None, "2026-03-09")) is None
    assert covering(STORED, Fix(None, None, "2026-03-09")) is not None  # all SKUs: 65 before, 15 after
    assert covering(None, Fix("A", None, "2026-03-09")) is None
    # More than 8 weeks before the date does not count as "before".
    assert covering(STORED, Fix("A", None, "2026-05-11")) is None
