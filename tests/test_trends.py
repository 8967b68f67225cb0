"""Weekly trends and top movers against hand-counted weeks."""

import math

import pandas as pd
import pytest

from analysis.trends import top_movers, weekly


def _cases():
    # Sunday 2026-11-15 23:59 is in the week of Mon 9 Nov; Monday 16 Nov 00:00 starts the next week.
    return pd.DataFrame({
        "request_date": pd.to_datetime(["2026-11-09 08:00", "2026-11-15 23:59", "2026-11-16 00:00", "2026-11-30 10:00",
                                        "2026-11-30 11:00"]),
        "response_date": pd.to_datetime(["2026-11-16 09:00", None, "2026-11-16 10:00", "2026-11-30 12:00", None]),
        "reason": pd.Categorical(["Defective", "Quality", "Defective", "Defective", "Quality"],
                                 categories=["Defective", "Quality", "Other"]),
        "refund_amount": [100.0, 50.0, None, 20.0, 5.0],
        "courier_return": pd.array([False, False, False, False, True], dtype="boolean"),
    })


def test_weekly_iso_boundary_and_gaps():
    got = weekly(_cases())
    assert got["week"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]
    assert got["count"].tolist() == [2, 1, 0, 1]  # the courier return on the 30th is left out
    assert got["refund"].tolist() == [150.0, 0.0, 0.0, 20.0]  # a missing refund counts as 0
    assert got["change"].tolist()[1:] == [-1.0, -1.0, 1.0]
    assert math.isnan(got["trailing"].iloc[3])  # fewer than 4 weeks before


def test_weekly_sunday_weeks_and_response_basis():
    sunday = weekly(_cases(), start="SUN")
    # weeks starting Sunday: 8 Nov holds the 9th; 15 Nov holds Sun 15th and Mon 16th
    assert sunday[sunday["count"] > 0]["week"].dt.strftime("%d").tolist() == ["08", "15", "29"]
    assert sunday["count"].tolist() == [1, 2, 0, 1]
    by_response = weekly(_cases(), basis="response")
    assert by_response["week"].dt.strftime("%d").tolist() == ["16", "23", "30"]
    assert by_response["count"].tolist() == [2, 0, 1]
    with pytest.raises(ValueError, match="date basis"):
        weekly(_cases(), basis="shipping")


def test_weekly_by_dimension_and_trailing():
    dates = [f"2026-10-{d:02d}" for d in (5, 12, 19, 26)] + ["2026-11-02"] * 3
    cases = pd.DataFrame({"request_date": pd.to_datetime(dates), "reason": ["A", "A", "B", "B", "A", "A", "A"]})
    got = weekly(cases, "reason")
    last_a = got[(got["reason"] == "A") & (got["week"] == "2026-11-02")].iloc[0]
    assert last_a["count"] == 3
    assert last_a["trailing"] == pytest.approx(0.5)  # (1 + 1 + 0 + 0) / 4
    assert last_a["vs_trailing"] == pytest.approx(2.5)
    assert len(got) == 10  # 5 weeks × 2 reasons, zeros included


def test_top_movers_and_caller_frame_unchanged():
    cases = _cases()
    before = cases.copy()
    movers = top_movers(cases, "reason", week="2026-11-16")
    assert movers.empty  # no trailing 4 weeks yet
    pd.testing.assert_frame_equal(cases, before)
    assert weekly(cases.iloc[0:0]).empty


def test_weekly_refunds_only_what_was_paid():
    cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-16 10:00"] * 3), "refund_amount": [30.0, 20.0, 5.0],
                          "status": ["refunded", "rejected", "auto-approved"], "reason": ["Defective"] * 3})
    got = weekly(cases, "reason")
    assert got[["count", "refund"]].values.tolist() == [[3, 35.0]]  # the rejected 20 was asked for, not paid


def test_requests_with_no_reason_are_drawn_not_dropped():
    """Invoices with no reason column beside a returns log: the by-reason chart counts every request (2 + 3 = 5)."""
    import pandas as pd

    from analysis.weekly import NOT_GIVEN, weekly_counts
    from ui.charts import weekly_by_reason

    cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-16", "2026-11-17", "2026-11-23", "2026-11-24", "2026-11-25"]),
                          "reason": pd.Categorical(["Defective", None, "Defective", None, None], categories=["Defective", "Other"]),
                          "request_type": "Unknown"})
    weekly = weekly_counts(cases, by=["reason"])
    assert weekly.groupby("reason", observed=True)["cases"].sum().to_dict() == {"Defective": 2, NOT_GIVEN: 3}
    fig = weekly_by_reason(weekly)
    drawn = {trace.name: sum(trace.y) for trace in fig.data}
    assert drawn == {"Defective": 2, NOT_GIVEN: 3}
