"""Marketplace export layouts (header strings as the platforms write them, see shared/samples/README.md),
recognised from the header row whatever the file is called."""

from __future__ import annotations

import pandas as pd

from data.reader import read_sheet
from tests.sheets import FBA_RETURNS as FBA


def test_amazon_fba_returns_with_offsets_and_open_ended_reason_codes(tmp_path):
    rows = [
        [
            "2026-05-21T04:38:32+00:00",
            "114-1",
            "TEE-S",
            "B0A",
            "X0A",
            "Tee",
            "1",
            "PHX7",
            "SELLABLE",
            "APPAREL_TOO_SMALL",
            "Unit returned to inventory",
            "LPN1",
            "runs small",
        ],
        [
            "2026-05-22T23:10:00+07:00",
            "114-2",
            "MUG-1",
            "B0B",
            "X0B",
            "Mug",
            "2",
            "PHX7",
            "CARRIER_DAMAGED",
            "DAMAGED_BY_CARRIER",
            "Reimbursed",
            "LPN2",
            "",
        ],
        [
            "2026-05-23T08:00:00+00:00",
            "114-3",
            "CAP-9",
            "B0C",
            "X0C",
            "Cap",
            "1",
            "PHX7",
            "SELLABLE",
            "AMZ-PG-NEW-CODE-2027",
            "Unit returned to inventory",
            "LPN3",
            "",
        ],
    ]
    path = tmp_path / "report-8861.txt"
    pd.DataFrame(rows, columns=FBA).to_csv(path, sep="\t", index=False)
    result = read_sheet(path)
    assert result.sheets[0].preset == "Amazon FBA customer returns"
    cases = result.cases
    assert cases.reason.tolist() == ["Wrong size or fit", "Damaged item", "Other"]
    assert cases.reason_raw.tolist()[2] == "AMZ-PG-NEW-CODE-2027"  # unknown codes kept, never rejected
    assert cases.status.tolist() == ["item received", "refunded", "item received"]
    assert cases.request_date.astype(str).tolist() == ["2026-05-21 04:38:32", "2026-05-22 16:10:00", "2026-05-23 08:00:00"]
    assert cases.quantity.tolist() == [1, 2, 1]
    assert result.problems.empty


def test_amazon_merchant_returns_tab_delimited(tmp_path):
    header = (
        "Order ID, Order date, Return request date, Return request status, Amazon RMA ID, Merchant RMA ID, "
        "Label type, Label cost, Currency code, Return carrier, Tracking ID, Label to be paid by, A-to-Z Claim, "
        "Is prime, ASIN, Merchant SKU, Item Name, Return quantity, Return Reason, In policy, Return type, "
        "Resolution, Invoice number, Return delivery date, Order Amount, Order quantity, SafeT Action reason, "
        "SafeT claim id, SafeT claim state, SafeT claim creation time, SafeT claim reimbursement amount, "
        "Refunded Amount"
    ).split(", ")
    row = {h: "" for h in header}
    row.update(
        {
            "Order ID": "402-1",
            "Order date": "01-May-2026",
            "Return request date": "05-May-2026",
            "Return request status": "Approved",
            "Amazon RMA ID": "DxRMA1",
            "Currency code": "INR",
            "Merchant SKU": "KURTA-M",
            "Item Name": "Kurta",
            "Return quantity": "1",
            "Return Reason": "NOT_AS_DESCRIBED",
            "Resolution": "StandardRefund",
            "Refunded Amount": "1,299.00",
        }
    )
    path = tmp_path / "returns.tsv"
    pd.DataFrame([row]).to_csv(path, sep="\t", index=False)
    result = read_sheet(path)
    case = result.cases.iloc[0]
    assert result.sheets[0].preset == "Amazon merchant-fulfilled returns"
    assert (case.case_id, case.sku, case.reason, case.status) == ("DxRMA1", "KURTA-M", "Not as described", "approved")
    assert (case.request_date, case.refund_amount, case.currency) == (pd.Timestamp("2026-05-05"), 1299.0, "INR")


