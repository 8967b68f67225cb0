"""Download builders: the rows and the weekly summary, read back with openpyxl and pandas as a user's spreadsheet would."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from analysis.summary import weekly_summary
from data import demo
from data.downloads import file_name, rows_csv, rows_xlsx, tables_xlsx
from data.schema import conform

NOT_PAID = ["rejected", "cancelled", "requested"]


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return demo.generate()


@pytest.fixture
def hostile() -> pd.DataFrame:
    """Three cases whose text would run as formulas in a spreadsheet, with a buyer hash that must not leave."""
    cases = pd.DataFrame(
        {
            "case_id": ["c1", "c2", "c3"],
            "sku": ['=HYPERLINK("http://evil")', "TS-1", "+TS-2"],
            "request_type": "Refund Only",
            "reason": "Defective",
            "comment": ["@SUM(A1)", "-5 stars", "fine"],
            "request_date": pd.to_datetime(["2026-11-16 09:30", "2026-11-17 10:00", "2026-11-24 08:00"]),
            "refund_amount": [10.0, 20.0, 5.0],
            "status": "refunded",
            "buyer_hash": ["h1", "h2", "h3"],
            "channel": "\tShopee",
        }
    )
    return conform(cases)


def test_rows_xlsx_has_human_headers_widths_defused_formulas_dates_and_no_buyer_ids(hostile):
    sheet = openpyxl.load_workbook(io.BytesIO(rows_xlsx(hostile)))["Cases"]
    header = [c.value for c in sheet[1]]
    assert "Buyer (hashed)" not in header and "buyer_hash" not in header
    assert header[:6] == ["Case", "Order", "SKU", "Product", "Request type", "Reason"]
    assert {"Buyer's comment", "Requested", "Refund", "Person in charge"} <= set(header)
    assert all(c.font.b for c in sheet[1]) and sheet.freeze_panes == "A2"
    widths = {header[i]: sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(header))}
    assert widths["Buyer's comment"] > 40 and widths["Requested"] >= 17 and widths["Units"] >= 8
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["SKU"] for r in rows] == ['\'=HYPERLINK("http://evil")', "TS-1", "'+TS-2"]
    assert [r["Buyer's comment"] for r in rows] == ["'@SUM(A1)", "'-5 stars", "fine"]
    assert rows[0]["Channel"] == "'\tShopee"
    assert [r["Reason"] for r in rows] == ["Defective"] * 3  # category cells are written, not left blank
    assert rows[0]["Requested"] == dt.datetime(2026, 11, 16, 9, 30)  # a real date cell, not text
    assert sheet.cell(2, header.index("Requested") + 1).number_format == "yyyy-mm-dd hh:mm"
    assert sheet.cell(2, header.index("Refund") + 1).number_format == "#,##0.00"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula anywhere
    assert sheet.cell(2, header.index("SKU") + 1).data_type == "s"


def test_rows_csv_has_human_headers_defuses_formulas_and_drops_buyer_ids(hostile):
    data = rows_csv(hostile)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert "Buyer (hashed)" not in back.columns and "buyer_hash" not in back.columns
    assert back.columns[:3].tolist() == ["Case", "Order", "SKU"]
    assert back["Buyer's comment"].tolist() == ["'@SUM(A1)", "'-5 stars", "fine"]
    assert back["Refund"].astype(float).tolist() == [10.0, 20.0, 5.0]


def test_weekly_summary_workbook_on_the_demo_shop(shop):
    data = tables_xlsx(weekly_summary(shop), heading="All time · week of request date", money_columns=("Refund",))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["By reason", "By request type", "Refunds"]

    # By hand: refunds paid, per Monday week of the request date, and in total.
    refund = shop["refund_amount"].fillna(0).where(~shop["status"].astype(str).isin(NOT_PAID), 0.0)
    monday = shop["request_date"].dt.normalize() - pd.to_timedelta(shop["request_date"].dt.day_of_week, unit="D")
    per_week = refund.groupby(monday).sum()
    money = book["Refunds"]
    assert money["A1"].value == "Refunds · All time · week of request date"
    assert [c.value for c in money[3]] == ["Week", "Refund (IDR)", "Refunded cases", "Cases with a known refund"]
    body = [[c.value for c in row] for row in money.iter_rows(min_row=4, max_row=money.max_row - 1)]
    assert body[0][0] == per_week.index[0].to_pydatetime() and isinstance(body[0][0], dt.datetime)
    assert money.cell(4, 1).number_format == "yyyy-mm-dd"
    assert {row[0]: row[1] for row in body} == pytest.approx({k.to_pydatetime(): v for k, v in per_week.items()})
    assert [c.value for c in money[money.max_row]] == ["Total", pytest.approx(refund.sum()), int((refund > 0).sum()), len(shop)]

    reasons = book["By reason"]
    header = [c.value for c in reasons[3]]
    totals = dict(zip(header, (c.value for c in reasons[reasons.max_row]), strict=True))
    assert totals["Total"] == len(shop)
    assert totals["Defective"] == int((shop["reason"] == "Defective").sum())
    assert len(body) == reasons.max_row - 4 == monday.nunique()  # every week, once
    types = book["By request type"]
    assert [c.value for c in types[3]] == ["Week", "Refund Only", "Return + Refund", "Reshipment", "Exchange", "Total"]


def test_weekly_summary_defuses_headers_that_come_from_the_data(hostile):
    odd = hostile.assign(reason=pd.Series(["=cmd|' /C calc'!A0", "Defective", "Defective"], dtype="string"))
    tables = weekly_summary(odd)
    assert tables["By reason"]["Total"].tolist() == [2, 1]
    sheet = openpyxl.load_workbook(io.BytesIO(tables_xlsx(tables)))["By reason"]
    assert [c.value for c in sheet[3]] == ["Week", "Defective", "'=cmd|' /C calc'!A0", "Total"]


def test_file_names_say_the_page_the_contents_the_period_and_the_filters():
    window = (pd.Timestamp("2026-09-01"), pd.Timestamp("2026-11-22"))
    assert (
        file_name("trends", "rows", "csv", window, {"request_type": (), "reason": ("Defective",), "sku": ()})
        == "trends_rows_2026-09-01_2026-11-22_reason-defective.csv"
    )
    # the same view from another page, or another file of the same page, never shares a name
    names = {
        file_name(page, what, "xlsx", window, {"reason": ("Defective",)})
        for page in ("trends", "money", "cases")
        for what in ("rows", "weekly-summary")
    }
    assert len(names) == 6
    assert (
        file_name("money", "weekly-summary", "xlsx", None, {"request_type": ("Return + Refund",), "sku": ("AP/0117",)})
        == "money_weekly-summary_all-time_type-return-refund_sku-ap-0117.xlsx"
    )
    # many values are counted; every filter the view has is named
    assert (
        file_name(
            "cases",
            "rows",
            "csv",
            window,
            {"sku": ("A", "B", "C", "D"), "handled_by": ("Dewi",), "channel": ("Shopee",), "status": ("refunded", "rejected")},
        )
        == "cases_rows_2026-09-01_2026-11-22_4-skus_person-dewi_channel-shopee_status-refunded-rejected.csv"
    )
    # text with no plain letters is counted, not dropped; a very long pick falls back to counts
    assert file_name("trends", "rows", "csv", None, {"sku": ("退货",)}) == "trends_rows_all-time_1-sku.csv"
    long = file_name("trends", "rows", "csv", window, {"sku": ("X" * 60, "Y" * 60), "reason": ("Defective",)})
    assert long == "trends_rows_2026-09-01_2026-11-22_2-skus_1-reason.csv"
    assert file_name("upload", "problems week 46", "csv", dated=False) == "upload_problems-week-46.csv"
