"""End to end in Debian's chromium: the Currencies form beside the Money title on a store with IDR, VND, USD and
no-currency cases (the store of tests/test_currency_pages.py), and the cards that follow it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import TIMEOUT_MS, opened, running_app, settled, shot
from tests.test_currency_pages import mixed_shop

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mixed_server(tmp_path_factory):
    """The app on a free port over a store holding the mixed-currency shop; stopped afterwards."""
    url = mixed_shop(f"sqlite:///{tmp_path_factory.mktemp('store') / 'returns.db'}")
    with running_app({"RETURNS_RADAR_DB": url}) as app:
        yield app.url


def card(page, label: str) -> str:
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]').inner_text()


def test_the_currencies_form_changes_every_money_card(mixed_server, browser):
    page = opened(browser, f"{mixed_server}/money?period=All+time", "Money")
    context = page.context
    assert card(page, "Refunds (IDR)") == "170k"
    expect(page.get_by_text("Also VND 700k, USD 40 and 10k with no currency (not added in)")).to_be_visible()
    shot(page, "money-currencies")

    page.get_by_role("button", name="Currencies").click()
    page.get_by_text("Amounts with no currency are in the main currency", exact=True).click()
    shot(page, "money-currencies-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Also VND 700k and USD 40 (not added in)")).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)
    assert card(page, "Refunds (IDR)") == "180k"
    context.close()


def test_each_file_that_names_no_currency_gets_its_own(tmp_path, browser):
    """Two files naming no currency (tests/test_currency_sources.py: rupees 1,000, pounds 25): apart until named."""
    from data.store import Store
    from tests.test_currency_sources import write_files

    url = f"sqlite:///{tmp_path / 'returns.db'}"
    with Store(url) as store:
        for path in write_files(tmp_path):
            store.import_file(path)
    with running_app({"RETURNS_RADAR_DB": url}) as app:
        page = opened(browser, f"{app.url}/money?period=All+time", "Money")
        assert card(page, "Refunds") == "1,000"
        expect(page.get_by_text("Also 25 with no currency from uk_returns.csv (not added in)")).to_be_visible()
        page.get_by_role("button", name="Currencies").click()
        for file, code in (("bayar_in.xlsx", "INR"), ("uk_returns.csv", "GBP")):
            picker = page.locator('[data-testid="stSelectbox"]').filter(has_text=file)
            picker.click()
            page.keyboard.type(code)
            page.keyboard.press("Enter")
            shot(page, f"money-currency-{code}")
            expect(picker.locator("input")).to_have_value(re.compile(code))
        shot(page, "money-currency-per-file")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Also GBP 25 (not added in)")).to_be_visible(timeout=TIMEOUT_MS)
        settled(page)
        assert card(page, "Refunds (INR)") == "1,000"
        page.context.close()
