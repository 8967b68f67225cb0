"""Files that name no currency, each written by a real writer and imported into a real store: their amounts are never
added to another file's until the shop names each file's currency.

  - bayar_in.xlsx (openpyxl; a payments sheet in rupees, no currency column):
      P-1 refunded 450, P-2 refunded 300, P-3 refunded 250, P-4 rejected (999 asked, nothing paid)
      → 1,000 refunded; 4 cases carry an amount.
  - uk_returns.csv ("," separated; a sales log in pounds, no currency column): U-1 refunded 12.50, U-2 refunded 7.50
      → 20 refunded; 2 cases carry an amount.
  - uk_returns_week2.csv: the same layout a week later, U-3 refunded 5.00 → one source with uk_returns.csv: 25.

With no currency named anywhere, the payments sheet (most amounts) holds the main figure, 1,000, and the 25 from the
pound log are listed apart under its name; adding them would read 1,025, a sum of rupees and pounds.
Once the shop names INR and GBP, INR is the main currency (4 cases against 3) and GBP 25 is listed apart.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.filters import FilterSpec
from analysis.money import currency_rule, refund_figure, unnamed_sources
from analysis.report import summary_book
from data.store import Store
from data.summary_book import write_summary
from tests.app_pages import cards, open_page
from tests.rendered import rendered
from tests.store_cases import imported, known

PAYMENTS = [  # order, SKU, reason, status, date, amount (rupees)
    ("P-1", "KURTA-01", "Damaged", "Refunded", "2026-11-02", 450),
    ("P-2", "KURTA-02", "Wrong size", "Refunded", "2026-11-03", 300),
    ("P-3", "KURTA-01", "Damaged", "Refunded", "2026-11-04", 250),
    ("P-4", "KURTA-03", "Changed mind", "Rejected", "2026-11-05", 999),
]
LOG = [("U-1", "MUG-1", "Defective", "Refunded", "2026-11-03", "12.50"), ("U-2", "MUG-2", "Defective", "Refunded", "2026-11-04", "7.50")]
LOG_WEEK2 = [("U-3", "MUG-1", "Defective", "Refunded", "2026-11-10", "5.00")]


def write_files(folder: Path) -> list[Path]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Payments"
    sheet.append(["Sub Order No", "Supplier SKU", "Return Reason", "Refund Status", "Return Created Date", "Refund Amount"])
    for row in PAYMENTS:
        sheet.append(list(row))
    paths = [folder / "bayar_in.xlsx", folder / "uk_returns.csv", folder / "uk_returns_week2.csv"]
    book.save(paths[0])
    for path, rows in ((paths[1], LOG), (paths[2], LOG_WEEK2)):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Return ID", "Product SKU", "Reason", "Status", "Date", "Refund"])
            writer.writerows(rows)
    return paths


@pytest.fixture
def store_path(tmp_path) -> str:
    return imported(f"sqlite:///{tmp_path / 'returns.db'}", write_files(tmp_path))


def test_amounts_of_files_that_name_no_currency_are_never_added_together(store_path):
    cases, settings = known(store_path)
    assert cases["currency"].isna().all() and len(cases) == 7
    assert unnamed_sources(cases) == ["bayar_in.xlsx", "uk_returns.csv"]  # the two pound logs are one layout
    rule = currency_rule(cases, *settings)
    assert (rule.main, rule.unnamed) == (None, "bayar_in.xlsx")
    refunds = refund_figure(cases, rule)
    assert (refunds.main, refunds.no_currency, refunds.source, refunds.refunded) == (
        1_000.0,
        (("uk_returns.csv", 25.0),),
        "bayar_in.xlsx",
        3,
    )


def test_named_currencies_make_the_main_one_and_list_the_other_apart(store_path):
    with Store(store_path) as store:
        store.save_currency_settings(None, False, {"bayar_in.xlsx": "INR", "uk_returns.csv": "GBP"})
    cases, settings = known(store_path)
    rule = currency_rule(cases, *settings)
    assert rule.main == "INR"  # 4 cases in rupees, 3 in pounds
    refunds = refund_figure(cases, rule)
    assert (refunds.main, refunds.others, refunds.no_currency) == (1_000.0, (("GBP", 25.0),), ())


def test_the_weekly_summary_keeps_each_file_without_a_currency_in_its_own_column(store_path):
    cases, settings = known(store_path)
    book = openpyxl.load_workbook(
        io.BytesIO(write_summary(summary_book(cases, FilterSpec(period="All time"), rule=currency_rule(cases, *settings))))
    )
    money = book["Refunds"]
    headers = [c.value for c in money[3]]
    assert headers == ["Week", "Refund", "Refunded cases", "Refund (no currency: uk_returns.csv)", "Cases with a known refund"]
    # week of 2 Nov: rupees 450 + 300 + 250, pounds 12.50 + 7.50; week of 9 Nov: pounds 5.00
    assert [c.value for c in money[4]][1:4] == [1_000, 3, 20]
    assert [c.value for c in money[5]][1:4] == [0, 0, 5]


def test_the_money_page_names_the_files_and_the_shop_names_their_currencies(store_path, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/money.py", {"period": "All time"})
    assert cards(at)["Refunds"][0] == "1,000"
    lines = [rendered(c.value) for c in at.caption]
    assert "Amounts of bayar_in.xlsx, which names no currency. Also 25 with no currency from uk_returns.csv (not added in)" in lines
    assert any(line.startswith("Charts show amounts in bayar_in.xlsx, which names no currency") for line in lines)
    pickers = {rendered(s.label): s for s in at.selectbox if rendered(s.label) in ("bayar_in.xlsx", "uk_returns.csv")}
    assert set(pickers) == {"bayar_in.xlsx", "uk_returns.csv"}
    pickers["bayar_in.xlsx"].set_value("INR")
    pickers["uk_returns.csv"].set_value("GBP")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    with Store(store_path) as store:
        assert store.currency_settings() == (None, False, (("bayar_in.xlsx", "INR"), ("uk_returns.csv", "GBP")))
    assert cards(at)["Refunds (INR)"][0] == "1,000"
    assert next(s for s in at.selectbox if s.label == "Main currency").options[0] == "The most common one (INR)"
    assert "Also GBP 25 (not added in)" in [rendered(c.value) for c in at.caption]
    assert cards(open_page("views/overview.py", {"period": "All time"}))["Refund total (INR)"][0] == "1,000"


def test_the_rows_download_carries_the_currency_named_for_each_file(store_path):
    from data.downloads import rows_csv
    from ui.downloads import rows_file

    cases, _ = known(store_path)
    named = (("bayar_in.xlsx", "INR"), ("uk_returns.csv", "GBP"))
    rows = pd.read_csv(io.BytesIO(rows_file(rows_csv, cases, named, "en")), encoding="utf-8-sig", dtype=str)
    assert sorted(zip(rows["File"], rows["Currency"], strict=True)) == [("bayar_in.xlsx", "INR")] * 4 + [
        ("uk_returns.csv", "GBP"),
        ("uk_returns.csv", "GBP"),
        ("uk_returns_week2.csv", "GBP"),  # the same layout as uk_returns.csv: one source
    ]
    unnamed = pd.read_csv(io.BytesIO(rows_file(rows_csv, cases, (), "en")), encoding="utf-8-sig", dtype=str)
    assert unnamed["Currency"].isna().all()  # as stored: no file named one
