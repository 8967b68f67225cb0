"""Plotly figure builders: pure functions from an analysis result to a titled, labelled figure.

Each builder writes its traces and layout as plain dicts and makes one unchecked `go.Figure` of them (`_figure`):
plotly's property checks, `update_*` calls and `make_subplots` took 30-200 ms a chart, the dicts take a few.
`tests/test_chart_look.py` builds every figure again with the checks on, so a misspelt property still fails.

Time axes hold from one week to ten years: ticks fall on Mondays (weeks start on Monday), a dozen at most, with the
year written on the first tick and where it changes; a bar is one week wide whatever the span, and a short span is
drawn over at least `MIN_SPAN_DAYS`, so one week of data is one narrow bar with one date. Past `MONTHLY_AFTER_DAYS`
weekly bars would be slivers: the bar charts switch to one bar per month (weeks counted in the month their Monday
falls in) and say so in their title and axis. Empty input gives a figure that says so in a sentence
(`empty_sentence` reads it back; `ui.plot.draw` shows the sentence instead of a chart).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from copy import deepcopy
from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import make_colorscale, qualitative, sequential
from plotly.subplots import make_subplots

from analysis.weekly import NOT_GIVEN
from data.clock import DEFAULT_CLOCK, Clock
from data.schema import REASONS, REQUEST_TYPES
from ui import format
from ui.drill import period_picks, picks
from ui.i18n import N_, _, current, label

# Every title, axis, legend and hover text is written in the run's language (`ui.i18n`); reasons and request types
# are drawn under their translated label while the slice a point carries stays canonical.
WEEK_AXIS = N_("Week of request date (Monday)")
MONTH_AXIS = N_("Month of request date (weeks counted in the month of their Monday)")
# Past about two years and two months of weeks (some 115 bars), a weekly bar on a laptop-wide chart is under 8 pixels:
# monthly bars instead. Two years of weeks stay weekly, ten years are monthly.
MONTHLY_AFTER_DAYS = 800
MIN_SPAN_DAYS = 42  # a time axis spans at least six weeks
MAX_TICKS = 12
_WEEK_STEPS = (1, 2, 4, 8, 13, 26, 52)  # weeks between ticks
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between ticks
_DAY_MS = 86_400_000
# One fixed colour per reason, so a reason looks the same on every chart and every filter.
# Tableau 10 for the first nine, navy for the tenth (Tableau's own tenth is a grey), grey for "Other".
REASON_COLOURS: dict[str, str] = dict(zip(REASONS[:-1], [*qualitative.T10[:9], "#2F4B7C"], strict=True))
REASON_COLOURS["Other"] = "#C4C4C4"
NOT_GIVEN_COLOUR = "#E2E2E2"  # requests whose file gives no reason (or type): drawn, paler than Other
# One fixed colour per request type, from another palette (Dark 2) so a request type never reads as a reason.
REQUEST_TYPE_COLOURS: dict[str, str] = dict(zip(REQUEST_TYPES, [*qualitative.Dark2[:4], "#A0A0A0"], strict=True))
# Totals (all cases, all refunds, a rate) are a neutral slate: blue belongs to a reason (Damaged packaging).
TOTAL_COLOUR = "#4A5568"
TOTAL_LIGHT = "#B7C0CC"  # the same, light: intervals and counts that are not the headline
REDS = make_colorscale(sequential.Reds)  # plotly's Reds written out: plotly.js has its own, different "Reds"


def colours(names: list[str], by: str) -> list[str] | str:
    """The fixed colour of each reason or request type; the total colour for anything else (SKU, person).

    >>> colours(["Other"], "reason"), colours(["Exchange"], "request_type"), colours(["A-1"], "sku")
    (['#C4C4C4'], ['rgb(231,41,138)'], '#4A5568')
    """
    palette = {"reason": REASON_COLOURS, "request_type": REQUEST_TYPE_COLOURS}.get(by)
    return [NOT_GIVEN_COLOUR if n == NOT_GIVEN else palette.get(n, TOTAL_COLOUR) for n in names] if palette else TOTAL_COLOUR


MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}


def _merge(target: dict, update: dict) -> dict:
    """`update` merged into `target` as plotly's `update_layout` does: dicts merge, anything else replaces, None removes."""
    for key, value in update.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = deepcopy(value) if isinstance(value, dict) else value
    return target


def _axes(layout: dict, letter: str, **props: Any) -> dict:
    """`props` merged into every x (or y) axis of `layout`, as `update_xaxes` does (the first axis always exists)."""
    names = [k for k in layout if k == f"{letter}axis" or (k.startswith(f"{letter}axis") and k[5:].isdigit())] or [f"{letter}axis"]
    for name in names:
        _merge(layout.setdefault(name, {}), props)
    return layout


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """The figure of plain trace and layout dicts, built without plotly's property checks (see the module's doc), with
    its margins fitted to its labels (`_fit_margins`)."""
    _fit_margins(data, layout)
    for letter in "xy":  # the margins hold the labels: plotly.js need not measure each label to hide what overflows
        _axes(layout, letter, ticklabeloverflow="allow")
    return go.Figure({"data": data, "layout": layout}, _validate=False)


