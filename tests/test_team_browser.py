"""Two app processes on one PostgreSQL store behave as one, in Debian's chromium: an import made through one's Upload
page, a settings change and an undo show in the other on its next load. Both processes run `streamlit run app.py`
on the throwaway server of tests/pg_server.py.
"""

from __future__ import annotations

import re

import pytest

from data.clock import Clock
from data.store import Store
from tests import browser as browser_tests
from tests.browser import WORKBOOK, choose_files, running_app

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

VIEWPORT = {"width": 1300, "height": 1000}
TIMEOUT_MS = 120_000  # two app processes and a database on a loaded machine


@pytest.fixture(scope="module")
def team(pg_server):
    """Two app processes on one fresh PostgreSQL database; yields (url of one, url of the other, the store's URL)."""
    url = pg_server.new_database()
    with running_app({"RETURNS_RADAR_DB": url}) as first, running_app({"RETURNS_RADAR_DB": url}) as second:
        yield first.url, second.url, url


def settled(page) -> None:
    browser_tests.settled(page, TIMEOUT_MS)


def cases_shown(page) -> str:
    browser_tests.metrics(page, TIMEOUT_MS)  # the cards are drawn
    settled(page)
    return browser_tests.metrics(page, TIMEOUT_MS)["Cases"]


def open_page(browser, url: str):
    return browser_tests.new_page(browser, url, viewport=VIEWPORT, timeout=TIMEOUT_MS)


def test_an_import_a_setting_and_an_undo_in_one_process_show_in_the_other(team, browser):
    one, other, store_url = team
    first, second = open_page(browser, one), open_page(browser, other)
    for page in (first, second):
        page.get_by_text("Demo data").wait_for()
    demo_cases = cases_shown(second)

    # Import through the first process's Upload page.
    first.goto(f"{one}/upload")
    choose_files(first, WORKBOOK)
    first.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows")).click()
    first.get_by_text("Imported demo_returns.xlsx").wait_for()
    first.goto(one)
    imported_cases = cases_shown(first)
    assert first.get_by_text("Demo data").count() == 0

    # The second process shows it on its next load: no demo banner, the same figures.
    second.reload()
    assert cases_shown(second) == imported_cases  # (the demo workbook holds the demo shop: the banner tells them apart)
    assert second.get_by_text("Demo data").count() == 0
    browser_tests.shot(second, "team-second-process")

    # A response clock saved by another writer: both processes' Deadlines pages follow it.
    with Store(store_url) as store:
        store.save_clock(Clock(3, weekends_count=True))
    for page, url in ((first, one), (second, other)):
        page.goto(f"{url}/deadlines")
        page.get_by_role("heading", name="Deadlines").wait_for()
        settled(page)
        assert "left 3 calendar days without an answer" in page.locator('[data-testid="stMain"]').inner_text()

    # Undo the import: the second process is back on the demo shop on its next load.
    with Store(store_url) as store:
        store.undo(int(store.history()["import_id"].iloc[0]))
    second.goto(other)
    second.get_by_text("Demo data").wait_for()
    assert cases_shown(second) == demo_cases
