"""Sheets whose header is two rows: a group row (merged cells, or a label then blanks in a text export) above the
column names. Each column is read by its group and its own name together (`Pengembalian Dana · Jumlah` is the refund
amount, `Barang · Jumlah` the quantity), the data starts under the second row, and problems name the sheet's rows."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from analysis.money import currency_rule, refund_figure
from data.errors import ReadError
from data.reader import read_sheet
from data.store import Store


def mapped(result) -> dict[str, str]:
    """Column name as the user sees it -> the field it was mapped to ("" = not read)."""
    columns = result.sheets[0].columns
    return dict(zip(columns.raw, columns.column, strict=True))


def imported(tmp_path, path) -> pd.DataFrame:
    """The file imported into a real SQLite store of the test's own, its cases in sheet order."""
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        store.import_file(path)
        return store.load_cases().sort_values("source_row", ignore_index=True)


def refund_total(cases: pd.DataFrame, currency: str) -> float | None:
    return refund_figure(cases, currency_rule(cases, currency)).main


def indonesian_openpyxl(path) -> None:
    """Title, blank row, group row with cells merged across (Barang, Pengembalian Dana, Tanggal) and down over both
    rows (No Pesanan, Alasan), then the column names: two of them `Jumlah`, one a count and one an amount."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Retur"
    sheet["A1"] = "Laporan retur Mei 2026"
    sheet.append([])
    sheet.append(["No Pesanan", "Barang", None, "Pengembalian Dana", None, "Tanggal", None, "Alasan"])
    sheet.append([None, "SKU", "Jumlah", "Jumlah", "Mata Uang", "Permintaan", "Respons", None])
    for merged in ("A3:A4", "B3:C3", "D3:E3", "F3:G3", "H3:H4"):
        sheet.merge_cells(merged)
    sheet.append(["INV-1001", "TEE-RED-M", 2, 125000, "IDR", datetime(2026, 5, 2, 9, 30), datetime(2026, 5, 3), "Barang rusak"])
    sheet.append(["INV-1002", "TEE-BLU-L", 1, "89.000", "IDR", datetime(2026, 5, 4), datetime(2026, 5, 6), "Salah ukuran"])
    sheet.append(["INV-1003", "CAP-01", 1, 45000, "IDR", "besok", None, "Berubah pikiran"])  # no request date: row 7
    sheet.append(["INV-1004", "CAP-02", 3, "1.250.000", "IDR", datetime(2026, 5, 7), None, "Tidak sesuai pesanan"])
    book.save(path)


# The Indonesian sheet's columns, each read with its group (a merged cell, a blank after it, or the label repeated)
INDONESIAN_MAPPING = {
    "No Pesanan": "order_id",
    "Barang · SKU": "sku",
    "Barang · Jumlah": "quantity",
    "Pengembalian Dana · Jumlah": "refund_amount",
    "Pengembalian Dana · Mata Uang": "currency",
    "Tanggal · Permintaan": "request_date",
    "Tanggal · Respons": "response_date",
    "Alasan": "reason_raw",
}


def test_indonesian_merged_group_row_written_by_openpyxl(tmp_path):
    path = tmp_path / "retur.xlsx"
    indonesian_openpyxl(path)
    result = read_sheet(path)
    info = result.sheets[0]
    assert (info.header_row, info.group_row) == (4, 3)
    assert mapped(result) == INDONESIAN_MAPPING
    assert result.problems[["row", "column", "value"]].values.tolist() == [[7, "Tanggal · Permintaan", "besok"]]
    cases = imported(tmp_path, path)
    assert cases.source_row.tolist() == [5, 6, 8]
    assert cases.refund_amount.tolist() == [125000.0, 89000.0, 1250000.0]
    assert cases.quantity.tolist() == [2, 1, 3]
    assert cases.request_date.tolist() == [pd.Timestamp("2026-05-02 09:30"), pd.Timestamp("2026-05-04"), pd.Timestamp("2026-05-07")]
    assert cases.response_date.tolist()[:2] == [pd.Timestamp("2026-05-03"), pd.Timestamp("2026-05-06")]
    assert pd.isna(cases.response_date[2])
    assert refund_total(cases, "IDR") == 125000 + 89000 + 1250000


def test_a_column_the_user_unmaps_is_named_with_its_group(tmp_path):
    path = tmp_path / "retur.xlsx"
    indonesian_openpyxl(path)
    result = read_sheet(path, mapping={"Barang · Jumlah": ""})
    assert mapped(result)["Barang · Jumlah"] == ""
    assert mapped(result)["Pengembalian Dana · Jumlah"] == "refund_amount"
    assert result.cases.quantity.isna().all()  # no quantity column: unknown, never a count read from the amounts
    assert result.cases.refund_amount.tolist() == [125000.0, 89000.0, 1250000.0]


def test_english_merge_range_written_by_xlsxwriter(tmp_path):
    path = tmp_path / "returns.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Returns")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range(0, 0, 1, 0, "Order ID")
    sheet.merge_range(0, 1, 1, 1, "SKU")
    sheet.merge_range(0, 2, 0, 3, "Refund")
    sheet.merge_range(0, 4, 0, 5, "Dates")
    sheet.merge_range(0, 6, 1, 6, "Qty")
    sheet.write_row(1, 2, ["Amount", "Currency", "Requested", "Answered"])
    rows = [
        ("A-1", "TEE-1", 25.5, "USD", datetime(2026, 5, 1), datetime(2026, 5, 2), 1),
        ("A-2", "TEE-2", "not paid yet", "USD", datetime(2026, 5, 3), None, 2),  # an unreadable amount: row 4
        ("A-3", "TEE-3", 12, "USD", datetime(2026, 5, 4), datetime(2026, 5, 5), 1),
        ("A-4", "TEE-4", 40.25, "USD", "someday", None, 1),  # no request date: row 6
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, day)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, 1)
    assert mapped(result) == {
        "Order ID": "order_id",
        "SKU": "sku",
        "Refund · Amount": "refund_amount",
        "Refund · Currency": "currency",
        "Dates · Requested": "request_date",
        "Dates · Answered": "response_date",
        "Qty": "quantity",
    }
    assert sorted(result.problems[["row", "column"]].values.tolist()) == [[4, "Refund · Amount"], [6, "Dates · Requested"]]
    cases = imported(tmp_path, path)
    assert cases.source_row.tolist() == [3, 4, 5]
    assert cases.quantity.tolist() == [1, 2, 1]
    assert cases.response_date.tolist()[::2] == [pd.Timestamp("2026-05-02"), pd.Timestamp("2026-05-05")]
    assert refund_total(cases, "USD") == 25.5 + 12


def test_vietnamese_csv_with_the_group_name_then_blanks(tmp_path):
    path = tmp_path / "tra_hang.csv"
    path.write_text(
        "Mã đơn,Sản phẩm,,Hoàn tiền,,Ngày,,Lý do\n"
        ",SKU,Số lượng,Số tiền,Tiền tệ,Yêu cầu,Phản hồi,\n"
        "DH1,AO-1,1,150.000,VND,02/05/2026,03/05/2026,Hàng lỗi\n"
        'DH2,AO-2,2,"1.250.000",VND,04/05/2026,,Sai kích thước\n'
        "DH3,AO-3,1,90000,VND,không rõ,,Khác\n"
        "DH4,AO-4,1,75000,VND,06/05/2026,07/05/2026,Không giống mô tả\n",
        encoding="utf-8",
    )
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, 1)
    assert mapped(result) == {
        "Mã đơn": "order_id",
        "Sản phẩm · SKU": "sku",
        "Sản phẩm · Số lượng": "quantity",
        "Hoàn tiền · Số tiền": "refund_amount",
        "Hoàn tiền · Tiền tệ": "currency",
        "Ngày · Yêu cầu": "request_date",
        "Ngày · Phản hồi": "response_date",
        "Lý do": "reason_raw",
    }
    assert result.problems[["row", "column", "value"]].values.tolist() == [[5, "Ngày · Yêu cầu", "không rõ"]]
    cases = imported(tmp_path, path)
    assert cases.source_row.tolist() == [3, 4, 6]
    assert cases.refund_amount.tolist() == [150000.0, 1250000.0, 75000.0]
    assert cases.quantity.tolist() == [1, 2, 1]
    assert cases.request_date.dt.strftime("%Y-%m-%d").tolist() == ["2026-05-02", "2026-05-04", "2026-05-06"]
    assert refund_total(cases, "VND") == 150000 + 1250000 + 75000


def test_xls_merged_cells_written_by_xlwt(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Retur")
    sheet.write_merge(0, 1, 0, 0, "SKU")
    sheet.write_merge(0, 0, 1, 2, "Pengembalian Dana")
    sheet.write_merge(0, 0, 3, 4, "Tanggal")
    for c, name in enumerate(["Jumlah", "Mata Uang", "Permintaan", "Respons"], start=1):
        sheet.write(1, c, name)
    for r, row in enumerate([("TEE-1", 125000, "IDR", "2026-05-02", "2026-05-03"), ("TEE-2", 60000, "IDR", "2026-05-04", "")], start=2):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "retur.xls"
    book.save(str(path))
    result = read_sheet(path)
    assert mapped(result) == {
        "SKU": "sku",
        "Pengembalian Dana · Jumlah": "refund_amount",
        "Pengembalian Dana · Mata Uang": "currency",
        "Tanggal · Permintaan": "request_date",
        "Tanggal · Respons": "response_date",
    }
    assert result.cases.source_row.tolist() == [3, 4]
    assert result.cases.quantity.isna().all()
    assert refund_total(imported(tmp_path, path), "IDR") == 185000


def ods_cell(value: object = None, across: int = 1, down: int = 1) -> TableCell:
    """An OpenDocument cell, merged over `across` columns and `down` rows (the cells it covers are written covered)."""
    spans = {"numbercolumnsspanned": across} if across > 1 else {}
    spans |= {"numberrowsspanned": down} if down > 1 else {}
    if value is None:
        return TableCell(**spans)
    cell = TableCell(valuetype="float", value=value, **spans) if isinstance(value, int) else TableCell(valuetype="string", **spans)
    cell.addElement(P(text=str(value)))
    return cell


def test_ods_merged_cells_written_by_odfpy(tmp_path):
    rows = [
        [ods_cell("SKU", down=2), ods_cell("Hoàn tiền", across=2), CoveredTableCell(), ods_cell("Ngày", across=2), CoveredTableCell()],
        [CoveredTableCell(), ods_cell("Số tiền"), ods_cell("Tiền tệ"), ods_cell("Yêu cầu"), ods_cell("Phản hồi")],
        [ods_cell("AO-1"), ods_cell(150000), ods_cell("VND"), ods_cell("2026-05-02"), ods_cell("2026-05-03")],
        [ods_cell("AO-2"), ods_cell("1.250.000"), ods_cell("VND"), ods_cell("2026-05-04"), ods_cell()],
        [ods_cell("AO-3"), ods_cell(60000), ods_cell("VND"), ods_cell("hôm qua"), ods_cell()],  # no request date: row 5
    ]
    document, table = OpenDocumentSpreadsheet(), Table(name="Hoàn trả")
    for cells in rows:
        row = TableRow()
        for cell in cells:
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    path = tmp_path / "hoan_tra.ods"
    document.save(str(path))
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, 1)
    assert list(mapped(result).items())[1:] == [
        ("Hoàn tiền · Số tiền", "refund_amount"),
        ("Hoàn tiền · Tiền tệ", "currency"),
        ("Ngày · Yêu cầu", "request_date"),
        ("Ngày · Phản hồi", "response_date"),
    ]
    assert result.problems[["row", "column"]].values.tolist() == [[5, "Ngày · Yêu cầu"]]
    cases = imported(tmp_path, path)
    assert cases.source_row.tolist() == [3, 4]
    assert refund_total(cases, "VND") == 150000 + 1250000


def test_a_one_row_header_over_a_sparse_first_row_is_no_group(tmp_path):
    """A title right above a header with an unnamed column, and a first row of text alone that fills that column:
    neither the title nor the header is a group row, and the names are the header's own."""
    path = tmp_path / "retur.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Retur")
    sheet.write_row(0, 0, ["Retur bulan Mei"])
    sheet.write_row(1, 0, ["SKU", "Alasan", "", "Tanggal Pengajuan", "Jumlah"])
    sheet.write_row(2, 0, ["TEE-RED-M", "Rusak", "lihat foto"])  # sparse, text only, no date: a legend row
    sheet.write_row(3, 0, ["TEE-BLU-L", "Salah ukuran", "", "2026-05-04", "2"])
    sheet.write_row(4, 0, ["CAP-01", "Rusak", "", "2026-05-05", "1"])
    book.close()
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, None)
    assert mapped(result) == {
        "SKU": "sku",
        "Alasan": "reason_raw",
        "column C": "",
        "Tanggal Pengajuan": "request_date",
        "Jumlah": "quantity",
    }
    assert result.notes == ["row 3 under the header describes the columns (no date): skipped"]
    assert result.problems.empty
    assert result.cases.source_row.tolist() == [4, 5]
    assert result.cases.quantity.tolist() == [2, 1]


