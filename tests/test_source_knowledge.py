"""Figures over files that can and cannot express them, each written by a real writer and imported into a real store.

Four files, as four marketplaces and a shop write them:
  - shopee_returns.xlsx (openpyxl, English): statuses that word auto-approval, refund amounts, first-response times;
  - tiktok_vn.xlsx (xlsxwriter, Vietnamese headers): statuses that never word auto-approval, refund amounts;
  - catatan_retur.csv (";" separated, Indonesian headers, two blank rows on top): statuses, no amount, no response time;
  - returns_log.tsv (tab separated): a plain log, no status, no amount, no response time.
A figure counts only the files that can say it and says from how many; where none can, it is not in the files.
Every expected figure is worked out by hand from the rows below.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import xlsxwriter

from analysis.filters import FilterSpec
from analysis.knowledge import import_layouts, knows, with_knowledge
from analysis.kpis import overview
from analysis.money import (
    KNOWN_REFUND,
    CurrencyRule,
    amount_coverage,
    known_refund,
    lost_to_auto_approval,
    refund_figure,
    with_known_refunds,
)
from analysis.report import summary_book
from analysis.sla import open_cases, open_coverage, overdue_coverage, past_deadline, response_coverage, share_answered_within
from data.store import Store
from tests.app_pages import cards, open_page
from tests.rendered import rendered

IDR = CurrencyRule("IDR")
AS_OF = "2026-11-10 09:00"  # the latest moment in the files (R-5's response)

SHOPEE = [  # Return ID, Order ID, SKU, reason, status, requested, first response, refund, currency
    ("R-1", "O-1", "TS-01", "Damaged item", "Auto-approved", "2026-11-02 09:00", None, 120000, "IDR"),
    ("R-2", "O-2", "TS-01", "Wrong size", "Refunded", "2026-11-03 09:00", "2026-11-03 15:00", 80000, "IDR"),
    ("R-3", "O-3", "TS-02", "Defective", "Rejected", "2026-11-04 09:00", "2026-11-04 10:00", 50000, "IDR"),
    ("R-4", "O-4", "TS-02", "Defective", "Auto-approved", "2026-11-05 09:00", None, 30000, "IDR"),
    ("R-5", "O-5", "TS-03", "Changed mind", "Refunded", "2026-11-06 09:00", "2026-11-10 09:00", 40000, "IDR"),
]
TIKTOK = [  # Mã yêu cầu, SKU, lý do, trạng thái (refunded, rejected, approved), ngày, số tiền hoàn, tiền tệ
    ("V-1", "TS-01", "Hàng bị lỗi", "Đã hoàn tiền", "2026-11-02", 60000, "IDR"),
    ("V-2", "TS-02", "Sai kích thước", "Bị từ chối", "2026-11-03", 70000, "IDR"),
    ("V-3", "TS-03", "Hàng bị lỗi", "Đã duyệt", "2026-11-04", None, "IDR"),
    ("V-4", "TS-01", "Không như mô tả", "Đã hoàn tiền", "2026-11-05", 25000, "IDR"),
]
CATATAN = [  # No. Retur, SKU, alasan, status (rejected, refunded, rejected, still waiting), tanggal (day first)
    ("C-1", "TS-01", "Barang rusak", "Ditolak", "03/11/2026"),
    ("C-2", "TS-02", "Salah ukuran", "Dana dikembalikan", "04/11/2026"),
    ("C-3", "TS-03", "Barang rusak", "Ditolak", "05/11/2026"),
    ("C-4", "TS-01", "Salah ukuran", "Menunggu", "02/11/2026"),
]
LOG = [("2026-11-05", "TS-04", "Defective"), ("2026-11-06", "TS-04", "Changed mind")]


def write_files(folder: Path) -> dict[str, Path]:
    paths = {name: folder / name for name in ("shopee_returns.xlsx", "tiktok_vn.xlsx", "catatan_retur.csv", "returns_log.tsv")}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Returns"
    sheet.append(["Return ID", "Order ID", "SKU", "Return Reason", "Status", "Request Time", "Response Time", "Refund Amount", "Currency"])
    for row in SHOPEE:
        sheet.append(list(row))
    book.save(paths["shopee_returns.xlsx"])
    workbook = xlsxwriter.Workbook(str(paths["tiktok_vn.xlsx"]))
    tab = workbook.add_worksheet("Trả hàng")
    tab.write_row(0, 0, ["Mã yêu cầu", "Mã SKU", "Lý do trả hàng", "Trạng thái", "Ngày yêu cầu", "Số tiền hoàn", "Tiền tệ"])
    for i, row in enumerate(TIKTOK, start=1):
        tab.write_row(i, 0, row)
    workbook.close()
    with open(paths["catatan_retur.csv"], "w", newline="", encoding="utf-8") as handle:
        handle.write(";;;;\n;;;;\n")
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["No. Retur", "Kode SKU", "Alasan Retur", "Status Retur", "Tanggal Pengajuan"])
        writer.writerows(CATATAN)
    with open(paths["returns_log.tsv"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["Date", "SKU", "Reason"])
        writer.writerows(LOG)
    return paths


def imported(url: str, paths: list[Path]):
    with Store(url) as store:
        for path in paths:
            store.import_file(path)
        return store.load_cases()


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return write_files(tmp_path)


def test_each_file_is_read_as_written(files, tmp_path):
    cases = imported(f"sqlite:///{tmp_path / 'r.db'}", list(files.values())).set_index("case_id")
    assert len(cases) == 15
    assert cases.loc[["R-1", "R-4", "V-1", "V-2", "V-3", "C-1", "C-2", "C-4"], "status"].tolist() == [
        "auto-approved",
        "auto-approved",
        "refunded",
        "rejected",
        "approved",
        "rejected",
        "refunded",
        "requested",
    ]
    assert cases.loc["C-4", "request_date"].strftime("%d %b") == "02 Nov"  # day first, as the Indonesian file writes it
    assert cases["status"].isna().sum() == 2 and cases["refund_amount"].notna().sum() == 8


def test_figures_count_only_the_files_that_can_say_them(files, tmp_path):
    cases = with_knowledge(imported(f"sqlite:///{tmp_path / 'r.db'}", list(files.values())))
    by_id = cases.set_index("case_id")

    # Refunds: Shopee 120k + 80k + 0 (rejected) + 30k + 40k = 270k; TikTok 60k + 0 (rejected) + unknown + 25k = 85k.
    # The Indonesian file has statuses but no amount: its two rejected requests are no known 0.
    refunds = refund_figure(cases, IDR)
    assert refunds.main == 355_000
    assert (refunds.coverage.known, refunds.coverage.total, refunds.coverage.sources) == (8, 15, (2, 4))
    assert refunds.coverage.words == "from 2 of 4 sources (8 of 15 cases)"
    paid = known_refund(by_id.loc[["C-1", "V-2"]])
    assert np.isnan(paid[0]) and paid[1] == 0  # rejected in a file with no amounts: unknown; in one with amounts: 0

    # Auto-approval: only the Shopee file words it; the TikTok and Indonesian statuses never do, the log has none.
    lost = lost_to_auto_approval(cases, IDR)
    assert (lost.main, lost.cases) == (150_000, 2)
    assert (lost.coverage.known, lost.coverage.total, lost.coverage.sources) == (5, 15, (1, 4))
    assert knows(by_id.loc[["R-2", "V-1", "C-1"]], "auto-approval").tolist() == [True, False, False]

    # Answered within 2 working days, only the Shopee file gives response times: auto-approved (late),
    # within hours, R-5 Fri 6 09:00 -> Tue 10 09:00 = 2 working days (in time): 3 of 5. The Indonesian
    # C-4, still waiting since 2 Nov, is past the deadline but is no "late" answer from a file that never says when
    # it answered (it would make that file read all late).
    assert share_answered_within(cases, as_of=AS_OF) == pytest.approx(3 / 5)
    answered = response_coverage(cases, as_of=AS_OF)
    assert (answered.known, answered.sources) == (5, (1, 4))
    assert past_deadline(open_cases(cases, as_of=AS_OF))["case_id"].tolist() == ["C-4"]
    # Only the Indonesian file's statuses say a request is still waiting: past the deadline is a figure of that file.
    assert overdue_coverage(cases).sources == (1, 4) and overdue_coverage(cases).known == 4

    # Open requests: the plain log cannot say whether anyone answered; the other three files can.
    assert open_cases(cases, as_of=AS_OF)["case_id"].tolist() == ["C-4"]
    assert open_coverage(cases).sources == (3, 4) and open_coverage(cases).known == 13


def test_the_refunds_worked_out_once_at_load_are_the_ones_each_figure_would_work_out(files, tmp_path):
    cases = with_knowledge(imported(f"sqlite:///{tmp_path / 'r.db'}", list(files.values())))
    loaded = with_known_refunds(cases)
    by_id = loaded.set_index("case_id")[KNOWN_REFUND]
    # as above: Shopee's rejected R-3 a known 0, the Indonesian rejected C-1 unknown, TikTok's V-3 (no amount) unknown
    assert by_id["R-3"] == 0 and np.isnan(by_id["C-1"]) and np.isnan(by_id["V-3"]) and by_id["R-1"] == 120_000
    np.testing.assert_array_equal(known_refund(loaded), known_refund(cases))
    # a view of the loaded cases keeps each case's refund as all its source's cases decided it, not the view's
    view = FilterSpec(period="All time", sku=("TS-03",))
    assert refund_figure(view.apply(loaded), IDR) == refund_figure(view.apply(cases), IDR)
    assert lost_to_auto_approval(view.apply(loaded), IDR) == lost_to_auto_approval(view.apply(cases), IDR)
    assert refund_figure(loaded, IDR).main == 355_000


def test_a_view_without_the_cases_that_show_it_keeps_what_the_file_can_say(files, tmp_path):
    cases = with_knowledge(imported(f"sqlite:///{tmp_path / 'r.db'}", list(files.values())))
    # SKU TS-03: R-5 (Shopee, refunded 40k), V-3 (TikTok, approved, no amount), C-3 (Indonesian, rejected).
    view = FilterSpec(period="All time", sku=("TS-03",)).apply(cases)
    lost = lost_to_auto_approval(view, IDR)
    # Shopee can say auto-approval even though no auto-approved case is in view: a known 0, from 1 of 3 sources.
    assert (lost.main, lost.cases, lost.coverage.sources, lost.coverage.none) == (0.0, 0, (1, 3), False)
    assert refund_figure(view, IDR).main == 40_000 and amount_coverage(view).known == 1


def test_files_that_cannot_say_it_read_not_in_your_files(files, tmp_path):
    cases = with_knowledge(imported(f"sqlite:///{tmp_path / 'r.db'}", [files["tiktok_vn.xlsx"], files["catatan_retur.csv"]]))
    lost = lost_to_auto_approval(cases, IDR)
    assert lost.main is None and lost.coverage.none
    assert lost.coverage.words == "Not in your files: no status in your files says a request was approved automatically"
    assert refund_figure(cases, IDR).main == 85_000
    assert refund_figure(cases, IDR).coverage.words == "from 1 of 2 sources (3 of 8 cases)"
    assert response_coverage(cases, as_of=AS_OF).none  # neither file gives a first-response date
    figures = overview(cases, FilterSpec(period="All time"))
    assert figures.answered_in_time.now is None and figures.answered_coverage.none
    headlines = {h.label: h for h in summary_book(cases, FilterSpec(period="All time"), rule=IDR).headlines}
    assert headlines["Lost to auto-approval (IDR)"].now is None
    assert headlines["Lost to auto-approval (IDR)"].note.startswith("Not in your files")


def test_the_pages_show_it(files, fresh_app, tmp_path):
    imported(f"sqlite:///{tmp_path / 'returns.db'}", list(files.values()))
    money = cards(open_page("views/money.py", {"period": "All time"}))
    assert money["Refunds (IDR)"][0] == "355k"
    # of the refunds of the one file that can say auto-approval: Shopee's 270k, not all 355k (150/270 = 56%)
    assert money["Lost to auto-approval (IDR)"] == ("150k", "56% of refunds")
    deadlines = open_page("views/deadlines.py", {"period": "All time"})
    got = cards(deadlines)
    assert got["Auto-approved (IDR)"] == ("150k", "2 cases")
    assert got["Open, not yet answered"][0] == "1" and got["Overdue, still open"][0] == "1"
    notes = [c.value for c in deadlines.caption]
    assert "from 1 of 4 sources (5 of 15 cases)" in notes and "from 3 of 4 sources (13 of 15 cases)" in notes
    # The Overview's deadline line: C-4 is past it, counted from the Indonesian file, the only one wording a wait.
    overview_page = open_page("views/overview.py", {"period": "All time"})
    line = next(rendered(m.value) for m in overview_page.markdown if "past the limit" in m.value)
    assert "1 more is already past the limit. Counted from 1 of 4 sources (4 of 15 cases): a file that cannot" in line


def shopee_week(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Returns"
    sheet.append(["Return ID", "Order ID", "SKU", "Return Reason", "Status", "Request Time", "Response Time", "Refund Amount", "Currency"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_weekly_exports_of_one_layout_share_what_they_can_say(tmp_path):
    # Week 1 has the two auto-approvals; week 2 (the same export, a week later) has none: a known 0, not unknown.
    week2 = [("W-1", "O-9", "TS-09", "Defective", "Refunded", "2026-11-09 09:00", "2026-11-09 11:00", 15000, "IDR")]
    paths = [shopee_week(tmp_path / "shopee_w1.xlsx", SHOPEE), shopee_week(tmp_path / "shopee_w2.xlsx", week2)]
    paths.append(write_files(tmp_path)["tiktok_vn.xlsx"])  # another layout, whose statuses never word it
    with Store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        for path in paths:
            store.import_file(path)
        cases, layouts = store.load_cases(), import_layouts(store.history())
    second_week = FilterSpec(period="All time", sku=("TS-09",))
    shared = lost_to_auto_approval(second_week.apply(with_knowledge(cases, layouts)), IDR)
    assert (shared.main, shared.cases, shared.coverage.none) == (0.0, 0, False)
    alone = lost_to_auto_approval(second_week.apply(with_knowledge(cases)), IDR)  # without the layouts: that file alone
    assert alone.main is None and alone.coverage.none
    everything = lost_to_auto_approval(with_knowledge(cases, layouts), IDR)  # the two weeks can say it, TikTok cannot
    assert (everything.main, everything.coverage.known, everything.coverage.sources) == (150_000, 6, (2, 3))
