"""Links and saved views in Debian's chromium: a mistyped link shows the nearest view with a notice and the address
bar is repaired; a view saved in one browser opens, with its page, filters and choices, in another."""

from __future__ import annotations

import re

import pytest

from tests.browser import new_page, opened, settled, shot

pytestmark = pytest.mark.browser


def test_a_mistyped_link_shows_the_notice_and_the_nearest_view(server, browser):
    page = new_page(browser)
    context = page.context
    page.goto(f"{server}/trends?reason=defective&period=Last+5+weeks&colour=red&trends_split=TRUE")
    page.get_by_role("heading", name="Trends").wait_for()
    notice = page.get_by_text("This link asked for something that does not exist")
    notice.wait_for()
    text = notice.inner_text()
    assert "period “Last 5 weeks”" in text and "unknown parameter “colour”" in text and "defective" not in text
    settled(page)
    page.wait_for_url(re.compile(r"/trends\?"))
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["reason=Defective", "trends_split=true"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Defective" in sidebar.locator('[data-testid="stMultiSelect"]').nth(1).inner_text()
    assert (
        page.get_by_role("switch", name="Split by request type").is_checked()
        or page.locator('[data-testid="stCheckbox"] input').first.is_checked()
    )
    shot(page, "mistyped-link")
    context.close()


def test_a_saved_view_opens_in_another_browser(server, browser):
    page = opened(browser, f"{server}/trends?reason=Defective&period=Last+4+weeks&trends_split=true", "Trends")
    mine = page.context
    page.get_by_role("button", name="Saved views").click()
    page.get_by_label("Name this view").fill("Defective split, 4 weeks")
    page.get_by_role("button", name="Save view").click()
    settled(page)
    page.get_by_role("button", name="Defective split, 4 weeks").wait_for()  # listed: it is in the store
    mine.close()

    other = opened(browser, server, "Overview")
    theirs = other.context
    other.get_by_role("button", name=re.compile(r"Saved views")).click()
    other.get_by_role("button", name="Defective split, 4 weeks").click()
    other.get_by_role("heading", name="Trends").wait_for()
    settled(other)
    other.wait_for_url(re.compile(r"reason=Defective"))
    settled(other)
    query = sorted(other.url.split("?", 1)[1].split("&"))
    assert query == ["period=Last+4+weeks", "reason=Defective", "trends_split=true"], other.url
    other.get_by_text("split by request type", exact=False).first.wait_for()  # the split chart's title
    shot(other, "saved-view-opened")
    theirs.close()
