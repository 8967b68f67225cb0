"""Cases out to CSV or Excel, safe to open: a cell that a spreadsheet would run as a formula is defused.

Shared by the command line (`python -m data export`) and the dashboard's downloads.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_576


def defuse(value: object) -> object:
    """A text that a spreadsheet would run as a formula, with a leading apostrophe; anything else as it is.

    >>> defuse("=HYPERLINK(\\"http://x\\")"), defuse("-5"), defuse("Box crushed"), defuse(None)
    ('\\'=HYPERLINK("http://x")', "'-5", 'Box crushed', None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as formulas in Excel, LibreOffice or Sheets.

    Only text columns change (numbers and dates stay typed); the caller's frame is not changed.

    >>> safe_for_excel(pd.DataFrame({"comment": ["=1+1", "ok"], "qty": [-1, 2]})).to_dict("list")
    {'comment': ["'=1+1", 'ok'], 'qty': [-1, 2]}
    """
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            if any(isinstance(c, str) and c.startswith(FORMULA_STARTS) for c in column.cat.categories):
                out[name] = column.cat.rename_categories([defuse(c) for c in column.cat.categories])
        elif pd.api.types.is_string_dtype(column.dtype) or column.dtype == object:
            starts = column.astype("string").str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
            if starts.any():
                out[name] = column.where(~starts, "'" + column.astype("string"))
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with a BOM, so Excel shows non-English text right), ISO dates, formulas defused."""
    return safe_for_excel(frame).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "Cases") -> bytes:
    """An .xlsx workbook with real date cells, a frozen header and a filter; formulas defused.

    Cells go straight to xlsxwriter with one typed writer per column: pandas' `to_excel` works out each
    cell's type on its own, which takes longer than writing it.
    """
    if len(frame) >= EXCEL_MAX_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit in one Excel sheet (at most {EXCEL_MAX_ROWS - 1:,}); export CSV instead.")
    safe = safe_for_excel(frame)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name)
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, [str(c) for c in safe.columns], book.add_format({"bold": True}))
    columns, writers = [], []
    for name in safe.columns:
        cells, kind = _excel_cells(safe[name])
        columns.append(cells)
        writers.append({"date": lambda r, c, v: sheet.write_number(r, c, v, stamp), "number": sheet.write_number,
                        "bool": sheet.write_boolean, "text": sheet.write_string, "any": sheet.write}[kind])
    for r, row in enumerate(zip(*columns, strict=True), start=1):
        for c, value in enumerate(row):
            if value is not None:
                writers[c](r, c, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(safe), max(len(safe.columns) - 1, 0))
    book.close()
    return buffer.getvalue()


_EXCEL_EPOCH = np.datetime64("1899-12-30", "ns")


def _excel_cells(column: pd.Series) -> tuple[list[object], str]:
    """A column's cells as Python values for xlsxwriter (None: leave the cell empty) and their kind.

    >>> _excel_cells(pd.Series(pd.to_datetime(["1900-01-01 12:00", None])))
    ([2.5, None], 'date')
    >>> _excel_cells(pd.Series([1, None], dtype="Int64")), _excel_cells(pd.Series(["a", None], dtype="string"))
    (([1.0, None], 'number'), (['a', None], 'text'))
    """
    dtype = column.dtype
    if pd.api.types.is_datetime64_dtype(dtype):
        stamps = column.to_numpy(dtype="datetime64[ns]")
        serial = ((stamps - _EXCEL_EPOCH) / np.timedelta64(1, "D")).astype(object)  # Excel's day numbers
        serial[np.isnat(stamps)] = None
        return serial.tolist(), "date"
    if pd.api.types.is_bool_dtype(dtype):
        # pandas-stubs leave None out of `na_value`; pandas takes it (None for missing)
        return column.to_numpy(dtype=object, na_value=None).tolist(), "bool"  # type: ignore[call-overload]
    if pd.api.types.is_numeric_dtype(dtype):
        numbers = column.to_numpy(dtype="float64", na_value=np.nan)
        cells = numbers.astype(object)
        cells[np.isnan(numbers)] = None
        return cells.tolist(), "number"
    text = isinstance(dtype, pd.StringDtype) or (isinstance(dtype, pd.CategoricalDtype) and
                                                  all(isinstance(c, str) for c in dtype.categories))
    return column.astype(object).where(column.notna(), None).tolist(), "text" if text else "any"


def export_cases(frame: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write `frame` to `path` as "csv" or "xlsx"; returns the path."""
    path = Path(path)
    data = {"csv": to_csv_bytes, "xlsx": to_xlsx_bytes}[fmt](frame)
    path.write_bytes(data)
    return path
