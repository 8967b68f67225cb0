"""What the dashboard's download buttons hand out: the filtered rows, and summary tables as a workbook.

Pure builders (bytes in memory; no Streamlit, no analysis). Every text cell goes through
`data.export.safe_for_excel`, so nothing in a download runs as a formula when opened in a spreadsheet,
and buyer identifiers (`buyer_hash`) never leave the app.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from data.export import defuse, safe_for_excel, to_csv_bytes, to_xlsx_bytes
from data.schema import COLUMN_NAMES

PRIVATE_COLUMNS: tuple[str, ...] = ("buyer_hash",)
_MAX_NAMED_VALUES = 3  # past this many SKUs (say), a file name says "5-skus" instead of listing them
_PLURALS = {"request_type": "types", "reason": "reasons", "sku": "skus"}


def _slug(text: str) -> str:
    """
    >>> _slug("Return + Refund"), _slug("TS-0042")
    ('return-refund', 'ts-0042')
    """
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def file_name(stem: str, window: tuple[pd.Timestamp, pd.Timestamp] | None, chosen: Mapping[str, Sequence[str]], ext: str) -> str:
    """A file name that carries the view: stem, period (or "all-time") and the chosen filter values.

    >>> file_name("returns", (pd.Timestamp("2026-09-01"), pd.Timestamp("2026-11-22")), {"reason": ["Defective"]}, "csv")
    'returns_2026-09-01_2026-11-22_defective.csv'
    >>> file_name("weekly-summary", None, {"request_type": ["Return + Refund"], "sku": ["A1", "B2", "C3", "D4"]}, "xlsx")
    'weekly-summary_all-time_return-refund_4-skus.xlsx'
    """
    parts = [stem, f"{window[0]:%Y-%m-%d}_{window[1]:%Y-%m-%d}" if window else "all-time"]
    for name, values in chosen.items():
        if len(values) > _MAX_NAMED_VALUES:
            parts.append(f"{len(values)}-{_PLURALS.get(name, _slug(name) + 's')}")
        elif values:
            parts.append("-".join(_slug(v) for v in values))
    return "_".join(p for p in parts if p) + f".{ext}"


def shareable_rows(cases: pd.DataFrame) -> pd.DataFrame:
    """The rows as they may leave the app: canonical columns in schema order, buyer identifiers left out.

    The caller's frame is not changed.

    >>> shareable_rows(pd.DataFrame({"buyer_hash": ["x1"], "sku": ["A"], "case_id": ["c1"]})).columns.tolist()
    ['case_id', 'sku']
    """
    keep = [c for c in COLUMN_NAMES if c in cases.columns and c not in PRIVATE_COLUMNS]
    return cases.loc[:, keep]


def rows_csv(cases: pd.DataFrame) -> bytes:
    """The rows as CSV (UTF-8 with a BOM for Excel), formulas defused, no buyer identifiers."""
    return to_csv_bytes(shareable_rows(cases))


def rows_xlsx(cases: pd.DataFrame) -> bytes:
    """The rows as an .xlsx sheet "Cases" with real date cells, formulas defused, no buyer identifiers."""
    return to_xlsx_bytes(shareable_rows(cases), sheet_name="Cases")


def tables_xlsx(tables: Mapping[str, pd.DataFrame], *, heading: str = "", money_columns: Sequence[str] = ()) -> bytes:
    """Tables as an .xlsx workbook (xlsxwriter), one sheet each, with a heading line and a totals row.

    Each table's index becomes its first column; a datetime index is written as real Excel dates
    (`yyyy-mm-dd`). `heading` (for example the view and the date basis) goes in the first line of
    every sheet; columns named in `money_columns` get a thousands format. Sheet names are cut to
    Excel's 31 characters.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", datetime_format="yyyy-mm-dd", date_format="yyyy-mm-dd",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        bold = writer.book.add_format({"bold": True})
        whole = writer.book.add_format({"num_format": "#,##0"})
        whole_bold = writer.book.add_format({"num_format": "#,##0", "bold": True})
        for name, table in tables.items():
            sheet_name = name[:31]
            safe = safe_for_excel(table.reset_index())
            safe.columns = [defuse(str(c)) for c in safe.columns]  # headers come from the data too (a reason, a SKU)
            safe.to_excel(writer, sheet_name=sheet_name, index=False, startrow=2)
            sheet = writer.sheets[sheet_name]
            title = name + (f" · {heading}" if heading else "")
            sheet.write_string(0, 0, str(defuse(title)), bold)
            last = len(safe) + 3
            sheet.write_string(last, 0, "Total", bold)
            for col, column in enumerate(safe.columns[1:], start=1):
                if pd.api.types.is_numeric_dtype(safe[column]) and safe[column].notna().any():  # all blank: unknown, no total
                    sheet.write_number(last, col, float(safe[column].sum()), whole_bold)
            sheet.set_column(0, 0, 12)
            for col, column in enumerate(safe.columns[1:], start=1):
                sheet.set_column(col, col, max(12, len(str(column)) + 2), whole if column in money_columns else None)
            sheet.freeze_panes(3, 1)
    return buffer.getvalue()
