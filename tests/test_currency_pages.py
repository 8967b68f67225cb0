"""Mixed currencies on every card and in the weekly summary, in Streamlit's AppTest, on a small store worked out by hand.

The store holds IDR, VND, USD and no-currency cases, all requested on Monday 16 Nov 2026 at 09:00:

  case  currency  amount   status         proof   first response
  i1    IDR       100,000  refunded       no      Mon 15:00
  i2    IDR        50,000  auto-approved  no      -
  i3    IDR        30,000  rejected       yes     Mon 15:00
  i4    IDR        20,000  refunded       yes     Mon 15:00
  v1    VND       500,000  refunded       no      Mon 15:00
  v2    VND       200,000  auto-approved  -       -
  u1    USD            40  refunded       yes     Mon 15:00
  n1    -           7,000  refunded       no      Mon 15:00
  n2    -           3,000  auto-approved  -       -

IDR is the most common currency (4 cases), so it is the main one until the shop picks another.
  Refunds in IDR: i1 + i2 + i4 = 170,000 (i3 was rejected); apart: VND 500k + 200k = 700k, USD 40, no currency 7k + 3k = 10k.
  Auto-approved: 3 cases; IDR 50,000; apart VND 200k and 3,000 with no currency.
  Refunded without proof: IDR i1 + i2 = 150,000 (88% of 170,000); apart VND 500k (v1), 7,000 no currency (n1);
    proof is known on 6 of the 8 refunded requests (v2 and n2 unknown).
  Answered within 2 working days: 6 answered within 6 hours, 3 auto-approved (late): 6 of 9 = 66.7%.
With "amounts with no currency are in the main currency" on: IDR 180,000 and auto-approved IDR 53,000.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import FilterSpec
from analysis.report import summary_book
from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from data.summary_book import write_summary
from tests.app_pages import cards, open_page, values

ROWS = [  # case, currency, amount, status, proof, answered
    ("i1", "IDR", 100_000, "refunded", False, True),
    ("i2", "IDR", 50_000, "auto-approved", False, False),
    ("i3", "IDR", 30_000, "rejected", True, True),
    ("i4", "IDR", 20_000, "refunded", True, True),
    ("v1", "VND", 500_000, "refunded", False, True),
    ("v2", "VND", 200_000, "auto-approved", None, False),
    ("u1", "USD", 40, "refunded", True, True),
    ("n1", None, 7_000, "refunded", False, True),
    ("n2", None, 3_000, "auto-approved", None, False),
]


def mixed_shop(url: str) -> str:
    """The store at `url` holding the cases of `ROWS` (the table above); returns `url`."""
    ids, currency, amount, status, proof, answered = zip(*ROWS, strict=True)
    frame = conform(
        pd.DataFrame(
            {
                "case_id": list(ids),
                "sku": [f"SKU-{i}" for i in ids],
                "reason": ["Defective"] * 9,
                "request_type": ["Refund Only"] * 9,
                "request_date": pd.Timestamp("2026-11-16 09:00"),
                "response_date": [pd.Timestamp("2026-11-16 15:00") if a else pd.NaT for a in answered],
                "status": list(status),
                "refund_amount": [float(a) for a in amount],
                "currency": list(currency),
                "proof_provided": pd.array(list(proof), dtype="boolean"),
                "handled_by": ["Ayu"] * 9,
            }
        )
    )
    with Store(url) as store:
        store.import_read(SheetRead(frame), file_name="mixed.xlsx", data=b"mixed")
    return url


@pytest.fixture
def shop_url(fresh_app, tmp_path) -> str:
    return mixed_shop(f"sqlite:///{tmp_path / 'returns.db'}")


def page(name: str) -> AppTest:
    return open_page(f"views/{name}.py", {"period": "All time"})


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_overview_refund_total_is_the_main_currency_with_the_others_listed_beside(shop_url):
    at = page("overview")
    assert cards(at)["Refund total (IDR)"][0] == "170k"
    assert "Also VND 700k, USD 40 and 10k with no currency (not added in)" in captions(at)
    assert cards(at)["Answered within 2 working days"][0] == "66.7%"
    assert not any("based on" in c for c in captions(at))  # every case carries a response time or an auto-approval


def test_money_cards_and_charts_stay_in_the_main_currency(shop_url):
    at = page("money")
    got = cards(at)
    assert got["Refunds (IDR)"] == ("170k", "3 refunded cases")  # i1, i2, i4: the card counts the cases in its currency
    assert got["Lost to auto-approval (IDR)"] == ("50k", "29% of refunds")  # 50,000 / 170,000
    assert got["Refunded without proof (IDR)"] == ("150k", "88% of refunds")
    lines = captions(at)
    assert "Also VND 200k and 3,000 with no currency (not added in)" in lines
    assert "Also VND 500k and 7,000 with no currency (not added in)" in lines
    assert "based on 6 of 8 cases" in lines
    assert any(line.startswith("Charts show amounts in IDR") for line in lines)
    week = plotly.io.from_json(next(c for c in at.get("plotly_chart") if "money_week" in c.proto.id).proto.spec)
    bars = {trace.name: values(trace.y) for trace in week.data}
    assert bars == {"All refunds": [170_000], "Of which auto-approved": [50_000]}  # IDR only


def test_deadlines_auto_approved_card_adds_no_other_currency(shop_url):
    at = page("deadlines")
    got = cards(at)
    assert got["Auto-approved (IDR)"] == ("50k", "3 cases")
    assert "Also VND 200k and 3,000 with no currency (not added in)" in captions(at)
    # no status in the file words a request still waiting: whether any is past its deadline is not in the file
    assert got["Overdue, still open"][0] == "N/A"


def test_the_shop_takes_amounts_with_no_currency_as_its_own_on_the_money_page(shop_url):
    at = page("money")
    next(t for t in at.toggle if t.label == "Amounts with no currency are in the main currency").set_value(True)
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    with Store(shop_url) as store:
        assert store.currency_settings() == (None, True, ())
    assert cards(at)["Refunds (IDR)"][0] == "180k"
    assert "Also VND 700k and USD 40 (not added in)" in captions(at)
    assert cards(page("overview"))["Refund total (IDR)"][0] == "180k"
    assert cards(page("deadlines"))["Auto-approved (IDR)"][0] == "53k"


def test_the_shop_picks_another_main_currency(shop_url):
    with Store(shop_url) as store:
        store.save_currency_settings("VND", False)
    assert cards(page("overview"))["Refund total (VND)"][0] == "700k"
    money = page("money")
    assert cards(money)["Refunds (VND)"][0] == "700k"
    assert "Also IDR 170k, USD 40 and 10k with no currency (not added in)" in captions(money)


def test_weekly_summary_lists_each_currency_in_its_own_column_never_added(shop_url):
    from analysis.money import currency_rule

    with Store(shop_url) as store:
        cases = store.load_cases()
        rule = currency_rule(cases, *store.currency_settings())
    book = openpyxl.load_workbook(io.BytesIO(write_summary(summary_book(cases, FilterSpec(period="All time"), rule=rule))))
    money = book["Refunds"]
    assert [c.value for c in money[3]] == [
        "Week",
        "Refund (IDR)",
        "Refunded cases",
        "Refund (USD)",
        "Refund (VND)",
        "Refund (no currency)",
        "Cases with a known refund",
    ]
    # one week (Monday 16 Nov): IDR 170,000 on 3 refunded IDR cases, USD 40, VND 700,000, 10,000 with no currency, 9 cases known
    assert [c.value for c in money[4]][1:] == [170_000, 3, 40, 700_000, 10_000, 9]
    assert [money.cell(4, c).number_format for c in (2, 4, 5, 6)] == ['"IDR "#,##0', '"USD "#,##0.00', '"VND "#,##0', "#,##0.00"]
    # the front sheet: the main currency's totals as on the cards, each other amount on a line of its own
    front = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=6) if row[0].value}
    assert front["Refund total (IDR)"] == 170_000 and front["Refund total (VND)"] == 700_000
    assert front["Refund total (USD)"] == 40 and front["Refund total (no currency)"] == 10_000
    assert front["Lost to auto-approval (IDR)"] == 50_000 and front["Lost to auto-approval (VND)"] == 200_000
    assert front["Refunded without proof (IDR)"] == 150_000
    assert front["Answered within 2 working days"] == pytest.approx(6 / 9)
    # both pages offer the same workbook
    for name in ("money", "trends"):
        at = page(name)
        assert any("Weekly summary (Excel)" in str(e.proto) for e in at.get("download_button")), name
