"""Text from a file can never become a link or an image fetched from the web, in Debian's chromium.

A sheet whose SKU, reason wording and comments hold Markdown links, images, Streamlit directives and bare web
addresses is uploaded and imported; the Upload page (with its "Reasons filed under Other" panel), Recurring causes
and the Overview are opened. No page may hold a link to the hostile address, and the browser may request nothing
outside the app.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.browser import new_page, settled, shot, upload

pytestmark = pytest.mark.browser

HOSTILE = "![pic](http://evil.example/pixel.png) [click me](http://evil.example/x) :red[www.evil.example] <http://evil.example>"


def sheet() -> pd.DataFrame:
    days = pd.date_range("2026-10-05 09:00", periods=12, freq="D")
    return pd.DataFrame(
        {
            "Case ID": [f"C{n}" for n in range(12)],
            "Order ID": [f"O{n}" for n in range(12)],
            "SKU": ["[AP-1](http://evil.example/sku)"] * 6 + ["AP-2"] * 6,
            "Request Date": days,
            "Request Type": "Refund Only",
            "Reason": [HOSTILE] * 8 + ["Defective"] * 4,
            "Buyer Comment": [f"{HOSTILE} again"] * 12,
            "Refund Amount": 1000,
            "Currency": "IDR",
            "Status": "Refunded",
        }
    )


def test_file_text_never_becomes_a_link_or_a_fetched_image(server, browser, tmp_path):
    path = tmp_path / "hostile wording.csv"
    sheet().to_csv(path, index=False)
    page = new_page(browser)
    context = page.context
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    upload(page, server, path)
    page.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows")).click()
    page.get_by_text("Imported hostile wording.csv").wait_for()
    page.get_by_text("Reasons filed under Other").wait_for()
    settled(page)
    shot(page, "markdown-safety-upload")
    assert page.locator('a[href*="evil.example"]').count() == 0
    for name in ("Recurring causes", "Overview"):
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
        page.get_by_role("heading", name=name).wait_for()
        settled(page)
        assert page.locator('a[href*="evil.example"]').count() == 0
    shot(page, "markdown-safety-overview")
    assert not [url for url in requested if "evil.example" in url]
    context.close()
