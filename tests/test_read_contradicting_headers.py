"""A header whose cells clearly say otherwise does not win: a sheet whose header row was shifted by one column, written
by openpyxl, has its statuses under `Refund` and its amounts under `Status`."""

from __future__ import annotations

import io

import openpyxl

from analysis.money import CurrencyRule, lost_to_auto_approval, refund_figure
from data.reader import read_sheet

STATUSES = ["Refunded", "Rejected", "Auto-approved", "Refunded", "Requested"]
STATUSES += ["Refunded", "Rejected", "Refunded", "Auto-approved", "Refunded"]


def shifted_sheet() -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Return ID", "SKU", "Reason", "Request Date", "Status", "Refund"])
    for i, status in enumerate(STATUSES):
        sheet.append([f"X{i}", "C-1", "Defective", f"2026-11-{i + 2:02d}", 10_000 * (i + 1), status])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "shifted.xlsx"
    return buffer


def test_cells_that_contradict_the_header_overrule_it():
    read = read_sheet(shifted_sheet())
    mapping = read.mapping["Sheet"]
    assert mapping.get("Status") != "status" and mapping.get("Refund") == "status"  # the statuses are read where they are
    cases = read.cases
    assert cases["status"].astype(str).tolist() == [s.lower() for s in STATUSES]
    assert read.problems.empty  # no amount read as an unknown status
    # The amounts sit under a header that says otherwise: never taken as statuses, and the money is not in the file
    # rather than made up.
    assert refund_figure(cases, CurrencyRule()).coverage.none
    lost = lost_to_auto_approval(cases, CurrencyRule())
    assert lost.cases == 2 and lost.main is None
