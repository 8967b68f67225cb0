"""One test per class of bad or awkward input, each a real file written by a real writer."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

from data import formats, sandbox
from data.errors import ReadError
from data.reader import read_sheet

HEADER = ["Order ID", "SKU", "Request Date", "Request Type", "Reason", "Refund Amount"]
ROWS = [
    ["1001", "TEE-RED-M", "2026-04-29", "refund only", "Barang rusak", "125000"],
    ["1002", "TEE-BLU-L", "2026-04-30", "Return & Refund", "Too small", "99000"],
]


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows, title=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title or "Returns"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# ---------------------------------------------------------------- files that cannot be read


def test_csv_renamed_xlsx_is_read_from_its_bytes_and_says_so(tmp_path):
    path = write_csv(tmp_path / "returns.xlsx", [HEADER, *ROWS])
    result = read_sheet(path)
    assert len(result.cases) == 2
    assert any("named .xlsx but holds delimited text" in note for note in result.notes)


def test_password_protected_workbook_gets_a_clear_message(tmp_path):
    plain = write_xlsx(tmp_path / "plain.xlsx", [HEADER, *ROWS])
    locked = tmp_path / "locked.xlsx"
    with open(plain, "rb") as source, open(locked, "wb") as target:
        office = OOXMLFile(source)
        office.encrypt("secret", target)
    with pytest.raises(ReadError, match=r"locked\.xlsx is a password-protected workbook"):
        read_sheet(locked)


def test_truncated_workbook_gets_a_clear_message(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", [HEADER, *ROWS]).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match=r"cut\.xlsx looks like a damaged or truncated workbook"):
        read_sheet(cut)


def test_empty_file(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty\.csv is empty"):
        read_sheet(tmp_path / "empty.csv")


def test_binary_file_that_is_not_a_sheet(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match=r"photo\.csv is not a spreadsheet"):
        read_sheet(path)


def test_missing_required_column_lists_required_and_found(tmp_path):
    path = write_csv(tmp_path / "no_date.csv", [["Order ID", "SKU", "Reason"], ["1", "A", "Rusak"]])
    with pytest.raises(ReadError) as error:
        read_sheet(path)
    message = str(error.value)
    assert "no_date.csv" in message and "SKU" in message and "request date" in message
    assert "Columns found: the table: Order ID, SKU, Reason" in message
    # The error carries the sheet report, so the upload page can offer the headers for a manual mapping.
    (sheet,) = error.value.sheets
    assert sheet.status == "skipped-no-table" and sheet.columns["raw"].tolist() == ["Order ID", "SKU", "Reason"]
    assert sheet.signature


def test_duplicate_headers_name_both(tmp_path):
    path = write_csv(tmp_path / "dupes.csv", [["SKU", "Request Date", "sku "], ["A", "2026-04-29", "B"]])
    with pytest.raises(ReadError, match=r"two columns named 'SKU' and 'sku'"):
        read_sheet(path)


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", [HEADER, *ROWS])
    with pytest.raises(ReadError, match=r"no sheet named 'Mei'; its sheets are: Returns"):
        read_sheet(path, sheet="Mei")


# ---------------------------------------------------------------- encodings and delimiters

TEXT_ROWS = [
    ["Mã đơn hàng", "SKU", "Ngày yêu cầu", "Loại yêu cầu", "Lý do"],
    ["A-1", "ÁO-ĐỎ", "29/04/2026", "Chỉ hoàn tiền", "Hàng bị lỗi"],
    ["A-2", "QUẦN-XANH", "30/04/2026", "Trả hàng hoàn tiền", "Giao sai màu"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings_read_back_exactly(tmp_path, encoding):
    path = write_csv(tmp_path / f"vn_{encoding}.csv", TEXT_ROWS, encoding=encoding)
    cases = read_sheet(path).cases
    assert cases.sku.tolist() == ["ÁO-ĐỎ", "QUẦN-XANH"]
    assert cases.request_type.tolist() == ["Refund Only", "Return + Refund"]
    assert cases.reason.tolist() == ["Defective", "Wrong item"]


def test_excel_unicode_text_is_utf16_and_tab_delimited(tmp_path):
    path = write_csv(tmp_path / "unicode.txt", TEXT_ROWS, encoding="utf-16", delimiter="\t")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert read_sheet(path).cases.reason_raw.tolist() == ["Hàng bị lỗi", "Giao sai màu"]


def _cp1258(text: str) -> str:
    """Vietnamese as Windows writes it in cp1258: a base letter plus a combining tone mark."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            out.append(unicodedata.normalize("NFC", parts[:-1]) + parts[-1])
    return "".join(out)


