"""Rows of a delimited text file that hold more cells than its header row: a value holding the separator was not
quoted (`1,234.50` in a comma-separated file), so it was cut in two and every cell after it moved one column on.
Read as they are, such a row gives a wrong amount (`1` for 1,234.50) or a date in the reason column, silently; so
the row is left out with a problem naming it, and the rest of the file is read.

A file whose rows are mostly wider than the header has unnamed columns of its own (kept as `column F`, as in a
workbook): only rows wider than most rows are taken as cut. (A file whose every row was cut the same way cannot be
told from one with an unnamed column here.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.phrases import Phrase

MESSAGE = Phrase(
    "this row has more cells than the header row: a value holding the separator (such as 1,234.50) was not quoted, "
    "so it was cut and the cells after it moved; left out. Quote such values, or save the file again from the spreadsheet"
)


def split_rows(rows: pd.DataFrame, header_row: object, index: pd.Index, group_row: object = None) -> pd.Series:
    """Per row of `index` (the table's rows under its header, blank ones left out), whether it holds more cells than
    the header row `header_row` of `rows` (every cell of the file, rows numbered as in the file) names, and so was cut
    (see the module's rule). A label of the group row `group_row` over an empty header cell names its column too.

    >>> rows = pd.DataFrame([["Order", "SKU", "Refund", "Date", None], ["A1", "S1", "250", "2026-11-02", None],
    ...     ["A2", "S2", "₹1", "234.50", "2026-11-03"], ["A3", "S3", "90", "2026-11-04", " "]], index=[1, 2, 3, 4])
    >>> split_rows(rows, 1, pd.Index([2, 3, 4])).tolist()
    [False, True, False]
    >>> unnamed = rows.copy()
    >>> unnamed[4] = ["", "note", "2026-11-03", "x"]
    >>> split_rows(unnamed, 1, pd.Index([2, 3, 4])).tolist()  # a fifth cell in most rows: a column of its own
    [False, False, False]
    """
    out = pd.Series(False, index=index)
    header = np.asarray(_filled(rows.loc[[header_row] if group_row is None else [group_row, header_row]]).any(axis=0), dtype=bool)
    named = int(len(header) - np.argmax(header[::-1])) if header.any() else 0
    if rows.shape[1] <= named or not len(index):
        return out
    body = rows.loc[index]
    wider = np.asarray(_filled(body.iloc[:, named:]).any(axis=1), dtype=bool)
    if wider.any() and wider.sum() * 2 < len(index):  # a few rows wider than the rest: cut
        return pd.Series(wider, index=index)
    return out


def _filled(frame: pd.DataFrame) -> np.ndarray:
    """Per cell, whether it holds text other than spaces (only the cells that are not empty are looked at)."""
    filled = np.zeros(frame.shape, dtype=bool)
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        present = column.notna().to_numpy(dtype=bool, copy=True)
        if present.any():
            present[present] = (column[present].astype(str).str.strip() != "").to_numpy(dtype=bool)
        filled[:, position] = present
    return filled