@pytest.mark.parametrize(
    ("cells", "quantity"),
    [(["125000", "89.000", "1.250.000", "45000"], None), (["1", "2", "1", "3"], [1, 2, 1, 3])],
    ids=["amounts", "counts"],
)
def test_a_column_of_amounts_is_no_quantity_whatever_its_header(tmp_path, cells, quantity):
    path = tmp_path / "retur.csv"
    rows = [f"TEE-{n},2026-05-0{n + 1},{cell}" for n, cell in enumerate(cells, start=1)]
    path.write_text("\n".join(["SKU,Tanggal Pengajuan,Jumlah", *rows]) + "\n", encoding="utf-8")
    result = read_sheet(path)
    assert mapped(result)["Jumlah"] == ("quantity" if quantity else "")
    if quantity:
        assert result.cases.quantity.tolist() == quantity
    else:
        assert result.cases.quantity.isna().all()


def write_table(path, rows: list[list[object]]) -> None:
    """The rows as a workbook written by openpyxl (no merged cell) or as a CSV, by the path's suffix."""
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append([None if cell == "" else cell for cell in row])
        book.save(path)
    else:
        pd.DataFrame(rows).to_csv(path, index=False, header=False)


# Each group label written in every cell of its run, as exporters that do not merge (and unmerged sheets) write them.
REPEATED = {
    "english": (
        [
            ["", "", "Refund", "Refund", "Dates", "DATES ", "Buyer"],
            ["Order ID", "SKU", "Amount", "Currency", "Requested", "Answered", "Name"],
            ["A-1", "TEE-1", 25.5, "USD", datetime(2026, 5, 1, 9, 30), datetime(2026, 5, 2), "Ann Lee"],
            ["A-2", "TEE-2", 12, "USD", datetime(2026, 5, 3), "", "Bo Tan"],
            ["A-3", "TEE-3", 40.25, "USD", "someday", "", "Cy Ng"],  # no request date: row 5
            ["A-4", "TEE-4", 7.75, "USD", datetime(2026, 5, 6), datetime(2026, 5, 7), "Di Ho"],
        ],
        {
            "Order ID": "order_id",
            "SKU": "sku",
            "Refund · Amount": "refund_amount",
            "Refund · Currency": "currency",
            "Dates · Requested": "request_date",
            "Dates · Answered": "response_date",
            "Buyer · Name": "_personal",
        },
        ("USD", 25.5 + 12 + 7.75, None, ["2026-05-01 09:30", "2026-05-03", "2026-05-06"], [3, 4, 6], "Dates · Requested"),
    ),
    "indonesian": (
        [
            ["", "Barang", "barang", "Pengembalian Dana", "PENGEMBALIAN  DANA", "Tanggal", "Tanggal", "Alasan"],
            ["No Pesanan", "SKU", "Jumlah", "Jumlah", "Mata Uang", "Permintaan", "Respons", ""],
            ["INV-1", "TEE-RED-M", 2, 125000, "IDR", datetime(2026, 5, 2, 9, 30), datetime(2026, 5, 3), "Barang rusak"],
            ["INV-2", "TEE-BLU-L", 1, "89.000", "IDR", datetime(2026, 5, 4), "", "Salah ukuran"],
            ["INV-3", "CAP-01", 1, 45000, "IDR", "besok", "", "Berubah pikiran"],  # no request date: row 5
            ["INV-4", "CAP-02", 3, "1.250.000", "IDR", datetime(2026, 5, 7), "", "Tidak sesuai pesanan"],
        ],
        INDONESIAN_MAPPING,
        ("IDR", 125000 + 89000 + 1250000, [2, 1, 3], ["2026-05-02 09:30", "2026-05-04", "2026-05-07"], [3, 4, 6], "Tanggal · Permintaan"),
    ),
}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("language", sorted(REPEATED))
def test_a_group_label_repeated_over_its_columns_is_a_group(tmp_path, language, suffix):
    rows, expected, (currency, total, quantity, requested, kept, date_column) = REPEATED[language]
    path = tmp_path / f"returns{suffix}"
    write_table(path, rows)
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, 1)
    assert mapped(result) == expected
    assert result.problems[["row", "column"]].values.tolist() == [[5, date_column]]
    cases = imported(tmp_path, path)
    assert cases.source_row.tolist() == kept
    assert refund_total(cases, currency) == total
    if quantity is None:
        assert cases.quantity.isna().all()  # no quantity column: unknown, never a count read from the amounts
    else:
        assert cases.quantity.tolist() == quantity
    assert cases.request_date.tolist() == [pd.Timestamp(day) for day in requested]
    answered = {"english": ["2026-05-02", None, "2026-05-07"], "indonesian": ["2026-05-03", None, None]}[language]
    assert [None if pd.isna(day) else day for day in cases.response_date] == [day and pd.Timestamp(day) for day in answered]
    assert "Ann Lee" not in cases.astype(str).to_numpy().ravel().tolist()  # the buyer's name is not stored


