"""Tables as the browser receives them (Arrow), prepared once per data version, view, setting and language, and shared
by every session (a bounded cache).

Preparing a long table for display (spans in words, blanks as "—", translated labels, SKU links) and converting it to
Arrow took a third of a rerun on Money and Deadlines at a million cases, on every rerun. A rerun that leaves the view
as it was (a toggle, an expander, a teammate on the same view) now reads the Arrow table instead. It is the table
`st.dataframe` would build from the prepared frame itself, so what the page shows is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

from ui import state
from ui.i18n import current

LISTED = 100  # rows a long list on a page shows at first; the rest is sent only when asked for (`folded`)
LAZY_ROWS = 5_000  # a longer table is sent to the browser as it scrolls, not whole on every rerun


@state.per_version
@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=state.KEYS)
def _arrow(
    url: str, version: int, is_demo: bool, key: Hashable, language: str, lazy: bool | None, _prepare: Callable[[], pd.DataFrame]
) -> pa.Table:
    # A lazy table's index travels with its rows, as `st.dataframe` keeps it when it converts a frame to load lazily.
    return convert_pandas_df_to_arrow_table(_prepare(), preserve_index=True if lazy else None)


def shown(
    key: Hashable, rows: int, prepare: Callable[[], pd.DataFrame], *, lazy_over: int | None = LAZY_ROWS
) -> tuple[pa.Table, bool | None]:
    """The table `prepare()` gives, as Arrow, and whether to load it lazily (`rows` over `lazy_over`; None: as
    `st.dataframe` decides by itself): kept per data version, language and `key` (the table's name and everything its
    rows depend on: the view, the settings).

    Pass both to `st.dataframe(table, lazy=lazy, ...)`."""
    lazy = None if lazy_over is None else rows > lazy_over
    loaded = state.cases()
    return _arrow(state.store_url(), loaded.version, loaded.is_demo, key, current(), lazy, prepare), lazy


def folded(label: str, key: str):
    """A switch that shows a long list below it (a container, else None): the list is built and sent only while the
    switch is on, so a closed list of thousands of rows costs a rerun nothing. The switch keeps its state when its
    label changes with the view (the label counts the rows)."""
    on = st.toggle(label, key=key)
    return st.container() if on else None
