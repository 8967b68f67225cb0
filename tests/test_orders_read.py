"""`read_orders` on orders and sales sheets written by real writers, with English, Indonesian and Vietnamese headers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from data.errors import ReadError
from data.orders import read_orders


def xlsx(rows: list[list], title: list[list] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Orders"
    for row in (title or []) + rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text(rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def lines(read) -> list[list]:
    return [[f"{d:%Y-%m-%d}", s, u, o if pd.notna(o) else None] for d, s, u, o in read.orders[["date", "sku", "units", "order_id"]].values]


def test_a_shopify_export_takes_paid_at_and_gives_later_lines_their_order_date():
    header = [
        "Name",
        "Email",
        "Financial Status",
        "Paid at",
        "Fulfillment Status",
        "Created at",
        "Lineitem quantity",
        "Lineitem name",
        "Lineitem sku",
        "Billing Name",
        "Billing Phone",
    ]
    data = xlsx(
        [
            header,
            [
                "#1001",
                "ani@example.com",
                "paid",
                "2026-08-03 10:15:00 +0000",
                "fulfilled",
                "2026-08-02 23:00:00 +0000",
                2,
                "Mug",
                "HM-0042",
                "Ani",
                "+62 812",
            ],
            ["#1001", "ani@example.com", None, None, None, "2026-08-02 23:00:00 +0000", 1, "Tee", "AP-0117", None, None],
            ["#1002", "budi@example.com", "voided", "", "", "2026-08-04 09:00:00 +0000", 1, "Mug", "HM-0042", "Budi", ""],
            [
                "#1003",
                "budi@example.com",
                "paid",
                "2026-08-05 09:00:00 +0000",
                "",
                "2026-08-05 08:00:00 +0000",
                3,
                "Mug",
                "HM-0042",
                "Budi",
                "",
            ],
        ]
    )
    read = read_orders(io.BytesIO(data))
    assert lines(read) == [
        ["2026-08-03", "HM-0042", 2.0, "#1001"],
        ["2026-08-03", "AP-0117", 1.0, "#1001"],
        ["2026-08-05", "HM-0042", 3.0, "#1003"],
    ]
    assert read.mapping == {
        "Paid at": "date",
        "Lineitem sku": "sku",
        "Lineitem quantity": "units",
        "Name": "order_id",
        "Financial Status": "status",
    }
    assert any("1 cancelled or unpaid order row" in n for n in read.notes)
    assert read.problems.empty
    # Buyer personal data is never read into the result.
    assert set(read.orders.columns) == {"date", "sku", "units", "order_id"}
    assert not read.orders.astype(str).apply(lambda c: c.str.contains("example.com|Ani|\\+62")).any().any()


def test_a_tiktok_csv_export_with_a_cancelled_order_and_a_bad_quantity():
    data = text(
        [
            ["Order ID", "Order Status", "Seller SKU", "Product Name", "Quantity", "Created Time", "Recipient", "Phone #"],
            ["5801", "Completed", "AP-0117", "Tee", "1", "03/08/2026 10:00:00", "Sari", "0812"],
            ["5802", "Canceled", "AP-0117", "Tee", "4", "04/08/2026 10:00:00", "Eko", "0813"],
            ["5803", "Shipped", "HM-0042", "Mug", "two", "13/08/2026 10:00:00", "Ayu", "0814"],
            ["5804", "Completed", "HM-0042", "Mug", "2", "14/08/2026 11:00:00", "Ayu", "0814"],
        ]
    )
    read = read_orders(data)
    assert lines(read) == [["2026-08-03", "AP-0117", 1.0, "5801"], ["2026-08-14", "HM-0042", 2.0, "5804"]]
    assert read.problems[["row", "column", "value"]].values.tolist() == [[4, "Quantity", "two"]]
    assert "whole number" in read.problems["message"].iat[0]


def test_an_indonesian_sales_report_with_a_title_a_totals_row_and_no_order_id():
    title = [["Laporan Penjualan Toko Maju"], ["Periode: Agustus 2026"], []]
    rows = [
        ["Tanggal Pesanan", "Nama Produk", "SKU", "Jumlah"],
        ["01/08/2026", "Kaos", "AP-0117", 12],
        ["02/08/2026", "Mug", "HM-0042", 7],
        ["02/08/2026", "Kaos", "AP-0117", None],
        ["Total", None, None, 20],
    ]
    read = read_orders(xlsx(rows, title))
    assert lines(read) == [
        ["2026-08-01", "AP-0117", 12.0, None],
        ["2026-08-02", "HM-0042", 7.0, None],
        ["2026-08-02", "AP-0117", 1.0, None],
    ]
    assert any("totals row 8" in n for n in read.notes)
    assert any("empty Jumlah counted as one unit" in n for n in read.notes)


def test_shopee_headers_prefer_the_variation_sku_and_the_payment_time():
    data = text(
        [
            [
                "No. Pesanan",
                "Status Pesanan",
                "Waktu Pesanan Dibuat",
                "Waktu Pembayaran Dilakukan",
                "SKU Induk",
                "Nomor Referensi SKU",
                "Jumlah",
                "Nama Penerima",
                "No. Telepon",
                "Alamat Pengiriman",
            ],
            ["2608A1", "Selesai", "2026-08-01 21:00", "2026-08-02 08:00", "AP-0117", "AP-0117-M", "2", "Rina", "0812", "Jl. Mawar"],
            ["2608A2", "Batal", "2026-08-02 21:00", "", "AP-0117", "AP-0117-L", "1", "Joko", "0813", "Jl. Melati"],
        ],
        ";",
    )
    read = read_orders(data)
    assert lines(read) == [["2026-08-02", "AP-0117-M", 2.0, "2608A1"]]
    assert "Jl. Mawar" not in read.orders.to_string()


def test_a_vietnamese_sheet_without_quantity_counts_each_row_once():
    data = text(
        [
            ["Mã đơn hàng", "Ngày đặt hàng", "SKU phân loại hàng", "Trạng thái đơn hàng"],
            ["VN1", "2026-08-01", "BT-0007", "Hoàn thành"],
            ["VN2", "2026-08-01", "BT-0007", "Đã hủy"],
            ["VN3", "2026-08-02", "", "Hoàn thành"],
        ],
        encoding="utf-8-sig",
    )
    read = read_orders(data)
    assert lines(read) == [["2026-08-01", "BT-0007", 1.0, "VN1"]]
    assert any("each row counts as one unit" in n for n in read.notes)
    assert read.problems[["row", "column", "message"]].values.tolist() == [[4, "SKU phân loại hàng", "no SKU; row not counted"]]


def test_a_sheet_without_a_date_or_sku_column_is_refused_with_the_columns_it_has():
    with pytest.raises(ReadError, match=r"no orders table found.*Columns found: Orders: Customer, Product, Total"):
        read_orders(io.BytesIO(xlsx([["Customer", "Product", "Total"], ["Ani", "Mug", 10]])))
    with pytest.raises(ReadError, match="empty"):
        read_orders(b"")


def test_a_name_column_that_holds_products_is_not_taken_for_an_order_id():
    data = text([["Date", "Name", "SKU", "Qty"], ["2026-08-01", "Mug", "HM-0042", "3"], ["2026-08-02", "Mug", "HM-0042", "4"]])
    read = read_orders(data)
    assert lines(read) == [["2026-08-01", "HM-0042", 3.0, None], ["2026-08-02", "HM-0042", 4.0, None]]
    assert any("Name is not an order id" in n for n in read.notes)
    assert read.notes[0] == "read as an orders sheet: Date → date, SKU → sku, Qty → units" and "Name" not in read.mapping
