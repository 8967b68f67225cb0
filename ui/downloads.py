"""The download buttons every page can place: the filtered rows (CSV, xlsx) and the weekly summary workbook.

The files are built only when a button is clicked (Streamlit calls the builder then), so a page
load never pays for them.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.filters import FilterSpec
from analysis.kpis import main_currency
from analysis.summary import weekly_summary
from data import downloads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary_xlsx(selected: pd.DataFrame, heading: str) -> bytes:
    return downloads.tables_xlsx(weekly_summary(selected), heading=heading, money_columns=("Refund",))


def buttons(selected: pd.DataFrame, spec: FilterSpec, window: tuple[pd.Timestamp, pd.Timestamp] | None, key: str) -> None:
    """Three download buttons for the cases `spec` selected; file names carry the view. `key` prefixes widget keys."""
    chosen = {"request_type": spec.request_type, "reason": spec.reason, "sku": spec.sku}
    currency = main_currency(selected)
    heading = f"{spec.describe()} · week of request date (Monday)" + (f" · refunds in {currency}" if currency else "")
    with st.container(horizontal=True):
        st.download_button("Rows (CSV)", partial(downloads.rows_csv, selected), downloads.file_name("returns", window, chosen, "csv"),
                           mime="text/csv", key=f"{key}_rows_csv", icon=":material/download:", on_click="ignore",
                           help="The filtered cases, one row each, without buyer identifiers.")
        st.download_button("Rows (Excel)", partial(downloads.rows_xlsx, selected), downloads.file_name("returns", window, chosen, "xlsx"),
                           mime=XLSX, key=f"{key}_rows_xlsx", icon=":material/download:", on_click="ignore",
                           help="The filtered cases as an Excel sheet with real dates.")
        st.download_button("Weekly summary (Excel)", partial(_summary_xlsx, selected, heading),
                           downloads.file_name("weekly-summary", window, chosen, "xlsx"), mime=XLSX, key=f"{key}_summary_xlsx",
                           icon=":material/table_view:", on_click="ignore",
                           help="Cases per week by reason and by request type, and refunds per week.")
