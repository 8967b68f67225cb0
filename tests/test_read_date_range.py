"""Dates outside the years a returns sheet can hold (1600 typos, 9999 placeholders, empty Excel date cells that
read as 1899-12-31) are listed as problems cell by cell, in every date form and file format; the rest imports."""

from __future__ import annotations

import csv
from datetime import date, datetime, time

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from data.reader import read_sheet
from data.values import PLAUSIBLE_YEARS, parse_dates

RANGE = f"expected a date between {PLAUSIBLE_YEARS[0]} and {PLAUSIBLE_YEARS[1]}"

# (form, good cells, cells out of range): each column also holds a day after the 12th, as real columns do.
FORMS = [
    ("iso with time", ["2026-04-29 10:00", "2026-04-13 08:15"], ["1600-01-01 00:00", "2262-04-12 00:00"]),
    ("iso date", ["2026-04-29", "2026-04-13"], ["1600-01-01", "2300-01-01", "2200-05-05"]),
    ("iso with offset", ["2026-05-21T04:38:32+07:00", "2026-05-13T04:38:32+07:00"], ["1600-05-21T04:38:32+07:00"]),
    ("day first", ["29/04/2026", "13/02/2026"], ["01/01/1600", "31/12/1899", "01/01/2200"]),
    ("month first", ["4/29/2026 9:55", "2/13/2026 9:55"], ["1/1/1600 9:55", "12/31/9999 23:59"]),
    ("month name", ["08-Aug-24", "29-Apr-2026"], ["01-Jan-1600", "01-Jan-9999"]),
    ("dotted", ["2026.4.29", "2026.4.13"], ["1600.1.1", "1899.12.31"]),
]


def _csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


@pytest.mark.parametrize("form, good, far", FORMS, ids=[f[0] for f in FORMS])
def test_out_of_range_dates_in_text_are_listed_and_the_rest_imports(tmp_path, form, good, far):
    cells = [good[0], *far, *good[1:]]
    path = _csv(tmp_path / "dates.csv", [["SKU", "Request Date"], *[[f"S{i}", c] for i, c in enumerate(cells)]])
    result = read_sheet(path)
    assert result.cases.sku.tolist() == ["S0", *[f"S{i}" for i in range(len(far) + 1, len(cells))]]
    assert result.cases.request_date.notna().all()
    problems = result.problems
    assert problems.file.tolist() == ["dates.csv"] * len(far)
    assert problems.sheet.tolist() == [""] * len(far)
    assert problems.row.tolist() == list(range(3, 3 + len(far)))  # Excel rows: header 1, first good row 2
    assert problems.column.tolist() == ["Request Date"] * len(far)
    assert problems.value.tolist() == far
    assert all(m.startswith(RANGE) and m.endswith("row not imported") for m in problems.message)


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), ("\t", "utf-16"), (",", "cp1252")])
def test_every_text_format_lists_out_of_range_dates(tmp_path, delimiter, encoding):
    rows = [["SKU", "Request Date", "Reason"], ["A", "2026-04-29 10:00", "Größe"], ["B", "1600-01-01 00:00", "zu klein"]]
    result = read_sheet(_csv(tmp_path / "dates.txt", rows, delimiter, encoding))
    assert result.cases.sku.tolist() == ["A"]
    assert result.problems[["row", "value"]].values.tolist() == [[3, "1600-01-01 00:00"]]
    assert result.problems.message[0].startswith(RANGE)


