"""The weekly counter against hand-counted weeks: week boundaries, week starts, date bases, quiet weeks."""

import pandas as pd
import pytest

from analysis.spikes import weekly_grid
from analysis.weekly import weekly_counts


def _cases():
    # Sunday 2026-11-15 23:59 is in the week of Mon 9 Nov; Monday 16 Nov 00:00 starts the next week.
    return pd.DataFrame(
        {
            "request_date": pd.to_datetime(
                ["2026-11-09 08:00", "2026-11-15 23:59", "2026-11-16 00:00", "2026-11-30 10:00", "2026-11-30 11:00"]
            ),
            "response_date": pd.to_datetime(["2026-11-16 09:00", None, "2026-11-16 10:00", "2026-11-30 12:00", None]),
            "reason": pd.Categorical(
                ["Defective", "Quality", "Defective", "Defective", "Quality"], categories=["Defective", "Quality", "Other"]
            ),
            "refund_amount": [100.0, 50.0, None, 20.0, 5.0],
            "refund_currency": ["IDR", "VND", None, "IDR", "IDR"],
            "courier_return": pd.array([False, False, False, False, True], dtype="boolean"),
        }
    )


def weeks(frame: pd.DataFrame) -> list[str]:
    return frame["week"].dt.strftime("%Y-%m-%d").tolist()


def test_iso_week_boundary_and_courier_returns_left_out():
    got = weekly_counts(_cases())
    assert weeks(got) == ["2026-11-09", "2026-11-16", "2026-11-30"]
    assert got["cases"].tolist() == [2, 1, 1]  # the courier return on the 30th is left out
    assert list(got.columns) == ["week", "cases"]  # counts only: refunds in IDR and VND are never summed here


def test_sunday_weeks_and_response_basis():
    sunday = weekly_counts(_cases(), start="SUN")
    # weeks starting Sunday: 8 Nov holds the 9th; 15 Nov holds Sun 15th and Mon 16th
    assert weeks(sunday) == ["2026-11-08", "2026-11-15", "2026-11-29"]
    assert sunday["cases"].tolist() == [1, 2, 1]
    by_response = weekly_counts(_cases(), basis="response")  # the unanswered case has no response week
    assert weeks(by_response) == ["2026-11-16", "2026-11-30"]
    assert by_response["cases"].tolist() == [2, 1]
    with pytest.raises(ValueError, match="date basis"):
        weekly_counts(_cases(), basis="shipping")


def test_split_keeps_the_vocabulary_order_and_the_caller_frame():
    cases = _cases()
    before = cases.copy()
    got = weekly_counts(cases, by=["reason"])
    assert got.astype({"week": str, "reason": str}).values.tolist() == [
        ["2026-11-09", "Defective", 1],
        ["2026-11-09", "Quality", 1],
        ["2026-11-16", "Defective", 1],
        ["2026-11-30", "Defective", 1],
    ]
    pd.testing.assert_frame_equal(cases, before)
    assert weekly_counts(cases.iloc[0:0]).empty


def test_spike_grid_has_every_week_with_zeros():
    grid = weekly_grid(_cases(), "reason")
    assert grid.index.strftime("%Y-%m-%d").tolist() == ["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]
    assert grid.to_dict("list") == {"Defective": [1.0, 1.0, 0.0, 1.0], "Quality": [1.0, 0.0, 0.0, 0.0]}  # no Other at all
    assert weekly_grid(_cases().iloc[0:0], "reason").empty


def test_requests_with_no_reason_are_drawn_not_dropped():
    """Invoices with no reason column beside a returns log: the by-reason chart counts every request (2 + 3 = 5)."""
    from analysis.weekly import NOT_GIVEN
    from ui.charts import weekly_by_reason

    cases = pd.DataFrame(
        {
            "request_date": pd.to_datetime(["2026-11-16", "2026-11-17", "2026-11-23", "2026-11-24", "2026-11-25"]),
            "reason": pd.Categorical(["Defective", None, "Defective", None, None], categories=["Defective", "Other"]),
            "request_type": "Unknown",
        }
    )
    weekly = weekly_counts(cases, by=["reason"])
    assert weekly.groupby("reason", observed=True)["cases"].sum().to_dict() == {"Defective": 2, NOT_GIVEN: 3}
    fig = weekly_by_reason(weekly)
    drawn = {trace.name: sum(trace.y) for trace in fig.data}
    assert drawn == {"Defective": 2, NOT_GIVEN: 3}
