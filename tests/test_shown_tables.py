"""Tables kept as the browser receives them (ui.tables): prepared once per data version, key and language, and the very
Arrow table `st.dataframe` would have built from the prepared frame itself."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.dataframe_util import convert_arrow_table_to_arrow_bytes, convert_pandas_df_to_arrow_bytes

from analysis.filters import FilterSpec
from data import demo
from data.reader import SheetRead
from data.store import Store
from tests.conftest import demo_store
from ui import i18n, tables


@pytest.fixture
def url(tmp_path, monkeypatch) -> str:
    yield demo_store(tmp_path, monkeypatch, per_week=5)
    i18n.use(None)
    st.cache_data.clear()
    st.cache_resource.clear()


def frame(rows: int) -> pd.DataFrame:
    """A table like the pages list: text with blanks, amounts, moments, and row labels that are not 0, 1, 2..."""
    return pd.DataFrame(
        {
            "case_id": [f"C{n}" for n in range(rows)],
            "handled_by": ["Ayu" if n % 3 else "—" for n in range(rows)],
            "refund_amount": [n * 1.5 for n in range(rows)],
            "request_date": pd.Timestamp("2026-11-02 09:00") + pd.to_timedelta(range(rows), unit="h"),
        },
        index=range(rows * 2, 0, -2),
    )


def test_a_table_is_prepared_once_per_view_and_language_and_again_after_an_import(url):
    prepared: list[str] = []

    def prepare(name: str, rows: int = 3):
        def build() -> pd.DataFrame:
            prepared.append(name)
            return frame(rows)

        return build

    view, other = ("money_no_proof", FilterSpec()), ("money_no_proof", FilterSpec(reason=("Defective",)))
    i18n.use("en")
    first, lazy = tables.shown(view, 3, prepare("en"))
    again, _ = tables.shown(view, 3, prepare("en again"))
    assert prepared == ["en"] and again is first and lazy is False
    tables.shown(other, 3, prepare("other view"))
    i18n.use("id")
    tables.shown(view, 3, prepare("id"))
    assert prepared == ["en", "other view", "id"]
    with Store(url) as store:
        store.import_read(SheetRead(demo.generate(seed=2, per_week=1)), file_name="second.csv", data=b"second")
    tables.shown(view, 3, prepare("id, new data"))
    assert prepared == ["en", "other view", "id", "id, new data"]


def test_the_table_is_the_one_st_dataframe_builds_from_the_frame(url):
    short, lazy = tables.shown(("short",), 3, lambda: frame(3))
    assert lazy is False
    assert convert_arrow_table_to_arrow_bytes(short) == convert_pandas_df_to_arrow_bytes(frame(3))  # what an eager table sends
    long, lazy = tables.shown(("long",), tables.LAZY_ROWS + 1, lambda: frame(tables.LAZY_ROWS + 1))
    assert lazy is True
    # a lazy table keeps its row labels as a column, so each chunk the browser fetches carries its own
    assert long.num_rows == tables.LAZY_ROWS + 1 and long.column("__index_level_0__").to_pylist()[:2] == [
        2 * (tables.LAZY_ROWS + 1),
        2 * tables.LAZY_ROWS,
    ]
    assert long.to_pandas().equals(frame(tables.LAZY_ROWS + 1))
    urgent, lazy = tables.shown(("urgent",), tables.LAZY_ROWS + 1, lambda: frame(3), lazy_over=None)
    assert lazy is None  # left to st.dataframe, as the page did before
