"""The Overview figures and the weekly counts on small frames whose answers are worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import ui.format
from analysis.filters import FilterSpec
from analysis.kpis import overview
from analysis.money import CurrencyRule
from analysis.weekly import weekly_counts
from data.schema import conform


def cases(*rows: tuple[str, str, str, float, str | None]) -> pd.DataFrame:
    """Cases from (request day, reason, request type, refund, currency); SKU A, answered within the hour."""
    frame = pd.DataFrame(rows, columns=["request_date", "reason", "request_type", "refund_amount", "currency"])
    frame["request_date"] = pd.to_datetime(frame["request_date"]) + pd.Timedelta(hours=9)
    frame["response_date"] = frame["request_date"] + pd.Timedelta(hours=1)
    frame["status"] = "refunded"
    frame["sku"] = "A"
    frame["case_id"] = [f"C{i}" for i in range(len(frame))]
    return conform(frame)


# Four weeks ending Sunday 22 Nov 2026 run from Monday 26 Oct; the four before from Monday 28 Sep.
SHOP = cases(
    ("2026-09-20", "Defective", "Refund Only", 999.0, "IDR"),  # before both periods
    ("2026-09-28", "Defective", "Refund Only", 100.0, "IDR"),  # previous period, first day
    ("2026-10-25", "Quality", "Return + Refund", 40.0, "IDR"),  # previous period, last day
    ("2026-10-26", "Defective", "Refund Only", 250.0, "IDR"),  # current period, first day
    ("2026-11-10", "Defective", "Exchange", 0.0, None),
    ("2026-11-11", "Quality", "Refund Only", 75.0, "IDR"),
    ("2026-11-12", "Quality", "Refund Only", 30.0, "USD"),  # another currency: not in the IDR total
    ("2026-11-22", "Changed mind", "Return + Refund", 60.0, "IDR"),  # latest request: the period's end
)


def test_four_weeks_against_the_four_before():
    figures = overview(SHOP, FilterSpec(period="Last 4 weeks"))
    assert figures.window == (pd.Timestamp("2026-10-26"), pd.Timestamp("2026-11-22"))
    assert figures.previous_window == (pd.Timestamp("2026-09-28"), pd.Timestamp("2026-10-25"))
    assert (figures.cases.now, figures.cases.before, figures.cases.change) == (5, 2, 3)
    assert figures.refunds.currency == "IDR" and figures.refunds.others == (("USD", 30.0),)  # listed, never added in
    assert figures.refunds.no_currency == ()  # the 10 Nov case has no currency: shown apart unless the shop says otherwise
    assert (figures.refund_total.now, figures.refund_total.before) == (250 + 75 + 60, 100 + 40)


def test_amounts_with_no_currency_count_as_main_only_when_the_shop_says_so():
    shop = SHOP.copy()
    shop.loc[shop.index[4], "refund_amount"] = 20.0  # the 10 Nov case, no currency
    apart = overview(shop, FilterSpec(period="Last 4 weeks"))
    assert (apart.refund_total.now, apart.refunds.no_currency) == (250 + 75 + 60, (("", 20.0),))
    taken = overview(shop, FilterSpec(period="Last 4 weeks"), rule=CurrencyRule("IDR", no_currency_as_main=True))
    assert (taken.refund_total.now, taken.refunds.no_currency) == (250 + 20 + 75 + 60, ())
    usd = overview(shop, FilterSpec(period="Last 4 weeks"), rule=CurrencyRule("USD"))
    assert usd.refund_total.now == 30.0 and usd.refunds.others == (("IDR", 250.0 + 75 + 60),)


def test_share_answered_within_two_working_days():
    shop = SHOP.copy()
    late = shop["request_date"] == pd.Timestamp("2026-11-11 09:00")  # a Wednesday
    shop.loc[late, "response_date"] = pd.Timestamp("2026-11-14 09:00")  # Wed 15 h + Thu + Fri: 2.6 working days
    still_open = shop["request_date"] == pd.Timestamp("2026-11-22 09:00")  # asked on the last day: can still be answered
    shop.loc[still_open, ["status", "response_date"]] = ["requested", pd.NaT]
    figures = overview(shop, FilterSpec(period="Last 4 weeks"))
    assert figures.answered_in_time.now == pytest.approx(3 / 4)  # 5 cases, the open one left out, one late
    assert figures.answered_in_time.before == 1.0
    # The open case is judged at the latest date of all the data, also when a filter hides that date.
    figures = overview(shop, FilterSpec(period="Last 4 weeks", reason=("Quality",)))
    assert figures.answered_in_time.now == pytest.approx(1 / 2)


def test_filters_apply_to_both_periods():
    figures = overview(SHOP, FilterSpec(period="Last 4 weeks", reason=("Defective",)))
    assert (figures.cases.now, figures.cases.before) == (2, 1)
    assert (figures.refund_total.now, figures.refund_total.before) == (250, 100)
    figures = overview(SHOP, FilterSpec(period="Last 4 weeks", request_type=("Exchange",)))
    assert (figures.cases.now, figures.cases.before, figures.refund_total.now) == (1, 0, 0)


def test_no_comparison_when_the_data_does_not_reach_back():
    figures = overview(SHOP, FilterSpec(period="Last 12 weeks"))  # 31 Aug - 22 Nov; the 12 weeks before start in June: no data
    assert figures.cases.now == 8 and figures.cases.before is None and figures.cases.change is None
    assert figures.previous_window is None
    figures = overview(SHOP, FilterSpec(period="All time"))
    assert figures.window is None and figures.previous_window is None
    assert (figures.cases.now, figures.cases.before) == (8, None)


def test_nothing_selected_gives_zero_not_an_error():
    figures = overview(SHOP, FilterSpec(period="Last 4 weeks", sku=("no such SKU",)))
    assert (figures.cases.now, figures.cases.before, figures.refund_total.now) == (0, 0, 0)


def test_the_callers_frame_is_not_changed():
    before = SHOP.copy()
    overview(SHOP, FilterSpec(period="Last 4 weeks", reason=("Quality",)))
    weekly_counts(SHOP, by=["reason"])
    pd.testing.assert_frame_equal(SHOP, before)


def test_weekly_counts_by_iso_week_and_reason():
    weekly = weekly_counts(SHOP, by=["reason"])
    week_of = dict(zip(weekly["week"].dt.strftime("%Y-%m-%d") + " " + weekly["reason"].astype(str), weekly["cases"], strict=True))
    assert week_of == {
        "2026-09-14 Defective": 1,  # Sunday 20 Sep belongs to the week of Monday 14 Sep
        "2026-09-28 Defective": 1,
        "2026-10-19 Quality": 1,
        "2026-10-26 Defective": 1,
        "2026-11-09 Defective": 1,
        "2026-11-09 Quality": 2,
        "2026-11-16 Changed mind": 1,
    }


def test_courier_returns_are_counted_apart_but_their_refunds_are_money_out():
    shop = SHOP.copy()
    shop["courier_return"] = pd.array([False] * 6 + [True, True], dtype="boolean")  # 12 Nov (USD) and 22 Nov
    shop.loc[shop.index[-2:], "status"] = pd.Categorical(["rejected", "refunded"], categories=shop["status"].cat.categories)
    figures = overview(shop, FilterSpec(period="Last 4 weeks"))
    assert figures.cases.now == 3  # 26 Oct, 10 Nov, 11 Nov
    assert figures.courier_returns == 2
    assert figures.refund_total.now == 250.0 + 0.0 + 75.0 + 60.0  # the 22 Nov courier refund was paid
    assert weekly_counts(shop[shop["request_date"] >= "2026-11-09"])["cases"].tolist() == [2]  # week of 9 Nov, courier left out


def test_a_rejected_refund_is_not_money_out():
    shop = SHOP.copy()
    shop.loc[shop.index[3], "status"] = "rejected"  # the 250 on 26 Oct
    assert overview(shop, FilterSpec(period="Last 4 weeks")).refund_total.now == 75.0 + 60.0


def test_changes_compare_only_sources_that_cover_both_periods():
    """A report that stopped and a log that just began are no fall and no jump: the change counts the others."""

    def source(channel: str, *days: str) -> pd.DataFrame:
        frame = cases(*[(day, "Defective", "Refund Only", 10.0, "IDR") for day in days])
        frame["channel"] = channel
        return frame

    shop = pd.concat(
        [
            source("Shopee", "2026-09-28", "2026-10-05", "2026-10-26", "2026-11-10", "2026-11-22"),  # covers both periods
            source("Amazon", "2026-09-01", "2026-10-01", "2026-10-02", "2026-10-20"),  # stops before the current period
            source("Tokopedia", "2026-11-15", "2026-11-20"),  # begins in the current period
        ],
        ignore_index=True,
    )
    shop["case_id"] = [f"C{i}" for i in range(len(shop))]
    figures = overview(shop, FilterSpec(period="Last 4 weeks"))  # 26 Oct - 22 Nov against 28 Sep - 25 Oct
    assert figures.previous_window == (pd.Timestamp("2026-09-28"), pd.Timestamp("2026-10-25"))
    # 5 cases now (3 Shopee + 2 Tokopedia); Shopee had 2 before and has 3 now: +1, not 5 - 5 = 0 (nor -2 without Tokopedia)
    assert (figures.cases.now, figures.cases.before, figures.cases.compared, figures.cases.change) == (5, 2, 3, 1)
    assert (figures.refund_total.now, figures.refund_total.before, figures.refund_total.change) == (50.0, 20.0, 10.0)
    assert [(s.source, f"{s.first:%d %b}", f"{s.last:%d %b}") for s in figures.left_out] == [
        ("Amazon", "01 Sep", "20 Oct"),
        ("Tokopedia", "15 Nov", "20 Nov"),
    ]
    assert ui.format.count_change(figures.cases.compared, figures.cases.before) == "+1 (+50.0%)"
    # A source ending a few days before the others (within a quarter of the period) still counts as covering.
    late = shop[shop["channel"] == "Shopee"].copy()
    late["channel"], late["case_id"] = "Lazada", [f"L{i}" for i in range(len(late))]
    late.loc[late.index[-1], "request_date"] = pd.Timestamp("2026-11-17 09:00")  # ends 5 days before 22 Nov
    figures = overview(pd.concat([shop, late], ignore_index=True), FilterSpec(period="Last 4 weeks"))
    assert (figures.cases.now, figures.cases.before, figures.cases.change) == (8, 4, 2)
    # With no source covering both periods there is no comparison at all, and the page can say why.
    only_new = shop[shop["channel"] == "Tokopedia"]
    figures = overview(only_new, FilterSpec(period="Last 4 weeks"))
    assert figures.previous_window is None and figures.cases.change is None
    assert [s.source for s in figures.left_out] == ["Tokopedia"]
