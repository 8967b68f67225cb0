"""A comma-separated file written without quoting (a script joining cells with ","): an amount such as 1,234.50 is
cut in two and the cells after it move. Such rows are left out with a problem naming the file, row and case; the
other rows are read, and the same table written with quoting (Python's csv module) reads every amount whole."""

from __future__ import annotations

import csv

from data.reader import read_sheet
from data.store import Store

HEADER = ["Order ID", "SKU", "Refund", "Return Reason", "Request Date"]
ROWS = [
    ["B1", "KURTA-01", "1,234.50", "Damaged", "2026-11-02"],
    ["B2", "KURTA-02", "12.50", "Wrong size", "2026-11-03"],
    ["B3", "KURTA-03", "99", "Wrong size", "2026-11-04"],
    ["B4", "KURTA-01", "2,000", "Defective", "2026-11-05"],
    ["B5", "KURTA-02", "40", "Damaged", "2026-11-06"],
]


def test_rows_cut_by_an_unquoted_comma_are_left_out_and_named(tmp_path):
    naive = tmp_path / "refunds_naive.csv"
    naive.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    read = read_sheet(naive)
    # B1 and B4 were cut (1 | 234.50, 2 | 000); the three others read as written
    assert read.cases.sort_values("order_id")[["order_id", "refund_amount"]].values.tolist() == [["B2", 12.5], ["B3", 99.0], ["B5", 40.0]]
    cut = read.problems[read.problems["message"].str.contains("more cells than the header row")]
    assert cut[["file", "row", "column", "value"]].values.tolist() == [
        ["refunds_naive.csv", 2, "Order ID", "B1"],
        ["refunds_naive.csv", 5, "Order ID", "B4"],
    ]

    quoted = tmp_path / "refunds.csv"
    with open(quoted, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    whole = read_sheet(quoted)
    assert whole.cases.sort_values("order_id")["refund_amount"].tolist() == [1234.5, 12.5, 99.0, 2000.0, 40.0]
    assert whole.problems.empty


def test_an_unnamed_column_that_most_rows_fill_is_not_a_cut(tmp_path):
    path = tmp_path / "with_notes.csv"
    lines = [",".join(HEADER)] + [",".join([*row[:2], row[2].replace(",", ""), *row[3:], "checked"]) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_sheet(path)
    assert len(read.cases) == 5 and read.problems.empty


def test_the_store_keeps_the_rows_read_and_lists_the_cut_ones(tmp_path):
    naive = tmp_path / "refunds_naive.csv"
    naive.write_text("\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        result = store.import_file(naive)
        assert (result.new, result.rejected) == (3, 2)
        assert sorted(store.load_cases()["order_id"]) == ["B2", "B3", "B5"]