def test_cp1258_vietnamese_is_detected_not_garbled(tmp_path):
    rows = [[_cp1258(cell) for cell in row] for row in TEXT_ROWS]
    path = write_csv(tmp_path / "vn_1258.csv", rows, encoding="cp1258")
    cases = read_sheet(path).cases
    assert cases.reason_raw.tolist() == ["Hàng bị lỗi", "Giao sai màu"]
    assert cases.request_type.tolist() == ["Refund Only", "Return + Refund"]


def test_cp1252_western_text_is_detected_not_garbled(tmp_path):
    rows = [
        ["SKU", "Return Date", "Reason", "Comment"],
        ["CRÈME-01", "29/04/2026", "Défectueux", "Ça ne marche pas, très déçu — 12 €"],
        ["GRÖßE-02", "30/04/2026", "Changed mind", "Señor, no me gustó"],
    ]
    path = write_csv(tmp_path / "fr_1252.csv", rows, encoding="cp1252", delimiter=";")
    cases = read_sheet(path).cases
    assert cases.sku.tolist() == ["CRÈME-01", "GRÖßE-02"]
    assert cases.comment.tolist() == ["Ça ne marche pas, très déçu — 12 €", "Señor, no me gustó"]


def test_semicolon_file_with_decimal_commas(tmp_path):
    rows = [["SKU", "Request Date", "Refund Amount"], ["A", "29.04.2026", "1.250,50"], ["B", "30.04.2026", "Rp 1.250.000"]]
    path = write_csv(tmp_path / "semicolon.csv", rows, delimiter=";")
    cases = read_sheet(path).cases
    assert cases.refund_amount.tolist() == [1250.5, 1250000.0]
    assert cases.request_date.dt.strftime("%Y-%m-%d").tolist() == ["2026-04-29", "2026-04-30"]


def test_nfd_headers_from_a_mac_map_like_nfc(tmp_path):
    rows = [[unicodedata.normalize("NFD", h) for h in TEXT_ROWS[0]], *TEXT_ROWS[1:]]
    path = write_csv(tmp_path / "nfd.csv", rows)
    mapping = read_sheet(path).mapping[""]
    assert set(mapping.values()) == {"order_id", "sku", "request_date", "request_type", "reason_raw"}


@pytest.mark.parametrize("first_multiline_row", [1, 5_000])
@pytest.mark.parametrize("piece_bytes", [formats.PIECE_BYTES, 100_003])
def test_comments_spanning_lines_are_read_whole_in_a_large_file(tmp_path, monkeypatch, first_multiline_row, piece_bytes):
    # Large enough (~1.5 MB) for Arrow to split it into blocks; row 5,000 is past the lines the reader
    # samples. With 100 kB pieces the file is also cut into pieces read side by side, and cuts fall
    # inside comments that span lines: no comment may be cut in two.
    monkeypatch.setattr(formats, "PIECE_BYTES", piece_bytes)
    monkeypatch.setattr(formats, "WORKERS", 4)
    rows = [["Order ID", "SKU", "Request Date", "Buyer Comment"]]
    for i in range(20_000):
        comment = f"torn seam\nphoto {i} attached" if i >= first_multiline_row and i % 7 == 0 else f"too small {i}"
        rows.append([f"{100_000 + i}", f"SKU-{i % 40}", "2026-04-29 10:15", comment])
    path = write_csv(tmp_path / "multiline.csv", rows)
    with sandbox.in_process():  # the patched piece size must reach the reader
        read = read_sheet(path)
    assert len(read.cases) == 20_000 and read.problems.empty
    comments = read.cases.set_index("order_id")["comment"]
    assert comments["105005"] == "torn seam\nphoto 5005 attached"
    assert comments["119998"] == "too small 19998"
    assert read.cases["source_row"].iloc[-1] == 20_001  # rows are counted as records, not lines


# ---------------------------------------------------------------- workbooks and layouts


def test_hidden_sheets_are_skipped_and_reported(tmp_path):
    path = write_xlsx(tmp_path / "hidden.xlsx", [HEADER, *ROWS])
    book = openpyxl.load_workbook(path)
    secret = book.create_sheet("Old returns")
    for row in [HEADER, *ROWS]:
        secret.append(row)
    secret.sheet_state = "hidden"
    book.save(path)
    result = read_sheet(path)
    assert len(result.cases) == 2
    assert [(s.name, s.status) for s in result.sheets] == [("Returns", "read"), ("Old returns", "skipped-hidden")]
    assert any("'Old returns' is hidden" in note for note in result.notes)


