"""Time axes on real spans: one week, two years and ten years of weeks, read back from the figures the builders make.

Ticks on Mondays (first days of months once bars are monthly), a dozen at most; one week is one narrow bar with one
date; ten years switch to monthly bars and say so; the split-by-type legend lists every reason drawn; an empty input
gives a sentence, not bare axes."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui import charts, rates

LAST = pd.Timestamp("2026-11-16")  # a Monday
SPANS = {"one week": 1, "two years": 104, "ten years": 522}


def weeks(n: int) -> pd.DatetimeIndex:
    return pd.date_range(end=LAST, periods=n, freq="7D")


def builders(n: int) -> dict[str, object]:
    w = weeks(n)
    on_time = pd.DataFrame({"week": w, "counted": 4, "in_time": 3, "share": 0.75, "median_days": 0.5})
    rate = pd.DataFrame({"week": w, "rate": 0.1, "low": 0.05, "high": 0.2, "returned": 2.0, "sold": 20.0})
    refunds = pd.DataFrame({"week": w, "refund": 10.0, "refunded_cases": 1, "share": 1 / n})
    return {
        "weekly_cases": charts.weekly_cases(pd.DataFrame({"week": w, "cases": 1})),
        "weekly_by_reason": charts.weekly_by_reason(pd.DataFrame({"week": w, "reason": "Defective", "cases": 2})),
        "refunds_per_week": charts.refunds_per_week(refunds, "IDR", lost=refunds.assign(refund=4.0)),
        "on_time_per_week": charts.on_time_per_week(on_time),
        "rates.weekly": rates.weekly(rate, "A: returns per 100 units sold"),
    }


def ticks(fig) -> list[pd.Timestamp]:
    return [pd.Timestamp(t) for t in fig.layout.xaxis.tickvals]


def is_bar(fig) -> bool:
    return fig.data[0].type == "bar"


@pytest.mark.parametrize("span", list(SPANS))
def test_week_ticks_fall_on_mondays_and_stay_few(span):
    for name, fig in builders(SPANS[span]).items():
        found = ticks(fig)
        assert 1 <= len(found) <= charts.MAX_TICKS, name
        monthly = span == "ten years" and is_bar(fig)
        if monthly:
            assert all(t.day == 1 for t in found), name
        else:
            assert all(t.day_name() == "Monday" for t in found), name
        # The year is written once, on the first tick and where it changes.
        years = [t.year for t in found]
        written = [text for text in fig.layout.xaxis.ticktext if "<br>" in text]
        assert len(written) == len(set(years)), name


def test_one_week_is_one_narrow_bar_with_one_date():
    for name, fig in builders(1).items():
        assert list(fig.layout.xaxis.ticktext) == ["16 Nov<br>2026"], name
        low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
        assert high - low >= pd.Timedelta(days=42), name  # six weeks of room: the bar is a seventh of the width at most
        assert low < LAST < high, name
        if is_bar(fig):
            assert fig.data[0].width == pytest.approx(0.8 * 7 * 86_400_000), name


def test_two_years_stay_weekly_and_ten_years_switch_to_months_and_say_so():
    two, ten = builders(104), builders(522)
    for name in ("weekly_cases", "weekly_by_reason", "refunds_per_week"):
        assert len(two[name].data[0].x) == 104 and "per week" in two[name].layout.title.text
        fig = ten[name]
        assert "per month" in fig.layout.title.text, name
        assert fig.layout.xaxis.title.text == charts.MONTH_AXIS, name
        # 522 Mondays from 21 Nov 2016 to 16 Nov 2026: the months Nov 2016 to Nov 2026, 121; a week in its Monday's month.
        assert len(fig.data[0].x) == 121, name
        assert pd.Timestamp(fig.data[0].x[0]) == pd.Timestamp("2016-11-01"), name
        assert fig.data[0].width == pytest.approx(0.8 * 28 * 86_400_000), name
    assert sum(ten["weekly_cases"].data[0].y) == 522
    assert sum(ten["refunds_per_week"].data[0].y) == pytest.approx(5220.0)
    nov_2026 = [
        y
        for x, y in zip(ten["weekly_cases"].data[0].x, ten["weekly_cases"].data[0].y, strict=True)
        if pd.Timestamp(x) == pd.Timestamp("2026-11-01")
    ]
    assert nov_2026 == [3]  # Mondays 2, 9 and 16 Nov 2026
    assert ten["weekly_cases"].data[0].y[0] == 2  # Mondays 21 and 28 Nov 2016
    # Lines keep their weeks: a line is never too thin to read.
    assert len(ten["on_time_per_week"].data[0].x) == 522


def test_the_split_legend_lists_every_reason_drawn_in_any_panel():
    # Quality appears only under Exchange (the third panel), Other only under Reshipment (the second).
    weekly = pd.DataFrame(
        {
            "week": weeks(3).repeat(3),
            "reason": ["Defective", "Quality", "Other"] * 3,
            "request_type": ["Refund Only", "Reshipment", "Exchange"] * 3,
            "cases": 1,
        }
    )
    fig = charts.weekly_by_reason(weekly, split_by_type=True)
    drawn = {t.name for t in fig.data if len(t.x)}
    in_legend = [t.name for t in fig.data if t.showlegend is not False and len(t.x)]  # plotly hides empty traces' entries
    assert drawn == {"Defective", "Quality", "Other"}
    assert sorted(in_legend) == sorted(drawn)  # each once
    assert [a.text for a in fig.layout.annotations] == ["Refund Only", "Reshipment", "Exchange"]
    # Legend top to bottom as the stack: Other (last in the vocabulary, on top), Quality, Defective.
    ranks = {t.name: t.legendrank for t in fig.data}
    assert sorted(ranks, key=ranks.get) == ["Other", "Quality", "Defective"]
    # The shared y axis holds the tallest stack (one case a week per panel here; 5 in the test below).
    assert fig.layout.yaxis.range[1] >= 1
    tall = charts.weekly_by_reason(weekly.assign(cases=[5, 1, 1] * 3), split_by_type=True)
    assert all(tall.layout[axis].range[1] >= 5 for axis in ("yaxis", "yaxis2", "yaxis3"))


EMPTY = {
    "weekly_cases": lambda: charts.weekly_cases(pd.DataFrame({"week": [], "cases": []})),
    "weekly_by_reason": lambda: charts.weekly_by_reason(pd.DataFrame({"week": [], "reason": [], "request_type": [], "cases": []}), True),
    "refunds_per_week": lambda: charts.refunds_per_week(pd.DataFrame({"week": [], "refund": [], "refunded_cases": [], "share": []})),
    "refunds_ranked": lambda: charts.refunds_ranked(
        pd.DataFrame({"sku": [], "refund": [], "refunded_cases": [], "share": []}), "sku", "Refund value by SKU"
    ),
    "on_time_per_week": lambda: charts.on_time_per_week(pd.DataFrame({"week": [], "counted": [], "in_time": [], "share": []})),
    "on_time_per_person": lambda: charts.on_time_per_person(
        pd.DataFrame({"handled_by": [], "counted": [], "in_time": [], "share": [], "median_days": []})
    ),
    "proof_shares": lambda: charts.proof_shares(
        pd.DataFrame({"reason": [], "cases": [], "with_proof": [], "share": []}), "reason", "Reason"
    ),
    "rates.ranked": lambda: rates.ranked(pd.DataFrame({"sku": [], "rate": [], "low": [], "high": [], "returned": [], "sold": []}), "R"),
    "rates.weekly": lambda: rates.weekly(pd.DataFrame({"week": [], "rate": [], "low": [], "high": [], "returned": [], "sold": []}), "W"),
    "rates.counts": lambda: rates.counts(pd.DataFrame({"sku": [], "returned": []}), "C"),
}


@pytest.mark.parametrize("name", list(EMPTY))
def test_an_empty_chart_is_a_sentence(name):
    fig = EMPTY[name]()
    sentence = charts.empty_sentence(fig)
    assert sentence and sentence.endswith(".") and not fig.data
    assert fig.layout.annotations[0].text == sentence  # even drawn as it is, no bare axes
    assert charts.empty_sentence(builders(2)[name]) is None if name in builders(2) else True


def _page_with_an_empty_and_a_full_chart():
    import pandas as pd

    from ui import charts, plot

    plot.draw(charts.weekly_cases(pd.DataFrame({"week": [], "cases": []})), key="empty")
    plot.draw(charts.weekly_cases(pd.DataFrame({"week": pd.to_datetime(["2026-11-16"]), "cases": [2]})), key="full")


def test_a_page_shows_the_sentence_in_place_of_an_empty_chart():
    at = AppTest.from_function(_page_with_an_empty_and_a_full_chart).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["**Cases per week.** No buyer requests in this view."]
    assert len(at.get("plotly_chart")) == 1
