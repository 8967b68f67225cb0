"""Lines that are fees, postage or adjustments are no products: left out of every figure, said on the Overview, Money and
Return rate pages with their amount, kept (marked) in downloads of rows.

Two files, written by real writers and imported into a real SQLite store:

  - shop_returns.csv (pandas): SHIRT-01 "Linen shirt" 100 and 60, MUG-1 "Postage stamp album" 40 and TIRE-9
    "Discount Tire gauge" 25 (products whose names hold a fee word), POST "POSTAGE" 18, AMAZONFEE "AMAZON FEE" 500,
    FEE-US "Shipping fee" USD 7 (fee lines); every line refunded, in GBP unless said.
  - toko.xlsx (openpyxl): KAOS-01 "Kaos polos" 30 (a product), ONGKIR "Ongkos kirim" 12, VC-1 "Phí vận chuyển" 3,
    KM-9 "Komisi" 4 (fee lines), GBP.

By hand: the products' refunds are 100 + 60 + 40 + 25 + 30 = GBP 255 on 5 cases; the 6 fee lines hold
18 + 500 + 12 + 3 + 4 = GBP 537 and USD 7 (never added to the pounds). Counted as refunds they would read GBP 792.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.filters import FilterSpec
from analysis.money import currency_rule, refund_figure
from analysis.not_products import is_not_product, left_out, marked, products_sold, split_products
from analysis.recurring import recurring_causes
from analysis.refund_breakdown import refund_ranking
from analysis.report import summary_book
from analysis.skus import sku_names, sku_pareto, sku_reason_counts
from data.downloads import rows_csv
from data.orders import read_orders
from data.store import Store
from data.summary_book import write_summary
from tests.app_pages import cards, figure, open_page
from tests.rendered import rendered
from tests.store_cases import imported, known

CSV_ROWS = [  # order, SKU, product name, reason, date, refund, currency
    ("O-1", "SHIRT-01", "Linen shirt", "Defective", "2026-11-02", 100.0, "GBP"),
    ("O-2", "SHIRT-01", "Linen shirt", "Wrong size", "2026-11-03", 60.0, "GBP"),
    ("O-3", "MUG-1", "Postage stamp album", "Defective", "2026-11-04", 40.0, "GBP"),
    ("O-4", "POST", "POSTAGE", "", "2026-11-05", 18.0, "GBP"),
    ("O-5", "AMAZONFEE", "AMAZON FEE", "", "2026-11-06", 500.0, "GBP"),
    ("O-6", "FEE-US", "Shipping fee", "", "2026-11-07", 7.0, "USD"),
    ("O-7", "TIRE-9", "Discount Tire gauge", "Quality", "2026-11-08", 25.0, "GBP"),
]
XLSX_ROWS = [
    ("T-1", "KAOS-01", "Kaos polos", "Damaged", "2026-11-09", 30, "GBP"),
    ("T-2", "ONGKIR", "Ongkos kirim", None, "2026-11-10", 12, "GBP"),
    ("T-3", "VC-1", "Phí vận chuyển", None, "2026-11-11", 3, "GBP"),
    ("T-4", "KM-9", "Komisi", None, "2026-11-12", 4, "GBP"),
]
FEES = ["AMAZONFEE", "FEE-US", "KM-9", "ONGKIR", "POST", "VC-1"]
PRODUCTS = ["SHIRT-01", "KAOS-01", "MUG-1", "TIRE-9"]  # by cases, then SKU
SENTENCE = "Left out: 6 lines of fees, postage or adjustments, not products (£537): AMAZONFEE, FEE-US, KM-9, ONGKIR, POST, …"


@pytest.mark.parametrize(
    ("sku", "name"),
    [
        ("AMAZONFEE", "AMAZON FEE"),
        ("POST", "POSTAGE"),
        ("M", "Manual"),
        ("D", "Discount"),
        ("BANK CHARGES", "BANK CHARGES"),
        ("C2", "CARRIAGE"),
        ("DOT", "DOTCOM POSTAGE"),
        ("S", "SAMPLES"),
        ("B", "Adjust bad debt"),
        ("CRUK", "CRUK Commission"),  # its own code beside a fee word
        ("X-1", "Shipping fee"),
        ("X-2", "Commission"),
        ("X-3", "Adjustment"),
        ("X-4", "Ongkos kirim"),
        ("X-5", "Biaya layanan"),
        ("X-6", "Komisi"),
        ("X-7", "Penyesuaian"),
        ("X-8", "Diskon"),
        ("X-9", "Phí vận chuyển"),
        ("X-10", "Điều chỉnh"),
        ("X-11", "Giảm giá"),
        ("X-12", "Shopee: biaya admin"),
        ("SHIPPINGFEE", None),  # no product name: the SKU decides, even written in one piece
        ("Ongkos Kirim", None),
        ("phi-van-chuyen", None),
    ],
)
def test_fee_lines_are_no_products(sku, name):
    assert is_not_product(sku, name)


@pytest.mark.parametrize(
    ("sku", "name"),
    [
        ("22827", "RUSTIC SEVENTEEN DRAWER SIDEBOARD"),
        ("ST-1", "Postage stamp album"),
        ("DT-1", "Discount Tire gauge"),
        ("BC-1", "Baby carriage"),
        ("FS-1", "Fabric samples"),
        ("KP-1", "Kaos polos"),
        ("AO-1", "Áo thun nam"),
        ("SF-1", "Free shipping tote bag"),
        ("CRUK", "CRUK mug"),
        ("POST", None),  # a short code alone says nothing
        ("M", None),
        ("FEEDER-2", None),
        ("No SKU", None),
        (None, None),
    ],
)
def test_products_are_not_caught(sku, name):
    assert not is_not_product(sku, name)


def write_files(folder: Path) -> list[Path]:
    headers = ["Order ID", "SKU", "Product Name", "Return Reason", "Request Date", "Refund Amount", "Currency"]
    frame = pd.DataFrame(CSV_ROWS, columns=headers)
    frame["Status"] = "Refunded"
    csv_path = folder / "shop_returns.csv"
    frame.to_csv(csv_path, index=False)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Retur"
    sheet.append(
        [
            "Sub Order No",
            "Supplier SKU",
            "Product Name",
            "Return Reason",
            "Return Created Date",
            "Refund Amount",
            "Currency",
            "Refund Status",
        ]
    )
    for row in XLSX_ROWS:
        sheet.append([*row, "Refunded"])
    xlsx_path = folder / "toko.xlsx"
    book.save(xlsx_path)
    return [csv_path, xlsx_path]


@pytest.fixture
def store_path(tmp_path) -> str:
    return imported(f"sqlite:///{tmp_path / 'returns.db'}", write_files(tmp_path))


def loaded(url: str):
    cases, settings = known(url)
    return cases, currency_rule(cases, *settings)


def test_figures_leave_fee_lines_out_and_say_what_they_hold(store_path):
    cases, rule = loaded(store_path)
    assert len(cases) == 11 and rule.main == "GBP"
    assert refund_figure(cases, rule).main == 792.0  # what the fee lines would add, counted as refunds
    products, fees = split_products(cases)
    assert sorted(fees["sku"]) == FEES
    refunds = refund_figure(products, rule)
    assert (refunds.main, refunds.refunded, refunds.others) == (255.0, 5, ())
    assert sku_pareto(products)["sku"].tolist() == PRODUCTS
    assert sku_pareto(products, "refund", rule)["sku"].tolist() == ["SHIRT-01", "MUG-1", "KAOS-01", "TIRE-9"]  # 160, 40, 30, 25
    assert refund_ranking(products, rule, "sku").table["sku"].tolist() == ["SHIRT-01", "MUG-1", "KAOS-01", "TIRE-9"]
    assert set(sku_reason_counts(products).index) == set(PRODUCTS)
    assert sku_names(products) == sorted(PRODUCTS)
    found = recurring_causes(products, as_of=products["request_date"].max(), weeks=8, history_weeks=52, by=("sku", "reason"))
    assert not set(found["sku"].astype(str)) & set(FEES)
    said = left_out(fees, rule)
    assert (said.lines, said.skus, said.refunds.main, said.refunds.others) == (6, tuple(FEES), 537.0, (("USD", 7.0),))


def test_downloads_of_rows_keep_the_fee_lines_marked(store_path):
    cases, _rule = loaded(store_path)
    products, fees = split_products(cases)
    rows = pd.read_csv(io.BytesIO(rows_csv(marked(products, fees))), encoding="utf-8-sig", dtype=str)
    mark = "Not a product (fee, postage or adjustment)"
    assert len(rows) == 11
    assert sorted(rows.loc[rows[mark] == "True", "SKU"]) == FEES
    assert sorted(rows.loc[rows[mark] == "False", "SKU"]) == sorted(["SHIRT-01", "SHIRT-01", "KAOS-01", "MUG-1", "TIRE-9"])
    # no fee line in the view: the download is as it always was, no mark column
    assert mark not in pd.read_csv(io.BytesIO(rows_csv(marked(products, fees.iloc[0:0]))), encoding="utf-8-sig").columns


@pytest.mark.parametrize("split_before", [False, True])
def test_summary_workbook_leaves_fee_lines_out_and_says_so(store_path, split_before):
    cases, rule = loaded(store_path)
    fees = None
    if split_before:  # as the dashboard calls it: the products, and the lines it took out at load
        cases, fees = split_products(cases)
    book = openpyxl.load_workbook(io.BytesIO(write_summary(summary_book(cases, FilterSpec(period="All time"), rule=rule, fee_lines=fees))))
    said = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "6 lines of fees, postage or adjustments are left out, not products: AMAZONFEE, FEE-US, KM-9, ONGKIR, POST …" in said
    skus = [row[0] for row in book["Top SKUs"].iter_rows(values_only=True) if row[0] in FEES + PRODUCTS]
    assert skus == PRODUCTS
    front = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert front["Cases"] == 5


def test_money_page_says_what_was_left_out(store_path, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/money.py", {"period": "All time"})
    assert cards(at)["Refunds (GBP)"] == ("255", "5 refunded cases")
    captions = [rendered(c.value) for c in at.caption]
    assert f"{SENTENCE} · Also USD 7 (not added in)" in captions
    at.button_group(key="money_by").set_value("sku").run()
    sku_chart = [c for c in at.get("plotly_chart") if "money_sku" in c.proto.id]
    assert sku_chart and not any(fee in sku_chart[0].proto.spec for fee in FEES)


def test_overview_counts_products_and_says_what_was_left_out(store_path, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/overview.py", {"period": "All time"})
    shown = cards(at)
    assert shown["Cases"][0] == "5"  # 11 lines, 6 of them fees
    assert shown["Refund total (GBP)"][0] == "255"
    captions = [rendered(c.value) for c in at.caption]
    assert f"{SENTENCE} · Also USD 7 (not added in)" in captions


def test_return_rate_page_says_what_was_left_out(store_path, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/return_rate.py", {"period": "All time"})
    captions = [rendered(c.value) for c in at.caption]
    assert f"{SENTENCE} · Also USD 7 (not added in)" in captions


def test_cases_page_lists_products_and_counts_the_fee_lines_apart(store_path, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/cases.py", {"period": "All time"})
    listed = at.dataframe[0].value
    assert len(listed) == 5 and not listed["sku"].astype(str).str.contains("|".join(FEES)).any()
    said = " ".join(rendered(m.value) for m in at.markdown)
    assert "6 lines of fees, postage or adjustments not listed" in said


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("id", "Tidak dihitung: 6 baris biaya, ongkos kirim atau penyesuaian, bukan produk (£537): AMAZONFEE"),
        ("vi", "Không tính: 6 dòng phí, phí vận chuyển hoặc điều chỉnh, không phải sản phẩm (537 £): AMAZONFEE"),
    ],
)
def test_money_page_says_it_in_the_interface_language(store_path, fresh_app, monkeypatch, language, said):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/money.py", {"period": "All time", "lang": language})
    captions = [rendered(c.value) for c in at.caption]
    assert any(c.startswith(said) for c in captions), captions


def test_skus_page_ranks_products_alone(store_path, fresh_app, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", store_path)
    at = open_page("views/skus.py", {"period": "All time"})
    pareto = figure(at, "skus_pareto_cases")
    assert list(pareto.data[0].x) == PRODUCTS
    refund = figure(at, "skus_pareto_refund")
    assert list(refund.data[0].x) == ["SHIRT-01", "MUG-1", "KAOS-01", "TIRE-9"]
    heatmap = figure(at, "skus_heatmap")
    assert set(heatmap.data[0].y) == set(PRODUCTS)
    assert at.dataframe[0].value["sku"].str.extract(r"sku=([^&]+)")[0].tolist() == PRODUCTS


def test_units_sold_of_fee_skus_are_no_products_sold(store_path, tmp_path):
    """An orders sheet (pandas) selling SHIRT-01 5 units, POST 3 (a fee SKU the cases show) and SHIPPINGFEE 1 (a fee by
    its SKU alone): 5 units of products sold."""
    path = tmp_path / "orders.csv"
    pd.DataFrame(
        {"Order Date": ["2026-11-02", "2026-11-02", "2026-11-03"], "SKU": ["SHIRT-01", "POST", "SHIPPINGFEE"], "Quantity": [5, 3, 1]}
    ).to_csv(path, index=False)
    with Store(store_path) as store:
        store.import_orders(read_orders(path), file_name=path.name, data=path.read_bytes())
        orders = store.load_orders()
    cases, _rule = loaded(store_path)
    sold = products_sold(orders, split_products(cases)[1]["sku"])
    assert (sold["sku"].tolist(), int(sold["units"].sum())) == (["SHIRT-01"], 5)
