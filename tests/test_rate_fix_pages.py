"""The Return rate and Fixes pages and the "words buyers use" section, in AppTest: on the demo shop and on a store
holding imported cases and an imported orders sheet. Figures are computed here by hand with plain pandas and the
textbook Wilson formula, independently of `analysis.return_rate`.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from data import demo
from data.orders import read_orders
from data.reader import SheetRead
from data.store import Store
from tests.app_pages import cards, figure, open_page, values
from tests.rendered import rendered

pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own

SKU = demo.PLANTED["size_sku"]
Z = 1.96


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return demo.generate()


def orders_sheet(shop: pd.DataFrame) -> bytes:
    """A TikTok-style orders export: every SKU sells on every day of the demo year, one order per SKU and day."""
    rng = np.random.default_rng(7)
    days = pd.date_range(shop["request_date"].min().normalize(), shop["request_date"].max().normalize())
    skus = sorted(shop["sku"].dropna().unique())
    grid = pd.MultiIndex.from_product([days, skus], names=["day", "sku"]).to_frame(index=False)
    grid["Quantity"] = rng.integers(1, 9, len(grid))
    grid["Order ID"] = [f"58{i:08d}" for i in range(len(grid))]
    grid["Created Time"] = (grid["day"] + pd.Timedelta(hours=10)).dt.strftime("%d/%m/%Y %H:%M:%S")
    grid["Recipient"] = "Buyer Name"
    return (
        grid.rename(columns={"sku": "Seller SKU"})[["Order ID", "Seller SKU", "Quantity", "Created Time", "Recipient"]]
        .to_csv(index=False)
        .encode()
    )


@pytest.fixture
def store(tmp_path, shop) -> Store:
    """The store the app opens (see `fresh_app`), holding the demo cases imported as a real shop's."""
    opened = Store(f"sqlite:///{tmp_path / 'returns.db'}")
    opened.import_read(SheetRead(shop), file_name="returns.xlsx", data=b"returns")
    yield opened
    opened.close()


def window(shop: pd.DataFrame, weeks: int = 12) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = shop["request_date"].max().normalize()
    return end - pd.Timedelta(days=7 * weeks - 1), end


