"""Languages in Debian's chromium: Indonesian picked in the sidebar titles every page in Indonesian, labels the
filters, writes money as Indonesians do, and the address carries `lang=id` with canonical filter values."""

from __future__ import annotations

import re

import pytest

from tests.browser import new_page, settled, shot

pytestmark = pytest.mark.browser

# Page in the sidebar -> its title, in Indonesian (the SKU page is opened from a SKU, not from the sidebar).
PAGES = {
    "Ringkasan": "Ringkasan",
    "Tren": "Tren",
    "Penyebab berulang": "Penyebab berulang",
    "Tenggat": "Tenggat",
    "Uang": "Uang",
    "Tingkat retur": "Tingkat retur",
    "Perbaikan": "Perbaikan",
    "SKU": "SKU",
    "Kasus": "Kasus",
    "Unggah": "Unggah",
}


def test_indonesian_picked_in_the_sidebar_covers_every_page(server, browser):
    page = new_page(browser)
    context = page.context
    page.goto(f"{server}/?reason=Defective")
    page.get_by_role("heading", name="Overview").wait_for()
    settled(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Language").click()
    page.get_by_role("option", name="Bahasa Indonesia").click()
    page.get_by_role("heading", name="Ringkasan").wait_for()
    settled(page)
    page.wait_for_url(re.compile(r"lang=id"))
    assert sorted(page.url.split("?", 1)[1].split("&")) == ["lang=id", "reason=Defective"]  # values stay in English
    for label in ("Periode", "Jenis permintaan", "Alasan", "Bahasa"):
        sidebar.get_by_text(label, exact=True).first.wait_for()
    assert "Cacat" in sidebar.locator('[data-testid="stMultiSelect"]').nth(1).inner_text()
    period = sidebar.locator('[data-testid="stSelectbox"]').first
    assert "12 minggu terakhir" in period.inner_text() + period.locator("input").first.input_value()
    refund = page.locator('[data-testid="stMetric"]').filter(has_text="Total pengembalian dana")
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", refund.inner_text()), refund.inner_text()
    shot(page, "language-overview-id")

    for link, title in PAGES.items():
        sidebar.get_by_role("link", name=link, exact=True).click()
        page.get_by_role("heading", name=title, exact=True).wait_for()
        settled(page)
        assert "lang=id" in page.url, (link, page.url)
        assert "Cacat" in sidebar.locator('[data-testid="stMultiSelect"]').nth(1).inner_text(), link
        shot(page, f"language-{link.lower().replace(' ', '-')}-id")
    context.close()
