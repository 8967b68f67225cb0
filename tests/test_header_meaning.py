"""The header scorer on wordings no rule lists: each header is read by the concepts its words carry
(English, Indonesian, Vietnamese), units, currencies and time zones in brackets, cell contents, and the
whole row mapped at once."""

from __future__ import annotations

import pandas as pd
import pytest

from data.header_words import best_meaning, concepts, meaning_scores
from data.headers import choose, is_order_date, match_headers
from data.layout import find_header


def mapped(headers: list[str], cells: list[list[str]] | None = None) -> dict[str, str]:
    columns = [pd.Series(c) for c in cells] if cells else None
    matches = choose(headers, None, columns).matches
    return dict(zip(matches.raw, matches.column, strict=True))


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Return Initiated On", "request_date"),
        ("Submitted Date", "request_date"),
        ("Tanggal Diajukan", "request_date"),
        ("Refunded (IDR)", "refund_amount"),
        ("Qty Ret.", "quantity"),
        ("Alasan dari Pembeli", "reason_raw"),
        ("Trạng thái xử lý", "status"),
        # more paraphrases written here, none of them a synonym in rules/headers.csv
        ("Ngày gửi khiếu nại", "request_date"),
        ("Waktu Dibuat", "request_date"),
        ("Date Of Complaint", "request_date"),
        ("Seller Replied At", "response_date"),
        ("Tgl Selesai", "resolved_date"),
        ("Thời gian đóng yêu cầu", "resolved_date"),
        ("Tiền hoàn lại (VNĐ)", "refund_amount"),
        ("Total Refunded [USD]", "refund_amount"),
        ("Jumlah Unit Retur", "quantity"),
        ("Kode Barang", "sku"),
        ("Mã hàng hóa", "sku"),
        ("Nama Item", "product_name"),
        ("Loại hoàn tiền", "request_type"),
        ("Jenis Solusi", "request_type"),
        ("Nguyên nhân", "reason_raw"),
        ("Pesan dari Pembeli", "comment"),
        ("Status Klaim", "status"),
        ("Ticket #", "case_id"),
        ("Nomor Pesanan Asal", "order_id"),
        ("Kênh bán hàng", "channel"),
        ("Nhân viên phụ trách", "handled_by"),
        ("Ada Foto/Video", "proof_provided"),
        ("Mata Uang Refund", "currency"),
        ("Username Akun Pembeli", "_buyer_id"),
        ("No. HP Penerima", "_personal"),
        ("Họ tên người nhận", "_personal"),
    ],
)
def test_a_header_reads_by_meaning(header, column):
    assert best_meaning(header)[0] == column
    assert meaning_scores(header)[column] >= 0.5


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("Refund ($)", {"refund", "money"}),
        ("Refund (Rp)", {"refund", "money"}),
        ("Refund (₫)", {"refund", "money"}),
        ("Refund (IDR)", {"refund", "money"}),
        ("Created (GMT+7)", {"created", "date"}),
        ("Waktu Pengajuan (WIB)", {"date", "request"}),
        ("Request Time (UTC+07:00)", {"date", "request"}),
        ("Qty (pcs)", {"qty"}),
        ("Order #", {"order", "id"}),
        ("No. Retur", {"id", "request"}),
    ],
)
def test_brackets_units_currencies_and_time_zones(header, found):
    assert concepts(header)[0] == found


def test_the_issues_headers_map_in_one_row_with_confidence():
    headers = ["Return Initiated On", "Kode SKU", "Refunded (IDR)", "Qty Ret.", "Alasan dari Pembeli", "Trạng thái xử lý"]
    matches, _ = match_headers(headers)
    assert matches.column.tolist() == ["request_date", "sku", "refund_amount", "quantity", "reason_raw", "status"]
    assert (matches.confidence >= 0.8).all()
    assert matches.matched.tolist() == ["by meaning", "exact synonym"] + ["by meaning"] * 4


@pytest.mark.parametrize("header", ["Buyer Name", "Nama Pembeli", "Tên người mua", "Customer Full Name", "Recipient Phone"])
def test_a_buyer_name_is_never_a_comment_and_is_dropped(header):
    assert mapped([header, "SKU", "Buyer Comment"])[header] == "_personal"
    assert "comment" not in meaning_scores(header)