def test_tiktok_order_export_with_description_row_and_indonesian_values(tmp_path):
    header = [
        "Order ID",
        "Order Status",
        "Order Substatus",
        "Cancelation/Return Type",
        "SKU ID",
        "Seller SKU",
        "Product Name",
        "Variation",
        "Quantity",
        "Sku Quantity of return",
        "Order Refund Amount",
        "Created Time",
        "Cancel By",
        "Cancel Reason",
    ]
    description = [
        "Platform unique order ID.",
        "Order status.",
        "Sub status.",
        "Type.",
        "Platform SKU.",
        "Your SKU.",
        "Name.",
        "Variation.",
        "Units.",
        "Returned units.",
        "Refund.",
        "Order creation time.",
        "Who.",
        "Why.",
    ]
    rows = [
        ["5771", "Selesai", "Selesai", "", "17", "HD-01", "Hoodie", "Hitam, L", "1", "0", "", "29/04/2026 10:15:00", "", ""],
        [
            "5772",
            "Dibatalkan",
            "Dibatalkan",
            "Pengembalian Dana Saja",
            "18",
            "HD-02",
            "Hoodie",
            "Abu, M",
            "1",
            "1",
            "Rp 189.000",
            "30/04/2026 21:05:00",
            "Pembeli",
            "Ukuran tidak sesuai",
        ],
        [
            "5773",
            "Selesai",
            "Selesai",
            "RETURN_AND_REFUND",
            "19",
            "HD-03",
            "Hoodie",
            "Abu, XL",
            "2",
            "2",
            "Rp 378.000",
            "01/05/2026 08:00:00",
            "Pembeli",
            "Barang rusak",
        ],
    ]
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame([description, *rows], columns=header).to_excel(writer, sheet_name="OrderSKUList", index=False)
    result = read_sheet(path)
    info = result.sheets[0]
    assert info.preset == "TikTok Shop orders"
    assert (info.rows_read, info.rows_imported, info.rows_skipped) == (4, 2, 2)  # the description row and one plain sale
    cases = result.cases
    assert cases.request_type.tolist() == ["Refund Only", "Return + Refund"]
    assert cases.reason.tolist() == ["Wrong size or fit", "Damaged item"]
    assert cases.refund_amount.tolist() == [189000.0, 378000.0] and cases.currency.tolist() == ["IDR", "IDR"]
    assert cases.quantity.tolist() == [1, 2]


def test_flipkart_returns_tell_courier_returns_from_customer_returns(tmp_path):
    header = [
        "Return ID",
        "Order ID",
        "Order Item ID",
        "Return Type",
        "Return Requested Date",
        "Completed Date",
        "Return Status",
        "Return Reason",
        "Return Sub-reason",
        "SKU",
    ]  # the item column every real sheet adds
    rows = [
        ["R1", "OD1", "OI1", "courier_return", "2026-04-01", "2026-04-09", "completed", "", "", "FK-1"],
        ["R2", "OD2", "OI2", "customer_return", "2026-04-02", "", "approved", "SIZE_ISSUE", "Too tight", "FK-2"],
    ]
    path = tmp_path / "fk.csv"
    pd.DataFrame(rows, columns=header).to_csv(path, index=False)
    result = read_sheet(path)
    cases = result.cases
    assert result.sheets[0].preset == "Flipkart returns"
    assert cases.courier_return.tolist() == [True, False]
    assert cases.request_type.tolist() == ["Unknown", "Return + Refund"]
    assert cases.status.tolist() == ["closed", "approved"]
    assert cases.comment.isna().tolist() == [True, False] and cases.comment[1] == "Too tight"
    assert cases.reason.astype(object).tolist()[1] == "Wrong size or fit"


def test_shopify_orders_keep_only_refunded_lines(tmp_path):
    rows = [
        ["#1001", "paid", "2026-04-01 10:00:00 +0700", "SH-1", "Shirt", "1", "", "0.00", "IDR"],
        ["#1002", "refunded", "2026-04-02 11:00:00 +0700", "SH-2", "Shirt", "1", "", "250000.00", "IDR"],
        ["#1003", "partially_refunded", "2026-04-03 12:00:00 +0700", "SH-3", "Shirt", "2", "", "125000.00", "IDR"],
    ]
    header = [
        "Name",
        "Financial Status",
        "Paid at",
        "Lineitem sku",
        "Lineitem name",
        "Lineitem quantity",
        "Cancelled at",
        "Refunded Amount",
        "Currency",
    ]
    path = tmp_path / "orders_export_1.csv"
    pd.DataFrame(rows, columns=header).to_csv(path, index=False)
    result = read_sheet(path)
    assert result.sheets[0].preset == "Shopify orders"
    assert result.cases.order_id.tolist() == ["#1002", "#1003"]
    assert result.cases.refund_amount.tolist() == [250000.0, 125000.0]
    assert result.cases.request_date.astype(str).tolist() == ["2026-04-02 04:00:00", "2026-04-03 05:00:00"]
