"""Figures of return rates (returns per 100 units sold) with their Wilson intervals. Plain plotly, no Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import TOTAL_COLOUR, TOTAL_LIGHT, WEEK_AXIS, _empty, _layout, _time_axis
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
    fig = go.Figure(
        go.Scatter(
            x=per100,
            y=table["sku"],
            mode="markers",
            marker={"color": TOTAL_COLOUR, "size": 9},
            name=_("Rate"),
            error_x={
                "type": "data",
                "symmetric": False,
                "array": table["high"] * 100 - per100,
                "arrayminus": per100 - table["low"] * 100,
                "color": TOTAL_LIGHT,
                "thickness": 3,
                "width": 0,
            },
            customdata=table[["returned", "sold", "low", "high"]].to_numpy() * [1, 1, 100, 100],
            hovertemplate="%{y}: %{x:.1f} "
            + _("per 100 units")
            + " (95%: %{customdata[2]:.1f}–%{customdata[3]:.1f})<br>"
            + _("{returned} returned of {sold} sold").format(returned="%{customdata[0]:,.0f}", sold="%{customdata[1]:,.0f}")
            + "<extra></extra>",
        )
    )
    _layout(fig, title, height=max(260, 60 + 26 * len(table)))
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(autorange="reversed", title_text="SKU", type="category", tickformat=None)
    fig.update_xaxes(title_text=_(RATE_AXIS), tickformat=",.1~f", rangemode="tozero", showgrid=True)
    return fig


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
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=table["week"], y=table["high"] * 100, mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False))
    fig.add_trace(
        go.Scatter(
            x=table["week"],
            y=table["low"] * 100,
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(74,85,104,0.18)",
            name=_("95% interval"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=table["week"],
            y=table["rate"] * 100,
            mode="lines+markers",
            line={"color": TOTAL_COLOUR},
            name=_("Returns per 100 units"),
            customdata=table[["returned", "sold"]].to_numpy(),
            hovertemplate="%{y:.1f} "
            + _("per 100 units")
            + " · "
            + _("{returned} returned of {sold} sold").format(returned="%{customdata[0]:,.0f}", sold="%{customdata[1]:,.0f}")
            + "<extra></extra>",
        )
    )
    _layout(fig, title, height=320)
    # Above the plot, right-aligned (as on the Money page): below it the legend would sit on the axis title.
    fig.update_layout(legend={"title": {"text": ""}, "orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"})
    fig.update_xaxes(title_text=_(WEEK_AXIS))
    fig.update_yaxes(title_text=_(RATE_AXIS), tickformat=",.1~f")
    return _time_axis(fig, table["week"], bars=False)


COUNT_AXIS = N_("Returned units (a count, not a rate)")


def counts(table: pd.DataFrame, title: str) -> go.Figure:
    """Bars of returned units per SKU, most on top, labelled as counts (there is no rate without units sold).

    >>> fig = counts(pd.DataFrame({"sku": ["A", "B"], "returned": [12.0, 3.0]}), "Returned units by SKU")
    >>> list(fig.data[0].y), fig.layout.xaxis.title.text
    (['A', 'B'], 'Returned units (a count, not a rate)')
    """
    if table.empty:
        return _empty(title, _("No returned units in this view."))
    fig = go.Figure(
        go.Bar(
            x=table["returned"],
            y=table["sku"],
            orientation="h",
            marker_color=TOTAL_LIGHT,
            name=_("Returned units"),
            hovertemplate="%{y}: %{x:,.0f} " + _("returned units") + "<extra></extra>",
        )
    )
    _layout(fig, title, height=max(260, 60 + 24 * len(table)))
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(autorange="reversed", title_text="SKU", type="category", tickformat=None)
    fig.update_xaxes(title_text=_(COUNT_AXIS), tickformat=",d", showgrid=True)
    return fig
