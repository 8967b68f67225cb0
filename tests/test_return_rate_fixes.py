"""Return rates with Wilson intervals, and before/after tests of a noted fix, against hand-computed answers."""

import math

import pandas as pd
import pytest

from analysis.fixes import Fix, evaluate_fix
from analysis.return_rate import COUNT_LABEL, return_rates, wilson_interval
from data.demo import PLANTED, generate


def test_wilson_by_hand():
    # 2 of 10 at z = 1.96: centre (0.2 + 0.19208) / 1.38416, half 1.96 * sqrt(0.016 + 0.0009604) / 1.38416
    low, high = wilson_interval([2], [10])
    centre, half = (0.2 + 1.96**2 / 20) / (1 + 1.96**2 / 10), 1.96 * math.sqrt(0.016 + 1.96**2 / 400) / (1 + 1.96**2 / 10)
    assert low[0] == pytest.approx(centre - half)
    assert high[0] == pytest.approx(centre + half)
    assert low[0] == pytest.approx(0.0567, abs=1e-4) and high[0] == pytest.approx(0.5098, abs=1e-4)
    assert all(math.isnan(v) for v in wilson_interval([0], [0])[0])


def _cases():
    return pd.DataFrame(
        {
            "sku": ["A", "A", "A", "B", "B"],
            "quantity": pd.array([1, 2, None, 1, 1], dtype="Int64"),
            "request_date": pd.to_datetime(
                ["2026-11-15 22:00", "2026-11-16 09:00", "2026-11-17 09:00", "2026-11-17 09:00", "2026-11-17 10:00"]
            ),
            "courier_return": pd.array([False, False, False, False, True], dtype="boolean"),
        }
    )


def _orders():
    return pd.DataFrame(
        {"date": ["2026-11-10", "2026-11-16", "2026-11-16", "bad date"], "sku": ["A", "A", "B", "B"], "units": [10, "30", 20, 5]}
    )


def test_return_rates_per_sku_and_week():
    got = return_rates(_cases(), _orders()).set_index("sku")
    assert got.loc["A", ["returned", "sold"]].tolist() == [4.0, 40.0]  # 1 + 2 + 1 (missing quantity counts 1)
    assert got.loc["B", ["returned", "sold"]].tolist() == [1.0, 20.0]  # the courier return and the bad row are out
    assert got.loc["A", "rate"] == pytest.approx(0.1)
    weekly = return_rates(_cases(), _orders(), weekly=True)
    a = weekly[weekly.sku == "A"].set_index("week")
    assert a["returned"].tolist() == [1.0, 3.0]  # Sunday 22:00 belongs to the week of 9 Nov
    assert a["sold"].tolist() == [10.0, 30.0]
    shop = return_rates(_cases(), _orders(), by=None)
    assert shop[["returned", "sold"]].values.tolist() == [[5.0, 60.0]]


def test_counts_without_orders_and_clear_errors():
    got = return_rates(_cases())
    assert got["returned"].tolist() == [4.0, 1.0]
    assert got["rate"].isna().all() and set(got["measure"]) == {COUNT_LABEL}
    with pytest.raises(ValueError, match="missing: units"):
        return_rates(_cases(), _orders().drop(columns="units"))
    with pytest.raises(ValueError, match="per SKU"):
        return_rates(_cases(), _orders(), by="channel")


def _fix_cases(before_x, before_n, after_x, after_n):
    rows = [("2026-07-20 10:00", "Damaged packaging")] * before_x + [("2026-07-21 10:00", "Other")] * (before_n - before_x)
    rows += [("2026-08-10 10:00", "Damaged packaging")] * after_x + [("2026-08-11 10:00", "Other")] * (after_n - after_x)
    return pd.DataFrame({"sku": "HM-7", "request_date": pd.to_datetime([r[0] for r in rows]), "reason": [r[1] for r in rows]})


def test_fix_two_by_two_on_paper():
    # 10 of 20 before, 2 of 20 after. Fisher one-sided: P(X <= 2), X hypergeometric (40 requests, 12 of the reason, 20 after)
    p = sum(math.comb(12, k) * math.comb(28, 20 - k) for k in range(3)) / math.comb(40, 20)
    result = evaluate_fix(_fix_cases(10, 20, 2, 20), Fix("HM-7", "Damaged packaging", "2026-08-03"), as_of="2026-09-28")
    assert result.verdict == "fell"
    assert result.p_value == pytest.approx(p)
    assert (result.before, result.before_base, result.after, result.after_base) == (10, 20.0, 2, 20.0)
    same = evaluate_fix(_fix_cases(5, 20, 5, 20), Fix("HM-7", "Damaged packaging", "2026-08-03"), as_of="2026-09-28")
    assert same.verdict == "no clear change"


def test_fix_rates_with_orders_and_per_week():
    cases = _fix_cases(10, 20, 2, 20)
    orders = pd.DataFrame({"date": ["2026-07-01", "2026-08-20"], "sku": "HM-7", "units": [200, 200]})
    with_orders = evaluate_fix(cases, Fix("HM-7", "Damaged packaging", "2026-08-03"), orders=orders, as_of="2026-09-28")
    # equal units before and after: after ~ Bin(12, 1/2); P(X <= 2) = (1 + 12 + 66) / 4096
    assert with_orders.p_value == pytest.approx(79 / 4096)
    assert with_orders.verdict == "fell"
    weekly = evaluate_fix(cases, Fix("HM-7", None, "2026-08-03"), as_of="2026-08-31")
    # 20 requests in 56 days before, 20 in 28 days after: twice the weekly rate, not a fall
    assert weekly.verdict == "rose"
    # after ~ Bin(40, 28 / 84) if nothing changed: P(X >= 20)
    assert weekly.p_value == pytest.approx(sum(math.comb(40, k) * (1 / 3) ** k * (2 / 3) ** (40 - k) for k in range(20, 41)))
    assert "2.5 to 5.0 a week" in weekly.sentence
    early = evaluate_fix(cases, Fix("HM-7", None, "2026-08-03"), as_of="2026-08-06")
    assert early.verdict == "too early"


def test_demo_packaging_problem_rose():
    result = evaluate_fix(generate(), Fix(PLANTED["packaging_sku"], "Damaged packaging", PLANTED["packaging_from"]))
    assert result.verdict == "rose"
    assert result.p_value < 0.01


def test_a_fix_for_every_sku_counts_the_requests_of_all_skus():
    cases = pd.concat([_fix_cases(6, 10, 1, 10), _fix_cases(4, 10, 1, 10).assign(sku="AP-1")], ignore_index=True)
    result = evaluate_fix(cases, Fix(None, "Damaged packaging", "2026-08-03", "better tape"), as_of="2026-09-28")
    assert (result.before, result.before_base, result.after, result.after_base) == (10, 20.0, 2, 20.0)
    assert result.sentence.startswith("Better tape, all SKUs from 3 Aug 2026: damaged packaging was 10 of 20 requests (50%)")
