"""One human label and one spreadsheet width per canonical column: for every table a page shows and every download."""

from __future__ import annotations

LABELS: dict[str, str] = {
    "case_id": "Case",
    "order_id": "Order",
    "sku": "SKU",
    "product_name": "Product",
    "request_type": "Request type",
    "reason": "Reason",
    "reason_raw": "Reason as written",
    "comment": "Buyer's comment",
    "request_date": "Requested",
    "response_date": "First response",
    "resolved_date": "Resolved",
    "status": "Status",
    "quantity": "Units",
    "refund_amount": "Refund",
    "currency": "Currency",
    "proof_provided": "Photo or video",
    "courier_return": "Courier return",
    "channel": "Channel",
    "handled_by": "Person in charge",
    "buyer_hash": "Buyer (hashed)",
    "source_file": "File",
    "source_sheet": "Sheet",
    "source_row": "Row",
    "import_id": "Import",
    "not_product": "Not a product (fee, postage or adjustment)",
}
# Spreadsheet column widths (characters) where the label's own length would cut the usual value short.
WIDTHS: dict[str, float] = {
    "case_id": 16,
    "order_id": 18,
    "sku": 14,
    "product_name": 30,
    "request_type": 16,
    "reason": 16,
    "reason_raw": 28,
    "comment": 48,
    "request_date": 17,
    "response_date": 17,
    "resolved_date": 17,
    "status": 13,
    "currency": 9,
    "channel": 12,
    "handled_by": 18,
    "source_file": 24,
    "source_sheet": 14,
}


def label(column: str) -> str:
    """The human label of a canonical column (its own name, tidied, for any other).

    >>> label("reason_raw"), label("lift_score")
    ('Reason as written', 'Lift score')
    """
    return LABELS.get(column, column.replace("_", " ").capitalize())


def width(column: str) -> float:
    """A spreadsheet column width that fits the column's label and its usual values.

    >>> width("comment"), width("quantity"), width("lift_score")
    (48, 8, 13)
    """
    return max(WIDTHS.get(column, 0), len(label(column)) + 3, 8)