def test_real_excel_date_cells_out_of_range_are_listed(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Returns"
    sheet.append(["SKU", "Request Date", "Resolved Date"])
    rows = [
        ("A", datetime(2026, 4, 29, 10), datetime(2026, 5, 2)),
        ("B", datetime(1600, 1, 1), None),  # stored as a negative serial
        ("C", datetime(9999, 1, 1), None),
        ("D", 0, None),  # an empty date cell: Excel shows 1900-01-00, calamine reads 1899-12-31
        ("E", time(10, 0), None),  # a time without a date
        ("F", datetime(2200, 5, 5), None),
        ("G", 9999999, None),  # a number far beyond Excel's last date
        ("H", date(2026, 1, 2), datetime(1600, 1, 1)),
    ]  # a good request whose resolved date is off: imported
    for row in rows:
        sheet.append(row)
    for cell in ("B5", "B6"):
        sheet[cell].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "dates.xlsx")
    result = read_sheet(tmp_path / "dates.xlsx")
    assert result.cases.sku.tolist() == ["A", "H"]
    assert result.cases.request_date.tolist() == [pd.Timestamp("2026-04-29 10:00"), pd.Timestamp("2026-01-02")]
    assert result.cases.resolved_date.tolist()[1] is pd.NaT
    found = result.problems.set_index("row")
    assert sorted(found.index) == [3, 4, 5, 6, 7, 8, 9]
    assert (found.sheet == "Returns").all()
    assert found.loc[[3, 4, 5, 6, 7], "message"].str.startswith(RANGE).all()
    assert found.loc[5, "value"] == "1899-12-31 00:00:00" and found.loc[6, "value"] == "1899-12-31 10:00:00"
    assert found.loc[8, "message"].startswith("expected a date such as")  # not a date at all
    assert (
        found.loc[9, "column"] == "Resolved Date"
        and found.loc[9, "message"] == f"{RANGE} (an empty Excel date cell reads as 1899-12-31); left empty"
    )


def test_xlsxwriter_and_ods_dates_out_of_range(tmp_path):
    path = tmp_path / "dates_xw.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet()
        stamp = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, ["SKU", "Request Date"])
        sheet.write_row(1, 0, ["A"])
        sheet.write_datetime(1, 1, datetime(2026, 4, 29), stamp)
        sheet.write_row(2, 0, ["B"])
        sheet.write_number(2, 1, 0, stamp)
        sheet.write_row(3, 0, ["C", "1600-01-01"])
    ods = tmp_path / "dates.ods"
    pd.DataFrame({"SKU": ["A", "B"], "Request Date": [datetime(2026, 4, 29), "2300-01-01"]}).to_excel(ods, index=False)
    for file, far in ((path, [3, 4]), (ods, [3])):
        result = read_sheet(file)
        assert result.cases.sku.tolist() == ["A"]
        assert result.problems.row.tolist() == far
        assert result.problems.message.str.startswith(RANGE).all()


@pytest.mark.parametrize("far", ["1600-01-01 00:00", "2200-01-01 00:00"])
def test_large_iso_column_with_one_date_out_of_range(tmp_path, far):
    """Above the parallel threshold the ISO column takes Arrow's fast cast (2200 fits pandas' range, 1600 does not)."""
    cells = [f"2026-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:00" for i in range(30_000)]
    cells[17_000] = far
    path = _csv(tmp_path / "big.csv", [["SKU", "Request Date"], *[[f"S{i}", c] for i, c in enumerate(cells)]])
    result = read_sheet(path)
    assert len(result.cases) == 29_999
    assert result.problems[["row", "value"]].values.tolist() == [[17_002, far]]
    assert result.problems.message[0].startswith(RANGE)


def test_parse_dates_marks_implausible_inside_bad():
    parsed = parse_dates(pd.Series(["2026-04-29", "1969-12-31", "1970-01-01", "2099-12-31", "2100-01-01", "soon", None]))
    assert parsed.bad.tolist() == [False, True, False, False, True, True, False]
    assert parsed.implausible.tolist() == [False, True, False, False, True, False, False]
    assert parsed.values.isna().tolist() == [False, True, False, False, True, True, True]


def test_six_digit_numbers_are_not_read_as_compact_dates():
    """`%Y%m%d` alone would read 197232 as 1972-03-02: a compact date has all eight digits."""
    parsed = parse_dates(pd.Series(["20240105", "197232", "20240106 10:00", "45000"]))
    assert parsed.values.tolist() == [pd.Timestamp("2024-01-05"), pd.NaT, pd.Timestamp("2024-01-06 10:00"), pd.Timestamp("2023-03-15")]
    assert parsed.bad.tolist() == [False, True, False, False]
