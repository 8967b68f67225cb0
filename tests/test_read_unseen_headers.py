"""read_sheet on sheets whose headers no rule lists: read by meaning, or refused with the missing field named and
the best guesses attached (so a person can fix it), and sheets with no product column imported under No SKU."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from data.errors import ReadError
from data.reader import read_sheet
from data.schema import NO_SKU


def write_csv(path, rows, sep=";"):
    path.write_text("\n".join(sep.join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_semicolon_csv_with_title_rows_and_indonesian_headers(tmp_path):
    path = write_csv(
        tmp_path / "retur mei.csv",
        [
            ["Laporan Retur Toko Mei 2026", "", "", "", ""],
            ["", "", "", "", ""],
            ["Tanggal Diajukan", "Kode Barang", "Alasan dari Pembeli", "Refunded (IDR)", "Qty Ret."],
            ["02/05/2026", "KAOS-M", "Barang rusak", "125.000", "1"],
            ["03/05/2026", "KAOS-L", "Salah kirim", "89.500", "2"],
        ],
    )
    result = read_sheet(path)
    cases = result.cases
    assert result.sheets[0].header_row == 3 and result.sheets[0].missing == []
    assert cases.sku.tolist() == ["KAOS-M", "KAOS-L"]
    assert cases.request_date.tolist() == [pd.Timestamp("2026-05-02"), pd.Timestamp("2026-05-03")]
    assert cases.refund_amount.tolist() == [125000.0, 89500.0] and cases.quantity.tolist() == [1, 2]
    assert cases.reason_raw.tolist() == ["Barang rusak", "Salah kirim"]


def test_vietnamese_workbook_with_a_description_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Đơn hoàn"
    sheet.append(["Thời gian tạo yêu cầu (GMT+7)", "Mã SKU", "Trạng thái xử lý", "Tiền hoàn (₫)", "Tên người mua"])
    sheet.append(["khi khách gửi", "mã hàng", "trạng thái", "số tiền", "tên"])
    sheet.append(["2026-05-04 10:00", "AO-1", "Đã hoàn tiền", "150.000", "Nguyễn Văn A"])
    path = tmp_path / "hoan.xlsx"
    book.save(path)
    result = read_sheet(path)
    case = result.cases.iloc[0]
    assert (case.sku, case.status, case.refund_amount) == ("AO-1", "refunded", 150000.0)
    assert case.request_date == pd.Timestamp("2026-05-04 10:00")
    assert any("Tên người mua" in n and "not stored" in n for n in result.notes)
    assert "Nguyễn" not in result.cases.astype(str).to_string()


def test_an_unrecognised_request_date_is_refused_with_the_missing_field_and_the_best_guess(tmp_path):
    path = write_csv(
        tmp_path / "log.csv", [["Kolom C", "SKU", "Reason"], ["2026-05-01", "A-1", "Broken"], ["2026-05-02", "B-2", "Too small"]], sep=","
    )
    with pytest.raises(ReadError) as error:
        read_sheet(path)
    message = str(error.value)
    assert "log.csv" in message and "missing: the request date (best candidates: 'Kolom C'" in message
    (sheet,) = error.value.sheets
    assert sheet.missing == ["request_date"] and sheet.candidates["request_date"][0][0] == "Kolom C"
    assert sheet.columns.set_index("raw").column.to_dict() == {"Kolom C": "", "SKU": "sku", "Reason": "reason_raw"}
    assert sheet.preview.columns.tolist() == ["Kolom C", "SKU", "Reason"] and sheet.preview.shape == (2, 3)
    # The person picks the column: the sheet imports.
    picked = read_sheet(path, mapping={"Kolom C": "request_date"})
    assert picked.cases.request_date.tolist() == [pd.Timestamp("2026-05-01"), pd.Timestamp("2026-05-02")]
    assert picked.cases.reason.tolist() == ["Damaged item", "Wrong size or fit"]


def test_a_sheet_without_a_product_column_needs_the_no_sku_confirmation(tmp_path):
    path = write_csv(
        tmp_path / "notes.csv",
        [
            ["No. Pesanan", "Alasan", "Tanggal Pengajuan", "Dana Dikembalikan (Rp)"],
            ["1001", "Rusak", "2026-05-01", "50.000"],
            ["1002", "Salah ukuran", "2026-05-02", ""],
            ["1003", "Rusak", "", "10.000"],
        ],
    )
    with pytest.raises(ReadError) as error:
        read_sheet(path)
    assert "missing: the SKU (or product name)" in str(error.value) and "import the sheet with no SKU" in str(error.value)
    assert error.value.sheets[0].missing == ["sku"]
    result = read_sheet(path, no_sku=True)
    assert result.cases.sku.tolist() == [NO_SKU, NO_SKU]
    assert result.cases.order_id.tolist() == ["1001", "1002"]
    assert result.cases.refund_amount.tolist()[0] == 50000.0
    assert result.problems.message.tolist() == ["required request date is missing; row not imported"]
    assert result.sheets[0].rows_rejected == 1 and any(NO_SKU in n for n in result.notes)


def test_no_sku_keeps_a_sku_column_when_there_is_one(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["SKU", "Return Date"], ["A-1", "2026-05-01"], ["", "2026-05-02"]], sep=",")
    result = read_sheet(path, no_sku=True)
    assert result.cases.sku.tolist() == ["A-1"] and result.sheets[0].rows_rejected == 1


def test_an_order_ledger_dated_by_a_new_order_date_wording(tmp_path):
    path = write_csv(
        tmp_path / "ledger.csv",
        [["Order Created At", "SKU", "Order Status"], ["2026-05-01", "A", "Completed"], ["2026-05-02", "B", "Returned"]],
        sep=",",
    )
    result = read_sheet(path)
    assert result.cases.sku.tolist() == ["B"] and result.sheets[0].rows_skipped == 1
    assert any("order ledger" in n for n in result.notes)
