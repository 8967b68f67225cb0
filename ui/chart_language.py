"""Charts in the run's language where plotly.js would write English: its month names and its number separators.

Plotly draws dates and numbers in the browser with its own English locale (locale dictionaries would have to be
fetched from the web). So outside English a figure's date formats name months by number, as day-first dates are
written in Indonesia and Vietnam (`2 Nov 2026` reads `02/11/2026`), and its separators are the language's (`1.234,5`).
Tick labels a chart already gives as text (`ticktext`, written with `ui.format`) are in the language already.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from ui.i18n import DEFAULT, current

# "%d %b" / "%-d %b" -> "%d/%m"; then "%b %Y" -> "%m/%Y"; any month name left -> its number.
_DAY_MONTH = re.compile(r"%(-?)d %[bB]")
_MONTH_YEAR = re.compile(r"%[bB] %Y")
_MONTH = re.compile(r"%[bB]")
_WEEKDAY = re.compile(r"%[aA],? ?")
_AXIS = re.compile(r"[xy]axis\d*")
_TEMPLATE_DATES = re.compile(r"\|([^}]*)\}")
SEPARATORS = ",."  # decimal, thousands: 1.234,5 in Indonesian and Vietnamese


def numeric_dates(fmt: str) -> str:
    """A d3 date format with month and weekday names replaced by numbers.

    >>> numeric_dates("%d %b<br>%Y"), numeric_dates("week of %-d %b %Y"), numeric_dates("%b %Y"), numeric_dates("%a %d %b")
    ('%d/%m<br>%Y', 'week of %d/%m/%Y', '%m/%Y', '%d/%m')
    """
    fmt = _WEEKDAY.sub("", fmt)
    fmt = _DAY_MONTH.sub("%d/%m", fmt)
    fmt = _MONTH_YEAR.sub("%m/%Y", fmt)
    fmt = _MONTH.sub("%m", fmt)
    return fmt.replace("%d/%m %Y", "%d/%m/%Y")


def localised(fig: go.Figure) -> go.Figure:
    """`fig` as the run's language reads it: a copy with numeric dates and the language's separators (English: itself).

    The copy is made of the figure's plain dicts and wrapped without plotly's property checks: the figure was checked
    when it was built, and a checked copy took 15-30 ms a chart.
    """
    if current() == DEFAULT:
        return fig
    spec = {"data": [trace.to_plotly_json() for trace in fig.data], "layout": fig.layout.to_plotly_json()}  # copies
    layout = spec["layout"]
    layout["separators"] = SEPARATORS
    for name, axis in layout.items():
        if _AXIS.fullmatch(name) and isinstance(axis, dict):
            for key in ("tickformat", "hoverformat"):
                value = axis.get(key)
                if isinstance(value, str) and "%" in value:
                    axis[key] = numeric_dates(value)
    for trace in spec.get("data", []):
        for key in ("hovertemplate", "texttemplate", "xhoverformat", "yhoverformat"):
            value = trace.get(key)
            if isinstance(value, str) and "%" in value:
                trace[key] = (
                    _TEMPLATE_DATES.sub(lambda m: "|" + numeric_dates(m.group(1)) + "}", value)
                    if key.endswith("template")
                    else numeric_dates(value)
                )
    return go.Figure(spec, _validate=False)
