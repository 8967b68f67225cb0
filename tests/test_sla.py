"""SLA clock: working days with weekends and holidays, and the on-time share rule, checked by hand."""

import math

import pandas as pd
import pytest

from analysis.money import CurrencyRule, lost_to_auto_approval
from analysis.sla import (
    answered_in_time,
    awaiting_receipt,
    due_at,
    due_within,
    on_time_by,
    open_cases,
    response_time,
    share_answered_within,
    working_days,
)
from data.clock import Clock


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
    with_holiday = working_days(start, end, clock=Clock(holidays=[pd.Timestamp("2026-12-25")]))
    assert plain.iloc[0] == pytest.approx(2.0)
    assert with_holiday.iloc[0] == pytest.approx(1.0)
    assert math.isnan(plain.iloc[2])
    # a request on the holiday itself starts the clock at the next working day
    assert working_days(ts("2026-12-25 15:00"), ts("2026-12-28 06:00"), clock=Clock(holidays=["2026-12-25"])).iloc[0] == pytest.approx(0.25)


def test_working_days_keeps_index():
    start = pd.Series(pd.to_datetime(["2026-11-23"]), index=[7])
    assert working_days(start, start).index.tolist() == [7]


def _cases():
    # Requests on Friday 2026-11-20 09:00 unless said; as_of Wednesday 2026-11-25 12:00.
    return pd.DataFrame(
        {
            "request_date": pd.to_datetime(
                [
                    "2026-11-20 09:00",
                    "2026-11-20 09:00",
                    "2026-11-20 09:00",
                    "2026-11-20 09:00",
                    "2026-11-24 09:00",
                    "2026-11-20 09:00",
                    "2026-11-20 09:00",
                ]
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
    assert share_answered_within(cases, clock=Clock(holidays=["2026-11-23"]), as_of="2026-11-25 12:00") == pytest.approx(2 / 5)
    pd.testing.assert_frame_equal(cases, before)


def test_share_nan_when_nothing_qualifies():
    cases = _cases().iloc[[4]]
    assert math.isnan(share_answered_within(cases, as_of="2026-11-25 12:00"))


def _open():
    # as_of Tuesday 2026-12-29 12:00; Friday 2026-12-25 is a holiday in some tests.
    return pd.DataFrame(
        {
            "case_id": ["mon", "thu", "sat", "answered", "courier"],
            "request_date": pd.to_datetime(
                ["2026-12-28 08:00", "2026-12-24 12:00", "2026-12-26 10:00", "2026-12-28 08:00", "2026-12-28 08:00"]
            ),
            "response_date": pd.to_datetime([None, None, None, "2026-12-28 09:00", None]),
            "status": ["requested", "requested", None, "approved", "requested"],
            "request_type": ["Refund Only", "Exchange", "Refund Only", "Return + Refund", "Refund Only"],
            "courier_return": pd.array([False, False, False, False, True], dtype="boolean"),
            "refund_amount": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )


def test_open_cases_time_left_with_weekend_and_holiday():
    as_of = "2026-12-29 12:00"
    got = open_cases(_open(), as_of=as_of).set_index("case_id")
    assert sorted(got.index) == ["mon", "sat", "thu"]  # answered and courier cases are not waiting
    # mon: Mon 08:00 -> Tue 12:00 = 16/24 + 12/24 = 1.1667 waited, 0.8333 left
    assert got.loc["mon", "time_left"] == pytest.approx(2 - 28 / 24)
    # thu: Thu 12:00 -> Tue 12:00 = 0.5 + Fri 1 + Mon 1 + 0.5 = 3 waited: overdue by 1
    assert got.loc["thu", "time_left"] == pytest.approx(-1.0)
    # sat: the clock starts Monday 00:00: 1.5 waited
    assert got.loc["sat", "time_left"] == pytest.approx(0.5)
    assert got.loc["sat", "due"] == pd.Timestamp("2026-12-30 00:00")
    holiday = open_cases(_open(), as_of=as_of, clock=Clock(holidays=["2026-12-25"])).set_index("case_id")
    assert holiday.loc["thu", "time_left"] == pytest.approx(0.0)
    assert holiday.loc["thu", "due"] == pd.Timestamp("2026-12-29 12:00")  # Thu 12:00 + 2 working days, Friday off
    assert due_within(_open(), as_of=as_of).case_id.tolist() == ["sat", "mon"]
    assert due_within(_open(), as_of=as_of, clock=Clock(holidays=["2026-12-25"])).case_id.tolist() == ["thu", "sat", "mon"]


def test_due_at_matches_the_working_day_clock():
    requests = ts("2026-12-24 12:00", "2026-12-26 10:00", "2026-12-28 23:00", None)
    due = due_at(requests, clock=Clock(holidays=["2026-12-25"]))
    assert due.iloc[:3].tolist() == [pd.Timestamp("2026-12-29 12:00"), pd.Timestamp("2026-12-30 00:00"), pd.Timestamp("2026-12-30 23:00")]
    assert pd.isna(due.iloc[3])
    assert working_days(requests.iloc[:3], due.iloc[:3], clock=Clock(holidays=["2026-12-25"])).tolist() == pytest.approx([2.0, 2.0, 2.0])


def test_on_time_by_week_and_person():
    cases = _cases().assign(handled_by=["Ayu", "Ayu", "Budi", "Budi", "Ayu", "Budi", "Ayu"])
    by_person = on_time_by(cases, "handled_by", as_of="2026-11-25 12:00").set_index("handled_by")
    # Ayu: cases 1 (in time), 2 (late) counted, 5 pending; Budi: 3 and 4 auto-approved, 6 overdue
    assert by_person.loc["Ayu", ["counted", "in_time"]].tolist() == [2, 1]
    assert by_person.loc["Budi", ["counted", "in_time", "share"]].tolist() == [3, 0, 0.0]
    assert by_person.loc["Ayu", "median_days"] == pytest.approx((35 / 24 + 49 / 24) / 2)
    by_week = on_time_by(cases, as_of="2026-11-25 12:00")
    assert by_week["week"].dt.strftime("%d").tolist() == ["16", "23"]
    assert by_week["counted"].tolist() == [5, 0]


def test_auto_approved_awaiting_receipt_and_response_time():
    cases = _open().assign(status=["auto-approved", "auto-approved", "requested", "approved", "auto-approved"])
    lost = lost_to_auto_approval(cases, CurrencyRule())
    assert (lost.cases, lost.main) == (2, 1.0 + 2.0)  # the courier return is not counted
    waiting = awaiting_receipt(cases, as_of="2026-12-31 09:00")
    assert waiting.case_id.tolist() == ["answered"]
    assert waiting.days_waiting.iloc[0] == pytest.approx(3.0)
    assert response_time(cases).iloc[3] == pytest.approx(1 / 24)


def test_working_days_in_the_shops_time_zone():
    # Friday 20:00 UTC is Saturday 03:00 in Jakarta: in the shop's zone the request came on a weekend
    start = pd.Series(pd.to_datetime(["2026-11-20 20:00"]).tz_localize("UTC"))
    end = pd.Series(pd.to_datetime(["2026-11-23 05:00"]).tz_localize("UTC"))  # Monday 12:00 in Jakarta
    assert working_days(start, end, tz="Asia/Jakarta").iloc[0] == pytest.approx(0.5)
    assert working_days(start, end).iloc[0] == pytest.approx(4 / 24 + 5 / 24)  # read as UTC wall clock


# -- the shop's clock: length, weekends, holidays ---------------------------------------------------

FRIDAY_10 = "2026-11-20 10:00"


@pytest.mark.parametrize(
    ("clock", "due"),
    [
        (Clock(), "2026-11-24 10:00"),  # Fri 14 h + Mon 24 h + Tue 10 h: Tuesday 10:00
        (Clock(weekends_count=True), "2026-11-22 10:00"),  # every day counts: Sunday 10:00
        (Clock(holidays=("2026-11-23",)), "2026-11-25 10:00"),  # Monday off: Wednesday 10:00
        (Clock(weekends_count=True, holidays=("2026-11-22",)), "2026-11-23 10:00"),  # Sunday off: Monday 10:00
        (Clock(3), "2026-11-25 10:00"),
        (Clock(3, weekends_count=True), "2026-11-23 10:00"),
        (Clock(0.5), "2026-11-20 22:00"),
        (Clock(1.5, weekends_count=True), "2026-11-21 22:00"),
    ],
    ids=[
        "2 working",
        "2 calendar",
        "2 working, Monday off",
        "2 calendar, Sunday off",
        "3 working",
        "3 calendar",
        "half a day",
        "1.5 calendar",
    ],
)
def test_a_friday_request_is_due_by_hand(clock, due):
    request = ts(FRIDAY_10)
    assert due_at(request, clock=clock).iloc[0] == pd.Timestamp(due)
    assert working_days(request, ts(due), clock=clock).iloc[0] == pytest.approx(clock.days)


def test_calendar_days_count_the_weekend_but_not_a_holiday():
    start, end = ts("2026-11-20 18:00"), ts("2026-11-23 06:00")  # Fri 18:00 -> Mon 06:00
    assert working_days(start, end, clock=Clock(weekends_count=True)).iloc[0] == pytest.approx(2.5)  # 6 h + 2 days + 6 h
    assert working_days(start, end, clock=Clock(weekends_count=True, holidays=("2026-11-21",))).iloc[0] == pytest.approx(1.5)


def test_the_clock_decides_what_is_in_time():
    # Friday 10:00 requests; the first answered Monday 09:00, the second still open on Monday 12:00.
    cases = pd.DataFrame(
        {
            "request_date": pd.to_datetime([FRIDAY_10, FRIDAY_10]),
            "response_date": pd.to_datetime(["2026-11-23 09:00", None]),
            "status": ["refunded", "requested"],
        }
    )
    as_of = "2026-11-23 12:00"
    # Working days: answered after 14/24 + 9/24 = 0.958 (in time); the open one has waited 14/24 + 12/24 = 1.083 (can still be answered).
    assert answered_in_time(cases, as_of=as_of).tolist() == [True, pd.NA]
    # Calendar days: answered after 2.958 (late), the open one has waited 3.083 (overdue).
    assert answered_in_time(cases, clock=Clock(weekends_count=True), as_of=as_of).tolist() == [False, False]
    # Three calendar days: answered in time, the open one has 3 - 3.083 = -0.083 left (overdue).
    assert answered_in_time(cases, clock=Clock(3, weekends_count=True), as_of=as_of).tolist() == [True, False]
    waiting = open_cases(cases, clock=Clock(3, weekends_count=True), as_of=as_of)
    assert waiting["time_left"].tolist() == pytest.approx([3 - 74 / 24])
    assert waiting["due"].tolist() == [pd.Timestamp("2026-11-23 10:00")]
    assert share_answered_within(cases, clock=Clock(3, weekends_count=True), as_of=as_of) == pytest.approx(1 / 2)
    by_week = on_time_by(cases, clock=Clock(3, weekends_count=True), as_of=as_of)
    assert by_week[["counted", "in_time"]].values.tolist() == [[2, 1]]
    assert by_week["median_days"].tolist() == pytest.approx([71 / 24])  # in calendar days
    # Working days: 2 - 1.083 = 0.917 left, due within one; on three calendar days it is already overdue.
    assert due_within(cases, 1.0, as_of=as_of)["time_left"].tolist() == pytest.approx([2 - 26 / 24])
    assert due_within(cases, 1.0, clock=Clock(3, weekends_count=True), as_of=as_of).empty


def test_a_clock_is_one_rule_whatever_the_spelling():
    clock = Clock(3, weekends_count=1, holidays=("2026-03-20", pd.Timestamp("2026-03-19"), "2026-03-20 00:00"))
    assert clock == Clock(3.0, weekends_count=True, holidays=("2026-03-19", "2026-03-20"))
    assert clock.holidays == (pd.Timestamp("2026-03-19").date(), pd.Timestamp("2026-03-20").date())
    assert hash(clock) == hash(Clock(3.0, True, ("2026-03-19", "2026-03-20")))


@pytest.mark.parametrize(
    ("clock", "span", "rule"),
    [
        (Clock(), "2 working days", "2 working days (weekends do not count)"),
        (Clock(1), "1 working day", "1 working day (weekends do not count)"),
        (Clock(3, weekends_count=True), "3 calendar days", "3 calendar days (weekends count)"),
        (Clock(2.5, holidays=("2026-03-19",)), "2.5 working days", "2.5 working days (weekends and 1 listed holiday do not count)"),
        (Clock(3, True, ("2026-03-19", "2026-03-20")), "3 calendar days", "3 calendar days (weekends count; 2 listed holidays do not)"),
        (Clock(3, True, ("2026-03-19",)), "3 calendar days", "3 calendar days (weekends count; 1 listed holiday does not)"),
    ],
)
def test_the_clock_says_its_rule(clock, span, rule):
    assert (clock.span, clock.rule) == (span, rule)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"days": 0}, "positive number of days, not 0"),
        ({"days": float("nan")}, "positive number of days"),
        ({"holidays": ("2026-03-19", "next Lebaran")}, "'next Lebaran' is not a date"),
        ({"holidays": (None,)}, "None is not a date"),
    ],
)
def test_a_clock_that_cannot_be_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Clock(**kwargs)
