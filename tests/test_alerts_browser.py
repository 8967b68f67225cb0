"""The Overview in Debian's chromium after importing two sources that end months apart: alerts are about now.

A shop's own sheet runs to Sun 12 Jul 2026; a marketplace report ends Thu 14 May 2026. Both are uploaded together on
the Upload page. The report's SKU MK-01 has had a defect problem all along, the sheet's S-07 a packaging problem in
its last six weeks. Judged as of 12 Jul, MK-01 has no case lately: it must not be under Needs attention (it is
named once, as standing out in data that ends earlier); S-07 is. Screenshots go to `test-artifacts/`.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.browser import new_page, settled, shot, upload

pytestmark = pytest.mark.browser

MIX = ["Changed mind"] * 4 + ["Quality"] * 3 + ["Wrong size or fit"] * 2 + ["Defective"]  # 10 cases a SKU a week


def cases(prefix: str, skus: int, last_day: pd.Timestamp, weeks: int, plant) -> pd.DataFrame:
    """`skus` SKUs with 10 cases each on the same weekday of each of `weeks` weeks up to `last_day`; `plant(sku, week)`
    gives the week's reasons for a SKU with a problem (week 0 is the last), None for the ordinary mix."""
    rows = []
    for week in range(weeks):
        day = last_day - pd.Timedelta(weeks=week)
        for n in range(1, skus + 1):
            sku = f"{prefix}-{n:02d}"
            for i, reason in enumerate(plant(sku, week) or MIX):
                when = day + pd.Timedelta(hours=9, minutes=i)
                rows.append(
                    {
                        "Case ID": f"{prefix}{week:02d}{n:02d}{i}",
                        "Order ID": f"9{week:02d}{n:02d}{i}",
                        "SKU": sku,
                        "Request Date": when,
                        "Request Type": "Refund Only",
                        "Reason": reason,
                        "Refund Amount": 50000,
                        "Currency": "IDR",
                        "Status": "Refunded",
                        "First Response": when + pd.Timedelta(hours=3),
                    }
                )
    return pd.DataFrame(rows)


def packaging_lately(sku: str, week: int):
    return ["Damaged packaging"] * 6 + MIX[6:] if sku == "S-07" and week < 6 else None


def defects_all_along(sku: str, week: int):
    return ["Defective"] * 6 + MIX[6:] if sku == "MK-01" else None


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    sheet = folder / "shop_sheet.xlsx"
    cases("S", 12, pd.Timestamp("2026-07-12"), 30, packaging_lately).to_excel(sheet, index=False, engine="openpyxl")
    report = folder / "marketplace_report.csv"
    cases("MK", 6, pd.Timestamp("2026-05-14"), 30, defects_all_along).to_csv(report, index=False)
    return sheet, report


def test_needs_attention_shows_no_stale_pair_after_two_sources_ending_months_apart(server, browser, files):
    page = new_page(browser)
    context = page.context
    upload(page, server, *files)
    button = page.get_by_role("button", name=re.compile(r"^Import 2 files \(5,400 rows\)"))
    button.wait_for()
    settled(page)
    button.click()
    page.get_by_text("Imported shop_sheet.xlsx").wait_for()
    page.get_by_text("Imported marketplace_report.csv").wait_for()
    settled(page)

    page.get_by_role("link", name="See the overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    page.get_by_text("Needs attention").wait_for()
    settled(page)
    shot(page, "alerts-overview-two-sources")
    main = page.locator('[data-testid="stMain"]').inner_text()
    text = main[main.index("Needs attention") :]
    assert "S-07 · damaged packaging" in text
    assert "MK-01" not in text.split("stood out in data that ends earlier")[0]
    assert "1 SKU × reason pair stands out beyond chance" in text
    assert "1 more pair stood out in data that ends earlier (marketplace_report.csv ends 14 May 2026)" in text

    # Recurring causes says which date each source is judged as of, and keeps MK-01 apart with its own date.
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Recurring causes").click()
    page.get_by_role("heading", name="Recurring causes").wait_for()
    page.get_by_text("Spikes this week").wait_for()
    settled(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "12 Jul 2026 (marketplace_report.csv, which ends earlier: as of 14 May 2026)" in body
    assert "as of 14 May 2026, where its data ends" in body
    shot(page, "alerts-causes-two-sources")
    context.close()
