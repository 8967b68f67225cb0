"""Cases out to CSV or Excel, safe to open: a cell that a spreadsheet would run as a formula is defused.

Shared by the command line (`python -m data export`) and the dashboard's downloads.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

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
    """An .xlsx workbook with real date cells, a frozen header and a filter; formulas defused."""
    if len(frame) >= EXCEL_MAX_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit in one Excel sheet (at most {EXCEL_MAX_ROWS - 1:,}); export CSV instead.")
    buffer = io.BytesIO()
    safe = safe_for_excel(frame)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        safe.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(safe), max(len(safe.columns) - 1, 0))
    return buffer.getvalue()


def export_cases(frame: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write `frame` to `path` as "csv" or "xlsx"; returns the path."""
    path = Path(path)
    data = {"csv": to_csv_bytes, "xlsx": to_xlsx_bytes}[fmt](frame)
    path.write_bytes(data)
    return path
