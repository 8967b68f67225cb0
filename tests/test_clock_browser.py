"""The response clock form in Debian's chromium on the demo shop: a holiday typed into the grid is saved and counted.

Reuses the server and browser of `tests/browser.py` (a server of this module's own, on an empty store).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import TIMEOUT_MS, opened, settled, shot

pytestmark = pytest.mark.browser


def test_the_response_clock_is_set_in_the_popover(server, browser):
    page = opened(browser, f"{server}/deadlines", "Deadlines")
    context = page.context
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert "2 working days without an answer (weekends do not count)" in caption.inner_text()

    page.get_by_role("button", name="Response clock").click()
    page.get_by_test_id("stNumberInputField").fill("3")
    page.get_by_text("Weekends count", exact=True).click()
    grid = page.locator("[data-testid=stPopoverBody] [data-testid=stDataFrame]").first
    box = grid.bounding_box()
    blank_row = (box["x"] + box["width"] / 3, box["y"] + box["height"] - 17)  # the grid's last line adds a row
    page.mouse.click(*blank_row)
    page.wait_for_function("([el, h]) => el.getBoundingClientRect().height > h", arg=[grid.element_handle(), box["height"]])
    page.mouse.dblclick(*blank_row)  # the new row took that line: open its date editor
    page.get_by_test_id("date-picker-cell").fill("2026-03-20")  # the grid's editor (the sidebar has date fields too)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1000)  # the grid hands its edits to the form a moment after the editor closes
    page.get_by_role("button", name="Save", exact=True).click()
    expect(caption).to_contain_text("3 calendar days without an answer (weekends count; 1 listed holiday does not)", timeout=TIMEOUT_MS)
    settled(page)
    assert page.get_by_text("Due in 1 calendar day", exact=True).count() == 1  # the card's label
    shot(page, "deadlines-response-clock")
    context.close()
