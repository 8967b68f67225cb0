"""Recurring causes: statistics checked against small cases worked on paper, and the demo's planted patterns."""

import numpy as np
import pandas as pd
import pytest

from analysis.recurring import _upper_p, binomial_naive, recurring_causes
from data.demo import PLANTED, generate
from data.schema import conform

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


def test_beta_binomial_tail_on_paper():
    # kappa 5 around p 0.2: the SKU's share is Beta(1, 4), P(X = 3 of 3) = E[s^3] = B(4, 4) / B(1, 4) = 1/35.
    assert _upper_p(np.array([[3]]), np.array([[3]]), np.array([[0.2]]), 5.0)[0, 0] == pytest.approx(1 / 70)
    # The binomial tail (0.2^3 / 2) is thinner: natural spread between SKUs makes a count less surprising.
    assert _upper_p(np.array([[3]]), np.array([[3]]), np.array([[0.2]]))[0, 0] == pytest.approx(0.004)


def test_two_by_two_on_paper():
    # A: 5 of 5 "X". The rest of the shop (B and C): 10 "X" of 100, so 10% shop-wide.
    cases = frame([("A", "X", 5), ("B", "X", 5), ("B", "Y", 45)])
    before = cases.copy()
    got = recurring_causes(cases)
    assert got[["sku", "reason", "count", "volume"]].values.tolist() == [["A", "X", 5, 5]]
    row = got.iloc[0]
    assert row.expected == pytest.approx(0.5)  # 5 × 10%
    assert row.lift == pytest.approx(4.0)  # (5 + 10 × 0.1) / (5 + 10) / 0.1: shrunk from 10× toward 1
    # One week of data: the three spans coincide, Simes gives the p itself: 0.1^5 / 2 (mid-p; too few pairs
    # to measure spread between SKUs, so binomial). Weighted Benjamini–Hochberg over 3 SKUs × 2 reasons: weight
    # min(1, expected / 5)^2 — A·X expects 0.5 (0.01), A·Y 4.5 (0.81), B and C 5 and 45 (1 each), sum 4.82;
    # scaled to mean 1, A·X's weight is 0.01 × 6 / 4.82, and at rank 1 of 6: q = 6 × p / weight = p × 4.82 / 0.01.
    assert row.q_value == pytest.approx(0.1**5 / 2 * 4.82 / 0.01)
    assert row.weeks_flagged == 1
    assert row.evidence == "SKU A: x is 5 of 5 returns (100%) against 10% shop-wide in the week to 19 Nov 2026."
    assert row.as_of == pd.Timestamp("2026-11-19 10:00")
    pd.testing.assert_frame_equal(cases, before)


def test_one_big_problem_does_not_raise_the_bar_for_everyone():
    # D: 200 "X" of 250 swamps the shop mix: with it, "X" would be 210 of 450 (47%) for A and A's 12 of 40 ordinary.
    # D is left out of the others' mix: A's 12 of 40 is against B and C's 10 of 200 (5%), 2 expected.
    cases = frame([("D", "X", 200), ("D", "Y", 50), ("B", "X", 5), ("B", "Y", 95), ("A", "X", 12), ("A", "Y", 28)])
    got = recurring_causes(cases)
    assert got[["sku", "reason", "count"]].values.tolist() == [["D", "X", 200], ["A", "X", 12]]
    assert got["expected"].tolist() == [pytest.approx(12.5), pytest.approx(2.0)]  # D: 250 × 10 of 200
    assert got.evidence.iloc[1].startswith("SKU A: x is 12 of 40 returns (30%) against 5% shop-wide")


def test_two_cases_never_alert():
    cases = frame([("A", "X", 2), ("B", "Y", 500), ("B", "X", 1)])
    assert recurring_causes(cases).empty
    assert not binomial_naive(cases).empty  # the naive test alone would alert on 2 cases


def test_week_boundary_counts_weeks():
    # Sunday 23:59 and the next Monday 00:00 are in different ISO weeks.
    cases = frame(
        [
            ("A", "X", 5, "2026-11-15 23:59"),
            ("A", "X", 5, "2026-11-16 00:00"),
            ("B", "Y", 300, "2026-11-16 00:00"),
            ("B", "X", 10, "2026-11-16 00:00"),
            ("B", "Y", 300, "2026-11-15 00:00"),
            ("B", "X", 10, "2026-11-15 00:00"),
        ]
    )
    got = recurring_causes(cases)
    assert got.weeks_flagged.tolist() == [2]
    assert got.evidence.iloc[0].endswith("in the 2 weeks to 16 Nov 2026; it stood out in 2 of those weeks.")
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


# Alerts are about now ------------------------------------------------------------------------------------------------

LATEST = pd.Timestamp("2026-07-09 10:00")  # a Thursday


def _shop(a_rows, channel_a=None, a_last_week=0) -> pd.DataFrame:
    """B and C: 100 a week ("X" 5, "Y" 95) for 40 weeks to LATEST on one channel; A: `a_rows` (weeks back from its last
    week `a_last_week`, "X" count, "Y" count) on `channel_a` (None: the same channel as B and C)."""
    rows = []
    for week in range(40):
        day = LATEST - pd.Timedelta(weeks=week)
        rows += [("B", "X", 5, day), ("B", "Y", 95, day)]
    shop = frame(rows).assign(channel="Shopee")
    a = []
    for week, x, y in a_rows:
        day = LATEST - pd.Timedelta(weeks=a_last_week + week)
        a += [("A", "X", x, day), ("A", "Y", y, day)]
    a = frame([r for r in a if r[2] > 0]).assign(channel=channel_a or "Shopee")
    return pd.concat([shop, a], ignore_index=True)


