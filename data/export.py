"""Cases out to CSV or Excel, safe to open: a cell that a spreadsheet would run as a formula is defused.

The writers under `data.downloads`, which the dashboard's buttons and the command line (`python -m data export`)
both call.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import rustpy_xlsxwriter as rx

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


def to_xlsx_bytes(
    frame: pd.DataFrame, sheet_name: str = "Cases", *, headers: Sequence[str] | None = None, widths: Sequence[float] | None = None
) -> bytes:
    """An .xlsx workbook with real date cells, a bold frozen header and a filter; formulas defused.

    `headers` replace the column names in the first row (human labels, say) and `widths` set the column widths in
    characters. Written by a Rust xlsxwriter (rustpy-xlsxwriter) in constant-memory mode from Arrow columns built
    without a copy of the frame: text goes out as inline text cells, never as formulas, and a 200,000-row export
    takes a few seconds where writing cell by cell from Python takes several times longer (benchmarks/downloads.py).
    """
    if len(frame) >= EXCEL_MAX_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit in one Excel sheet (at most {EXCEL_MAX_ROWS - 1:,}); export CSV instead.")
    names = [str(defuse(str(h))) for h in (headers if headers is not None else frame.columns)]
    if len(names) != frame.shape[1] or len(set(names)) != len(names):
        raise ValueError("one distinct header per column is needed")
    cells = pa.table([_excel_column(frame.iloc[:, i]) for i in range(frame.shape[1])], names=names)
    formats = [_format(frame.iloc[:, i]) for i in range(frame.shape[1])]
    buffer = io.BytesIO()
    rx.write_worksheet(
        cells,
        buffer,
        sheet_name=sheet_name,
        freeze_row=1,
        autofilter=True,
        datetime_format=DATETIME_FORMAT,
        header_format=rx.Format().set_bold(),
        column_widths=list(widths) if widths is not None else None,
        column_formats={n: f for n, f in zip(names, formats, strict=True) if f is not None} or None,
    )
    return buffer.getvalue()


DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
EXCEL_MAX_TEXT = 32_767  # characters in one cell
_FORMULA_START_SET = pa.array(list(FORMULA_STARTS), pa.large_string())


def _excel_column(column: pd.Series) -> pa.Array | pa.ChunkedArray:
    """One column as the writer takes it: text defused and cut to what one Excel cell holds, categories as their
    text (the writer would leave them blank), numbers, dates and booleans typed, missing values as nulls. Vectorised
    over Arrow: a category's text is worked out once per category, not once per row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = _excel_text(pa.array([str(c) for c in column.cat.categories], pa.large_string()))
        codes = column.cat.codes.to_numpy()
        return categories.take(pa.array(codes, mask=codes < 0))
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        return _excel_text(pa.array(column.astype("string"), pa.large_string()))
    return pa.array(column, from_pandas=True)


def _excel_text(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Text with a leading apostrophe where a spreadsheet would run it as a formula (`defuse`), cut to one cell."""
    starts = pc.is_in(pc.utf8_slice_codeunits(text, 0, 1), value_set=_FORMULA_START_SET)
    if pc.any(starts).as_py():
        text = pc.if_else(starts, pc.binary_join_element_wise(pa.scalar("'", text.type), text, pa.scalar("", text.type)), text)
    if (pc.max(pc.binary_length(text)).as_py() or 0) > EXCEL_MAX_TEXT:  # bytes: a cheap bound on the characters
        text = pc.if_else(pc.greater(pc.utf8_length(text), EXCEL_MAX_TEXT), pc.utf8_slice_codeunits(text, 0, EXCEL_MAX_TEXT), text)
    return text


def _format(column: pd.Series) -> rx.Format | None:
    """Amounts with thousands separators; whole numbers as they are."""
    if pd.api.types.is_float_dtype(column.dtype):
        return rx.Format().set_num_format("#,##0.00")
    return None
