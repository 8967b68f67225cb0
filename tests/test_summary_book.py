"""The weekly summary workbook read back with openpyxl, on a small store worked out by hand.

One source (shop.xlsx), IDR the main currency, the response clock 2 working days, the view "Last 4 weeks": the
latest request is Sun 22 Nov 2026, so the period is 26 Oct – 22 Nov and the one before 28 Sep – 25 Oct.

  case  requested          SKU  reason      type             status     refund       first response
  p1    Mon 28 Sep 09:00   A    Defective   Refund Only      refunded   IDR 40,000   same day 12:00
  p2    Mon 12 Oct 09:00   B    Quality     Refund Only      refunded   IDR 10,000   Mon 19 Oct (5 working days: late)
  c1    Mon 26 Oct 09:00   A    Defective   Refund Only      refunded   IDR 100,000  same day 12:00
  c2    Mon  2 Nov 09:00   A    Defective   Return + Refund  refunded   IDR 50,000   same day 12:00
  c3    Mon  9 Nov 09:00   B    Wrong item  Refund Only      rejected   IDR 30,000   same day 12:00
  c4    Mon 16 Nov 09:00   B    Defective   Refund Only      refunded   USD 20       same day 12:00
  c5    Fri 20 Nov 10:00   C    Quality     Refund Only      requested  -            -
  c6    Sun 22 Nov 10:00   A    Defective   Exchange         requested  -            -

By hand:
  Cases 6 (c1-c6) against 2 (p1, p2): +4.
  Refund total (IDR) 100,000 + 50,000 = 150,000 (c3 rejected counts 0; c5, c6 still requested count 0) against 50,000:
    +100,000. USD 20 (c4) is listed apart, never added.
  Answered within 2 working days: c1-c4 in 3 hours (4 of 4; c5 and c6 still run under the clock) = 100%, against
    p1 in time and p2 late = 50%: +50 points.
  Open requests at Sun 22 Nov 10:00: c5 has waited Friday 10:00-24:00 (14 h = 0.58 working day; the weekend does not
    count), 1.42 left; c6 has waited nothing (Sunday), 2 left.
  Top SKUs by cases: A 3 (c1, c2, c6) = 50%, B 2 = 33%, C 1. By refund (IDR): A 150,000 only (B's one IDR case was rejected).
  Cases per week by reason: 26 Oct Defective 1; 2 Nov Defective 1; 9 Nov Wrong item 1; 16 Nov Defective 2, Quality 1.
  Refunds per week: IDR 100,000 / 50,000 / 0 / 0, USD 0 / 0 / 0 / 20; cases with a known refund 1 / 1 / 1 / 3.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from analysis.filters import FilterSpec
from analysis.kpis import overview
from analysis.money import currency_rule
from analysis.recurring import recurring_causes
from analysis.report import summary_book
from analysis.skus import sku_pareto
from analysis.sla import latest_moment, open_cases
from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from data.summary_book import write_summary

VIEW = FilterSpec(period="Last 4 weeks")
ROWS = [  # case, requested, sku, reason, type, status, amount, currency, answered
    ("p1", "2026-09-28 09:00", "A", "Defective", "Refund Only", "refunded", 40_000, "IDR", "2026-09-28 12:00"),
    ("p2", "2026-10-12 09:00", "B", "Quality", "Refund Only", "refunded", 10_000, "IDR", "2026-10-19 09:00"),
    ("c1", "2026-10-26 09:00", "A", "Defective", "Refund Only", "refunded", 100_000, "IDR", "2026-10-26 12:00"),
    ("c2", "2026-11-02 09:00", "A", "Defective", "Return + Refund", "refunded", 50_000, "IDR", "2026-11-02 12:00"),
    ("c3", "2026-11-09 09:00", "B", "Wrong item", "Refund Only", "rejected", 30_000, "IDR", "2026-11-09 12:00"),
    ("c4", "2026-11-16 09:00", "B", "Defective", "Refund Only", "refunded", 20, "USD", "2026-11-16 12:00"),
    ("c5", "2026-11-20 10:00", "C", "Quality", "Refund Only", "requested", None, "IDR", None),
    ("c6", "2026-11-22 10:00", "A", "Defective", "Exchange", "requested", None, "IDR", None),
]


def small_shop(**changes) -> pd.DataFrame:
    ids, requested, sku, reason, kind, status, amount, currency, answered = zip(*ROWS, strict=True)
    frame = pd.DataFrame(
        {
            "case_id": list(ids),
            "order_id": [f"#{i}" for i in ids],
            "sku": list(sku),
            "reason": list(reason),
            "request_type": list(kind),
            "status": list(status),
            "refund_amount": [None if a is None else float(a) for a in amount],
            "currency": list(currency),
            "request_date": pd.to_datetime(list(requested)),
            "response_date": pd.to_datetime([a for a in answered]),
            "handled_by": "Dewi",
            "channel": "Shopee",
        }
    )
    return conform(frame.assign(**changes))


@pytest.fixture
def stored(tmp_path) -> pd.DataFrame:
    """The small shop as the pages read it: imported into a SQLite store and loaded back."""
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        store.import_read(SheetRead(small_shop()), file_name="shop.xlsx", data=b"small shop")
        return store.load_cases()


def book_of(cases: pd.DataFrame, spec: FilterSpec = VIEW) -> tuple[openpyxl.Workbook, bytes]:
    data = write_summary(summary_book(cases, spec))
    return openpyxl.load_workbook(io.BytesIO(data)), data


def rows(sheet, first: int = 4) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=first)]


def test_the_workbook_has_its_sheets_and_charts(stored):
    book, data = book_of(stored)
    assert book.sheetnames == [
        "Summary",
        "Recurring causes",
        "Top SKUs",
        "Top SKUs by refund",
        "Deadlines",
        "By reason",
        "By request type",
        "Refunds",
    ]
    charts = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4  # cases by reason, refunds, cases by request type, top SKUs
    drawing = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    assert "'By reason'!$B$4:$B$7" in drawing  # the first reason's four weeks
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_front_sheet_figures_and_changes_are_the_overview_s(stored):
    book, _ = book_of(stored)
    front = book["Summary"]
    assert front["A1"].value == "Returns Radar · weekly summary"
    assert front["A2"].value.startswith("Last 4 weeks · 26 Oct 2026 – 22 Nov 2026")
    assert front["A3"].value == "Changes: against 28 Sep 2026 – 25 Oct 2026."
    assert [c.value for c in front[5]] == ["Figure", "This period", "Period before", "Change", "Note"]
    lines = {r[0]: r[1:] for r in rows(front, 6) if r[0] and r[1:4] != [None, None, None]}
    assert lines["Cases"][:3] == [6, 2, 4]
    assert lines["Refund total (IDR)"][:3] == [150_000, 50_000, 100_000]
    assert lines["Refund total (USD)"][:3] == [20, None, None]  # apart, never added to the IDR figure
    assert lines["Answered within 2 working days"][:3] == [1.0, 0.5, 0.5]
    # the same numbers as the Overview page's function for the same view
    figures = overview(stored, VIEW, rule=currency_rule(stored))
    assert (figures.cases.now, figures.cases.before) == (6, 2)
    assert (figures.refund_total.now, figures.refund_total.before) == (150_000, 50_000)
    assert (figures.answered_in_time.now, figures.answered_in_time.before) == (1.0, 0.5)
    formats = {r[0].value: (r[1].number_format, r[3].number_format) for r in front.iter_rows(min_row=6) if r[0].value}
    assert formats["Cases"] == ("#,##0", "+#,##0;-#,##0;0")
    assert formats["Refund total (IDR)"][0] == '"IDR "#,##0'
    assert formats["Refund total (USD)"][0] == '"USD "#,##0.00'
    assert formats["Answered within 2 working days"] == ("0%", "+0%;-0%;0%")


def test_top_skus_deadlines_and_weekly_tables(stored):
    book, _ = book_of(stored)
    top = book["Top SKUs"]
    assert [c.value for c in top[3]] == ["SKU", "Cases", "Share of cases", "Running share"]
    assert [r[:2] for r in rows(top)] == [["A", 3], ["B", 2], ["C", 1]]
    assert [r[2] for r in rows(top)] == pytest.approx([0.5, 1 / 3, 1 / 6])
    assert top["C4"].number_format == "0%"
    assert sku_pareto(VIEW.apply(stored), "cases")["value"].tolist() == [3, 2, 1]  # the SKUs page's function agrees
    by_refund = book["Top SKUs by refund"]
    assert [c.value for c in by_refund[3]][:2] == ["SKU", "Refund (IDR)"]
    assert [r[:3] for r in rows(by_refund)] == [["A", 150_000, 1.0]]
    assert by_refund["B4"].number_format == '"IDR "#,##0'

    deadlines = book["Deadlines"]
    header = [c.value for c in deadlines[3]]
    assert header[:4] == ["Time left (working days)", "Auto-approved at", "Case", "Order"]
    listed = rows(deadlines)
    assert [r[2] for r in listed] == ["c5", "c6"]  # most urgent first
    assert [r[0] for r in listed] == pytest.approx([1.42, 2.0], abs=0.005)
    waiting = open_cases(VIEW.apply(stored), as_of=latest_moment(stored))  # the Deadlines page's function
    assert waiting["case_id"].tolist() == ["c5", "c6"]
    assert listed[0][header.index("Requested")] == dt.datetime(2026, 11, 20, 10, 0)

    reasons = book["By reason"]
    header = [c.value for c in reasons[3]]
    assert header == ["Week", "Defective", "Wrong item", "Quality", "Total"]
    assert rows(reasons) == [
        [dt.datetime(2026, 10, 26), 1, 0, 0, 1],
        [dt.datetime(2026, 11, 2), 1, 0, 0, 1],
        [dt.datetime(2026, 11, 9), 0, 1, 0, 1],
        [dt.datetime(2026, 11, 16), 2, 0, 1, 3],
        ["Total", 4, 1, 1, 6],
    ]
    assert reasons["A4"].number_format == "yyyy-mm-dd" and reasons["B4"].number_format == "#,##0"

    refunds = book["Refunds"]
    assert [c.value for c in refunds[3]] == ["Week", "Refund (IDR)", "Refunded cases", "Refund (USD)", "Cases with a known refund"]
    assert [r[1:] for r in rows(refunds)] == [[100_000, 1, 0, 1], [50_000, 1, 0, 1], [0, 0, 0, 1], [0, 0, 20, 3], [150_000, 2, 20, 6]]
    assert (refunds["B4"].number_format, refunds["D4"].number_format) == ('"IDR "#,##0', '"USD "#,##0.00')
    widths = {k: v.width for k, v in refunds.column_dimensions.items()}
    assert widths["B"] >= len("Refund (IDR)") and widths["E"] >= len("Cases with a known refund")


def test_unknown_refunds_stay_blank_never_zero(tmp_path):
    cases = small_shop(refund_amount=None, status="refunded")  # no file gave an amount
    book, _ = book_of(cases)
    front = {r[0]: r[1:] for r in rows(book["Summary"], 6) if r[0]}
    assert front["Refund total (IDR)"][:3] == [None, None, None]
    assert front["Refund total (IDR)"][3] == "Not in your files: add a refund amount column"
    assert [r[1] for r in rows(book["Refunds"])][:4] == [None, None, None, None]


def test_recurring_causes_carry_the_page_s_evidence_sentence():
    """SKU A's 15 "Defective" of 30 against 15 of 300 (5%) in the rest of the shop: 1.5 expected, a new cause."""
    cases = conform(
        pd.DataFrame(
            {
                "case_id": [f"r{i}" for i in range(330)],
                "sku": ["A"] * 30 + ["B"] * 150 + ["C"] * 150,
                "reason": ["Defective"] * 15
                + ["Other"] * 15
                + (["Defective"] * 8 + ["Other"] * 142)
                + (["Defective"] * 7 + ["Other"] * 143),
                "request_type": "Refund Only",
                "request_date": pd.Timestamp("2026-11-20 09:00"),
            }
        )
    )
    found = recurring_causes(cases, as_of=cases["request_date"].max())  # what the Recurring causes page lists
    book, _ = book_of(cases, FilterSpec(period="All time"))
    causes = book["Recurring causes"]
    assert [c.value for c in causes[3]] == [
        "SKU",
        "Reason",
        "Status",
        "Cases (last 8 weeks)",
        "Expected",
        "Times the shop's rate",
        "Judged as of",
        "Evidence",
    ]
    listed = rows(causes)
    assert [r[:5] for r in listed] == [["A", "Defective", "new", 15, 1.5]]
    assert listed[0][7] == found["evidence"].iat[0] and "15 of 30" in listed[0][7]
    assert causes.column_dimensions["H"].width >= 80 and causes["H4"].alignment.wrap_text


def test_a_quiet_shop_says_nothing_stands_out(stored):
    book, _ = book_of(stored)
    assert book["Recurring causes"]["A4"].value == "Nothing stands out beyond chance lately."


def test_text_from_the_files_cannot_run_as_a_formula(stored):
    odd = stored.assign(sku=stored["sku"].astype("string").replace({"A": '=HYPERLINK("http://x")'}))
    book, _ = book_of(odd)
    assert book["Top SKUs"]["A4"].value == '\'=HYPERLINK("http://x")'
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