def test_distinct_labels_one_per_column_are_the_header_over_a_description_row(tmp_path):
    """A header row over a row describing each column: every label stands over one column, so nothing is grouped."""
    path = tmp_path / "returns.csv"
    write_table(
        path,
        [
            ["Order ID", "SKU", "Return Date", "Reason", "Qty"],
            ["Platform order number", "Seller SKU", "When the buyer asked", "Why, in the buyer's words", "Units sent back"],
            ["A-1", "TEE-1", "2026-05-01", "Too small", 1],
            ["A-2", "TEE-2", "2026-05-02", "Damaged", 2],
        ],
    )
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (1, None)
    assert list(mapped(result)) == ["Order ID", "SKU", "Return Date", "Reason", "Qty"]
    assert result.cases.quantity.tolist() == [1, 2]


def test_one_label_repeated_over_the_whole_header_is_a_title(tmp_path):
    path = tmp_path / "returns.csv"
    write_table(
        path,
        [
            ["Returns May 2026"] * 3,
            ["SKU", "Return Date", "Qty"],
            ["TEE-1", "2026-05-01", 1],
        ],
    )
    result = read_sheet(path)
    assert (result.sheets[0].header_row, result.sheets[0].group_row) == (2, None)
    assert list(mapped(result)) == ["SKU", "Return Date", "Qty"]


