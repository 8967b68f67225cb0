"""Columns read by their cells alone: a header that names nothing known (or another field) over cells that are
plainly one vocabulary's wordings is mapped "by content", below a header match's confidence, never taking a field
a header matched, and never turning free-text comments into reasons."""

from __future__ import annotations

import csv

import numpy as np
import openpyxl

from data.evidence import CONTENT_SCORE
from data.headers import ACCEPT, FIELD_INDEX, FIELDS, assign_fields
from data.reader import read_sheet

STATUSES = ["Approved", "Rejected", "Approved", "Approved", "Rejected"]  # read as approved / rejected
TYPES = ["Refund only", "Return and refund", "Exchange", "Refund only"]  # Refund Only / Return + Refund / Exchange
COMMENTS = [
    "Arrived with a cracked screen, very disappointed",
    "Customer says the colour is not as in the photos",
    "wrong size, please exchange it for a bigger one",
    "Box was crushed and the lid is broken",
    "Stopped charging after two days of use",
    "The strap snapped the first time she wore it",
]


def workbook(path, headers, rows):
    book = openpyxl.Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def csv_file(path, headers, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([headers, *rows])
    return path


def mapped(result):
    return {raw: (column, confidence, how) for raw, column, confidence, how in result.sheets[0].columns.itertuples(index=False)}


def test_a_status_column_under_a_header_naming_the_refund_is_read_by_its_cells(tmp_path):
    rows = [[f"R-{i}", f"SKU-{i % 3}", f"2026-05-{i + 1:02d}", STATUSES[i % 5]] for i in range(20)]
    result = read_sheet(workbook(tmp_path / "returns.xlsx", ["Return ID", "SKU", "Return Date", "Return_Refund"], rows))
    # "Refund" in the header points at the refund amount, but no cell is money: the cells say status.
    assert mapped(result)["Return_Refund"] == ("status", CONTENT_SCORE, "by content")
    assert ACCEPT <= CONTENT_SCORE < min(conf for raw, (_, conf, _) in mapped(result).items() if raw != "Return_Refund")
    cases = result.cases.sort_values("source_row")
    assert cases.status.astype(str).tolist() == [STATUSES[i % 5].lower() for i in range(20)]
    assert cases.status.astype(str).value_counts().to_dict() == {"approved": 12, "rejected": 8}
    # The same header over amounts is the refund amount, by its header.
    money = [[f"R-{i}", f"SKU-{i}", f"2026-05-{i + 1:02d}", f"{10 + i}.50"] for i in range(10)]
    amounts = read_sheet(workbook(tmp_path / "refunds.xlsx", ["Return ID", "SKU", "Return Date", "Return_Refund"], money))
    assert mapped(amounts)["Return_Refund"][0] == "refund_amount" and mapped(amounts)["Return_Refund"][2] == "by meaning"


def test_a_request_type_column_under_a_meaningless_header(tmp_path):
    rows = [[f"2026-05-{i + 1:02d}", f"TEE-{i % 4}", TYPES[i % 4]] for i in range(16)]
    result = read_sheet(csv_file(tmp_path / "log.csv", ["Date", "SKU", "Kolom F"], rows))
    assert mapped(result)["Kolom F"] == ("request_type", CONTENT_SCORE, "by content")
    assert result.cases.sort_values("source_row").request_type.astype(str).tolist() == [
        ["Refund Only", "Return + Refund", "Exchange", "Refund Only"][i % 4] for i in range(16)
    ]


def test_too_few_rows_or_a_single_wording_are_not_read_by_content(tmp_path):
    few = [[f"2026-05-0{i + 1}", "TEE", TYPES[i % 4]] for i in range(5)]
    assert mapped(read_sheet(csv_file(tmp_path / "few.csv", ["Date", "SKU", "Kolom F"], few)))["Kolom F"][0] == ""
    one = [[f"2026-05-{i + 1:02d}", "TEE", "Approved"] for i in range(12)]
    assert mapped(read_sheet(csv_file(tmp_path / "one.csv", ["Date", "SKU", "Kolom F"], one)))["Kolom F"][0] == ""
    # Few distinct numbers are no wordings (a column of quantities under a header that says nothing).
    counts = [[f"2026-05-{i + 1:02d}", "TEE", str(1 + i % 3)] for i in range(12)]
    assert mapped(read_sheet(csv_file(tmp_path / "counts.csv", ["Date", "SKU", "Kolom F"], counts)))["Kolom F"][0] == ""


def test_comments_stay_comments_even_when_they_read_as_reasons(tmp_path):
    rows = [[f"2026-05-{i + 1:02d}", f"TEE-{i}", "Too small" if i % 2 else "Broken", f"{COMMENTS[i % 6]} (ticket {i})"] for i in range(18)]
    named = read_sheet(workbook(tmp_path / "named.xlsx", ["Date", "SKU", "Reason", "Notes"], rows))
    assert mapped(named)["Notes"][0] == "comment" and mapped(named)["Reason"][0] == "reason_raw"
    assert named.cases.sort_values("source_row").comment.tolist()[0] == f"{COMMENTS[0]} (ticket 0)"
    # Under a header that says nothing, long and varied text is not taken for a reason (nor for anything else).
    bare = [[row[0], row[1], row[3]] for row in rows]
    unnamed = read_sheet(workbook(tmp_path / "bare.xlsx", ["Date", "SKU", "Column D"], bare))
    assert mapped(unnamed)["Column D"][0] == "" and unnamed.cases.reason_raw.isna().all()
    # Even repeated a few times each, sentence-long comments stay unmapped.
    repeated = [[row[0], row[1], COMMENTS[i % 3]] for i, row in enumerate(rows)]
    assert mapped(read_sheet(workbook(tmp_path / "rep.xlsx", ["Date", "SKU", "Column D"], repeated)))["Column D"][0] == ""


def test_a_field_matched_by_its_header_is_never_taken_by_content(tmp_path):
    rows = [[f"2026-05-{i + 1:02d}", f"TEE-{i}", STATUSES[i % 5], STATUSES[(i + 1) % 5]] for i in range(15)]
    result = read_sheet(csv_file(tmp_path / "two.csv", ["Date", "SKU", "Return Status", "Kolom X"], rows))
    assert mapped(result)["Return Status"][:1] == ("status",) and mapped(result)["Kolom X"][0] == ""
    assert result.cases.sort_values("source_row").status.astype(str).tolist() == [STATUSES[i % 5].lower() for i in range(15)]
    # Two unnamed columns of statuses: which one is the status is not guessed.
    both = read_sheet(csv_file(tmp_path / "both.csv", ["Date", "SKU", "Kolom W", "Kolom X"], rows))
    assert mapped(both)["Kolom W"][0] == "" and mapped(both)["Kolom X"][0] == ""


def test_the_assignment_places_content_scores_after_every_header_match():
    scores = np.zeros((2, len(FIELDS)))
    how = np.full(scores.shape, "by meaning", dtype=object)
    status, kind = FIELD_INDEX["status"], FIELD_INDEX["request_type"]
    scores[0, status], scores[0, kind] = 0.9, 0.5  # header 0 reads as a status, less so as a request type
    scores[1, status], how[1, status] = CONTENT_SCORE, "by content"  # header 1's cells are statuses
    # 0.5 + 0.45 beats 0.9 alone, yet the header match keeps its field and the content column gets nothing.
    assert assign_fields(scores, how, {}) == {0: ("status", 0.9, "by meaning")}
    # With the status taken by the user elsewhere, header 0 is a request type and header 1 stays unmapped too.
    assert assign_fields(scores, how, {5: ("status", 1.0, "user")}) == {5: ("status", 1.0, "user"), 0: ("request_type", 0.5, "by meaning")}
    # Nothing matched the status by header: the cells give it.
    scores[0, status] = 0.0
    assert assign_fields(scores, how, {}) == {0: ("request_type", 0.5, "by meaning"), 1: ("status", CONTENT_SCORE, "by content")}
