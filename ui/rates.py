"""Figures of return rates (returns per 100 units sold) with their Wilson intervals. Plain plotly, no Streamlit; built as
plain dicts like `ui.charts`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import TOTAL_COLOUR, TOTAL_LIGHT, WEEK_AXIS, _axes, _empty, _figure, _layout, _merge, _time_axis
from ui.i18n import N_, _

RATE_AXIS = N_("Returns per 100 units sold")


def ranked(table: pd.DataFrame, title: str) -> go.Figure:
    """One dot per SKU at its rate per 100 units, with the 95% interval as a bar; highest rate on top.

    `table` comes from `return_rates` (columns `sku`, `rate`, `low`, `high`, `returned`, `sold`), already ranked.

    >>> t = pd.DataFrame({"sku": ["A", "B"], "rate": [0.2, 0.05], "low": [0.1, 0.02], "high": [0.3, 0.1],
    ...                   "returned": [2.0, 2.0], "sold": [10.0, 40.0]})
    >>> fig = ranked(t, "Return rate by SKU")
    >>> list(fig.data[0].y), [float(round(x, 1)) for x in fig.data[0].x], fig.layout.xaxis.title.text
    (['A', 'B'], [20.0, 5.0], 'Returns per 100 units sold')
    """
    if table.empty:
        return _empty(title, _("No SKU in this view sold enough units to rank."))
    per100 = table["rate"] * 100
    dots = {
        "type": "scatter",
        "x": per100.to_numpy(),
        "y": table["sku"].to_numpy(),
        "mode": "markers",
        "marker": {"color": TOTAL_COLOUR, "size": 9},
        "name": _("Rate"),
        "error_x": {
            "type": "data",
            "symmetric": False,
            "array": (table["high"] * 100 - per100).to_numpy(),
            "arrayminus": (per100 - table["low"] * 100).to_numpy(),
            "color": TOTAL_LIGHT,
            "thickness": 3,
            "width": 0,
        },
        "customdata": table[["returned", "sold", "low", "high"]].to_numpy() * [1, 1, 100, 100],
        "hovertemplate": "%{y}: %{x:.1f} "
        + _("per 100 units")
        + " (95%: %{customdata[2]:.1f}–%{customdata[3]:.1f})<br>"
        + _("{returned} returned of {sold} sold").format(returned="%{customdata[0]:,.0f}", sold="%{customdata[1]:,.0f}")
        + "<extra></extra>",
    }
    layout = _layout(title, max(260, 60 + 26 * len(table)))
    _merge(layout, {"showlegend": False, "hovermode": "closest"})
    _axes(layout, "y", autorange="reversed", title={"text": "SKU"}, type="category", tickformat=None)
    _axes(layout, "x", title={"text": _(RATE_AXIS)}, tickformat=",.1~f", rangemode="tozero", showgrid=True)
    return _figure([dots], layout)


def weekly(table: pd.DataFrame, title: str) -> go.Figure:
    """The rate per week as a line with its 95% interval as a band (weeks without sales are gaps).

    >>> t = pd.DataFrame({"week": pd.to_datetime(["2026-08-03", "2026-08-10"]), "rate": [0.1, 0.05],
    ...                   "low": [0.05, 0.02], "high": [0.2, 0.1], "returned": [2.0, 1.0], "sold": [20.0, 20.0]})
    >>> fig = weekly(t, "HM-0042")
    >>> [float(round(y, 1)) for y in fig.data[2].y], fig.layout.yaxis.title.text
    ([10.0, 5.0], 'Returns per 100 units sold')
    """
    if table.empty:
        return _empty(title, _("No week in this view has units sold for this SKU."))
    week = table["week"].to_numpy()
    data = [
        {
            "type": "scatter",
            "x": week,
            "y": (table["high"] * 100).to_numpy(),
            "mode": "lines",
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": week,
            "y": (table["low"] * 100).to_numpy(),
            "mode": "lines",
            "line": {"width": 0},
            "fill": "tonexty",
            "fillcolor": "rgba(74,85,104,0.18)",
            "name": _("95% interval"),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": week,
            "y": (table["rate"] * 100).to_numpy(),
            "mode": "lines+markers",
            "line": {"color": TOTAL_COLOUR},
            "name": _("Returns per 100 units"),
            "customdata": table[["returned", "sold"]].to_numpy(),
            "hovertemplate": "%{y:.1f} "
            + _("per 100 units")
            + " · "
            + _("{returned} returned of {sold} sold").format(returned="%{customdata[0]:,.0f}", sold="%{customdata[1]:,.0f}")
            + "<extra></extra>",
        },
    ]
    layout = _layout(title, 320)
    # Above the plot, right-aligned (as on the Money page): below it the legend would sit on the axis title.
    _merge(layout, {"legend": {"title": {"text": ""}, "orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"}})
    _axes(layout, "x", title={"text": _(WEEK_AXIS)})
    _axes(layout, "y", title={"text": _(RATE_AXIS)}, tickformat=",.1~f")
    return _time_axis(data, layout, table["week"], bars=False)


COUNT_AXIS = N_("Returned units (a count, not a rate)")


def counts(table: pd.DataFrame, title: str) -> go.Figure:
    """Bars of returned units per SKU, most on top, labelled as counts (there is no rate without units sold).

    >>> fig = counts(pd.DataFrame({"sku": ["A", "B"], "returned": [12.0, 3.0]}), "Returned units by SKU")
    >>> list(fig.data[0].y), fig.layout.xaxis.title.text
    (['A', 'B'], 'Returned units (a count, not a rate)')
    """
    if table.empty:
        return _empty(title, _("No returned units in this view."))
    bars = {
        "type": "bar",
        "x": table["returned"].to_numpy(),
        "y": table["sku"].to_numpy(),
        "orientation": "h",
        "marker": {"color": TOTAL_LIGHT},
        "name": _("Returned units"),
        "hovertemplate": "%{y}: %{x:,.0f} " + _("returned units") + "<extra></extra>",
    }
    layout = _layout(title, max(260, 60 + 24 * len(table)))
    _merge(layout, {"showlegend": False, "hovermode": "closest"})
    _axes(layout, "y", autorange="reversed", title={"text": "SKU"}, type="category", tickformat=None)
    _axes(layout, "x", title={"text": _(COUNT_AXIS)}, tickformat=",d", showgrid=True)
    return _figure([bars], layout)
