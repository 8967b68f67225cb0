"""Long lists behind a switch, in Debian's chromium on the demo shop: nothing of the list is sent while the switch is
off; on, it shows its rows, and it stays on when a filter changes its count. A filter picked right after the switch
keeps the period a link set."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import TIMEOUT_MS, opened, settled, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading", "label"),
    [
        ("money", "Money", r"Show the .*refunds? paid without proof, largest first"),
        ("deadlines", "Deadlines", r"Show all .*open requests?, most urgent first"),
    ],
)
def test_a_long_list_is_built_when_shown_and_stays_shown_across_filters(server, browser, path, heading, label):
    page = opened(browser, f"{server}/{path}?period=All+time", heading)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    expect(caption).to_contain_text("All time")
    switch = page.locator('[data-testid="stCheckbox"]').filter(has_text=re.compile(label))
    expect(switch).to_have_count(1)
    tables = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    before_tables = tables.count()  # off: the list is not built, not sent
    before = switch.inner_text()
    switch.locator("label").click()
    # The filter is picked at once, while the list is still arriving: the period must survive it.
    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason").first
    reason.click()
    page.keyboard.type("Defective")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(switch).not_to_have_text(before, timeout=TIMEOUT_MS)  # the count follows the filter
    settled(page)
    expect(tables).to_have_count(before_tables + 1, timeout=TIMEOUT_MS)  # still on
    expect(caption).to_contain_text("All time · Defective")  # the link's period kept
    period = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first
    expect(period).to_have_value("All time")
    assert "period=All+time" in page.url
    shot(page, f"{path}-list-shown-after-filter", full_page=True)
    page.context.close()
