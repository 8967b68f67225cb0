"""SLA clock: working days with weekends and holidays, and the on-time share rule, checked by hand."""

import math

import pandas as pd
import pytest

from analysis.sla import answered_in_time, share_answered_within, working_days


def ts(*values):
    return pd.Series(pd.to_datetime(list(values)))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-11-23 10:00", "2026-11-23 16:00", 0.25),  # same Monday, 6 hours
        ("2026-11-20 18:00", "2026-11-23 06:00", 0.5),  # Fri 18:00 -> Mon 06:00: 6 h of Friday + 6 h of Monday
        ("2026-11-21 09:00", "2026-11-22 21:00", 0.0),  # all inside a weekend
        ("2026-11-20 00:00", "2026-11-27 00:00", 5.0),  # one full calendar week
        ("2026-11-23 12:00", "2026-11-20 12:00", -1.0),  # end before start: negative
    ],
)
def test_working_days_weekend(start, end, expected):
    assert working_days(ts(start), ts(end)).iloc[0] == pytest.approx(expected)


def test_working_days_holiday_and_missing():
    start = ts("2026-12-24 12:00", "2026-12-24 12:00", None)
    end = ts("2026-12-28 12:00", "2026-12-28 12:00", "2026-12-28 00:00")
    # Thu noon -> Mon noon: Thu 0.5 + Fri 1 + Mon 0.5 = 2; with Christmas (Fri) a holiday: 1.
    plain = working_days(start, end)
    with_holiday = working_days(start, end, holidays=[pd.Timestamp("2026-12-25")])
    assert plain.iloc[0] == pytest.approx(2.0)
    assert with_holiday.iloc[0] == pytest.approx(1.0)
    assert math.isnan(plain.iloc[2])
    # a request on the holiday itself starts the clock at the next working day
    assert working_days(ts("2026-12-25 15:00"), ts("2026-12-28 06:00"), holidays=["2026-12-25"]).iloc[0] == pytest.approx(0.25)


def test_working_days_keeps_index():
    start = pd.Series(pd.to_datetime(["2026-11-23"]), index=[7])
    assert working_days(start, start).index.tolist() == [7]


def _cases():
    # Requests on Friday 2026-11-20 09:00 unless said; as_of Wednesday 2026-11-25 12:00.
    return pd.DataFrame(
        {
            "request_date": pd.to_datetime(
                ["2026-11-20 09:00", "2026-11-20 09:00", "2026-11-20 09:00", "2026-11-20 09:00", "2026-11-24 09:00",
                 "2026-11-20 09:00", "2026-11-20 09:00"]
            ),
            "response_date": pd.to_datetime(
                ["2026-11-23 20:00", "2026-11-24 10:00", None, "2026-11-21 10:00", None, None, "2026-11-21 10:00"]
            ),
            "status": ["refunded", "refunded", "auto-approved", "auto-approved", "requested", "requested", "refunded"],
            "courier_return": pd.array([False, False, False, False, False, False, True], dtype="boolean"),
        }
    )


def test_answered_in_time_rule():
    flags = answered_in_time(_cases(), as_of="2026-11-25 12:00")
    # 1: Fri 09 -> Mon 20 = 0.625 + 0.833 = 1.46 -> in time
    # 2: Fri 09 -> Tue 10 = 0.625 + 1 + 0.417 = 2.04 -> late
    # 3, 4: auto-approved -> not in time, even with a response date
    # 5: open since Tue 09, 1.125 working days at as_of -> pending (left out)
    # 6: open since Fri 09, 3.125 working days -> overdue, not in time
    # 7: courier return -> not in the result
    assert flags.tolist() == [True, False, False, False, pd.NA, False]


def test_share_answered_within():
    cases = _cases()
    before = cases.copy()
    assert share_answered_within(cases, as_of="2026-11-25 12:00") == pytest.approx(1 / 5)
    # with Monday a holiday, case 1 took 0.625 working days: still in time; case 2 took 1.04: now in time
    assert share_answered_within(cases, holidays=["2026-11-23"], as_of="2026-11-25 12:00") == pytest.approx(2 / 5)
    pd.testing.assert_frame_equal(cases, before)


def test_share_nan_when_nothing_qualifies():
    cases = _cases().iloc[[4]]
    assert math.isnan(share_answered_within(cases, as_of="2026-11-25 12:00"))