def returned_by_hand(shop: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    """Returned units per SKU: buyer requests (no courier returns) by request day, quantity 1 where missing."""
    day = shop["request_date"].dt.normalize()
    mine = shop[(day >= start) & (day <= end) & (shop["courier_return"] != True)]  # noqa: E712 - missing counts as a buyer's
    return mine["quantity"].astype("Float64").fillna(1).astype(float).groupby(mine["sku"].astype(str)).sum()


def wilson_by_hand(x: float, n: float) -> tuple[float, float]:
    """The textbook Wilson score interval: (x + z²/2 ± z √(x(n−x)/n + z²/4)) / (n + z²)."""
    centre, half = x + Z**2 / 2, Z * math.sqrt(x * (n - x) / n + Z**2 / 4)
    return (centre - half) / (n + Z**2), (centre + half) / (n + Z**2)


def test_the_return_rate_page_on_the_demo_shows_counts_labelled_as_counts(shop):
    at = open_page("views/return_rate.py")
    assert at.title[0].value == "Return rate"
    assert at.info[0].value.startswith("**Rates need an orders sheet.**")
    table = at.dataframe[0].value
    start, end = window(shop)
    by_hand = returned_by_hand(shop, start, end).sort_values(ascending=False, kind="stable")
    assert table.iloc[0]["returned"] == by_hand.iloc[0]
    assert table["sku"].str.startswith("sku?").all()  # each SKU links to its page
    assert dict(zip(table["sku"].str.split("sku=").str[-1], table["returned"], strict=True))[SKU] == by_hand[SKU]
    assert "count, not a rate" in at.dataframe[0].proto.columns
    chart = figure(at, "rate_counts_chart")
    assert values(chart.data[0].y) == list(by_hand.index[:20]) and values(chart.data[0].x) == list(by_hand.iloc[:20])
    assert chart.layout.xaxis.title.text == "Returned units (a count, not a rate)"


def test_real_cases_without_orders_ask_for_the_orders_sheet(store):
    at = open_page("views/return_rate.py")
    assert not any("Demo data" in m.value for m in at.markdown)
    assert at.info[0].value.startswith("**Add an orders sheet to see rates.**")
    assert len(at.get("file_uploader")) == 1 and not at.get("file_uploader")[0].proto.disabled


def test_the_return_rate_per_sku_matches_a_hand_computation(store, shop):
    data = orders_sheet(shop)
    result = store.import_orders(read_orders(data), file_name="orders.csv", data=data)
    assert result.lines > 0
    sales = pd.read_csv(pd.io.common.BytesIO(data))
    sales["day"] = pd.to_datetime(sales["Created Time"], format="%d/%m/%Y %H:%M:%S").dt.normalize()
    start, end = window(shop)
    sold = sales[(sales["day"] >= start) & (sales["day"] <= end)].groupby("Seller SKU")["Quantity"].sum().astype(float)
    returned = returned_by_hand(shop, start, end)

    at = open_page("views/return_rate.py")
    # Shop-wide: every returned unit over every unit sold in the 12 weeks.
    x, n = returned.sum(), sold.sum()
    low, high = wilson_by_hand(x, n)
    assert cards(at)["Returns per 100 units sold"] == (f"{x / n * 100:.1f}", f"95% interval {low * 100:.1f}–{high * 100:.1f}")
    assert cards(at)["Units sold"][0] == f"{n:,.0f}"

    table = next(d.value for d in at.dataframe if "per100" in d.value.columns)
    row = table.set_index(table["sku"].str.split("sku=").str[-1]).loc[SKU]  # the SKU page's link ends with the SKU
    x, n = returned[SKU], sold[SKU]
    low, high = wilson_by_hand(x, n)
    assert (row["returned"], row["sold"]) == (x, n)
    assert row["per100"] == pytest.approx(100 * x / n)
    assert (row["low100"], row["high100"]) == pytest.approx((100 * low, 100 * high))
    rates = (returned.reindex(sold.index).fillna(0) / sold).sort_values(ascending=False, kind="stable")
    assert table["sku"].iloc[0] == f"sku?sku={rates.index[0]}"  # the highest rate first, linking to its page
    assert table["per100"].is_monotonic_decreasing

    ranked = figure(at, "rate_ranked")
    assert ranked.layout.xaxis.title.text == "Returns per 100 units sold"
    assert values(ranked.data[0].y)[0] == rates.index[0]
    # Per week for the SKU chosen: its weekly rates add back up to its returns and sales.
    at.selectbox(key="rate_sku").set_value(SKU).run()
    weekly = figure(at, "rate_weekly")
    units = np.asarray(values(weekly.data[2].customdata), dtype=float)
    assert units[:, 0].sum() == x and units[:, 1].sum() == n
    assert values(weekly.data[2].y) == pytest.approx(list(100 * units[:, 0] / units[:, 1]))


def test_an_orders_import_is_undone_from_the_return_rate_page_after_confirmation(store, shop):
    data = orders_sheet(shop)
    first = store.import_orders(read_orders(data), file_name="orders.csv", data=data)
    newer = store.import_orders(read_orders(data), file_name="orders again.csv", data=data + b"\n")  # replaces every line
    extra = b"Order ID,Seller SKU,Quantity,Created Time\n99,ZZ-1,4,01/01/2026 10:00:00\n"
    stray = store.import_orders(read_orders(extra), file_name="stray.csv", data=extra)
    assert newer.replaced == first.lines

    at = open_page("views/return_rate.py")
    history = next(d.value for d in at.dataframe if "lines_replaced" in d.value.columns)
    assert history["file_name"].tolist() == ["stray.csv", "orders again.csv", "orders.csv"]
    assert history["lines_stored"].tolist() == [1, first.lines, 0] and history["lines_replaced"].tolist() == [0, first.lines, 0]
    when = store.order_history().set_index("import_id")["imported_at"]
    assert at.selectbox(key="orders_upload_undo_choice").options == [
        f"{stray.import_id} · stray.csv · {when[stray.import_id]:%-d %b %Y}",
        f"{first.import_id} · orders.csv · {when[first.import_id]:%-d %b %Y}",
    ]
    at.button(key="orders_upload_undo").click().run()
    assert "Its 1 sale line still stored will be removed" in at.warning[0].value
    assert units_of(store)["ZZ-1"] == 4.0  # nothing happens before the second click
    at.button(key="orders_upload_undo_confirm").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == f"Orders import {stray.import_id} (stray.csv) was undone."
    assert "ZZ-1" not in units_of(store) and store.order_history()["file_name"].tolist() == ["orders again.csv", "orders.csv"]


def units_of(store: Store) -> dict[str, float]:
    return store.load_orders().groupby("sku")["units"].sum().to_dict()


def test_the_fixes_page_on_the_demo_shows_the_example_and_a_disabled_form(shop):
    at = open_page("views/fixes.py")
    card = next(m.value for m in at.markdown if "Example on the demo shop" in m.value)
    assert ":red-badge[:material/trending_up: returns rose]" in card and "SKU HM-0042" in card
    # By hand: damaged-packaging share of HM-0042's buyer requests, 8 weeks before and after the planted date.
    start = demo.PLANTED["packaging_from"]
    mine = shop[(shop["sku"] == "HM-0042") & (shop["courier_return"] != True)]  # noqa: E712
    before = mine[(mine["request_date"] >= start - pd.Timedelta(weeks=8)) & (mine["request_date"] < start)]
    after = mine[(mine["request_date"] >= start) & (mine["request_date"] <= start + pd.Timedelta(weeks=8))]
    hits = [int((part["reason"] == "Damaged packaging").sum()) for part in (before, after)]
    sentence = next(rendered(m.value) for m in at.markdown if rendered(m.value).startswith("Cheaper packaging supplier, SKU HM-0042"))
    assert f"damaged packaging was {hits[0]} of {len(before)} requests" in sentence
    assert f"and {hits[1]} of {len(after)} (" in sentence
    form = [at.selectbox(key="fix_sku"), at.selectbox(key="fix_reason"), at.date_input(key="fix_date"), at.text_input(key="fix_note")]
    assert all(w.proto.disabled for w in form)


def test_a_fix_is_noted_judged_against_the_orders_and_deleted_after_confirmation(store, shop):
    data = orders_sheet(shop)
    store.import_orders(read_orders(data), file_name="orders.csv", data=data)
    at = open_page("views/fixes.py")
    assert at.info[0].value.startswith("No change noted yet.")
    # An empty note is refused, nothing saved.
    next(b for b in at.button if b.label == "Save the note").click().run()
    assert at.error and store.fixes().empty

    at.selectbox(key="fix_sku").set_value("HM-0042")
    at.selectbox(key="fix_reason").set_value("Damaged packaging")
    at.date_input(key="fix_date").set_value(date(2026, 9, 7))
    at.text_input(key="fix_note").input("new packaging")
    next(b for b in at.button if b.label == "Save the note").click().run()
    assert not at.exception, at.exception
    assert [m.value for m in at.success] == ["Saved: new packaging."]  # said once, above the list that now holds it
    assert at.subheader[0].value == "1 change noted"
    noted = store.fixes()
    assert noted[["sku", "reason", "date", "note"]].values.tolist() == [
        ["HM-0042", "Damaged packaging", pd.Timestamp("2026-09-07"), "new packaging"]
    ]
    # With the orders sheet, the verdict is per unit sold: the reason's requests and the SKU's units, by hand.
    start, until = pd.Timestamp("2026-09-07"), pd.Timestamp("2026-09-07") + pd.Timedelta(weeks=8)
    mine = shop[(shop["sku"] == "HM-0042") & (shop["reason"] == "Damaged packaging") & (shop["courier_return"] != True)]  # noqa: E712
    x_b = int(((mine["request_date"] >= start - pd.Timedelta(weeks=8)) & (mine["request_date"] < start)).sum())
    x_a = int(((mine["request_date"] >= start) & (mine["request_date"] <= until)).sum())
    sales = pd.read_csv(pd.io.common.BytesIO(data))
    sales = sales[sales["Seller SKU"] == "HM-0042"]
    day = pd.to_datetime(sales["Created Time"], format="%d/%m/%Y %H:%M:%S").dt.normalize()
    n_b = sales.loc[(day >= start - pd.Timedelta(weeks=8)) & (day < start), "Quantity"].sum()
    n_a = sales.loc[(day >= start) & (day <= until), "Quantity"].sum()
    sentence = next(rendered(m.value) for m in at.markdown if rendered(m.value).startswith("New packaging, SKU HM-0042 from 7 Sep 2026"))
    assert f"({x_b} per {n_b:,.0f} units before, {x_a} per {n_a:,.0f} after)" in sentence
    assert "it rose" in sentence

    at.button(key=f"fix_delete_{int(noted['fix_id'].iat[0])}").click().run()
    assert not at.exception, at.exception
    assert store.fixes().empty
    assert at.success[0].value == "Deleted the note “new packaging”."


def test_words_buyers_use_follow_the_filters_and_lead_with_other(shop):
    at = open_page("views/causes.py", {"period": "Last 52 weeks"})
    line = next(m.value for m in at.markdown if m.value.startswith("**Under Other**"))
    start, end = window(shop, 52)
    day = shop["request_date"].dt.normalize()
    other = shop[(day >= start) & (day <= end) & (shop["reason"] == "Other") & (shop["courier_return"] != True)]  # noqa: E712
    uses = int(other["comment"].str.lower().str.count("alasan pribadi").sum())
    assert uses >= 3 and f"“alasan pribadi” ({uses:,})" in line
    assert "“alasan” (" not in line  # a word only seen inside a listed phrase is not repeated

    at = open_page("views/causes.py", {"period": "Last 52 weeks", "reason": "Defective"})
    assert not any(m.value.startswith("**Under Other**") for m in at.markdown)
    per_reason = next(d.value for d in at.dataframe if "term" in d.value.columns)
    assert set(per_reason["reason"]) == {"Defective"}


def test_rates_count_only_the_returns_of_days_the_orders_cover(store, shop):
    data = orders_sheet(shop)
    sales = pd.read_csv(pd.io.common.BytesIO(data))
    day = pd.to_datetime(sales["Created Time"], format="%d/%m/%Y %H:%M:%S").dt.normalize()
    end = shop["request_date"].max().normalize()
    recent = sales[day > end - pd.Timedelta(days=28)].to_csv(index=False).encode()  # the last 4 weeks only
    store.import_orders(read_orders(recent), file_name="orders-4-weeks.csv", data=recent)

    at = open_page("views/return_rate.py")  # the default period: 12 weeks
    returned = returned_by_hand(shop, end - pd.Timedelta(days=27), end).sum()
    twelve = returned_by_hand(shop, *window(shop)).sum()
    assert cards(at)["Returned units"][0] == f"{returned:,.0f}" != f"{twelve:,.0f}"
    left_out = next(c.value for c in at.caption if "The orders stored cover" in c.value)
    start = end - pd.Timedelta(days=27)
    assert f"cover {start:%-d %b %Y} – {end:%-d %b %Y}" in left_out
