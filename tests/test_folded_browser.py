"""Long lists behind an expander, in Debian's chromium on the demo shop: nothing of the list is sent while it is
closed; opened, it shows its rows, and it stays open when a filter changes its count."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import TIMEOUT_MS, opened, settled, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading", "label"),
    [
        ("money", "Money", r"refunds? paid without proof, largest first"),
        ("deadlines", "Deadlines", r"All .*open requests?, most urgent first"),
    ],
)
def test_a_long_list_is_built_when_opened_and_stays_open_across_filters(server, browser, path, heading, label):
    page = opened(browser, f"{server}/{path}?period=All+time", heading)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    expect(caption).to_contain_text("All time")
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=re.compile(label))
    expect(expander).to_have_count(1)
    assert expander.locator('[data-testid="stDataFrame"]').count() == 0  # closed: not built, not sent
    before = expander.locator("summary").inner_text()
    expander.locator("summary").click()
    expect(expander.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)

    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason").first
    reason.click()
    page.keyboard.type("Defective")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(expander.locator("summary")).not_to_have_text(before, timeout=TIMEOUT_MS)  # the count follows the filter
    settled(page)
    expect(expander.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=TIMEOUT_MS)
    expect(caption).to_contain_text("All time · Defective")  # the link's period kept
    shot(page, f"{path}-list-open-after-filter", full_page=True)
    page.context.close()