def test_order_date_is_not_the_request_date_when_a_request_date_exists():
    assert mapped(["Order Date", "Return Initiated On", "SKU"]) == {"Order Date": "", "Return Initiated On": "request_date", "SKU": "sku"}
    # ... but stays the fallback of an order ledger, which is then read as one
    assert mapped(["Order Date", "SKU"])["Order Date"] == "request_date"
    assert mapped(["Order Created (GMT+7)", "SKU"])["Order Created (GMT+7)"] == "request_date"
    assert is_order_date("Order Created (GMT+7)") and is_order_date("Order Date") and not is_order_date("Tanggal Diajukan")


@pytest.mark.parametrize(
    "header",
    ["Order Status", "Shop Name", "Product Name", "Courier", "Weight (kg)", "Returns report 2026", "Tracking Number", "Shipping Fee (Rp)"],
)
def test_headers_that_are_not_a_request_date_sku_or_reason(header):
    scores = meaning_scores(header)
    assert scores.get("request_date", 0) < 0.5 and scores.get("sku", 0) < 0.5 and scores.get("reason_raw", 0) < 0.5


def test_product_name_is_not_the_sku_and_a_code_is():
    assert mapped(["Nama Produk", "Kode Produk Penjual", "Tanggal"]) == {
        "Nama Produk": "product_name",
        "Kode Produk Penjual": "sku",
        "Tanggal": "request_date",
    }


def test_content_evidence_decides_between_two_readings():
    # "SL hoàn" (units returned) and "Hoàn tiền" (refund) both carry a refund word: the cells decide.
    headers = ["Ngày yêu cầu", "Mã SKU", "SL hoàn", "Tổng hoàn"]
    cells = [["2026-05-01", "2026-05-02"], ["A-1", "B-2"], ["1", "2"], ["125.000 ₫", "89.000 ₫"]]
    assert mapped(headers, cells) == {"Ngày yêu cầu": "request_date", "Mã SKU": "sku", "SL hoàn": "quantity", "Tổng hoàn": "refund_amount"}
    # A date header over cells that are not dates is not taken for the request date.
    low = choose(["Tanggal Diajukan", "SKU"], None, [pd.Series(["Rusak", "Salah kirim"]), pd.Series(["A-1", "B-2"])])
    assert low.missing() == ["request_date"]


def test_a_column_with_no_known_header_is_a_candidate_from_its_cells():
    found = choose(["Kolom X", "SKU"], None, [pd.Series(["2026-05-01", "2026-05-03", "2026-05-04"]), pd.Series(["A", "B", "C"])])
    assert found.missing() == ["request_date"]
    assert found.candidates("request_date")[0][0] == "Kolom X"
    assert found.matches.column.tolist() == ["", "sku"]  # never mapped on the cells alone


def test_one_column_per_field_for_the_best_total():
    # Two date headers: the request wording takes the request date, the other its own field.
    assert mapped(["Thời gian phản hồi", "Thời gian tạo yêu cầu", "SKU"]) == {
        "Thời gian phản hồi": "response_date",
        "Thời gian tạo yêu cầu": "request_date",
        "SKU": "sku",
    }


def test_header_row_with_new_wordings_is_found_under_a_title_and_above_a_description_row():
    rows = pd.DataFrame(
        [
            ["Laporan Retur Toko Mei", "", "", ""],
            ["", "", "", ""],
            ["Tanggal Diajukan", "Kode Barang", "Alasan dari Pembeli", "Refunded (IDR)"],
            ["kapan pembeli mengajukan", "kode dari penjual", "alasan", "uang kembali"],
            ["2026-05-01", "A-1", "Rusak", "125.000"],
        ],
        index=[1, 2, 3, 4, 5],
    )
    assert find_header(rows) == 3


def test_a_description_row_of_header_like_phrases_never_wins_over_the_known_header_row():
    rows = pd.DataFrame(
        [
            ["Order ID", "SKU", "Return Date", "Status"],
            ["Order number of the shop", "SKU code of product", "Date the return was requested", "Return status"],
            ["58", "A-1", "2026-05-01", "Refunded"],
        ],
        index=[1, 2, 3],
    )
    assert find_header(rows) == 1
