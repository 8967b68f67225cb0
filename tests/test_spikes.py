"""Spikes: the count-and-share rule, quiet at low volume, and the demo's missing-item week tied to Dewi."""

import pandas as pd
import pytest

from analysis.spikes import spike_table, spikes
from data.demo import PLANTED, generate


def _weeks(counts_a, counts_b):
    rows = []
    for i, (a, b) in enumerate(zip(counts_a, counts_b, strict=True)):
        day = pd.Timestamp("2026-09-07") + pd.Timedelta(weeks=i)
        rows += [{"request_date": day, "reason": "A"}] * a + [{"request_date": day, "reason": "B"}] * b
    return pd.DataFrame(rows)


def test_spike_numbers_on_paper():
    table = spike_table(_weeks([2, 2, 20], [18, 18, 20]), baseline_weeks=2)
    row = table[(table.reason == "A") & (table.week == "2026-09-21")].iloc[0]
    assert row["baseline"] == pytest.approx(2.0)  # (2 + 2) / 2
    assert row["baseline_share"] == pytest.approx(0.1)  # 4 of 40
    assert row["share"] == pytest.approx(0.5)
    assert row["ratio"] == pytest.approx(10.0)
    # P(X >= 20) for X ~ Bin(24, 40/80): (C(24,20) + C(24,21) + C(24,22) + C(24,23) + 1) / 2^24
    assert row["p_value"] == pytest.approx((10626 + 2024 + 276 + 24 + 1) / 2**24)
    assert bool(row["spike"])


def test_quiet_at_low_volume_and_when_everything_grows():
    # 6 against 1 a week: six times more, but below the minimum count
    assert not spike_table(_weeks([1, 1, 6], [9, 9, 4]), baseline_weeks=2)["spike"].any()
    # a busy week everywhere: A doubles but its share stays 10%
    assert not spike_table(_weeks([10, 10, 20], [90, 90, 180]), baseline_weeks=2)["spike"].any()


def test_demo_missing_item_week_tied_to_dewi():
    cases = generate()
    found = spikes(cases, week=PLANTED["missing_week"])
    assert found["reason"].tolist() == ["Missing item"]
    assert found["tied_to"].tolist() == [PLANTED["missing_handler"]]
    assert "handled by Dewi" in found["evidence"].iloc[0]
    every = spike_table(cases)
    assert every[every.spike]["week"].tolist() == [PLANTED["missing_week"]]  # no false alarms in the demo year