def _stored(cases: pd.DataFrame) -> pd.DataFrame:
    """The shop in the store's schema ("X" is Defective, "Y" Other), as the Overview reads it."""
    return conform(cases.assign(reason=cases["reason"].map({"X": "Defective", "Y": "Other"}), request_type="Refund Only"))


def test_a_pair_with_no_recent_case_is_earlier_never_an_alert():
    from analysis.attention import needs_attention
    from analysis.filters import FilterSpec
    from analysis.recurring import STATUSES, now_and_earlier

    # A: 6 "X" and 4 "Y" a week from 30 weeks back to 10 weeks back, nothing since: 126 "X" of 210 against 5%.
    cases = _shop([(w, 6, 4) for w in range(10, 31)])
    got = recurring_causes(cases)
    row = got.set_index(["sku", "reason"]).loc[("A", "X")]
    assert row.status == "earlier" and row["count"] == 0
    assert row.evidence == (
        "SKU A: no x case in the last 8 weeks to 9 Jul 2026; over the last 52 weeks x was 126 of 210 returns (60%) against 5% shop-wide."
    )
    now, earlier = now_and_earlier(got)
    assert "A" not in set(now["sku"]) and ("A", "X") in set(zip(earlier["sku"], earlier["reason"], strict=True))
    assert set(now["status"]) <= set(STATUSES)
    assert list(got["status"]).index("earlier") >= len(now)  # never on top
    assert "A" not in set(needs_attention(_stored(cases), FilterSpec()).recurring["sku"])

    # One case in the window is enough to be judged now again, and the status rests on it.
    recent = recurring_causes(_shop([(w, 6, 4) for w in range(10, 31)] + [(0, 1, 0)]))
    row = recent.set_index(["sku", "reason"]).loc[("A", "X")]
    assert row.status == "recurring" and row["count"] == 1  # 1 of 1 against 5%, and 126 of 210 before
    assert row.evidence.startswith("SKU A: x is 1 of 1 returns (100%) against 5% shop-wide in the 8 weeks to 9 Jul 2026")


def test_a_source_that_ends_months_earlier_is_judged_as_of_its_own_end():
    from analysis.attention import needs_attention
    from analysis.filters import FilterSpec
    from analysis.sources import source_ends

    # A sells only on Amazon, whose report ends 8 weeks before Shopee's (Thu 14 May 2026): 6 "X" and 4 "Y" a week over
    # its last 20 weeks. Judged as of 14 May, its window is the 8 weeks to then: 48 "X" of 80.
    cases = _shop([(w, 6, 4) for w in range(20)], channel_a="Amazon", a_last_week=8)
    ends = source_ends(cases)
    assert [(e.source, e.as_of, e.behind) for e in ends] == [("Shopee", LATEST, False), ("Amazon", pd.Timestamp("2026-05-14 10:00"), True)]
    row = recurring_causes(cases).set_index(["sku", "reason"]).loc[("A", "X")]
    assert row.status in {"new", "recurring"} and row["count"] == 48 and row.volume == 80
    assert row.as_of == pd.Timestamp("2026-05-14 10:00")
    assert "in the 8 weeks to 14 May 2026" in row.evidence
    # Judged as of Shopee's 9 Jul (one date for all), A would have no case lately: "earlier" at best.
    one_date = recurring_causes(cases.assign(channel="Shopee")).set_index(["sku", "reason"])
    assert one_date.loc[("A", "X"), "status"] == "earlier"
    # The Overview's alerts are about now: the Amazon pair is listed apart, as of its date.
    found = needs_attention(_stored(cases), FilterSpec())
    assert found.recurring.empty
    assert found.behind[["sku", "reason", "as_of"]].values.tolist() == [["A", "Defective", pd.Timestamp("2026-05-14 10:00")]]


def test_the_evidence_never_contradicts_the_status():
    # Random shops with problems that start, stop and move: every pair on top has recent cases, and its sentence
    # carries its own count; "earlier" pairs say they have no case lately.
    rng = np.random.default_rng(7)
    for _ in range(6):
        rows = []
        for week in range(40):
            day = LATEST - pd.Timedelta(weeks=week)
            for sku in "ABCDEFGH":
                n = int(rng.integers(5, 40))
                bad = 0.5 if (sku == "A" and week > 12) or (sku == "B" and week < 6) or (sku == "C" and 4 < week < 20) else 0.05
                k = int(rng.binomial(n, bad))
                rows += [(sku, "X", k, day), (sku, "Y", n - k, day)]
        got = recurring_causes(frame([r for r in rows if r[2] > 0]))
        assert len(got)
        for r in got.itertuples():
            if r.status == "earlier":
                assert r.count == 0 and "no x case in the last 8 weeks" in r.evidence
            else:
                assert r.count >= 1 and f"x is {r.count} of {r.volume} returns" in r.evidence
                assert "no returns lately" not in r.evidence
