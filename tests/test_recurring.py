"""Recurring causes: statistics checked against small cases worked on paper, and the demo's planted patterns."""

import numpy as np
import pandas as pd
import pytest

from analysis.recurring import _upper_p, binomial_naive, recurring_causes
from data.demo import PLANTED, generate

THURSDAY = pd.Timestamp("2026-11-19 10:00")


def frame(rows, date=THURSDAY):
    """rows: (sku, reason, how many, optional date); every row of "B" is repeated for a twin "C", so the
    rest of the shop is never a single SKU (with two SKUs, each is the other's whole baseline)."""
    rows = list(rows) + [("C", *r[1:]) for r in rows if r[0] == "B"]
    out = []
    for row in rows:
        sku, reason, k = row[:3]
        when = row[3] if len(row) > 3 else date
        out += [{"sku": sku, "reason": reason, "request_date": pd.Timestamp(when)}] * k
    return pd.DataFrame(out)


def test_mid_p_tail_on_paper():
    # P(X >= n) = p^n for X ~ Bin(n, p); the mid-p takes off half of P(X = n) = p^n.
    got = _upper_p(np.array([[3, 2, 1]]), np.array([[3, 2, 5]]), np.array([[0.5, 0.1, 0.1]]))
    assert got[0].tolist() == pytest.approx([0.0625, 0.005, 1.0])


def test_two_by_two_on_paper():
    # A: 5 of 5 "X". The rest of the shop (B and C): 10 "X" of 100, so 10% shop-wide.
    cases = frame([("A", "X", 5), ("B", "X", 5), ("B", "Y", 45)])
    before = cases.copy()
    got = recurring_causes(cases)
    assert got[["sku", "reason", "count", "volume"]].values.tolist() == [["A", "X", 5, 5]]
    row = got.iloc[0]
    assert row.expected == pytest.approx(0.5)  # 5 × 10%
    assert row.lift == pytest.approx(4.0)  # (5 + 10 × 0.1) / (5 + 10) / 0.1: shrunk from 10× toward 1
    # one week of data: the three spans coincide, Simes gives the p itself: 0.1^5 / 2 (mid-p);
    # Benjamini–Hochberg over 3 SKUs × 2 reasons = 6 pairs, rank 1: q = 6 × p
    assert row.q_value == pytest.approx(6 * 0.1**5 / 2)
    assert row.weeks_flagged == 1
    assert row.evidence == "SKU A: x is 5 of 5 returns (100%) against 10% shop-wide; it stood out in 1 of the last 1 week."
    pd.testing.assert_frame_equal(cases, before)


def test_two_cases_never_alert():
    cases = frame([("A", "X", 2), ("B", "Y", 500), ("B", "X", 1)])
    assert recurring_causes(cases).empty
    assert not binomial_naive(cases).empty  # the naive test alone would alert on 2 cases


def test_week_boundary_counts_weeks():
    # Sunday 23:59 and the next Monday 00:00 are in different ISO weeks.
    cases = frame([("A", "X", 5, "2026-11-15 23:59"), ("A", "X", 5, "2026-11-16 00:00"), ("B", "Y", 300, "2026-11-16 00:00"),
                   ("B", "X", 10, "2026-11-16 00:00"), ("B", "Y", 300, "2026-11-15 00:00"), ("B", "X", 10, "2026-11-15 00:00")])
    got = recurring_causes(cases)
    assert got.weeks_flagged.tolist() == [2]
    assert got.evidence.iloc[0].endswith("stood out in 2 of the last 2 weeks.")
    only_first = recurring_causes(cases, as_of="2026-11-15 23:59")
    assert only_first.weeks_flagged.tolist() == [1]
    assert only_first["count"].tolist() == [5]


def _history(sku_before: int, sku_window: int) -> pd.DataFrame:
    """SKU A with `sku_before` of 20 weekly returns "X" for 20 weeks before the window, `sku_window` of 20 in each
    of the 8 window weeks; SKU B 200 a week at 5% "X" all along."""
    rows = []
    for week in range(28):
        day = THURSDAY - pd.Timedelta(weeks=week)
        x = sku_window if week < 8 else sku_before
        rows += [("A", "X", x, day), ("A", "Y", 20 - x, day), ("B", "X", 10, day), ("B", "Y", 190, day)]
    return frame([r for r in rows if r[2] > 0])


@pytest.mark.parametrize(("before", "window", "status"), [(1, 8, "new"), (8, 8, "recurring"), (4, 12, "growing"), (8, 3, "fading")])
def test_status_from_own_history(before, window, status):
    got = recurring_causes(_history(before, window))
    assert got[["sku", "reason", "status"]].values.tolist() == [["A", "X", status]]


def test_courier_returns_left_out():
    cases = frame([("A", "X", 8), ("B", "X", 5), ("B", "Y", 95)])
    cases["courier_return"] = pd.array([True] * 8 + [False] * 200, dtype="boolean")
    assert recurring_causes(cases).empty


def test_other_dimensions_and_empty():
    cases = frame([("A", "X", 10), ("B", "X", 5), ("B", "Y", 95)]).rename(columns={"sku": "handled_by"})
    got = recurring_causes(cases, by=("handled_by", "reason"))
    assert got.evidence.iloc[0].startswith("A (person in charge): x is 10 of 10")
    assert recurring_causes(cases.iloc[0:0], by=("handled_by", "reason")).empty


@pytest.fixture(scope="module")
def demo():
    return generate()


def test_demo_planted_causes(demo):
    got = recurring_causes(demo).set_index(["sku", "reason"])
    assert got.loc[(PLANTED["packaging_sku"], "Damaged packaging"), "status"] in {"new", "growing"}
    assert got.loc[(PLANTED["size_sku"], "Wrong size or fit"), "status"] == "recurring"
    assert len(got) <= 4  # a year of noise on 200 SKUs does not flood the list
    people = recurring_causes(demo, by=("handled_by", "reason"))
    assert people[["handled_by", "reason"]].values.tolist()[0] == [PLANTED["missing_handler"], "Missing item"]