# Advance widths of printable ASCII (space to ~) in thousandths of an em, in Source Sans, Streamlit's chart font.
_EM = dict(
    zip(
        map(chr, range(32, 127)),
        (
            200,
            289,
            426,
            497,
            497,
            824,
            609,
            249,
            303,
            303,
            418,
            497,
            249,
            311,
            249,
            350,
            *[497] * 10,
            249,
            249,
            497,
            497,
            497,
            425,
            847,
            543,
            588,
            571,
            615,
            527,
            494,
            617,
            652,
            263,
            479,
            579,
            486,
            727,
            647,
            664,
            566,
            664,
            569,
            534,
            536,
            645,
            515,
            786,
            513,
            476,
            539,
            303,
            350,
            303,
            497,
            500,
            542,
            504,
            553,
            456,
            555,
            496,
            292,
            504,
            544,
            246,
            247,
            495,
            255,
            829,
            547,
            542,
            555,
            555,
            347,
            419,
            338,
            544,
            467,
            719,
            446,
            467,
            425,
            303,
            241,
            303,
            497,
        ),
        strict=True,
    )
)
_WIDEST_EM = 850  # any other character: at least as wide as the widest above
TICK_FONT_PX = 12  # Streamlit's theme: tick labels and legend entries
# What plotly.js adds around the labels, measured on these charts in Chromium with Streamlit's theme. Every margin
# push also gets a pad: 12 px, or the smallest margin if that is less (10 px while the right margin is the base one).
_LEFT_BESIDE_TICKS = 43.2  # the y axis title and its standoff, beside the widest tick label
_BOTTOM_DATE_TICKS = 70  # two lines of date ticks ("16 Nov<br>2026") and the x axis title
_BOTTOM_NUMBER_TICKS = 55  # one line of ticks and the x axis title
_LEGEND_BESIDE_TEXT = 60  # a vertical legend's symbols and spacing, beside its longest entry
_HALF_LAST_TICK = 4  # a last number tick ("400M") can reach past the right edge of a ranking
_PAD = 12


def _text_px(text: str, size: int = TICK_FONT_PX) -> float:
    """About how wide `text` is drawn in Streamlit's chart font (never narrower for characters outside ASCII)."""
    return size * sum(_EM.get(c, _WIDEST_EM) for c in str(text)) / 1000


def _y_tick_px(axis: dict, traces: list[dict]) -> float | None:
    """The width of the widest tick label of a y axis, or None when it cannot be told here."""
    values = [v for t in traces for v in (t.get("y") if t.get("y") is not None else [])]
    if axis.get("type") == "category" or any(isinstance(v, str) for v in values):
        return max((_text_px(v) for v in values), default=0.0)
    tickformat = axis.get("tickformat")
    top = axis["range"][1] if "range" in axis else 1.05 * max((float(v) for v in values), default=0.0)
    if tickformat == ".0%":
        return _text_px(f"{min(top, 1.0):.0%}")
    if axis.get("ticktext"):
        return max(_text_px(t) for t in axis["ticktext"])
    if axis.get("exponentformat") == "B":
        return _text_px("000M")  # plotly's own short amounts: at most three digits and a letter
    if tickformat == ",d":
        return _text_px(f"{int(top):,d}")
    return None


def _fit_margins(data: list[dict], layout: dict) -> None:
    """Margins that already hold the axis labels and the legend, so plotly.js draws a chart once.

    Streamlit's theme turns on plotly's automatic margins: drawn with too small a margin, plotly.js measures its
    labels, widens the margins and draws the whole chart again (twice the browser's time per chart). Here the
    margins are worked out from the labels' lengths; where a chart's labels cannot be told here (categories across
    the x axis, a y axis without a title, ticks turned on a narrow chart), plotly still widens what is too small.
    """
    x_axes = {k: v for k, v in layout.items() if k.startswith("xaxis")}
    y_axes = {k: v for k, v in layout.items() if k.startswith("yaxis")}
    legend = layout.get("legend", {})
    if not data or not x_axes or not y_axes or any(a.get("type") == "category" or "overlaying" in a for a in x_axes.values()):
        return
    if not all(a.get("title", {}).get("text") for a in y_axes.values()):
        return
    shows_legend = layout.get("showlegend", True) is not False and sum(t.get("showlegend", True) is not False for t in data) > 1
    widths = []
    for name, axis in y_axes.items():
        on_axis = [t for t in data if t.get("yaxis", "y") == "y" + name[5:]]
        width = _y_tick_px(axis, on_axis)
        if width is None:
            return
        widths.append(width)
    dates = any(a.get("type") == "date" for a in x_axes.values())
    right = 0.0  # nothing pushes the right margin: it stays the base one
    if shows_legend and legend.get("orientation") != "h":
        entries = [t.get("name", "") for t in data if t.get("showlegend", True) is not False]
        right = _LEGEND_BESIDE_TEXT + max(_text_px(e) for e in [*entries, legend.get("title", {}).get("text", "")])
    elif not dates and not all("tickvals" in a for a in x_axes.values()):
        right = _HALF_LAST_TICK
    pad = min(_PAD, MARGIN["r"]) if not right else _PAD
    layout["margin"] = {
        "l": math.ceil(max(widths) + _LEFT_BESIDE_TICKS + pad),
        "r": math.ceil(right + pad) if right else MARGIN["r"],
        "t": MARGIN["t"],
        "b": (_BOTTOM_DATE_TICKS if dates else _BOTTOM_NUMBER_TICKS) + pad,
    }


def _layout(title: str, height: int, layout: dict | None = None) -> dict:
    """The layout every time chart shares (title, margins, unified hover, reason legend), merged into `layout`."""
    layout = _merge(
        layout or {},
        {
            "title": {"text": title, "x": 0, "xanchor": "left"},
            "height": height,
            "margin": dict(MARGIN),
            "hovermode": "x unified",
            "legend": {"title": {"text": _("Reason")}, "traceorder": "normal"},
            "bargap": 0.15,
        },
    )
    _axes(layout, "x", tickformat="%d %b<br>%Y", showgrid=False)
    return _axes(layout, "y", rangemode="tozero", tickformat=",d")


