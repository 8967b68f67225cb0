"""A figure as a page sends it: the look of Streamlit's light chart theme written into the figure itself, its numbers
as plain lists.

Streamlit's chart theme is applied in the browser as a chart mounts, and applied again just after on a copy: the
copy's template is a new object and its typed arrays become new objects, both of which plotly.js takes as changed, so
it drew every chart twice on every filter change (on Money's three charts about a tenth of a second). A figure that
carries the theme's look in its own layout, has no template, sends its numbers as lists and has a fixed
`datarevision` is drawn once: the second pass finds nothing changed. A drawn chart's data never changes, since a new
view is a new chart (Streamlit makes the figure part of the chart's identity).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

_FONT = '"Source Sans", sans-serif'
_TEXT = "#808495"  # ticks, axis titles, hover text
_LINE = "#e6eaf1"  # grid and zero lines (a tick colour would turn ticks on)
# What Streamlit's theme gives a chart in its light look (read from a drawn chart's template), where a figure does not
# say otherwise. The title is bold by its font, not by markup, so its text stays what the builder wrote.
LOOK: dict[str, Any] = {
    "font": {"color": _TEXT, "family": _FONT, "size": 12, "weight": 400},
    "title": {"font": {"family": _FONT, "size": 16, "color": "#2F2D2B", "weight": 700}, "pad": {"l": 4}, "xanchor": "left", "x": 0},
    "legend": {
        "title": {"font": {"size": 12, "color": _TEXT}, "side": "top"},
        "valign": "top",
        "bordercolor": "rgba(0,0,0,0)",
        "borderwidth": 0,
        "font": {"size": 12, "color": "#262730"},
    },
    "paper_bgcolor": "#FFFFFF",
    "plot_bgcolor": "#FFFFFF",
    "colorway": ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"],
    "margin": {"pad": 8},
    "hoverlabel": {"bgcolor": "#FFFFFF", "bordercolor": "#DCD8D4", "font": {"color": _TEXT, "family": _FONT, "size": 12}},
}
_AXIS_LOOK: dict[str, dict[str, Any]] = {
    "x": {
        "zerolinecolor": _LINE,
        "gridcolor": _LINE,
        "showgrid": False,
        "zeroline": False,
        "tickfont": {"color": _TEXT, "size": 12},
        "title": {"font": {"color": _TEXT, "size": 14}, "standoff": 20},
        "automargin": True,
    },
    "y": {
        "ticklabelposition": "outside",
        "zerolinecolor": _LINE,
        "gridcolor": _LINE,
        "tickfont": {"color": _TEXT, "size": 12},
        "title": {"font": {"color": _TEXT, "size": 14}, "standoff": 24},
        "automargin": True,
    },
}
_AXIS = re.compile(r"([xy])axis\d*")


def sendable(fig: go.Figure) -> go.Figure:
    """`fig` with the light look under its own settings, no template, numbers as lists and a fixed `datarevision`:
    draw it with `st.plotly_chart(..., theme=None)`.

    >>> fig = sendable(go.Figure(go.Bar(x=["a", "b"], y=np.array([1.5, 2.0])), layout={"title": {"text": "T"}}))
    >>> fig.to_dict()["data"][0]["y"], fig.layout.title.font.weight, fig.layout.yaxis.automargin, fig.layout.template.to_plotly_json()
    ([1.5, 2.0], 700, True, {})
    """
    layout = {key: _lists(value) for key, value in fig.layout.to_plotly_json().items() if key != "template"}  # copies
    for name in {"xaxis", "yaxis", *(key for key in layout if _AXIS.fullmatch(key))}:
        layout[name] = _under(_AXIS_LOOK[name[0]], layout.get(name, {}))
    spec = {"data": [_lists(trace.to_plotly_json()) for trace in fig.data], "layout": _under(LOOK, layout) | {"datarevision": 1}}
    out = go.Figure(spec, _validate=False)
    out.layout.template = None  # the figure took the default template when it was made
    return out


def _under(base: dict, over: dict) -> dict:
    """`over` merged onto `base`: nested dicts merge, any other value of `over` wins."""
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _under(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def _lists(value: Any) -> Any:
    """`value` with every array in it a plain list (dates as timestamps, which go as text)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "M":
        return pd.DatetimeIndex(value.ravel()).tolist() if value.ndim == 1 else [_lists(row) for row in value]
    if isinstance(value, np.ndarray | pd.Index | pd.Series):
        return value.tolist()
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value