def test_titles_group_headers_legend_blank_rows_and_totals_are_skipped(tmp_path):
    path = tmp_path / "report.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Report")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Returns report, April 2026"])  # title
    sheet.write_row(2, 0, ["Order", "", "", "Money"])  # group header over the real header
    sheet.write_row(3, 0, ["Order ID", "SKU", "Request Date", "Refund Amount"])
    sheet.write_row(4, 0, ["marketplace order number", "seller SKU", "date the buyer asked", "A"])  # legend
    sheet.write_row(5, 0, ["1001", "A"])
    sheet.write_datetime(5, 2, datetime(2026, 4, 29, 10, 15), dates)
    sheet.write_number(5, 3, 125000)
    sheet.write_row(7, 0, ["1002", "B"])  # row 7 (Excel) left blank
    sheet.write_datetime(7, 2, datetime(2026, 4, 30), dates)
    sheet.write_number(7, 3, 99000)
    sheet.write_row(8, 0, ["Total", "", ""])
    sheet.write_formula(8, 3, "=SUM(D6:D8)", None, 224000)
    book.close()
    result = read_sheet(path)
    assert result.sheets[0].header_row == 4
    assert result.cases.source_row.tolist() == [6, 8]
    assert result.cases.request_date.tolist() == [pd.Timestamp("2026-04-29 10:15"), pd.Timestamp("2026-04-30")]
    assert result.problems.empty
    assert result.summary().loc[0, ["rows read", "to import", "rejected", "skipped"]].tolist() == [4, 2, 0, 2]


