"""Return rate, Fixes and the words buyers use, in Debian's chromium: first on the demo shop, then after importing
the demo workbook on the Upload page and an orders export on the Return rate page. Screenshots go to `test-artifacts/`.
"""

from __future__ import annotations

import re

import pytest

from data import demo
from tests.browser import WORKBOOK, choose_files, new_page, settled, shot
from tests.test_rate_fix_pages import orders_sheet

pytestmark = pytest.mark.browser


def pick(page, label: str, option: str) -> None:
    """Choose an option of a selectbox by typing it, as a keyboard user does."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.locator("input").click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def test_rates_fixes_and_words_end_to_end(server, browser, tmp_path):
    page = new_page(browser)
    context = page.context

    # The demo shop: counts, not rates; an example fix, the form explaining why it is disabled.
    page.goto(f"{server}/return_rate")
    page.get_by_text("Rates need an orders sheet.").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    settled(page)
    assert page.get_by_role("heading", name="Returned units per SKU (counts)").count() == 1
    shot(page, "rate-1-demo", full_page=True)
    page.goto(f"{server}/fixes")
    page.get_by_text("Example on the demo shop").wait_for()
    settled(page)
    assert page.get_by_role("button", name="Save the note").is_disabled()
    shot(page, "fixes-1-demo", full_page=True)

    # Import the demo workbook as a real shop's returns.
    page.goto(f"{server}/upload")
    choose_files(page, WORKBOOK)
    page.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows")).click()
    page.get_by_text("Imported demo_returns.xlsx").wait_for()

    # Without orders, the Return rate page asks for them and takes the sheet right there.
    page.goto(f"{server}/return_rate")
    page.get_by_text("Add an orders sheet to see rates.").wait_for()
    sheet = tmp_path / "tiktok orders.csv"
    sheet.write_bytes(orders_sheet(demo.generate()))
    choose_files(page, sheet)
    page.get_by_text(re.compile(r"tiktok orders\.csv: [\d,]+ sale lines")).wait_for()
    page.locator(".js-plotly-plot").nth(1).wait_for()
    settled(page)
    assert page.get_by_text("Returns per 100 units sold").count() >= 1
    assert page.get_by_text("Traceback").count() == 0
    shot(page, "rate-2-orders", full_page=True)

    # Note a fix with the keyboard-friendly form; its verdict shows at once.
    page.goto(f"{server}/fixes")
    page.get_by_text("No change noted yet.").wait_for()
    pick(page, "SKU", "HM-0042")
    pick(page, "Reason it should reduce", "Damaged packaging")
    page.get_by_test_id("stForm").locator('[data-testid="stDateInput"] input').first.fill("2026-09-07")  # the form's, not the sidebar's
    page.get_by_label("What changed").fill("new packaging")
    page.get_by_label("What changed").press("Enter")
    page.get_by_text("Saved: new packaging.").wait_for()
    page.get_by_text(re.compile(r"New packaging, SKU HM-0042 from 7 Sep 2026: damaged packaging went from")).wait_for()
    settled(page)
    shot(page, "fixes-2-noted", full_page=True)

    # The words buyers use, at the bottom of Recurring causes.
    page.goto(f"{server}/causes?period=Last+52+weeks")
    page.get_by_role("heading", name="Words buyers use").wait_for()
    page.get_by_text("Under Other", exact=True).wait_for()
    settled(page)
    shot(page, "causes-words", full_page=True)
    context.close()