def monthly(periods: Iterable) -> bool:
    """Whether a span of weeks is long enough for monthly bars (more than `MONTHLY_AFTER_DAYS` from first to last).

    >>> monthly(pd.to_datetime(["2024-01-01", "2025-12-29"])), monthly(pd.to_datetime(["2024-01-01", "2026-03-16"]))
    (False, True)
    """
    days = pd.DatetimeIndex(pd.Series(list(periods), dtype="datetime64[ns]")).dropna()
    return len(days) > 0 and (days.max() - days.min()).days > MONTHLY_AFTER_DAYS


def to_months(table: pd.DataFrame, sums: Sequence[str], keys: Sequence[str] = (), column: str = "week") -> pd.DataFrame:
    """Weekly rows summed into months: each week counts in the month its Monday falls in; `column` then holds the
    first day of the month.

    >>> weekly = pd.DataFrame({"week": pd.to_datetime(["2026-06-29", "2026-07-06", "2026-07-13"]), "cases": [1, 2, 3]})
    >>> to_months(weekly, ["cases"]).astype({"week": str}).values.tolist()
    [['2026-06-01', 1], ['2026-07-01', 5]]
    """
    month = pd.to_datetime(table[column]).dt.to_period("M").dt.start_time.rename(column)
    grouped = table[[*keys, *sums]].groupby([month, *(table[k].astype(object) for k in keys)], sort=True)
    return grouped[list(sums)].sum().reset_index()