def plain_and_grouped(tmp_path) -> tuple:
    """The same sheet twice: its header row alone, then under a group row. `Logged` is a date no rule knows."""
    header = ["Order ID", "SKU", "Amount", "Currency", "Logged", "Answered"]
    body = [["A-1", "TEE-1", 25.5, "USD", "2026-05-01", "2026-05-02"], ["A-2", "TEE-2", 12, "USD", "2026-05-03", ""]]
    plain, grouped = tmp_path / "plain.csv", tmp_path / "grouped.csv"
    write_table(plain, [header, *body])
    write_table(grouped, [["", "", "Refund", "", "Dates", ""], header, *body])
    return plain, grouped


def first_sheet(path, mapping: dict[str, str] | None = None):
    """The first sheet as read, also when the read stops because a required column is not found."""
    try:
        return read_sheet(path, mapping=mapping).sheets[0]
    except ReadError as err:
        return err.sheets[0]


def test_a_mapping_saved_for_the_header_row_alone_reads_the_sheet_under_a_group_row(tmp_path):
    plain, grouped = plain_and_grouped(tmp_path)
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        saved_for = first_sheet(plain)
        assert "request_date" in saved_for.missing  # `Logged` is not recognised: the user maps it and saves
        store.save_mapping(saved_for.signature, {"Logged": "request_date", "Answered": ""})
        sheet = first_sheet(grouped)
        assert sheet.group_row == 1 and sheet.plain_names == ["Order ID", "SKU", "Amount", "Currency", "Logged", "Answered"]
        assert sheet.signatures() == [sheet.signature, saved_for.signature]
        found = sheet.saved_mapping(store.saved_mapping)
        assert found == (saved_for.signature, {"Dates · Logged": "request_date", "Dates · Answered": ""})
        result = read_sheet(grouped, mapping=found[1])
        assert mapped(result)["Dates · Logged"] == "request_date" and mapped(result)["Dates · Answered"] == ""
        assert mapped(result)["Refund · Amount"] == "refund_amount"
        assert result.cases.request_date.tolist() == [pd.Timestamp("2026-05-01"), pd.Timestamp("2026-05-03")]
        assert result.cases.response_date.isna().all()
        assert refund_total(result.cases, "USD") == 25.5 + 12
        # A mapping saved for the names as read under the group row comes first.
        as_read = {"Dates · Logged": "request_date", "Dates · Answered": "resolved_date"}
        store.save_mapping(sheet.signature, as_read)
        assert sheet.saved_mapping(store.saved_mapping) == (sheet.signature, as_read)
        assert first_sheet(plain).saved_mapping(store.saved_mapping) == (saved_for.signature, {"Logged": "request_date", "Answered": ""})


