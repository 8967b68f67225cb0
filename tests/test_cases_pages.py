"""The Cases, SKUs and SKU pages and the drill-down into them, in Streamlit's AppTest on a small hand-made store.

Every expected figure is counted by hand from the ten cases below (the comments say how); a drill-down is followed as
the browser does: the slice a chart point carries (read from the figure the page sent) or a button's callback sets the
filters, and the Cases page must list exactly the cases of that slice.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import analysis.cases
from analysis.filters import FilterSpec
from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from tests import app_pages
from tests.app_pages import figure, values
from ui import drill

TIMEOUT = 90

pytestmark = pytest.mark.usefixtures("fresh_app")

# id, sku, reason, request type, request day, status, refund, currency, comment, courier return
ROWS = [
    ("C01", "A", "Defective", "Refund Only", "2026-11-16", "refunded", 100.0, "IDR", "zipper broke on day one", False),
    ("C02", "A", "Defective", "Exchange", "2026-11-17", "refunded", 50.0, "IDR", None, False),
    ("C03", "A", "Wrong size or fit", "Exchange", "2026-11-10", "refunded", 30.0, "IDR", "too small", False),
    ("C04", "B", "Defective", "Refund Only", "2026-11-18", "refunded", 200.0, "IDR", "screen dead", False),
    ("C05", "B", "Quality", "Return + Refund", "2026-11-03", "rejected", 80.0, "IDR", None, False),
    ("C06", "B", "Quality", "Return + Refund", "2026-11-11", "refunded", 10.0, "USD", None, False),
    ("C07", "C", "Defective", "Refund Only", "2026-11-20", "requested", 70.0, "IDR", None, False),
    ("C08", "No SKU", "Other", "Refund Only", "2026-11-12", "refunded", 5.0, "IDR", None, False),
    ("C09", "A", "Defective", "Refund Only", "2026-11-19", "refunded", 40.0, "IDR", None, True),
    ("C10", "C", "Wrong item", "Reshipment", "2026-10-27", "refunded", 60.0, "IDR", None, False),
]
BUYER_IDS = [r[0] for r in ROWS if not r[-1]]  # C09 is a courier return: never listed as a buyer's request


@pytest.fixture
def store(tmp_path):
    columns = [
        "case_id",
        "sku",
        "reason",
        "request_type",
        "request_date",
        "status",
        "refund_amount",
        "currency",
        "comment",
        "courier_return",
    ]
    frame = pd.DataFrame(ROWS, columns=columns)
    frame["request_date"] = pd.to_datetime(frame["request_date"]) + pd.Timedelta(hours=10)
    frame["order_id"] = [f"ORD-{i:03d}" for i in range(1, len(frame) + 1)]
    frame["product_name"] = frame["sku"].map({"A": "Anorak", "B": "Blender", "C": "Candle"})
    opened = Store(f"sqlite:///{tmp_path / 'returns.db'}")
    opened.import_read(SheetRead(conform(frame)), file_name="returns.xlsx", data=b"small shop")
    yield opened
    opened.close()


def listed(at: AppTest) -> list[str]:
    """The case ids the Cases page lists, in its order."""
    assert at.title[0].value == "Cases"
    return at.dataframe[0].value["case_id"].tolist()


def open_page(page: str, query: dict | None = None) -> AppTest:
    return app_pages.open_page(page, query, timeout=TIMEOUT)


def follow(point_customdata: str, view: dict | None = None) -> AppTest:
    """The Cases page a click on a point carrying `point_customdata` opens from the view `view` (query parameters)."""
    chosen = drill.picks_of({"selection": {"points": [{"customdata": point_customdata}]}})
    spec = drill.narrowed(FilterSpec.from_query(view or {}), chosen)
    return open_page("views/cases.py", {k: v if len(v) > 1 else v[0] for k, v in spec.to_query().items()})


def test_the_cases_page_lists_the_buyer_requests_latest_first_with_human_columns(store):
    at = open_page("views/cases.py")
    # The ten cases less the courier return, by request day, latest first.
    assert listed(at) == ["C07", "C04", "C02", "C01", "C08", "C06", "C03", "C05", "C10"]
    assert any("**9 cases**" in m.value and "1 courier return" in m.value for m in at.markdown)
    shown = at.dataframe[0].value
    assert "None" not in shown.astype(str).to_numpy().ravel().tolist()
    assert shown.loc[shown["case_id"] == "C03", "sku"].item() == "sku?sku=A"  # a link to the SKU page
    assert shown.loc[shown["case_id"] == "C08", "sku"].isna().item()  # No SKU: no page to open
    assert shown.loc[shown["case_id"] == "C05", "comment"].item() == "—"
    columns = at.dataframe[0].proto.columns
    assert '"label": "Buyer\'s comment"' in columns or "Buyer's comment" in columns


@pytest.mark.parametrize(
    ("text", "ids"), [("zipper", ["C01"]), ("SCREEN", ["C04"]), ("ord-010", ["C10"]), ("blender quality", ["C06", "C05"]), ("c1", ["C10"])]
)
def test_the_search_box_finds_ids_skus_products_reasons_and_comments(store, text, ids):
    assert listed(open_page("views/cases.py", {"q": text})) == ids


def test_an_empty_view_says_so_and_offers_to_clear_the_filters(store):
    at = open_page("views/cases.py", {"q": "no such words"})
    assert at.info[0].value.startswith("No buyer request in this view containing")
    assert {"Clear the filters", "Clear the search"} <= {b.label for b in at.button}
    at = open_page("views/cases.py", {"sku": "C", "reason": "Quality"})
    assert "No buyer request in this view" in at.info[0].value
    next(b for b in at.button if b.label == "Clear the filters").click().run()
    assert not at.exception
    assert len(listed(at)) == 9


def test_the_heatmap_counts_by_hand_and_a_cell_opens_its_cases(store):
    at = open_page("views/skus.py")
    fig = figure(at, "skus_heatmap")
    heat = fig.data[0]
    cells = {(y, x): n for y, x, n in zip(heat.y, heat.x, values(heat.marker.color), strict=True)}
    # A: 2 defective (C01, C02; C09 is a courier return) + 1 wrong size; B: 1 defective + 2 quality; C: 1 + 1 wrong item.
    assert cells == {
        ("A", "Defective"): 2,
        ("A", "Wrong size or fit"): 1,
        ("B", "Defective"): 1,
        ("B", "Quality"): 2,
        ("C", "Defective"): 1,
        ("C", "Wrong item"): 1,
    }
    assert list(fig.layout.yaxis.categoryarray) == ["C", "B", "A"]  # most cases at the top
    assert list(fig.layout.xaxis.categoryarray) == ["Defective", "Wrong item", "Wrong size or fit", "Quality"]  # vocabulary order
    slices = dict(zip(zip(heat.y, heat.x, strict=True), heat.customdata, strict=True))
    assert listed(follow(slices[("B", "Defective")])) == ["C04"]
    assert listed(follow(slices[("A", "Defective")])) == ["C02", "C01"]


def test_the_pareto_charts_rank_by_cases_and_by_refund_in_the_main_currency(store):
    at = open_page("views/skus.py")
    cases = figure(at, "skus_pareto_cases")
    assert list(cases.data[0].x) == ["A", "B", "C"] and values(cases.data[0].y) == [3, 3, 2]
    assert values(cases.data[1].y) == pytest.approx([3 / 8, 6 / 8, 1.0])
    refund = figure(at, "skus_pareto_refund")
    # IDR only, paid only, courier returns in: A 100+50+30+40, B 200 (C05 rejected, C06 in USD), C 60 (C07 unpaid).
    assert list(refund.data[0].x) == ["A", "B", "C"] and values(refund.data[0].y) == [220.0, 200.0, 60.0]
    assert "IDR" in refund.layout.title.text
    bar = list(refund.data[0].customdata)[1]
    assert listed(follow(bar)) == ["C04", "C06", "C05"]


def test_a_weekly_bar_of_trends_opens_that_weeks_cases_of_its_reason(store):
    at = open_page("views/trends.py", {"request_type": "Refund Only"})
    traces = {t.name: t for t in figure(at, "trends_by_reason").data}
    defective = traces["Defective"]
    weeks = [pd.Timestamp(x) for x in defective.x]
    bar = list(defective.customdata)[weeks.index(pd.Timestamp("2026-11-16"))]
    # Refund-only defective requests of 16-22 Nov: C01, C04, C07 (C02 is an exchange, C09 a courier return).
    at = follow(bar, {"request_type": "Refund Only"})
    assert listed(at) == ["C07", "C04", "C01"]
    assert "16 Nov 2026 – 22 Nov 2026" in at.caption[0].value


def test_the_overview_card_and_its_weekly_bars_open_their_cases(store):
    at = open_page("views/overview.py", {"sku": "A"})
    next(b for b in at.button if b.label == "See the cases").click().run()
    assert not at.exception
    assert listed(at) == ["C02", "C01", "C03"]
    at = open_page("views/overview.py")
    bars = figure(at, "overview_weekly").data[0]
    week = [pd.Timestamp(x) for x in bars.x].index(pd.Timestamp("2026-11-09"))
    assert listed(follow(list(bars.customdata)[week])) == ["C08", "C06", "C03"]  # 9-15 Nov


def test_the_sku_page_shows_its_weeks_its_reasons_against_the_shop_and_links_its_cases(store):
    at = open_page("views/sku.py", {"sku": "A"})
    assert at.title[0].value == "SKU A"
    weekly = figure(at, "sku_weekly").data[0]
    assert values(weekly.y) == [1, 2]  # 9-15 Nov: C03; 16-22 Nov: C01, C02
    mix = {t.name: dict(zip(t.y, values(t.x), strict=True)) for t in figure(at, "sku_mix").data}
    assert mix["A"] == pytest.approx({"Defective": 2 / 3, "Wrong size or fit": 1 / 3, "Quality": 0, "Wrong item": 0, "Other": 0})
    # The shop's nine buyer requests: defective C01 C02 C04 C07, quality C05 C06, one each of the rest.
    assert mix["The whole shop"] == pytest.approx(
        {"Defective": 4 / 9, "Wrong size or fit": 1 / 9, "Quality": 2 / 9, "Wrong item": 1 / 9, "Other": 1 / 9}
    )
    assert any("no rate" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "See its 3 cases").click().run()
    assert listed(at) == ["C02", "C01", "C03"]


def test_no_sku_and_a_missing_sku_have_no_sku_page(store):
    for query in ({"sku": "No SKU"}, {}):
        at = open_page("views/sku.py", query)
        assert at.title[0].value == "SKU"
        assert "Cases without a SKU have no page" in at.info[0].value


def test_a_large_view_lists_the_latest_rows_and_counts_them_all(store):
    rows, total = analysis.cases.listed(store.load_cases(), limit=4)
    assert rows["case_id"].tolist() == ["C07", "C04", "C02", "C01"] and total == 9


@pytest.fixture
def spiking_store(tmp_path):
    """Eight weeks of 1 Defective and 9 Quality requests, then a week (16-22 Nov) of 20 Defective and 9 Quality."""
    rows = []
    for week in pd.date_range("2026-09-21", periods=9, freq="7D"):
        defective = 20 if week == pd.Timestamp("2026-11-16") else 1
        for n in range(defective + 9):
            rows.append(
                (
                    f"W{week:%m%d}-{n:02d}",
                    f"S{n % 5}",
                    "Defective" if n < defective else "Quality",
                    "Refund Only",
                    week + pd.Timedelta(days=n % 7, hours=10),
                )
            )
    frame = pd.DataFrame(rows, columns=["case_id", "sku", "reason", "request_type", "request_date"])
    opened = Store(f"sqlite:///{tmp_path / 'returns.db'}")
    opened.import_read(SheetRead(conform(frame)), file_name="spike.xlsx", data=b"spiking shop")
    yield opened
    opened.close()


@pytest.mark.parametrize("page", ["views/overview.py", "views/causes.py"])
def test_a_spike_sentence_opens_the_cases_of_its_reason_and_week(spiking_store, page):
    at = open_page(page, {"period": "Last 12 weeks"})
    buttons = [b for b in at.button if b.label.startswith("Its ") and "spike" in b.key]
    assert [b.label for b in buttons] == ["Its 20 cases"]
    buttons[0].click().run()
    assert not at.exception
    assert sorted(listed(at)) == [f"W1116-{n:02d}" for n in range(20)]


def test_the_sku_page_lists_the_recurring_causes_the_recurring_causes_page_finds_for_it():
    # The demo shop plants two causes: AP-0117 too small (recurring) and HM-0042 crushed boxes (growing).
    at = open_page("views/sku.py", {"sku": "AP-0117"})
    causes = [m.value for m in at.markdown if "Wrong size or fit" in m.value]
    assert len(causes) == 1 and "(recurring)" in causes[0], [m.value for m in at.markdown]
    assert not any("Damaged packaging" in m.value for m in at.markdown)
    next(b for b in at.button if b.key == "sku_cause_Wrong size or fit").click().run()
    shown = at.dataframe[0].value
    assert len(shown) and shown["sku"].str.endswith("sku=AP-0117").all()  # SKUs are links to their page
    assert set(shown["reason"]) == {"Wrong size or fit"}
    at = open_page("views/sku.py", {"sku": "AP-0117", "reason": "Defective"})
    assert any("No reason of this SKU stood out" in c.value for c in at.caption)
