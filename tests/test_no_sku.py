"""Cases from a sheet with no product column carry the sku "No SKU": analyses by SKU leave them out, every other
figure counts them. A small shop worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from analysis.common import sku_level
from analysis.money import refunds_by
from analysis.recurring import recurring_causes
from analysis.return_rate import return_rates
from analysis.weekly import weekly_counts
from data.reader import SheetRead
from data.schema import NO_SKU, conform
from data.store import Store
from tests.app_pages import values

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DAY = pd.Timestamp("2026-11-18 10:00")  # a Wednesday


def small_shop() -> pd.DataFrame:
    """A-1: 3 Defective refunds of 10; B-2: 1 Quality refund of 5; No SKU (a sheet without a product column):
    4 Defective refunds of 20. All in the week of Mon 16 Nov 2026."""
    rows = [("A-1", "Defective", 10.0)] * 3 + [("B-2", "Quality", 5.0)] + [(NO_SKU, "Defective", 20.0)] * 4
    return conform(
        pd.DataFrame(
            {
                "case_id": [f"c{i}" for i in range(len(rows))],
                "sku": [r[0] for r in rows],
                "reason": [r[1] for r in rows],
                "refund_amount": [r[2] for r in rows],
                "currency": "IDR",
                "status": "refunded",
                "request_type": "Refund Only",
                "request_date": [DAY + pd.Timedelta(hours=i) for i in range(len(rows))],
            }
        )
    )


def test_sku_level_leaves_out_the_cases_with_no_sku_and_nothing_else():
    shop = small_shop()
    assert sorted(sku_level(shop)["sku"]) == ["A-1", "A-1", "A-1", "B-2"]
    assert len(shop) == 8  # the caller's frame is untouched


def test_by_sku_they_are_left_out_elsewhere_they_count():
    shop = small_shop()
    # Trends and money by reason count all 8 cases: Defective 3 × 10 + 4 × 20 = 110, Quality 5.
    assert weekly_counts(shop)["cases"].tolist() == [8]
    assert refunds_by(shop, "reason")[["reason", "refund"]].values.tolist() == [["Defective", 110.0], ["Quality", 5.0]]
    # The top-SKU ranking: A-1 30, B-2 5, no "No SKU" bar.
    assert refunds_by(sku_level(shop), "sku")[["sku", "refund"]].values.tolist() == [["A-1", 30.0], ["B-2", 5.0]]
    # Return rate: per SKU A-1 3 of 30 sold, B-2 1 of 10; shop-wide all 8 returned units of 40 sold.
    orders = pd.DataFrame({"date": [DAY] * 2, "sku": ["A-1", "B-2"], "units": [30, 10]})
    per_sku = return_rates(shop, orders)
    assert per_sku[["sku", "returned", "sold"]].values.tolist() == [["A-1", 3.0, 30.0], ["B-2", 1.0, 10.0]]
    assert return_rates(shop, orders, by=None)[["returned", "sold"]].values.tolist() == [[8.0, 40.0]]
    assert NO_SKU not in set(return_rates(shop)["sku"])  # the counts without an orders sheet too


def test_recurring_causes_by_sku_never_name_no_sku():
    # No SKU: 30 Defective of 30; A-1 to E-5: 100 each at 5 Defective. By SKU, "No SKU" is not a product and is left
    # out; by channel the same cases still count: the sheet's channel stands out for Defective.
    rows = [(NO_SKU, "Defective", "Sheet")] * 30
    for sku in ("A-1", "B-2", "C-3", "D-4", "E-5"):
        rows += [(sku, "Defective", "Shopee")] * 5 + [(sku, "Other", "Shopee")] * 95
    cases = pd.DataFrame(
        {"sku": [r[0] for r in rows], "reason": [r[1] for r in rows], "channel": [r[2] for r in rows], "request_date": DAY}
    )
    assert recurring_causes(cases).empty
    assert recurring_causes(cases.assign(request_type="Refund Only"), by=("sku", "request_type")).empty
    by_channel = recurring_causes(cases, by=("channel", "reason")).set_index(["channel", "reason"])
    assert by_channel.loc[("Sheet", "Defective"), ["count", "volume"]].tolist() == [30, 30]


def test_the_money_page_ranks_skus_without_no_sku_and_counts_it_by_reason(tmp_path, fresh_app):
    store = Store(f"sqlite:///{tmp_path / 'returns.db'}")
    store.import_read(SheetRead(small_shop()), file_name="returns.xlsx", data=b"no-sku")
    store.close()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["period"] = "All time"
    at.run()
    at.switch_page("views/money.py").run()
    assert not at.exception, at.exception

    def figure(key: str):
        (chart,) = [c for c in at.get("plotly_chart") if key in c.proto.id]
        return plotly.io.from_json(chart.proto.spec)

    reason = figure("money_reason").data[0]
    assert list(reason.y) == ["Defective", "Quality"]
    assert values(reason.x) == pytest.approx([110.0, 5.0])
    at.button_group(key="money_by").set_value("sku").run()
    assert list(figure("money_sku").data[0].y) == ["A-1", "B-2"]