def test_a_marketplace_header_row_under_a_group_row_is_recognised(tmp_path):
    header = ["Return ID", "Order ID", "Order Item ID", "Return Type", "Return Requested Date", "Completed Date"]
    header += ["Return Status", "Return Reason", "Return Sub-reason", "SKU"]
    groups = ["Ids", "Ids", "Ids", "Return", "Dates", "Dates", "Outcome", "Why", "Why", ""]
    rows = [
        ["R1", "OD1", "OI1", "customer_return", "2026-04-02", "", "approved", "SIZE_ISSUE", "Too tight", "FK-2"],
        ["R2", "OD2", "OI2", "customer_return", "2026-04-05", "2026-04-09", "completed", "DAMAGED_PRODUCT", "", "FK-3"],
    ]
    path = tmp_path / "fk.xlsx"
    write_table(path, [groups, header, *rows])
    result = read_sheet(path)
    sheet = result.sheets[0]
    assert (sheet.header_row, sheet.group_row, sheet.preset) == (2, 1, "Flipkart returns")
    assert sheet.columns.set_index("raw").loc["Dates · Return Requested Date", ["column", "matched"]].tolist() == ["request_date", "preset"]
    assert sheet.columns.set_index("raw").loc["Why · Return Sub-reason", "column"] == "comment"
    cases = imported(tmp_path, path)
    assert cases.case_id.tolist() == ["R1", "R2"]
    assert cases.request_date.tolist() == [pd.Timestamp("2026-04-02"), pd.Timestamp("2026-04-05")]
    assert cases.status.tolist() == ["approved", "closed"]
    assert cases.comment.tolist()[0] == "Too tight"
