"""The download buttons every page can place: the filtered rows (CSV, xlsx) and the weekly summary workbook.

The files are built only when a button is clicked (Streamlit calls the builder then), so a page
load never pays for them.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.filters import FilterSpec
from analysis.money import CurrencyRule
from analysis.summary import refund_columns, weekly_summary
from data import downloads
from ui import state
from ui.i18n import _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_xlsx(selected: pd.DataFrame, heading: str, rule: CurrencyRule) -> bytes:
    """The weekly summary workbook (the same from every page): refunds in the main currency, other currencies in
    their own columns, blank where no case of the week has a known refund."""
    tables = weekly_summary(selected, rule)
    return downloads.tables_xlsx(tables, heading=heading, money_columns=tuple(refund_columns(tables["Refunds"])))


def buttons(selected: pd.DataFrame, spec: FilterSpec, window: tuple[pd.Timestamp, pd.Timestamp] | None, key: str) -> None:
    """Three download buttons for the cases `spec` selected; file names carry the view. `key` prefixes widget keys."""
    chosen = {"request_type": spec.request_type, "reason": spec.reason, "sku": spec.sku}
    rule = state.currency(state.cases().frame)  # the shop's rule, decided on all its cases as on every page
    heading = f"{spec.describe()} · week of request date (Monday)" + (
        f" · refunds in {rule.main}, other currencies in their own columns, never added" if rule.main else "")
    with st.container(horizontal=True):
        st.download_button(_("Rows (CSV)"), partial(downloads.rows_csv, selected), downloads.file_name("returns", window, chosen, "csv"),
                           mime="text/csv", key=f"{key}_rows_csv", icon=":material/download:", on_click="ignore",
                           help=_("The filtered cases, one row each, without buyer identifiers."))
        st.download_button(_("Rows (Excel)"), partial(downloads.rows_xlsx, selected),
                           downloads.file_name("returns", window, chosen, "xlsx"),
                           mime=XLSX, key=f"{key}_rows_xlsx", icon=":material/download:", on_click="ignore",
                           help=_("The filtered cases as an Excel sheet with real dates."))
        st.download_button(_("Weekly summary (Excel)"), partial(summary_xlsx, selected, heading, rule),
                           downloads.file_name("weekly-summary", window, chosen, "xlsx"), mime=XLSX, key=f"{key}_summary_xlsx",
                           icon=":material/table_view:", on_click="ignore",
                           help=_("Cases per week by reason and by request type, and refunds per week in each currency."))
