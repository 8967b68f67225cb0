"""Excel workbooks written by a real writer (openpyxl) for the tests that upload or import them."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl

# The header row of Amazon's FBA customer returns report, as exported.
FBA_RETURNS = [
    "return-date",
    "order-id",
    "sku",
    "asin",
    "fnsku",
    "product-name",
    "quantity",
    "fulfillment-center-id",
    "detailed-disposition",
    "reason",
    "status",
    "license-plate-number",
    "customer-comments",
]


def workbook(rows: Sequence[Sequence], header: Sequence[str], title: str = "returns") -> bytes:
    """An .xlsx file of one sheet named `title`: the `header` row, then `rows`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
