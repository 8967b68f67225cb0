"""What the dashboard's download buttons hand out: the filtered rows, and summary tables as a workbook.

Pure builders (bytes in memory; no Streamlit, no analysis). Every text cell goes through
`data.export.safe_for_excel`, so nothing in a download runs as a formula when opened in a spreadsheet,
and buyer identifiers (`buyer_hash`) never leave the app.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from data.column_labels import label, width
from data.export import defuse, safe_for_excel, to_csv_bytes, to_xlsx_bytes
from data.schema import COLUMN_NAMES, NOT_PRODUCT

CASES_SHEET = "Cases"  # the rows sheet's name (said in the interface's language; the catalogues hold it)

PRIVATE_COLUMNS: tuple[str, ...] = ("buyer_hash",)
_MAX_NAMED_VALUES = 3  # past this many SKUs (say), a file name says "5-skus" instead of listing them
_MAX_NAME = 150  # characters: past this, every filter is named by its count (some systems refuse longer names)
# filter -> (its word in a file name, the plural for a count of values)
_FILTER_WORDS = {
    "request_type": ("type", "types"),
    "reason": ("reason", "reasons"),
    "sku": ("sku", "skus"),
    "status": ("status", "statuses"),
    "handled_by": ("person", "people"),
    "channel": ("channel", "channels"),
}


def _slug(text: str) -> str:
    """
    >>> _slug("Return + Refund"), _slug("TS-0042"), _slug("Hàng lỗi")
    ('return-refund', 'ts-0042', 'hang-loi')
    """
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_name(
    page: str,
    what: str,
    ext: str,
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    chosen: Mapping[str, Sequence[str]] | None = None,
    *,
    dated: bool = True,
) -> str:
    """The one name every download gets: the page it came from, what it holds, the period (its first and last
    request day, or "all-time") and each filter with its values, so two different files never share a name.

    `chosen` maps filter names (FilterSpec dimensions) to their picked values; an empty pick is left out. `dated=False`
    leaves the period out for a file that holds none (an upload's problems).

    >>> file_name("trends", "rows", "csv", (pd.Timestamp("2026-09-01"), pd.Timestamp("2026-11-22")), {"reason": ["Defective"]})
    'trends_rows_2026-09-01_2026-11-22_reason-defective.csv'
    >>> file_name("money", "weekly-summary", "xlsx", None, {"request_type": ["Return + Refund"], "sku": ["A1", "B2", "C3", "D4"]})
    'money_weekly-summary_all-time_type-return-refund_4-skus.xlsx'
    >>> file_name("upload", "problems week 46", "csv", dated=False)
    'upload_problems-week-46.csv'
    """

    def name(counted: bool) -> str:
        parts = [_slug(page), _slug(what)]
        if dated:
            parts.append(f"{window[0]:%Y-%m-%d}_{window[1]:%Y-%m-%d}" if window else "all-time")
        for key, values in (chosen or {}).items():
            word, plural = _FILTER_WORDS.get(key, (_slug(key), _slug(key) + "s"))
            slugs = [_slug(v) for v in values]
            if counted or len(values) > _MAX_NAMED_VALUES or not all(slugs):
                if values:
                    parts.append(f"{len(values)}-{plural}" if len(values) > 1 else f"1-{word}")
            elif values:
                parts.append(word + "-" + "-".join(slugs))
        return "_".join(p for p in parts if p) + f".{ext}"

    full = name(counted=False)
    return full if len(full) <= _MAX_NAME else name(counted=True)


def shareable_rows(cases: pd.DataFrame) -> pd.DataFrame:
    """The rows as they may leave the app: canonical columns in schema order, buyer identifiers left out.

    The caller's frame is not changed.

    >>> shareable_rows(pd.DataFrame({"buyer_hash": ["x1"], "sku": ["A"], "case_id": ["c1"]})).columns.tolist()
    ['case_id', 'sku']
    """
    keep = [c for c in (*COLUMN_NAMES, NOT_PRODUCT) if c in cases.columns and c not in PRIVATE_COLUMNS]
    return cases.loc[:, keep]


def rows_csv(cases: pd.DataFrame, say: Callable[[str], str] = str) -> bytes:
    """The rows as CSV (UTF-8 with a BOM for Excel) under human headers (as `say` says them: the interface's language),
    formulas defused, no buyer identifiers. The values stay as stored."""
    rows = shareable_rows(cases)
    return to_csv_bytes(rows.set_axis([say(label(c)) for c in rows.columns], axis=1))


def rows_xlsx(cases: pd.DataFrame, say: Callable[[str], str] = str) -> bytes:
    """The rows as an .xlsx sheet "Cases" under human headers (as `say` says them), with column widths and real date
    cells, formulas defused, no buyer identifiers. The values stay as stored."""
    rows = shareable_rows(cases)
    headers = [say(label(c)) for c in rows.columns]
    widths = [max(width(c), len(h) + 3) for c, h in zip(rows.columns, headers, strict=True)]
    return to_xlsx_bytes(rows, sheet_name=say(CASES_SHEET)[:31], headers=headers, widths=widths)


def write_rows(cases: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write the rows to `path` as "csv" or "xlsx", exactly as the dashboard's rows download; returns the path."""
    path = Path(path)
    path.write_bytes({"csv": rows_csv, "xlsx": rows_xlsx}[fmt](cases))
    return path


def tables_xlsx(tables: Mapping[str, pd.DataFrame], *, heading: str = "", money_columns: Sequence[str] = ()) -> bytes:
    """Tables as an .xlsx workbook (xlsxwriter), one sheet each, with a heading line and a totals row.

    Each table's index becomes its first column; a datetime index is written as real Excel dates
    (`yyyy-mm-dd`). `heading` (for example the view and the date basis) goes in the first line of
    every sheet; columns named in `money_columns` get a thousands format. Sheet names are cut to
    Excel's 31 characters.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer,
        engine="xlsxwriter",
        datetime_format="yyyy-mm-dd",
        date_format="yyyy-mm-dd",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
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
