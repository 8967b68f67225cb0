"""The download buttons every page can place: the filtered rows (CSV, xlsx) and the weekly summary workbook.

The files are built only when a button is clicked (Streamlit calls the builder then), so a page
load never pays for them. Every file is named by `data.downloads.file_name`: page, contents, period and filters.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.attention import RECURRING_BY
from analysis.common import Mask
from analysis.filters import DIMENSIONS, FilterSpec
from analysis.money import case_currency
from analysis.not_products import marked
from analysis.report import HISTORY_WEEKS, WEEKS, summary_book
from data import downloads
from data.summary_book import write_summary
from ui import cached, filters, i18n, rows, state
from ui.i18n import _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_xlsx(spec: FilterSpec, language: str, view_words: str) -> bytes:
    """The weekly summary workbook of the view `spec` in `language`: the same figures as the Overview, Recurring causes,
    SKUs and Deadlines pages (their functions, the shop's currency rule and response clock, the cached recurring test)."""
    loaded = state.cases()
    cases = loaded.frame
    found = cached.recurring(spec, RECURRING_BY, weeks=WEEKS, history_weeks=HISTORY_WEEKS)
    book = summary_book(
        cases, spec, clock=state.clock(), rule=state.currency(cases), found=found, view_words=view_words, fee_lines=loaded.left_out
    )
    return write_summary(book, say=partial(i18n.say_as, language=language))


def _named(cases: pd.DataFrame, named: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """`cases` with the currency the shop named for each file that names none filled in (`analysis.money.case_currency`),
    so the rows of two such files read apart in a spreadsheet as they do on the pages."""
    if not named or "currency" not in cases.columns:
        return cases
    return cases.assign(currency=case_currency(cases, named))


def rows_file(write, cases: pd.DataFrame, named: tuple[tuple[str, str], ...], language: str, left_out: pd.DataFrame | None = None) -> bytes:
    """A rows download (`data.downloads.rows_csv` or `rows_xlsx`) of `cases` in `language`, named currencies filled in,
    and the view's lines `left_out` as no product after them, marked (`analysis.not_products.marked`)."""
    kept = cases if left_out is None else marked(cases, left_out)
    return write(_named(kept, named), _headers_in(language))


def _view_file(
    write, cases: pd.DataFrame, picked: Mask, named: tuple[tuple[str, str], ...], language: str, left_out: pd.DataFrame
) -> bytes:
    """`rows_file` of the rows `picked` of `cases`, copied only when the button is clicked."""
    return rows_file(write, cases if picked.all() else cases.loc[picked], named, language, left_out)


def _headers_in(language: str):
    """How the rows downloads name their columns in `language` (Streamlit builds the file when the button is clicked,
    maybe outside the run that set the language)."""
    return i18n.translations(language).gettext


def buttons(spec: FilterSpec, window: tuple[pd.Timestamp, pd.Timestamp] | None, key: str) -> None:
    """Three download buttons for the cases `spec` selects, on the page `key` (also the widget keys' prefix); file names
    say the page, the contents, the period and the filters. No file is built, nor a row copied, until a click."""
    chosen = {name: getattr(spec, name) for name in DIMENSIONS}
    language = i18n.current()
    cases = state.cases().frame
    picked = rows.picked(spec)
    named = state.currency(cases).named
    left_out = cached.left_out(spec)  # lines that are no product: kept in the rows, marked

    def name(what: str, ext: str) -> str:
        return downloads.file_name(key, what, ext, window, chosen)

    with st.container(horizontal=True):
        st.download_button(
            _("Rows (CSV)"),
            partial(_view_file, downloads.rows_csv, cases, picked, named, language, left_out),
            name("rows", "csv"),
            mime="text/csv",
            key=f"{key}_rows_csv",
            icon=":material/download:",
            on_click="ignore",
            help=_("The filtered cases, one row each, without buyer identifiers."),
        )
        st.download_button(
            _("Rows (Excel)"),
            partial(_view_file, downloads.rows_xlsx, cases, picked, named, language, left_out),
            name("rows", "xlsx"),
            mime=XLSX,
            key=f"{key}_rows_xlsx",
            icon=":material/download:",
            on_click="ignore",
            help=_("The filtered cases as an Excel sheet with real dates."),
        )
        st.download_button(
            _("Weekly summary (Excel)"),
            partial(summary_xlsx, spec, language, filters.describe(spec)),
            name("weekly-summary", "xlsx"),
            mime=XLSX,
            key=f"{key}_summary_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
            help=_(
                "The headline figures and their change, recurring causes with their evidence, top SKUs, open "
                "requests with their time left, weekly tables and charts, in the shop's currency."
            ),
        )
