"""One look across pages: a reason or request type keeps its colour on every chart, every chart has a title and
labelled axes with the same margins, and no legend sits on the data or on an axis title."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest

from data.schema import REASONS, REQUEST_TYPES
from ui import charts, rates
from ui.chart_look import sendable

WEEKS = pd.to_datetime(["2026-11-09", "2026-11-16"])


def refunds(by: str, names: list[str]) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame({by: names, "refund": [10.0 * (i + 1) for i in range(n)], "refunded_cases": [1] * n, "share": [1 / n] * n})


def proof(by: str, names: list[str]) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame(
        {by: names, "cases": [4] * n, "with_proof": [i % 4 for i in range(n)], "share": [(i % 4) / 4 for i in range(n)], "unknown": [0] * n}
    )


def bar_colours(fig) -> dict[str, str]:
    trace = fig.data[0]
    return dict(zip(trace.y, trace.marker.color, strict=True))


def all_figures():
    weekly = pd.DataFrame(
        {
            "week": WEEKS.repeat(2),
            "reason": ["Defective", "Other"] * 2,
            "request_type": ["Exchange", "Refund Only"] * 2,
            "cases": [1, 2, 3, 4],
        }
    )
    on_time = pd.DataFrame(
        {
            "week": WEEKS,
            "handled_by": ["Ayu", "Budi"],
            "counted": [4, 5],
            "in_time": [3, 5],
            "share": [0.75, 1.0],
            "median_days": [0.5, 0.2],
        }
    )
    rate = pd.DataFrame(
        {
            "week": WEEKS,
            "sku": ["A", "B"],
            "rate": [0.1, 0.2],
            "low": [0.05, 0.1],
            "high": [0.2, 0.3],
            "returned": [2.0, 4.0],
            "sold": [20.0, 20.0],
        }
    )
    return {
        "weekly_cases": charts.weekly_cases(weekly.groupby("week", as_index=False)["cases"].sum()),
        "weekly_by_reason": charts.weekly_by_reason(weekly),
        "weekly_by_reason_split": charts.weekly_by_reason(weekly, split_by_type=True),
        "refunds_ranked": charts.refunds_ranked(refunds("reason", ["Defective"]), "reason", "Refund value by reason", "IDR", "Reason"),
        "refunds_per_week": charts.refunds_per_week(refunds("week", list(WEEKS)), "IDR", lost=refunds("week", list(WEEKS[:1]))),
        "on_time_per_week": charts.on_time_per_week(on_time),
        "on_time_per_person": charts.on_time_per_person(on_time),
        "proof_shares": charts.proof_shares(proof("reason", ["Defective"]), "reason", "Reason"),
        "rates.ranked": rates.ranked(rate, "Return rate by SKU"),
        "rates.weekly": rates.weekly(rate, "A: returns per 100 units sold, by week"),
        "rates.counts": rates.counts(rate, "Most returned units"),
    }


def test_a_reason_has_one_colour_on_every_chart():
    reasons = list(REASONS)
    weekly = pd.DataFrame({"week": WEEKS[0], "reason": reasons, "cases": 1})
    stacked = {t.name: t.marker.color for t in charts.weekly_by_reason(weekly).data}
    by_refund = bar_colours(charts.refunds_ranked(refunds("reason", reasons), "reason", "Refunds", "IDR"))
    by_proof = bar_colours(charts.proof_shares(proof("reason", reasons), "reason", "Reason"))
    assert stacked == by_refund == by_proof == charts.REASON_COLOURS
    assert len(set(charts.REASON_COLOURS.values())) == len(REASONS)


def test_a_request_type_has_one_colour_and_never_a_reasons_or_the_totals():
    types = list(REQUEST_TYPES)
    by_refund = bar_colours(charts.refunds_ranked(refunds("request_type", types), "request_type", "Refunds", "IDR"))
    by_proof = bar_colours(charts.proof_shares(proof("request_type", types), "request_type", "Request type"))
    assert by_refund == by_proof == charts.REQUEST_TYPE_COLOURS
    used = list(charts.REQUEST_TYPE_COLOURS.values())
    assert len(set(used)) == len(used)
    assert not set(used) & {*charts.REASON_COLOURS.values(), charts.TOTAL_COLOUR}
    assert charts.TOTAL_COLOUR not in charts.REASON_COLOURS.values()


@pytest.mark.parametrize(("name", "fig"), all_figures().items(), ids=list(all_figures()))
def test_every_chart_is_titled_labelled_and_laid_out_alike(name, fig):
    layout = fig.layout
    assert layout.title.text and layout.title.x == 0
    assert layout.margin.t == 60 and min(layout.margin.l, layout.margin.r, layout.margin.b) >= 10  # see the test below
    spec = layout.to_plotly_json()
    titled = {key[0] for key, axis in spec.items() if key.startswith(("xaxis", "yaxis")) and axis.get("title", {}).get("text")}
    assert titled == {"x", "y"}, name
    shows_legend = layout.showlegend is not False and len([t for t in fig.data if t.showlegend is not False]) > 1
    if shows_legend:  # outside the plot: right of it or above it, never over bars or under the x-axis title
        legend = layout.legend
        assert (legend.x is None and legend.orientation != "h") or (legend.y is not None and legend.y > 1), name


@pytest.mark.parametrize(("name", "fig"), all_figures().items(), ids=list(all_figures()))
def test_every_chart_passes_plotlys_own_checks(name, fig):
    """The builders skip plotly's property checks for speed: the same figure built with them must not fail."""
    checked = go.Figure(fig.to_dict())  # raises on a misspelt property or a wrong value
    assert [t.type for t in checked.data] == [t.type for t in fig.data], name
    assert checked.layout.title.text == fig.layout.title.text, name


