"""The file reader's own words on the Upload page in Indonesian and Vietnamese: a refused file, a sheet not read and a
cell that could not be read are said in the chosen language with the file, sheet, row and column they concern;
the command line and the reader's `str()` stay English. Expected sentences are written by hand."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from data.cli import main
from data.reader import read_sheet
from tests import hostile_files as hostile
from tests import sheets
from tests.app_pages import open_link
from tests.rendered import rendered
from ui import format, i18n, upload_review

pytestmark = pytest.mark.usefixtures("fresh_app")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Case ID", "SKU", "Request Date", "Reason"]


def twice_named() -> bytes:
    """A sheet named "Tháng 11" whose header row holds the SKU column twice (`SKU`, `sku`)."""
    return sheets.workbook([["R-1", "A", datetime(2026, 11, 2), "Damaged", "A"]], [*HEADER, "sku"], title="Tháng 11")


def one_bad_date() -> bytes:
    """Sheet "Retur": row 3 holds no date ("kemarin"); and a hidden sheet "Lama" that is not read."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Retur"
    for row in (HEADER, ["R-1", "A", datetime(2026, 11, 2), "Damaged"], ["R-2", "B", "kemarin", "Damaged"]):
        sheet.append(row)
    hidden = book.create_sheet("Lama")
    hidden.append(HEADER)
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(language: str, name: str, data: bytes):
    at = open_link("views/upload.py", {"lang": language})
    at.file_uploader[0].set_value([(name, data, XLSX)]).run()
    assert not at.exception, at.exception
    return at


def errors(at) -> list[str]:
    return [rendered(e.value) for e in at.error]


def test_a_hostile_workbook_is_refused_in_indonesian_with_its_sheet_and_size(tmp_path):
    far = hostile.far_cell_xlsx(tmp_path / "far.xlsx").read_bytes()  # one cell at XFD1048576, Excel's last
    at = upload("id", "far.xlsx", far)
    assert errors(at) == [
        "**far.xlsx tidak bisa dibaca.** far.xlsx, sheet 1 (menurut dimensi yang dinyatakannya), mencakup 1.048.576 baris kali "
        "16.384 kolom (17.179.869.184 sel, termasuk yang kosong), lebih dari 25.000.000 sel yang boleh dimuat satu sheet di sini; "
        "hapus sel yang jauh (Ctrl+End menunjukkannya), atau pecah sheet, lalu simpan lagi"
    ]


def test_a_header_row_with_a_column_twice_is_refused_in_vietnamese_naming_sheet_row_and_columns():
    at = upload("vi", "dup.xlsx", twice_named())
    assert errors(at) == [
        "**Không đọc được dup.xlsx.** dup.xlsx, trang tính 'Tháng 11': dòng tiêu đề (dòng 1) có hai cột tên 'SKU' và 'sku'; "
        "mỗi cột chỉ nên có một lần. Hãy đổi tên hoặc xóa một trong hai."
    ]


@pytest.mark.parametrize(
    "language, problem, note",
    [
        (
            "id",
            "seharusnya tanggal seperti 2026-04-29, 29/04/2026, 08-Aug-24 atau tanggal Excel; baris tidak diimpor",
            "sheet 'Lama' tersembunyi dan tidak dibaca",
        ),
        (
            "vi",
            "cần một ngày như 2026-04-29, 29/04/2026, 08-Aug-24 hoặc ngày Excel; dòng không được nhập",
            "trang tính 'Lama' bị ẩn và không được đọc",
        ),
    ],
)
def test_a_cell_that_is_no_date_is_listed_in_the_language_with_file_sheet_row_and_column(language, problem, note):
    at = upload(language, "retur.xlsx", one_bad_date())
    assert not at.error
    problems = [d.value for d in at.dataframe if "message" in d.value.columns]
    assert [row for row in problems[0].to_dict("records")] == [
        {"file": "retur.xlsx", "sheet": "Retur", "row": 3, "column": "Request Date", "value": "kemarin", "message": problem}
    ]
    notes = "\n".join(rendered(m.value) for m in at.markdown)
    assert f"- {note}" in notes
    assert "is hidden and was not read" not in notes and "row not imported" not in notes  # nothing left in English


def test_the_command_line_says_the_refusal_in_english_whatever_the_interface_speaks(tmp_path, store_url, capsys):
    path = tmp_path / "dup.xlsx"
    path.write_bytes(twice_named())
    i18n.use("vi")
    try:
        code = main(["import", str(path), "--db", store_url])
    finally:
        i18n.use(i18n.DEFAULT)
    _out, err = capsys.readouterr()
    assert code == 1
    assert (
        "dup.xlsx, sheet 'Tháng 11': the header row (row 1) has two columns named 'SKU' and 'sku'; expected each column once. "
        "Rename or delete one of them." in err
    )


def test_the_problems_download_says_each_problem_in_the_language_it_was_asked_in():
    source = io.BytesIO(one_bad_date())
    source.name = "retur.xlsx"
    problems = read_sheet(source).problems
    vietnamese = upload_review.problems_csv(problems, "vi").decode("utf-8-sig")
    assert vietnamese.splitlines()[1] == (
        'retur.xlsx,Retur,3,Request Date,kemarin,"cần một ngày như 2026-04-29, 29/04/2026, 08-Aug-24 hoặc ngày Excel; dòng không được nhập"'
    )
    assert "row not imported" in upload_review.problems_csv(problems, "en").decode("utf-8-sig")


def test_an_orders_sheet_is_described_in_indonesian_on_the_return_rate_page(tmp_path):
    from datetime import date

    from data.order_store import OrdersImportResult
    from data.orders import read_orders

    sheet = tmp_path / "pesanan.csv"
    sheet.write_text("Paid at,Lineitem sku,Lineitem quantity\n2026-08-01,A,2\n2026-08-02,B,dua\n2026-08-03,C,\n", encoding="utf-8")
    read = read_orders(sheet)
    i18n.use("id")
    try:
        notes = [i18n.say(n) for n in read.notes]
        problems = format.said(read.problems["message"]).tolist()
        done = i18n.say(OrdersImportResult(3, "pesanan.csv", 1, 1.0, 1200, date(2026, 8, 1), date(2026, 8, 3)).message)
    finally:
        i18n.use(i18n.DEFAULT)
    assert notes == [
        "dibaca sebagai sheet pesanan: Paid at → date, Lineitem sku → sku, Lineitem quantity → units",
        "1 baris dengan Lineitem quantity kosong dihitung masing-masing satu unit",
    ]
    assert problems == ["seharusnya jumlah unit bilangan bulat (0 atau lebih); baris tidak dihitung"]
    assert done == (
        "pesanan.csv: 1 baris penjualan, 1 unit terjual dari 1 Agu 2026 sampai 3 Agu 2026; 1.200 baris dari file sebelumnya "
        "diganti (impor pesanan 3)."
    )
    assert read.notes[1] == "1 row with an empty Lineitem quantity counted as one unit"  # the English it was read in
