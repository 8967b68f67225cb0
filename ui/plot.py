"""Draw a figure from `ui.charts` on a page, or the sentence its builder gave when there was nothing to draw."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui.charts import empty_sentence


def draw(fig: go.Figure, key: str, where=st) -> None:
    """The chart under `key` in `where` (the page, a column, a container); a short note in its place when it is empty."""
    sentence = empty_sentence(fig)
    if sentence is None:
        where.plotly_chart(fig, key=key)
        return
    title = fig.layout.title.text
    where.info(f"**{title}.** {sentence}" if title else sentence, icon=":material/bar_chart_off:")