def test_margins_hold_the_labels_so_the_browser_draws_a_chart_once():
    """Drawn with margins too small for its labels, plotly.js widens them and draws the chart again: the margins are
    worked out from the labels instead, wider for a longer label, and a legend on the right gets its own room."""
    short = charts.refunds_ranked(refunds("sku", ["A-1"]), "sku", "Refunds", "IDR", "SKU").layout.margin
    long = charts.refunds_ranked(refunds("sku", ["A-1", "A very long SKU name"]), "sku", "Refunds", "IDR", "SKU").layout.margin
    assert long.l - short.l == pytest.approx(charts._text_px("A very long SKU name") - charts._text_px("A-1"), abs=1)
    assert short.l > 10 + charts._text_px("A-1") and short.b > 10
    weekly = pd.DataFrame({"week": WEEKS.repeat(2), "reason": ["Defective", "Late or not delivered"] * 2, "cases": [1, 2, 3, 4]})
    with_legend = charts.weekly_by_reason(weekly).layout.margin
    alone = charts.weekly_by_reason(weekly[weekly["reason"] == "Defective"]).layout.margin
    assert with_legend.r > 10 + charts._text_px("Late or not delivered") and alone.r == 10
    # Labels that cannot be told here (SKUs across the x axis, turned as space allows): plotly fits them itself.
    pareto = pd.DataFrame({"sku": ["A", "B"], "value": [3, 1], "share": [0.75, 0.25], "cumulative": [0.75, 1.0]})
    assert charts.sku_pareto(pareto).layout.margin.to_plotly_json() == charts.MARGIN


def test_money_axes_write_a_billion_as_the_cards_do():
    """d3's "~s" would label 2e9 "2G"; the cards (`format.money`) write "2B"."""
    ranked = charts.refunds_ranked(refunds("sku", ["A"]).assign(refund=[2e9]), "sku", "Refunds", "IDR", "SKU")
    weekly = charts.refunds_per_week(refunds("week", list(WEEKS)), "IDR")
    for axis in (ranked.layout.xaxis, weekly.layout.yaxis):
        assert not axis.tickformat and axis.exponentformat == "B"
    assert ranked.data[0].text == ("2B",)


@pytest.mark.parametrize(("name", "fig"), all_figures().items(), ids=list(all_figures()))
def test_every_chart_is_sent_with_its_look_and_its_numbers_as_lists(name, fig):
    """What a page sends (`chart_look.sendable`): no template (the browser would take a new copy of it for a change and
    draw the chart again), every number a plain list, a fixed data revision, and the theme's look only where the
    figure says nothing itself."""
    sent = sendable(fig)
    spec = json.loads(plotly.io.to_json(sent, validate=False))
    layout = spec["layout"]
    assert layout.get("template") is None and layout["datarevision"] == 1, name
    assert "bdata" not in json.dumps(spec), name
    assert layout["title"]["text"] == fig.layout.title.text and layout["title"]["font"]["weight"] == 700, name
    assert layout["margin"] == {**fig.layout.margin.to_plotly_json(), "pad": 8}, name
    axes = [key for key in layout if key[1:5] == "axis"]
    assert {"xaxis", "yaxis"} <= set(axes), name
    for key in axes:
        assert layout[key]["automargin"] is True and layout[key]["tickfont"]["size"] == charts.TICK_FONT_PX, (name, key)
        assert layout[key].get("title", {}).get("text") == (fig.layout[key].title.text if key in fig.layout else None), (name, key)
    for before, after in zip(fig.data, spec["data"], strict=True):
        for axis in "xy":
            if before[axis] is not None:
                assert len(after[axis]) == len(before[axis]), (name, axis)


def test_a_sent_chart_keeps_its_own_settings_over_the_look():
    fig = go.Figure(
        {
            "data": [{"type": "bar", "x": WEEKS, "y": np.array([1.5, np.nan]), "xaxis": "x2"}],
            "layout": {"font": {"color": "#123456"}, "xaxis2": {"showgrid": True}, "title": {"text": "Refunds"}},
        }
    )
    layout = json.loads(plotly.io.to_json(sendable(fig), validate=False))["layout"]
    assert layout["font"] == {"color": "#123456", "family": '"Source Sans", sans-serif', "size": 12, "weight": 400}
    assert layout["xaxis2"]["showgrid"] is True and layout["xaxis"]["showgrid"] is False  # the look's, under its own
    data = json.loads(plotly.io.to_json(sendable(fig), validate=False))["data"][0]
    assert data["x"] == ["2026-11-09T00:00:00", "2026-11-16T00:00:00"] and data["y"] == [1.5, None]
