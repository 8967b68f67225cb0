"""Plotly figure builders: pure functions from an analysis result to a titled, labelled figure.

`go.*` rather than plotly express: the same figures build an order of magnitude faster.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from analysis.sla import DEFAULT_CLOCK, Clock
from data.schema import REASONS, REQUEST_TYPES
from ui import format

WEEK_AXIS = "Week of request date (Monday)"
# One fixed colour per reason, so a reason looks the same on every chart and every filter.
# Tableau 10 for the first nine, navy for the tenth (Tableau's own tenth is a grey), grey for "Other".
REASON_COLOURS: dict[str, str] = dict(zip(REASONS[:-1], [*qualitative.T10[:9], "#2F4B7C"], strict=True))
REASON_COLOURS["Other"] = "#C4C4C4"
# One fixed colour per request type, from another palette (Dark 2) so a request type never reads as a reason.
REQUEST_TYPE_COLOURS: dict[str, str] = dict(zip(REQUEST_TYPES, [*qualitative.Dark2[:4], "#A0A0A0"], strict=True))
# Totals (all cases, all refunds, a rate) are a neutral slate: blue belongs to a reason (Damaged packaging).
TOTAL_COLOUR = "#4A5568"
TOTAL_LIGHT = "#B7C0CC"  # the same, light: intervals and counts that are not the headline


def colours(names: list[str], by: str) -> list[str] | str:
    """The fixed colour of each reason or request type; the total colour for anything else (SKU, person).

    >>> colours(["Other"], "reason"), colours(["Exchange"], "request_type"), colours(["A-1"], "sku")
    (['#C4C4C4'], ['rgb(231,41,138)'], '#4A5568')
    """
    palette = {"reason": REASON_COLOURS, "request_type": REQUEST_TYPE_COLOURS}.get(by)
    return [palette.get(n, TOTAL_COLOUR) for n in names] if palette else TOTAL_COLOUR


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hovermode="x unified",
        legend={"title": {"text": "Reason"}, "traceorder": "normal"},
        bargap=0.15,
    )
    fig.update_xaxes(tickformat="%d %b<br>%Y", showgrid=False)
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    return fig


def weekly_cases(weekly: pd.DataFrame, title: str = "Cases per week") -> go.Figure:
    """Bars of all cases per week, from `weekly_counts(cases)` (columns `week`, `cases`).

    >>> fig = weekly_cases(pd.DataFrame({"week": pd.to_datetime(["2026-11-16"]), "cases": [3]}))
    >>> fig.layout.xaxis.title.text, fig.data[0].y.tolist()
    ('Week of request date (Monday)', [3])
    """
    fig = go.Figure(go.Bar(x=weekly["week"], y=weekly["cases"], marker_color=TOTAL_COLOUR, name="Cases",
                           hovertemplate="%{y:,d} cases<extra></extra>"))
    _layout(fig, title, height=300)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(title_text=WEEK_AXIS)
    fig.update_yaxes(title_text="Cases")
    return fig


def weekly_by_reason(weekly: pd.DataFrame, split_by_type: bool = False) -> go.Figure:
    """Stacked bars of cases per week by reason; with `split_by_type`, one panel per request type.

    `weekly` comes from `weekly_counts(cases, by=["reason"])`, or `by=["reason", "request_type"]`
    when split. Reasons keep their vocabulary order and colour; reasons without cases are left out.

    >>> weekly = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"] * 2), "reason": ["Other", "Defective"],
    ...                        "request_type": ["Exchange", "Refund Only"], "cases": [1, 2]})
    >>> [t.name for t in weekly_by_reason(weekly).data]
    ['Defective', 'Other']
    >>> fig = weekly_by_reason(weekly, split_by_type=True)
    >>> [a.text for a in fig.layout.annotations], fig.layout.barmode
    (['Refund Only', 'Exchange'], 'stack')
    """
    reasons = [r for r in REASONS if r in set(weekly["reason"].astype(str))]
    types = [t for t in REQUEST_TYPES if split_by_type and t in set(weekly["request_type"].astype(str))] or [None]
    fig = make_subplots(rows=len(types), cols=1, shared_xaxes=True, shared_yaxes="all", vertical_spacing=0.06,
                        subplot_titles=types if types != [None] else None)
    for row, request_type in enumerate(types, start=1):
        part = weekly if request_type is None else weekly[weekly["request_type"].astype(str) == request_type]
        for reason in reasons:
            rows = part[part["reason"].astype(str) == reason].groupby("week", as_index=False)["cases"].sum()
            fig.add_trace(go.Bar(x=rows["week"], y=rows["cases"], name=reason, legendgroup=reason, showlegend=row == 1,
                                 marker_color=REASON_COLOURS.get(reason), hovertemplate=f"{reason}: %{{y:,d}}<extra></extra>"),
                          row=row, col=1)
        fig.update_yaxes(title_text="Cases", row=row, col=1)
    title = "Cases per week by reason" + (", split by request type" if request_type else "")
    _layout(fig, title, height=440 if request_type is None else 220 * len(types) + 120)
    fig.update_layout(barmode="stack", legend_traceorder="reversed")  # legend top to bottom = stack top to bottom
    fig.update_xaxes(title_text=WEEK_AXIS, row=len(types), col=1)
    return fig


def _ranked_layout(fig: go.Figure, title: str, x_title: str, rows: int) -> go.Figure:
    """Layout of a horizontal bar ranking: largest at the top, one line per bar."""
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, height=max(220, 90 + 26 * rows),
                      margin={"l": 10, "r": 10, "t": 60, "b": 10}, showlegend=False, bargap=0.25)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    return fig


def _money_axis(currency: str | None) -> str:
    return f"Refund value ({currency})" if currency else "Refund value"


def refunds_ranked(table: pd.DataFrame, by: str, title: str, currency: str | None = None, label: str = "") -> go.Figure:
    """Horizontal bars of refund value per value of `by`, largest at the top, from `refunds_by(cases, by)`.

    Reasons and request types keep their colour; each bar carries its amount as the cards write it (a zero reads 0, not
    a gap); the hover gives the refunded cases and the share of all refunds.

    >>> table = pd.DataFrame({"reason": ["Defective", "Quality"], "refund": [30.0, 10.0], "refunded_cases": [1, 1], "share": [0.75, 0.25]})
    >>> fig = refunds_ranked(table, "reason", "Refunds by reason", "IDR")
    >>> list(fig.data[0].y), fig.data[0].x.tolist(), fig.data[0].text, fig.layout.xaxis.title.text
    (['Defective', 'Quality'], [30.0, 10.0], ('30', '10'), 'Refund value (IDR)')
    """
    names = table[by].astype(str).tolist()
    fig = go.Figure(go.Bar(x=table["refund"], y=names, orientation="h", marker_color=colours(names, by),
                           customdata=table[["refunded_cases", "share"]].to_numpy(),
                           text=[format.money(v) for v in table["refund"]], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x:,.0f} from %{customdata[0]:,d} refunded cases (%{customdata[1]:.0%})<extra></extra>"))
    _ranked_layout(fig, title, _money_axis(currency), len(names))
    fig.update_yaxes(title_text=label or None)
    top = float(table["refund"].max()) if len(table) else 0.0
    # Room for the value beside the longest bar; plotly's own tick labels write a billion B (d3's "~s" writes G).
    fig.update_xaxes(tickformat="", exponentformat="B", range=[0, top * 1.12 if top > 0 else 1])
    return fig


def refunds_per_week(table: pd.DataFrame, currency: str | None = None, lost: pd.DataFrame | None = None) -> go.Figure:
    """Bars of refund value per week of request date, from `refunds_by(cases, "week")`.

    With `lost` (columns `week`, `refund`: the part auto-approved), that part is drawn as its own bar beside.

    >>> table = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"]), "refund": [40.0], "refunded_cases": [2], "share": [1.0]})
    >>> fig = refunds_per_week(table, "IDR")
    >>> fig.layout.xaxis.title.text, fig.layout.yaxis.title.text, fig.data[0].y.tolist()
    ('Week of request date (Monday)', 'Refund value (IDR)', [40.0])
    """
    fig = go.Figure(go.Bar(x=table["week"], y=table["refund"], name="All refunds", marker_color=TOTAL_COLOUR,
                           customdata=table["refunded_cases"],
                           hovertemplate="%{y:,.0f} from %{customdata:,d} refunded cases<extra></extra>"))
    if lost is not None and len(lost):
        fig.add_trace(go.Bar(x=lost["week"], y=lost["refund"], name="Of which auto-approved", marker_color=qualitative.T10[2],
                             hovertemplate="auto-approved: %{y:,.0f}<extra></extra>"))
    _layout(fig, "Refund value per week", height=320)
    fig.update_layout(legend={"title": {"text": ""}, "orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"},
                      showlegend=lost is not None and len(lost) > 0, barmode="group")
    fig.update_xaxes(title_text=WEEK_AXIS)
    fig.update_yaxes(title_text=_money_axis(currency), tickformat="", exponentformat="B")
    return fig


def on_time_per_week(table: pd.DataFrame, clock: Clock = DEFAULT_CLOCK) -> go.Figure:
    """Share answered within the `clock`'s days per week of request date, from `on_time_by(cases, "week", clock=clock)`.

    >>> table = pd.DataFrame({"week": pd.to_datetime(["2026-11-09", "2026-11-16"]), "counted": [10, 4], "in_time": [9, 2],
    ...                       "share": [0.9, 0.5], "median_days": [0.4, 1.1]})
    >>> fig = on_time_per_week(table)
    >>> fig.data[0].y.tolist(), fig.layout.yaxis.title.text, fig.layout.xaxis.title.text
    ([0.9, 0.5], 'Answered within 2 working days', 'Week of request date (Monday)')
    >>> on_time_per_week(table, Clock(3, weekends_count=True)).layout.yaxis.title.text
    'Answered within 3 calendar days'
    """
    fig = go.Figure(go.Scatter(x=table["week"], y=table["share"], mode="lines+markers", line_color=TOTAL_COLOUR, name="Share",
                               customdata=table[["in_time", "counted"]].to_numpy(),
                               hovertemplate="%{y:.0%}: %{customdata[0]:,d} of %{customdata[1]:,d} cases<extra></extra>"))
    _layout(fig, f"Share answered within {clock.span}, per week", height=300)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(title_text=WEEK_AXIS)
    fig.update_yaxes(title_text=f"Answered within {clock.span}", tickformat=".0%", range=[0, 1.02])
    return fig


def on_time_per_person(table: pd.DataFrame, clock: Clock = DEFAULT_CLOCK) -> go.Figure:
    """Horizontal bars of the share answered within the `clock`'s days per person in charge, from `on_time_by(cases, "handled_by")`.

    Worst first, so the person who needs help is at the top; the hover gives the counts and the median response time.

    >>> table = pd.DataFrame({"handled_by": ["Ayu", "Budi"], "counted": [10, 4], "in_time": [9, 2], "share": [0.9, 0.5],
    ...                       "median_days": [0.4, 1.1]})
    >>> list(on_time_per_person(table).data[0].y)
    ['Budi', 'Ayu']
    """
    table = table.sort_values("share", kind="stable")
    fig = go.Figure(go.Bar(x=table["share"], y=table["handled_by"].astype(str), orientation="h", marker_color=TOTAL_COLOUR,
                           text=[f"{s:.0%}" for s in table["share"]], textposition="outside", cliponaxis=False,
                           customdata=table[["in_time", "counted", "median_days"]].to_numpy(),
                           hovertemplate="%{y}: %{customdata[0]:,d} of %{customdata[1]:,d} in time; "
                                         f"median %{{customdata[2]:.1f}} {clock.unit}s<extra></extra>"))
    _ranked_layout(fig, "On time, by person in charge", f"Answered within {clock.span}", len(table))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.1], tickvals=[0, 0.25, 0.5, 0.75, 1])
    fig.update_yaxes(title_text="Person in charge")
    return fig


def proof_shares(table: pd.DataFrame, by: str, label: str) -> go.Figure:
    """Horizontal bars of the share of cases with a photo or video per value of `by`, from `proof_share(cases, by)`.

    Lowest share first: where proof is rarest is where refunds are easiest to claim.

    >>> table = pd.DataFrame({"reason": ["Defective", "Quality"], "cases": [2, 1], "with_proof": [1, 1], "share": [0.5, 1.0],
    ...                       "unknown": [1, 0]})
    >>> fig = proof_shares(table, "reason", "Reason")
    >>> list(fig.data[0].y), fig.layout.title.text
    (['Defective', 'Quality'], 'Cases with photo or video proof, by reason')
    """
    table = table.sort_values("share", kind="stable")
    names = table[by].astype(str).tolist()
    fig = go.Figure(go.Bar(x=table["share"], y=names, orientation="h", marker_color=colours(names, by),
                           text=[f"{s:.0%}" for s in table["share"]], textposition="outside", cliponaxis=False,
                           customdata=table[["with_proof", "cases"]].to_numpy(),
                           hovertemplate="%{y}: %{customdata[0]:,d} of %{customdata[1]:,d} cases with proof<extra></extra>"))
    _ranked_layout(fig, f"Cases with photo or video proof, by {label.lower()}", "Share of cases with proof", len(names))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.1], tickvals=[0, 0.25, 0.5, 0.75, 1])
    fig.update_yaxes(title_text=label)
    return fig
