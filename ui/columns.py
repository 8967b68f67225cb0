"""Streamlit column settings for canonical columns; their human labels live in `data.column_labels`, shared with downloads."""

from __future__ import annotations

from typing import Any

import streamlit as st

from data.column_labels import LABELS, label  # noqa: F401  (pages name columns through this module)

DATE_FORMAT = "D MMM YYYY, HH:mm"  # how a table shows a request, response or resolution moment


def config(columns: list[str], **overrides: Any) -> dict[str, Any]:
    """`st.dataframe` column settings for canonical columns: human labels, readable dates, whole units; `overrides`
    replace any column's setting."""
    out: dict[str, Any] = {}
    for column in columns:
        if column.endswith("_date"):
            out[column] = st.column_config.DatetimeColumn(label(column), format=DATE_FORMAT)
        elif column == "refund_amount":
            out[column] = st.column_config.NumberColumn(label(column), format="%,.2f", help="In the currency beside it")
        elif column in ("quantity", "source_row"):
            out[column] = st.column_config.NumberColumn(label(column), format="%d")
        elif column in ("comment", "product_name", "reason_raw"):
            out[column] = st.column_config.TextColumn(label(column), width="medium")
        else:
            out[column] = label(column)
    return out | overrides
