"""Streamlit column settings for canonical columns; their human labels live in `data.column_labels`, shared with downloads."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from data.column_labels import LABELS, label  # noqa: F401  (pages name columns through this module)
from ui.i18n import _, current, say
from ui.i18n import label as i18n_label

VOCABULARY_COLUMNS: tuple[str, ...] = ("request_type", "reason", "status")  # shown under a translated label
SENTENCE_COLUMNS: tuple[str, ...] = ("evidence",)  # the analysis' phrases (`data.phrases`), said in the run's language
DATE_FORMAT = "D MMM YYYY, HH:mm"  # how a table shows a request, response or resolution moment


def when(fmt: str) -> str:
    """A table's date format (moment.js, drawn in the browser in English) for the run's language: outside English,
    months by number and no weekday names, as dates are written day first in Indonesia and Vietnam.

    >>> when("ddd D MMM, HH:mm")
    'ddd D MMM, HH:mm'
    """
    if current() == "en":
        return fmt
    fmt = fmt.replace("ddd ", "").replace("D MMM YYYY", "DD/MM/YYYY").replace("D MMM", "DD/MM").replace("MMM YYYY", "MM/YYYY")
    return fmt.replace("MMM", "MM")


def shown(column: str) -> str:
    """The label of a canonical column as a page shows it: in the run's language (downloads keep `label`)."""
    return _(label(column))


def translated(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of `table` for display whose reasons, request types, statuses and evidence sentences read in the run's
    language (the stored values are unchanged)."""
    if current() == "en":
        return table
    out = table.copy()
    for column in SENTENCE_COLUMNS:
        if column in out.columns:
            out[column] = out[column].astype(object).map(say)
    for column in VOCABULARY_COLUMNS:
        if column in out.columns:
            values = out[column].astype(object)
            out[column] = values.where(values.isna(), values.map(i18n_label))
    return out


def config(columns: list[str], **overrides: Any) -> dict[str, Any]:
    """`st.dataframe` column settings for canonical columns: human labels, readable dates, whole units; `overrides`
    replace any column's setting."""
    out: dict[str, Any] = {}
    label = shown
    for column in columns:
        if column.endswith("_date"):
            out[column] = st.column_config.DatetimeColumn(label(column), format=when(DATE_FORMAT))
        elif column == "refund_amount":
            out[column] = st.column_config.NumberColumn(label(column), format="%,.2f", help=_("In the currency beside it"))
        elif column in ("quantity", "source_row"):
            out[column] = st.column_config.NumberColumn(label(column), format="%d")
        elif column in ("comment", "product_name", "reason_raw"):
            out[column] = st.column_config.TextColumn(label(column), width="medium")
        else:
            out[column] = label(column)
    return out | overrides