def _ticks(first: pd.Timestamp, last: pd.Timestamp, by_month: bool) -> tuple[list[pd.Timestamp], list[str]]:
    """At most `MAX_TICKS` ticks on Mondays (or first days of months) from `first` to `last`; the year on the first
    tick and wherever it changes."""
    if by_month:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((s for s in _MONTH_STEPS if months // s + 1 <= MAX_TICKS), _MONTH_STEPS[-1])
        start = first.to_period("M")
        if step > 1:  # round ticks: January, July, every other month...
            start = (
                pd.Period(year=first.year, month=((first.month - 1) // step) * step + 1, freq="M")
                if step < 12
                else pd.Period(year=first.year - first.year % (step // 12), month=1, freq="M")
            )
            if start.start_time < first.to_period("M").start_time:
                start += step
        ticks = list(pd.period_range(start, last.to_period("M"), freq=f"{step}M").start_time) or [first]
        by_month_text = True
    else:
        weeks = (last - first).days // 7
        step = next((s for s in _WEEK_STEPS if weeks // s + 1 <= MAX_TICKS), _WEEK_STEPS[-1])
        ticks = list(pd.date_range(first, last, freq=f"{7 * step}D"))
        by_month_text = False
    texts, year = [], None
    for tick in ticks:
        text = format.month(tick) if by_month_text else format.day_month(tick)
        texts.append(text + (f"<br>{tick.year}" if tick.year != year else ""))
        year = tick.year
    return ticks, texts


def _time_axis(data: list[dict], layout: dict, periods: Iterable, *, by_month: bool = False, bars: bool = True) -> go.Figure:
    """The figure of `data` and `layout` with the ticks, range and bar width of a time axis whose points are Mondays
    (or first days of months)."""
    days = pd.DatetimeIndex(pd.Series(list(periods), dtype="datetime64[ns]")).dropna()
    if len(days) == 0:
        return _figure(data, layout)
    first, last = days.min().normalize(), days.max().normalize()
    ticks, texts = _ticks(first, last, by_month)
    period = 30.4 if by_month else 7.0
    low, high = first - pd.Timedelta(days=period / 2), last + pd.Timedelta(days=period / 2)
    short = pd.Timedelta(days=MIN_SPAN_DAYS) - (high - low)
    if short > pd.Timedelta(0):
        low, high = low - short / 2, high + short / 2
    _axes(
        layout,
        "x",
        tickmode="array",
        tickvals=ticks,
        ticktext=texts,
        range=[low, high],
        type="date",
        tickformat=None,
        hoverformat="%b %Y" if by_month else _("week of") + " %-d %b %Y",
    )
    if bars:
        width = (0.8 * 28 if by_month else 0.8 * 7) * _DAY_MS
        for trace in data:
            if trace["type"] == "bar":
                trace["width"] = width * (0.5 if trace.get("meta") == "inner" else 1.0)
    return _figure(data, layout)


def _empty(title: str, sentence: str, height: int = 300) -> go.Figure:
    """A figure with nothing to draw: its title and a sentence in place of bare axes (see `empty_sentence`)."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": min(height, 200),
        "margin": dict(MARGIN),
        "meta": {"empty": sentence},
        "annotations": [{"text": sentence, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}],
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
    }
    return _figure([], layout)


def empty_sentence(fig: go.Figure) -> str | None:
    """The sentence a builder gave instead of a chart with no data, or None for a drawn chart.

    >>> empty_sentence(weekly_cases(pd.DataFrame({"week": [], "cases": []})))
    'No buyer requests in this view.'
    """
    meta = fig.layout.meta
    return meta.get("empty") if isinstance(meta, dict) else None


def weekly_cases(weekly: pd.DataFrame, title: str | None = None, month_title: str | None = None) -> go.Figure:
    """Bars of all cases per week, from `weekly_counts(cases)` (columns `week`, `cases`); per month over long spans
    (then titled `month_title`).

    >>> fig = weekly_cases(pd.DataFrame({"week": pd.to_datetime(["2026-11-16"]), "cases": [3]}))
    >>> fig.layout.xaxis.title.text, fig.data[0].y.tolist(), list(fig.layout.xaxis.ticktext)
    ('Week of request date (Monday)', [3], ['16 Nov<br>2026'])
    """
    title, month_title = (title, month_title) if title else (_("Cases per week"), _("Cases per month"))
    if weekly.empty:
        return _empty(title, _("No buyer requests in this view."))
    by_month = monthly(weekly["week"])
    if by_month:
        weekly, title = to_months(weekly, ["cases"]), month_title or title.replace("per week", "per month")
    bars = {
        "type": "bar",
        "x": weekly["week"].to_numpy(),
        "y": weekly["cases"].to_numpy(),
        "marker": {"color": TOTAL_COLOUR},
        "name": _("Cases"),
        "customdata": [picks(**period_picks(w, by_month)) for w in weekly["week"]],
        "hovertemplate": "%{y:,d} " + _("cases") + "<extra></extra>",
    }
    layout = _layout(title, 300)
    layout["showlegend"] = False
    _axes(layout, "x", title={"text": _(MONTH_AXIS if by_month else WEEK_AXIS)})
    _axes(layout, "y", title={"text": _("Cases")})
    return _time_axis([bars], layout, weekly["week"], by_month=by_month)


def weekly_by_reason(weekly: pd.DataFrame, split_by_type: bool = False) -> go.Figure:
    """Stacked bars of cases per week by reason; with `split_by_type`, one panel per request type; per month over long spans.

    `weekly` comes from `weekly_counts(cases, by=["reason"])`, or `by=["reason", "request_type"]`
    when split. Reasons keep their vocabulary order and colour; reasons without cases are left out.
    The legend lists every reason drawn in any panel, once.

    >>> weekly = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"] * 2), "reason": ["Other", "Defective"],
    ...                        "request_type": ["Exchange", "Refund Only"], "cases": [1, 2]})
    >>> [t.name for t in weekly_by_reason(weekly).data]
    ['Defective', 'Other']
    >>> fig = weekly_by_reason(weekly, split_by_type=True)
    >>> [a.text for a in fig.layout.annotations], fig.layout.barmode, [t.name for t in fig.data if t.showlegend]
    (['Refund Only', 'Exchange'], 'stack', ['Defective', 'Other'])
    """
    split = split_by_type and "request_type" in weekly.columns
    by_month = not weekly.empty and monthly(weekly["week"])
    if split:
        title = _("Cases per month by reason, split by request type") if by_month else _("Cases per week by reason, split by request type")
    else:
        title = _("Cases per month by reason") if by_month else _("Cases per week by reason")
    if weekly.empty:
        return _empty(title, _("No buyer requests in this view."))
    if by_month:
        weekly = to_months(weekly, ["cases"], ["reason", "request_type"] if split else ["reason"])
    order = (*REASONS, NOT_GIVEN)  # requests with no reason drawn last, never dropped
    drawn = set(weekly["reason"].astype(str))
    reasons = [r for r in order if r in drawn]
    held = set(weekly["request_type"].astype(str)) if split else set()
    types = [t for t in REQUEST_TYPES if t in held] or [None]
    layout = _panels(tuple(label(t) for t in types) if types != [None] else ())
    # One group-by for every panel and reason (the weekly rows a bar stack is made of), and each week's slice once.
    levels = ["request_type", "reason"] if split else ["reason"]
    frame = weekly[["week", "cases"]].assign(**{level: weekly[level].astype(str) for level in levels})
    sums = frame.groupby([*levels, "week"])["cases"].sum()
    parts = {(key if isinstance(key, tuple) else (key,)): part.droplevel(levels) for key, part in sums.groupby(level=levels, sort=False)}
    periods: dict[pd.Timestamp, str] = {}
    data: list[dict] = []
    in_legend: set[str] = set()
    for row, request_type in enumerate(types, start=1):
        axis = "" if row == 1 else str(row)
        for reason in reasons:
            rows = parts.get((request_type, reason) if split else (reason,))
            if rows is None or rows.empty:
                continue
            # Legend top to bottom = stack top to bottom, whichever panel a reason first appears in.
            # Requests with no reason have no slice a filter can pick: their bars are not clickable.
            head = picks(reason=reason, request_type=request_type)
            slices = [
                head + "&" + (periods.get(w) or periods.setdefault(w, picks(**period_picks(w, by_month)))) if reason != NOT_GIVEN else ""
                for w in rows.index
            ]
            data.append(
                {
                    "type": "bar",
                    "x": rows.index.to_numpy(),
                    "y": rows.to_numpy(),
                    "name": label(reason),
                    "legendgroup": reason,
                    "customdata": slices,
                    "showlegend": reason not in in_legend,
                    "legendrank": len(order) - order.index(reason),
                    "marker": {"color": colours([reason], "reason")[0]},
                    "hovertemplate": f"{label(reason)}: %{{y:,d}}<extra></extra>",
                    "xaxis": f"x{axis}",
                    "yaxis": f"y{axis}",
                }
            )
            in_legend.add(reason)
        _merge(layout.setdefault(f"yaxis{axis}", {}), {"title": {"text": _("Cases")}})
    _layout(title, 440 if types == [None] else 220 * len(types) + 120, layout)
    layout["barmode"] = "stack"
    bottom = "" if len(types) == 1 else str(len(types))
    _merge(layout.setdefault(f"xaxis{bottom}", {}), {"title": {"text": _(MONTH_AXIS if by_month else WEEK_AXIS)}})
    # plotly.js works out a matched y axis too short once the x range is set: the tallest stack, from the data.
    top = weekly.groupby(["week", *(["request_type"] if split else [])], observed=True)["cases"].sum().max()
    _axes(layout, "y", range=[0, float(top) * 1.05])
    return _time_axis(data, layout, weekly["week"], by_month=by_month)


@lru_cache(maxsize=32)
def _grid(titles: tuple[str, ...]) -> dict:
    """The layout of one panel per title stacked with shared axes (one plain panel without titles), as
    `make_subplots` writes it; kept, since it takes tens of milliseconds."""
    grid = make_subplots(
        rows=max(1, len(titles)),
        cols=1,
        shared_xaxes=True,
        shared_yaxes="all",
        vertical_spacing=0.06,
        subplot_titles=list(titles) or None,
    )
    layout = grid.layout.to_plotly_json()
    layout.pop("template", None)  # the figure takes the default template when it is made
    return layout


@lru_cache(maxsize=1)
def _two_y_layout() -> dict:
    layout = make_subplots(specs=[[{"secondary_y": True}]]).layout.to_plotly_json()
    layout.pop("template", None)
    return layout


def _two_y_axes() -> dict:
    """A fresh copy of the layout `make_subplots` writes for a second y axis on the right."""
    return deepcopy(_two_y_layout())


def _panels(titles: tuple[str, ...]) -> dict:
    """A fresh copy of `_grid(titles)` (the cached one is never changed)."""
    return deepcopy(_grid(titles))


def _ranked_layout(title: str, x_title: str, rows: int) -> dict:
    """Layout of a horizontal bar ranking: largest at the top, one line per bar. The bars' names are categories even
    when they read as numbers (SKUs such as `22423`): plotly would otherwise draw them on a number line."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": max(220, 90 + 26 * rows),
        "margin": dict(MARGIN),
        "showlegend": False,
        "bargap": 0.25,
        "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"},
        "xaxis": {"title": {"text": x_title}, "rangemode": "tozero"},
    }


def _money_axis(currency: str | None) -> str:
    return _("Refund value ({currency})").format(currency=currency) if currency else _("Refund value")


def money_ticks(top: float) -> dict:
    """The ticks of a money axis from 0 to `top`. English keeps plotly's own short amounts (`20M`, as the bars' labels
    write them); the other languages get tick texts written as their bars' labels are (`20 jt`, `20 Tr`), where
    plotly would write `20M` and `5k`.

    >>> money_ticks(29_400_000)
    {'tickformat': '', 'exponentformat': 'B'}
    >>> from ui import i18n
    >>> chosen = i18n.use("id")
    >>> ticks = money_ticks(29_400_000)
    >>> chosen = i18n.use("en")
    >>> ticks["tickvals"], [text.replace("\xa0", " ") for text in ticks["ticktext"]]
    ([0.0, 10000000.0, 20000000.0], ['0', '10 jt', '20 jt'])
    """
    if current() == "en" or not top > 0:
        return {"tickformat": "", "exponentformat": "B"}
    rough = top / 4
    scale = 10.0 ** math.floor(math.log10(rough))
    step = next(m * scale for m in (1, 2, 2.5, 5, 10) if m * scale >= rough)
    values = [step * i for i in range(int(top / step + 1e-9) + 1)]
    return {"tickformat": "", "tickvals": values, "ticktext": [format.short_money(v) for v in values]}


def refunds_ranked(table: pd.DataFrame, by: str, title: str, currency: str | None = None, title_label: str = "") -> go.Figure:
    """Horizontal bars of refund value per value of `by`, largest at the top, from `refunds_by(cases, by)`.

    Reasons and request types keep their colour; each bar carries its amount as the cards write it (a zero reads 0, not
    a gap); the hover gives the refunded cases and the share of all refunds.

    >>> table = pd.DataFrame({"reason": ["Defective", "Quality"], "refund": [30.0, 10.0], "refunded_cases": [1, 1], "share": [0.75, 0.25]})
    >>> fig = refunds_ranked(table, "reason", "Refunds by reason", "IDR")
    >>> list(fig.data[0].y), fig.data[0].x.tolist(), fig.data[0].text, fig.layout.xaxis.title.text
    (['Defective', 'Quality'], [30.0, 10.0], ('30', '10'), 'Refund value (IDR)')
    >>> skus = pd.DataFrame({"sku": ["22423", "85123A", "47566"], "refund": [9.0, 5.0, 1.0], "refunded_cases": 1, "share": 0.3})
    >>> refunds_ranked(skus, "sku", "Refunds by SKU").layout.yaxis.type
    'category'
    """
    if table.empty:  # `refunds_by` leaves out values none of whose cases carries a refund amount
        what = (title_label or by.replace("_", " ")).lower()
        return _empty(title, _("No case with a refund amount in this view has a {what}.").format(what=what))
    names = table[by].astype(str).tolist()
    shown = [label(n) for n in names] if by in ("reason", "request_type") else names
    bars = {
        "type": "bar",
        "x": table["refund"].to_numpy(),
        "y": shown,
        "orientation": "h",
        "marker": {"color": colours(names, by)},
        "customdata": [
            [format.amount(v, currency), f"{n:,d}", format.whole_percent(sh)]
            for v, n, sh in zip(table["refund"], table["refunded_cases"], table["share"], strict=True)
        ],
        "text": [format.short_money(v) for v in table["refund"]],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: "
        + _("{amount} from {cases} refunded cases ({share})").format(
            amount="%{customdata[0]}", cases="%{customdata[1]}", share="%{customdata[2]}"
        )
        + "<extra></extra>",
    }
    layout = _ranked_layout(title, _money_axis(currency), len(names))
    if title_label:
        layout["yaxis"]["title"] = {"text": title_label}
    top = float(table["refund"].max()) if len(table) else 0.0
    # Room for the value beside the longest bar; plotly's own tick labels write a billion B (d3's "~s" writes G).
    _merge(layout["xaxis"], {**money_ticks(top), "range": [0, top * 1.12 if top > 0 else 1]})
    return _figure([bars], layout)


def refunds_per_week(table: pd.DataFrame, currency: str | None = None, lost: pd.DataFrame | None = None) -> go.Figure:
    """Bars of refund value per week of request date, from `refunds_by(cases, "week")`; per month over long spans.

    With `lost` (columns `week`, `refund`: the part auto-approved), that part is drawn as a narrower bar inside.

    >>> table = pd.DataFrame({"week": pd.to_datetime(["2026-11-16"]), "refund": [40.0], "refunded_cases": [2], "share": [1.0]})
    >>> fig = refunds_per_week(table, "IDR")
    >>> fig.layout.xaxis.title.text, fig.layout.yaxis.title.text, fig.data[0].y.tolist()
    ('Week of request date (Monday)', 'Refund value (IDR)', [40.0])
    """
    title = _("Refund value per week")
    if table.empty or not (table["refund"] > 0).any():
        return _empty(title, _("No refunds paid in this view."))
    by_month = monthly(table["week"])
    if by_month:
        table, title = to_months(table, ["refund", "refunded_cases"]), _("Refund value per month")
        lost = to_months(lost, ["refund"]) if lost is not None and len(lost) else lost
    data = [
        {
            "type": "bar",
            "x": table["week"].to_numpy(),
            "y": table["refund"].to_numpy(),
            "name": _("All refunds"),
            "marker": {"color": TOTAL_COLOUR},
            "customdata": [[format.amount(v, currency), f"{n:,d}"] for v, n in zip(table["refund"], table["refunded_cases"], strict=True)],
            "hovertemplate": _("{amount} from {cases} refunded cases").format(amount="%{customdata[0]}", cases="%{customdata[1]}")
            + "<extra></extra>",
        }
    ]
    if lost is not None and len(lost):
        data.append(
            {
                "type": "bar",
                "x": lost["week"].to_numpy(),
                "y": lost["refund"].to_numpy(),
                "name": _("Of which auto-approved"),
                "marker": {"color": qualitative.T10[2]},
                "meta": "inner",
                "customdata": [format.amount(v, currency) for v in lost["refund"]],
                "hovertemplate": _("auto-approved") + ": %{customdata}<extra></extra>",
            }
        )
    layout = _layout(title, 320)
    _merge(
        layout,
        {
            "legend": {"title": {"text": ""}, "orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"},
            "showlegend": lost is not None and len(lost) > 0,
            "barmode": "overlay",
        },
    )
    _axes(layout, "x", title={"text": _(MONTH_AXIS if by_month else WEEK_AXIS)})
    top = float(max(table["refund"].max(), lost["refund"].max() if lost is not None and len(lost) else 0.0))
    _axes(layout, "y", title={"text": _money_axis(currency)}, **money_ticks(top))
    return _time_axis(data, layout, table["week"], by_month=by_month)


def on_time_per_week(table: pd.DataFrame, clock: Clock = DEFAULT_CLOCK) -> go.Figure:
    """Share answered within the `clock`'s days per week of request date, from `on_time_by(cases, "week", clock=clock)`.

    A line keeps its weeks over any span; the axis ticks stay on Mondays, a dozen at most.

    >>> table = pd.DataFrame({"week": pd.to_datetime(["2026-11-09", "2026-11-16"]), "counted": [10, 4], "in_time": [9, 2],
    ...                       "share": [0.9, 0.5], "median_days": [0.4, 1.1]})
    >>> fig = on_time_per_week(table)
    >>> fig.data[0].y.tolist(), fig.layout.yaxis.title.text, fig.layout.xaxis.title.text
    ([0.9, 0.5], 'Answered within 2 working days', 'Week of request date (Monday)')
    >>> on_time_per_week(table, Clock(3, weekends_count=True)).layout.yaxis.title.text
    'Answered within 3 calendar days'
    """
    title = _("Share answered within {span}, per week").format(span=format.clock_span(clock))
    if table.empty:
        return _empty(title, _("No case in this view has been answered or has reached its deadline yet."))
    line = {
        "type": "scatter",
        "x": table["week"].to_numpy(),
        "y": table["share"].to_numpy(),
        "mode": "lines+markers",
        "line": {"color": TOTAL_COLOUR},
        "name": _("Share"),
        "customdata": table[["in_time", "counted"]].to_numpy(),
        "hovertemplate": "%{y:.0%}: "
        + _("{part} of {whole} cases").format(part="%{customdata[0]:,d}", whole="%{customdata[1]:,d}")
        + "<extra></extra>",
    }
    layout = _layout(title, 300)
    layout["showlegend"] = False
    _axes(layout, "x", title={"text": _(WEEK_AXIS)})
    _axes(layout, "y", title={"text": _("Answered within {span}").format(span=format.clock_span(clock))}, tickformat=".0%", range=[0, 1.02])
    return _time_axis([line], layout, table["week"], bars=False)


def on_time_per_person(table: pd.DataFrame, clock: Clock = DEFAULT_CLOCK) -> go.Figure:
    """Horizontal bars of the share answered within the `clock`'s days per person in charge, from `on_time_by(cases, "handled_by")`.

    Worst first, so the person who needs help is at the top; the hover gives the counts and the median response time.

    >>> table = pd.DataFrame({"handled_by": ["Ayu", "Budi"], "counted": [10, 4], "in_time": [9, 2], "share": [0.9, 0.5],
    ...                       "median_days": [0.4, 1.1]})
    >>> list(on_time_per_person(table).data[0].y)
    ['Budi', 'Ayu']
    """
    if table.empty:
        return _empty(_("On time, by person in charge"), _("No person in charge is named on the cases in this view."))
    table = table.sort_values("share", kind="stable")
    median = [format.duration(d) for d in table["median_days"]]
    bars = {
        "type": "bar",
        "x": table["share"].to_numpy(),
        "y": table["handled_by"].astype(str).to_numpy(),
        "orientation": "h",
        "marker": {"color": TOTAL_COLOUR},
        "text": [format.whole_percent(s) for s in table["share"]],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [[format.number(a), format.number(b), m] for a, b, m in zip(table["in_time"], table["counted"], median, strict=True)],
        "hovertemplate": "%{y}: "
        + _("{part} of {whole} in time; median answer after {median}").format(
            part="%{customdata[0]}", whole="%{customdata[1]}", median="%{customdata[2]}"
        )
        + f" ({format.clock_unit(clock, plural=True)})<extra></extra>",
    }
    layout = _ranked_layout(
        _("On time, by person in charge"), _("Answered within {span}").format(span=format.clock_span(clock)), len(table)
    )
    _merge(layout["xaxis"], {"tickformat": ".0%", "range": [0, 1.1], "tickvals": [0, 0.25, 0.5, 0.75, 1]})
    layout["yaxis"]["title"] = {"text": _("Person in charge")}
    return _figure([bars], layout)


def proof_shares(table: pd.DataFrame, by: str, title_label: str) -> go.Figure:
    """Horizontal bars of the share of cases with a photo or video per value of `by`, from `proof_share(cases, by)`.

    Lowest share first: where proof is rarest is where refunds are easiest to claim.

    >>> table = pd.DataFrame({"reason": ["Defective", "Quality"], "cases": [2, 1], "with_proof": [1, 1], "share": [0.5, 1.0],
    ...                       "unknown": [1, 0]})
    >>> fig = proof_shares(table, "reason", "Reason")
    >>> list(fig.data[0].y), fig.layout.title.text
    (['Defective', 'Quality'], 'Cases with photo or video proof, by reason')
    """
    title = _("Cases with photo or video proof, by {what}").format(what=title_label.lower())
    if table.empty:
        return _empty(title, _("No case in this view says whether the buyer sent a photo or video."))
    table = table.sort_values("share", kind="stable")
    names = table[by].astype(str).tolist()
    bars = {
        "type": "bar",
        "x": table["share"].to_numpy(),
        "y": [label(n) for n in names],
        "orientation": "h",
        "marker": {"color": colours(names, by)},
        "text": [format.whole_percent(s) for s in table["share"]],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": table[["with_proof", "cases"]].to_numpy(),
        "hovertemplate": "%{y}: "
        + _("{part} of {whole} cases with proof").format(part="%{customdata[0]:,d}", whole="%{customdata[1]:,d}")
        + "<extra></extra>",
    }
    layout = _ranked_layout(title, _("Share of cases with proof"), len(names))
    _merge(layout["xaxis"], {"tickformat": ".0%", "range": [0, 1.1], "tickvals": [0, 0.25, 0.5, 0.75, 1]})
    layout["yaxis"]["title"] = {"text": title_label}
    return _figure([bars], layout)


def sku_reason_heatmap(table: pd.DataFrame) -> go.Figure:
    """Cases per SKU (rows, most first) and reason (columns), from `analysis.skus.sku_reason_counts`: one coloured square
    per cell with cases, each carrying its slice, so a click opens its cases.

    Squares on a scatter rather than a `go.Heatmap`: Streamlit reports no selection for heatmap traces (streamlit#8760).

    >>> table = pd.DataFrame({"Defective": [2, 0], "Other": [1, 1]}, index=pd.Index(["A", "B"], name="sku"))
    >>> fig = sku_reason_heatmap(table)
    >>> list(zip(fig.data[0].y, fig.data[0].x, fig.data[0].marker.color)), fig.data[0].customdata[1]
    ([('A', 'Defective', 2), ('A', 'Other', 1), ('B', 'Other', 1)], 'sku=A&reason=Other')
    >>> sku_reason_heatmap(pd.DataFrame({"Not given": [3]}, index=pd.Index(["A"], name="sku"))).data[0].customdata
    ('',)
    """
    title = _("Cases by SKU and reason")
    if table.empty:
        return _empty(title, _("No buyer requests that name a SKU in this view."))
    skus, reasons = [str(s) for s in table.index], [str(r) for r in table.columns]
    cells = [
        (sku, reason, int(n))
        for sku, row in zip(skus, table.to_numpy(), strict=True)
        for reason, n in zip(reasons, row, strict=True)
        if n > 0
    ]
    top = max(c[2] for c in cells)
    squares = {
        "type": "scatter",
        "x": [label(c[1]) for c in cells],
        "y": [c[0] for c in cells],
        "mode": "markers+text",
        "text": [format.number(c[2]) for c in cells],
        # a file that gives no reason has no slice a filter can pick: those squares are not clickable
        "customdata": [picks(sku=c[0], reason=c[1]) if c[1] != NOT_GIVEN else "" for c in cells],
        "marker": {
            "symbol": "square",
            "size": 26,
            "color": [c[2] for c in cells],
            "colorscale": REDS,
            "cmin": 0,
            "cmax": top,
            "line": {"width": 0},
            "colorbar": {"title": {"text": _("Cases")}, "thickness": 12},
        },
        "textfont": {"size": 11, "color": ["white" if c[2] > 0.55 * top else "#333" for c in cells]},
        "hovertemplate": "%{y} · %{x}: %{text} " + _("cases") + "<extra>" + _("click for the cases") + "</extra>",
    }
    note = _("the {count} SKUs with most cases; click a square for its cases").format(count=len(skus))
    layout = {
        "title": {"text": f"{title} ({note})", "x": 0, "xanchor": "left"},
        "height": 150 + 30 * len(skus),
        "margin": dict(MARGIN),
        "hovermode": "closest",
        "plot_bgcolor": "white",
        "yaxis": {
            "title": {"text": "SKU"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": skus[::-1],
            "automargin": True,
            "showgrid": False,
            "range": [-0.6, len(skus) - 0.4],
        },
        "xaxis": {
            "title": {"text": _("Reason")},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [label(r) for r in reasons],
            "showgrid": True,
            "gridcolor": "#F0F0F0",
            "range": [-0.6, len(reasons) - 0.4],
        },
    }
    return _figure([squares], layout)


def sku_pareto(table: pd.DataFrame, by: str = "cases", currency: str | None = None) -> go.Figure:
    """Bars of the top SKUs by cases or refund value, with the running share of the total as a line, from
    `analysis.skus.sku_pareto`; a bar carries its SKU, so a click opens its cases.

    >>> table = pd.DataFrame({"sku": ["A", "B"], "value": [3, 1], "share": [0.75, 0.25], "cumulative": [0.75, 1.0]})
    >>> fig = sku_pareto(table)
    >>> fig.data[0].y.tolist(), fig.data[1].y.tolist(), list(fig.data[0].customdata), fig.layout.yaxis.title.text
    ([3, 1], [0.75, 1.0], ['sku=A', 'sku=B'], 'Cases')
    """
    money = by == "refund"
    if money:
        title = _("SKUs by refund value ({currency})").format(currency=currency) if currency else _("SKUs by refund value")
    else:
        title = _("SKUs by cases")
    if table.empty:
        return _empty(title, _("No refunds paid in this view.") if money else _("No buyer requests that name a SKU in this view."))
    skus = table["sku"].astype(str).tolist()
    text = [format.money(v) for v in table["value"]] if money else [format.number(v) for v in table["value"]]
    data = [
        {
            "type": "bar",
            "x": skus,
            "y": table["value"].to_numpy(),
            "name": _money_axis(currency) if money else _("Cases"),
            "marker": {"color": TOTAL_COLOUR},
            "customdata": [picks(sku=s) for s in skus],
            "text": text,
            "textposition": "none" if money else "outside",
            "cliponaxis": False,
            "hovertemplate": "%{x}: %{text}<extra>" + _("click for the cases") + "</extra>",
            "xaxis": "x",
            "yaxis": "y",
        },
        {
            "type": "scatter",
            "x": skus,
            "y": table["cumulative"].to_numpy(),
            "name": _("Running share of the total"),
            "mode": "lines+markers",
            "line": {"color": TOTAL_LIGHT},
            "hovertemplate": "%{x}: %{y:.0%} " + _("of the total so far") + "<extra></extra>",
            "xaxis": "x",
            "yaxis": "y2",
        },
    ]
    layout = _merge(
        _two_y_axes(),
        {
            "title": {"text": title + " (" + _("click a bar for its cases") + ")", "x": 0, "xanchor": "left"},
            "height": 380,
            "margin": dict(MARGIN),
            "bargap": 0.25,
            "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            "xaxis": {"title": {"text": "SKU"}, "type": "category", "tickangle": -30},
            "yaxis": {
                "title": {"text": _money_axis(currency) if money else _("Cases")},
                "rangemode": "tozero",
                **(money_ticks(float(table["value"].max())) if money else {"tickformat": ",d"}),
                "range": [0, float(table["value"].max()) * 1.15 or 1],
            },
            "yaxis2": {
                "title": {"text": _("Running share")},
                "tickformat": ".0%",
                "range": [0, 1.05],
                "tickvals": [0, 0.25, 0.5, 0.75, 1.0],
                "showgrid": False,
            },
        },
    )
    return _figure(data, layout)


def reason_mix(table: pd.DataFrame, sku: str) -> go.Figure:
    """Horizontal bars of one SKU's share of cases per reason beside the shop's, from `analysis.skus.reason_mix`.

    >>> table = pd.DataFrame({"reason": ["Defective", "Other"], "cases": [2, 1], "share": [0.67, 0.33], "shop_share": [0.25, 0.75]})
    >>> [t.name for t in reason_mix(table, "A").data]
    ['A', 'The whole shop']
    """
    title = _("Reasons of {sku} against the shop's").format(sku=sku)
    if table.empty:
        return _empty(title, _("No buyer requests in this view."))
    shown = [label(r) for r in table["reason"]]
    data = [
        {
            "type": "bar",
            "y": shown,
            "x": table["share"].to_numpy(),
            "name": sku,
            "orientation": "h",
            "marker": {"color": colours(list(table["reason"]), "reason")},
            "customdata": table["cases"].to_numpy(),
            "hovertemplate": "%{y}: %{x:.0%} " + _("of its cases") + " (%{customdata:,d})<extra></extra>",
        },
        {
            "type": "bar",
            "y": shown,
            "x": table["shop_share"].to_numpy(),
            "name": _("The whole shop"),
            "orientation": "h",
            "marker": {"color": TOTAL_LIGHT},
            "hovertemplate": "%{y}: %{x:.0%} " + _("of the shop's cases") + "<extra></extra>",
        },
    ]
    layout = _ranked_layout(title, _("Share of cases"), len(table) * 2)
    _merge(
        layout,
        {
            "barmode": "group",
            "showlegend": True,
            "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            "xaxis": {"tickformat": ".0%"},
        },
    )
    return _figure(data, layout)
