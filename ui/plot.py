"""Draw a figure from `ui.charts` on a page, or the sentence its builder gave when there was nothing to draw."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analysis.filters import FilterSpec
from ui.chart_language import localised
from ui.chart_look import sendable
from ui.charts import empty_sentence
from ui.drill import on_pick


def draw(fig: go.Figure, key: str, where=st, drill: FilterSpec | None = None) -> None:
    """The chart under `key` in `where` (the page, a column, a container); a short note in its place when it is empty.

    With `drill` (the view the chart shows), a click on a bar, point or cell that carries its slice (see `ui.drill`)
    opens the Cases page filtered to that slice of `drill`.
    """
    sentence = empty_sentence(fig)
    if sentence is None:
        fig = sendable(localised(fig))  # month names and separators in the run's language, the look in the figure
        if drill is None:
            where.plotly_chart(fig, key=key, theme=None)
        else:
            where.plotly_chart(fig, key=key, theme=None, on_select=on_pick(key, drill), selection_mode="points")
        return
    title = fig.layout.title.text
    where.info(f"**{title}.** {sentence}" if title else sentence, icon=":material/bar_chart_off:")