def test_xls_written_by_xlwt(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Returns")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "old.xls"
    book.save(str(path))
    assert read_sheet(path).cases.sku.tolist() == ["TEE-RED-M", "TEE-BLU-L"]


def test_ods_written_by_pandas(tmp_path):
    path = tmp_path / "libre.ods"
    pd.DataFrame(ROWS, columns=HEADER).to_excel(path, engine="odf", index=False)
    assert read_sheet(path).cases.request_type.tolist() == ["Refund Only", "Return + Refund"]


def test_sheet_picks_one_sheet(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [HEADER, ROWS[0]])
    book = openpyxl.load_workbook(path)
    other = book.create_sheet("May")
    for row in [HEADER, ROWS[1]]:
        other.append(row)
    book.save(path)
    assert len(read_sheet(path).cases) == 2
    assert read_sheet(path, sheet="May").cases.sku.tolist() == ["TEE-BLU-L"]


def test_uploaded_file_object_with_a_name():
    buffer = io.BytesIO("\n".join(",".join(r) for r in [HEADER, *ROWS]).encode())
    buffer.name = "upload.csv"
    result = read_sheet(buffer)
    assert result.cases.source_file.tolist() == ["upload.csv", "upload.csv"]


# ---------------------------------------------------------------- values and problems


def test_rows_missing_required_fields_are_listed_and_the_others_import(tmp_path):
    rows = [
        HEADER,
        ROWS[0],
        ["1003", "", "2026-05-01", "reship", "Missing parts", ""],
        ["1004", "C", "not a date", "exchange", "Wrong size", ""],
        ROWS[1],
    ]
    path = write_xlsx(tmp_path / "gaps.xlsx", rows)
    result = read_sheet(path)
    assert result.cases.sku.tolist() == ["TEE-RED-M", "TEE-BLU-L"]
    problems = result.problems.set_index("row")
    assert problems.loc[3, "column"] == "SKU" and "row not imported" in problems.loc[3, "message"]
    assert (problems.loc[4, "column"], problems.loc[4, "value"]) == ("Request Date", "not a date")
    assert problems.sheet.unique().tolist() == ["Returns"]
    assert result.summary().loc[0, ["rows read", "to import", "rejected"]].tolist() == [4, 2, 2]


def test_doubtful_values_are_problems_but_rows_import(tmp_path):
    rows = [
        HEADER + ["Status", "Qty", "Proof"],
        ["1", "A", "2026-04-29", "something odd", "Defective", "twelve", "mystery", "1.5", "maybe"],
    ]
    result = read_sheet(write_csv(tmp_path / "odd.csv", rows))
    assert len(result.cases) == 1
    case = result.cases.iloc[0]
    assert (case.request_type, pd.isna(case.refund_amount), pd.isna(case.status)) == ("Unknown", True, True)
    flagged = dict(zip(result.problems.column, result.problems.value, strict=True))
    assert flagged == {"Request Type": "something odd", "Refund Amount": "twelve", "Status": "mystery", "Qty": "1.5", "Proof": "maybe"}
    assert (result.problems.row == 2).all()


def test_ambiguous_day_month_column_is_reported(tmp_path):
    rows = [["SKU", "Request Date"], ["A", "03/04/2026"], ["B", "05/06/2026"]]
    result = read_sheet(write_csv(tmp_path / "ambiguous.csv", rows))
    assert result.cases.request_date.dt.strftime("%Y-%m-%d").tolist() == ["2026-04-03", "2026-06-05"]
    assert "column Request Date is ambiguous day/month; read as day-first" in result.notes


def test_month_first_is_decided_from_the_column(tmp_path):
    rows = [["SKU", "Request Date"], ["A", "03/04/2026"], ["B", "12/31/2026"]]
    result = read_sheet(write_csv(tmp_path / "us.csv", rows))
    assert result.cases.request_date.dt.strftime("%Y-%m-%d").tolist() == ["2026-03-04", "2026-12-31"]
    assert not any("ambiguous" in note for note in result.notes)


def test_buyer_personal_data_is_never_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_SALT", "test-salt")
    rows = [
        ["SKU", "Request Date", "Buyer Name", "Phone Number", "E-mail", "Shipping Address", "Buyer ID"],
        ["A", "2026-04-29", "Budi Santoso", "+62 812 555 0101", "budi@example.com", "Jl. Merdeka 1", "u-77"],
        ["B", "2026-04-30", "Budi Santoso", "+62 812 555 0101", "budi@example.com", "Jl. Merdeka 1", "u-77"],
    ]
    result = read_sheet(write_csv(tmp_path / "people.csv", rows))
    stored = result.cases.astype(str).to_numpy().ravel().tolist()
    for secret in ("Budi Santoso", "+62 812 555 0101", "budi@example.com", "Jl. Merdeka 1", "u-77"):
        assert secret not in stored
    assert result.cases.buyer_hash.nunique() == 1 and len(result.cases.buyer_hash[0]) == 24
    assert any("Buyer Name, Phone Number, E-mail, Shipping Address dropped" in n for n in result.notes)
    remapped = read_sheet(tmp_path / "people.csv", mapping={"Buyer Name": "comment", "Phone Number": "handled_by"})
    assert remapped.cases.comment.isna().all() and remapped.cases.handled_by.isna().all()
    monkeypatch.setenv("RETURNS_RADAR_SALT", "other-salt")
    assert read_sheet(tmp_path / "people.csv").cases.buyer_hash[0] != result.cases.buyer_hash[0]


def test_generated_case_ids_are_stable_and_distinct(tmp_path):
    rows = [
        ["Order ID", "SKU", "Request Date", "Request Type"],
        ["9", "A", "2026-04-29", "refund"],
        ["9", "A", "2026-04-29", "refund"],
        ["9", "B", "2026-04-29", "refund"],
    ]
    path = write_csv(tmp_path / "noid.csv", rows)
    first, again = read_sheet(path).cases.case_id.tolist(), read_sheet(path).cases.case_id.tolist()
    assert first == again and len(set(first)) == 3


def test_user_mapping_overrides_and_ignores(tmp_path):
    rows = [["Kode", "Tgl", "Catatan"], ["A", "2026-04-29", "rusak"]]
    path = write_csv(tmp_path / "custom.csv", rows)
    with pytest.raises(ReadError):
        read_sheet(path)
    result = read_sheet(path, mapping={"Kode": "sku", "Tgl": "request_date", "Catatan": ""})
    assert result.mapping[""] == {"Kode": "sku", "Tgl": "request_date"}
    assert result.cases.comment.isna().all()
    columns = result.sheets[0].columns.set_index("raw")
    assert columns.loc["Kode", "matched"] == "user" and columns.loc["Catatan", "column"] == ""


def test_mapping_to_an_unknown_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "custom.csv", [HEADER, *ROWS])
    with pytest.raises(ReadError, match=r"custom\.csv: the mapping names unknown column colour_code"):
        read_sheet(path, mapping={"SKU": "colour_code"})


def test_a_first_data_row_with_a_mistyped_date_is_listed_not_skipped(tmp_path):
    rows = [HEADER, ["1001", "TEE-RED-M", "29/13/2026", "refund only", "Rusak", "125000"], *ROWS]
    result = read_sheet(write_csv(tmp_path / "typo.csv", rows))
    assert len(result.cases) == 2
    assert result.problems[["row", "column", "value"]].values.tolist() == [[2, "Request Date", "29/13/2026"]]
