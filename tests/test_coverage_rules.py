"""The coverage rule, the open-case rule and the money rule on small frames, with answers worked out by hand."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.coverage import Coverage, coverage
from analysis.money import CurrencyRule, currency_rule, lost_to_auto_approval, refund_figure, refunded_without_proof
from analysis.sla import answered_in_time, is_open, open_cases, open_coverage, response_coverage, share_answered_within
from analysis.summary import refund_columns, weekly_summary
from data.downloads import tables_xlsx


def test_coverage_counts_cases_that_carry_the_data():
    frame = pd.DataFrame({"status": ["refunded", None, None, "requested"], "proof_provided": pd.array([None] * 4, dtype="boolean")})
    status = coverage(frame, "status")
    assert (status.known, status.total, status.partial, status.none) == (2, 4, True, False)
    proof = coverage(frame, "proof")
    assert (proof.known, proof.none, proof.hint) == (0, True, "Add a column saying whether the buyer sent a photo or video")
    assert coverage(frame, "response time") == Coverage("response time", 0, 4)  # no such column: nothing carries it
    empty = coverage(frame.iloc[:0], "status")
    assert not empty.none and not empty.partial  # no cases: a plain 0, not "not in your files"
    with pytest.raises(ValueError, match="need must be one of"):
        coverage(frame, "colour")


def _clock_cases(status, response, request):
    return pd.DataFrame({"request_date": pd.to_datetime(request), "response_date": pd.to_datetime(response), "status": status})


def test_open_rule_status_or_recent_with_no_status():
    # as_of Wednesday 25 Nov 2026 12:00, 2 working days
    cases = _clock_cases(
        status=["requested", "requested", None, None, None, "refunded", "closed"],
        response=[None, "2026-11-24 10:00", None, None, "2026-11-24 10:00", None, None],
        request=[
            "2026-11-02 09:00",
            "2026-11-24 09:00",
            "2026-11-24 09:00",
            "2026-11-20 09:00",
            "2026-11-24 09:00",
            "2026-11-25 09:00",
            "2026-11-25 09:00",
        ],
    )
    # 0: requested, no response, 17 working days old: open (and past its deadline)
    # 1: requested but answered: not open
    # 2: no status, 1.125 working days waited: still running, open
    # 3: no status, Fri 09:00 -> Wed 12:00 = 0.625 + 2 + 0.5 = 3.125 waited: past the clock, most likely dealt with: not open
    # 4: no status, answered: not open; 5, 6: a finished status: not open
    assert is_open(cases, as_of="2026-11-25 12:00").tolist() == [True, False, True, False, False, False, False]
    waiting = open_cases(cases, as_of="2026-11-25 12:00")
    assert waiting.index.tolist() == [0, 2] and (waiting["time_left"] < 0).tolist() == [True, False]


def test_an_old_finished_report_with_no_status_has_nothing_open_or_past_the_deadline():
    may = pd.date_range("2026-05-01 10:00", periods=20, freq="D")  # a report that ends in May ...
    old = _clock_cases([None] * 20, [None] * 20, may)
    july = _clock_cases(["refunded"], ["2026-07-20 11:00"], ["2026-07-20 10:00"])  # ... in a store whose data runs to July
    cases = pd.concat([old, july], ignore_index=True)
    assert open_cases(cases).empty
    # On its own, a report with neither a status nor a first-response date cannot say whether anyone answered:
    # nothing is open, and the open counts read "not in your files" rather than 0.
    assert open_cases(old).empty and open_coverage(old).none
    # Where the report gives first-response dates (one case answered), a blank one is still waiting: only the cases
    # still within the clock at its own last moment (Wed 20 May 10:00) are open: Wed 20 (0 waited), Tue 19 (1),
    # Mon 18 10:00 (2: due now); Sat 16 and Sun 17 start their clock on Mon 18 00:00, 2 days and 10 hours before: past it
    answering = old.assign(response_date=[pd.Timestamp("2026-05-01 11:00")] + [pd.NaT] * 19)
    assert sorted(open_cases(answering)["request_date"].dt.day.tolist()) == [18, 19, 20]
    assert (open_cases(answering)["time_left"] >= 0).all()
    assert not open_coverage(answering).partial and not open_coverage(answering).none


def test_a_finished_case_with_no_response_date_is_unknown_never_late():
    # as_of Tue 24 Nov 12:00: answered in time; refunded with no response date (unknown); auto-approved (late);
    # requested 4 working days ago (late); requested today (still running: left out of both counts)
    cases = _clock_cases(
        status=["refunded", "refunded", "auto-approved", "requested", "requested"],
        response=["2026-11-23 10:00", None, None, None, None],
        request=["2026-11-23 09:00", "2026-11-16 09:00", "2026-11-18 09:00", "2026-11-18 09:00", "2026-11-24 09:00"],
    )
    as_of = "2026-11-24 12:00"
    assert answered_in_time(cases, as_of=as_of).tolist() == [True, pd.NA, False, False, pd.NA]
    assert share_answered_within(cases, as_of=as_of) == pytest.approx(1 / 3)
    assert response_coverage(cases, as_of=as_of) == Coverage("response time", 3, 4)
    no_dates = cases.assign(response_date=pd.NaT, status="refunded")
    assert np.isnan(share_answered_within(no_dates, as_of=as_of))
    assert response_coverage(no_dates, as_of=as_of).none


MIXED = pd.DataFrame(
    {
        "refund_amount": [100.0, 50.0, None, 7.0, 9.0, 3.0, 20.0, 4.0],
        "currency": ["IDR", None, "IDR", "usd", "IDR", "VND", "IDR", "USD"],
        "status": ["refunded", "refunded", "refunded", "refunded", "rejected", "auto-approved", "auto-approved", "refunded"],
        "proof_provided": pd.array([False, None, None, True, False, False, True, None], dtype="boolean"),
    }
)


def test_the_money_rule_never_adds_currencies():
    rule = currency_rule(MIXED)
    assert (rule.main, rule.no_currency_as_main) == ("IDR", False)  # IDR 4 cases, USD 2 (usd and USD are one code), VND 1
    r = refund_figure(MIXED, rule)
    # IDR: 100 + 20 (the 9 was rejected, the blank amount is unknown); USD 7 + 4; VND 3; no currency 50
    assert (r.currency, r.main, r.others, r.no_currency) == ("IDR", 120.0, (("USD", 11.0), ("VND", 3.0)), (("", 50.0),))
    assert (r.cases, r.refunded, r.coverage) == (8, 2, Coverage("refund amount", 7, 8))
    assert refund_figure(MIXED, CurrencyRule("IDR", True)).main == 170.0
    usd = refund_figure(MIXED, CurrencyRule("USD"))
    assert (usd.main, usd.others) == (11.0, (("IDR", 120.0), ("VND", 3.0)))


def test_auto_approval_and_proof_losses_per_currency():
    rule = CurrencyRule("IDR")
    lost = lost_to_auto_approval(MIXED, rule)
    assert (lost.main, lost.others, lost.cases) == (20.0, (("VND", 3.0),), 2)
    bare = refunded_without_proof(MIXED, rule)
    # paid, proof known missing: 100 IDR, 3 VND; proof known on 4 of the 6 refunded requests (100, 7, 3, 20; not 50, 4)
    assert (bare.main, bare.others, bare.coverage) == (100.0, (("VND", 3.0),), Coverage("proof", 4, 6))
    unsaid = MIXED.assign(status=None)
    assert lost_to_auto_approval(unsaid, rule).main is None  # no status: auto-approval is unknown, not 0
    assert refund_figure(MIXED.iloc[:0], rule).main == 0.0  # no cases: a plain 0


def test_no_currency_anywhere_means_the_amounts_are_the_shops_own():
    frame = MIXED.assign(currency=None)
    rule = currency_rule(frame)
    assert rule.main is None
    assert refund_figure(frame, rule).main == 100 + 50 + 7 + 20 + 4 + 3


def test_weekly_summary_leaves_unknown_refunds_blank_in_the_workbook():
    cases = pd.DataFrame(
        {
            "request_date": pd.to_datetime(["2026-11-03", "2026-11-18"]),
            "reason": ["Defective", "Quality"],
            "request_type": "Refund Only",
            "refund_amount": [None, None],
            "currency": None,
            "status": "refunded",
        }
    )
    tables = weekly_summary(cases)
    assert refund_columns(tables["Refunds"]) == ["Refund"]
    sheet = openpyxl.load_workbook(io.BytesIO(tables_xlsx(tables, money_columns=("Refund",))))["Refunds"]
    assert [c.value for c in sheet[3]] == ["Week", "Refund", "Refunded cases", "Cases with a known refund"]
    rows = [[c.value for c in row][1:] for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row)]
    assert rows == [[None, None, 0], [None, None, 0], [None, None, 0], [None, None, 0]]  # 3 weeks, then the totals row


def test_a_log_of_recent_requests_with_no_response_column_is_not_in_the_files():
    """Three days of a returns log with no status and no response date: every request still runs under the clock at the
    data's end, so the share has nothing to judge; it reads "not in your files", not a bare dash."""
    log = pd.DataFrame(
        {
            "request_date": pd.to_datetime(["2026-04-28", "2026-04-29", "2026-04-30"]),
            "response_date": pd.NaT,
            "status": [None] * 3,
            "sku": ["A"] * 3,
            "reason": ["Defective"] * 3,
            "request_type": ["Unknown"] * 3,
        }
    )
    cover = response_coverage(log)  # the clock read at 30 Apr 00:00: 28 Apr has run one working day of two
    assert is_open(log).tolist() == [False, False, False]  # nothing says whether anyone answered: never "open"
    assert (cover.known, cover.total, cover.none) == (0, 3, True)
    # The same three requests where a file gives first-response dates elsewhere: nothing to judge yet, not "not in the files"
    answered = pd.concat(
        [log, log.assign(request_date=pd.Timestamp("2026-04-01"), response_date=pd.Timestamp("2026-04-02"), status="refunded").iloc[:1]],
        ignore_index=True,
    )
    assert response_coverage(answered.iloc[:3]) == Coverage("response time", 0, 3)  # still only the log: none
    assert response_coverage(answered) == Coverage("response time", 1, 1)  # the answered one judged, the running three left out
