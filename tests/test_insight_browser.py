"""The insight pages in Debian's chromium on the demo shop: each draws its charts, and a download carries the view.

Reuses the server and browser of `tests/browser.py`; screenshots go to `test-artifacts/`.
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.browser import TIMEOUT_MS, VIEWPORT, settled, shot

pytestmark = pytest.mark.browser

PAGES = [("causes", "Recurring causes", 0), ("deadlines", "Deadlines", 1), ("money", "Money", 3)]


@pytest.fixture(scope="module")
def page(server, browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    context.close()


@pytest.mark.parametrize(("path", "heading", "charts"), PAGES, ids=[p for p, _, _ in PAGES])
def test_insight_page_draws(server, page, path, heading, charts):
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=heading).wait_for()
    if charts:
        page.locator(".js-plotly-plot").nth(charts - 1).wait_for()
    else:
        page.get_by_text("Spikes this week").wait_for()
    settled(page)
    assert page.locator(".js-plotly-plot").count() == charts
    assert page.get_by_text("Traceback").count() == 0
    shot(page, f"insights-{path}")


def test_the_summary_download_carries_the_filtered_view(server, page):
    page.goto(f"{server}/money?reason=Defective&period=Last+4+weeks")
    page.get_by_role("heading", name="Money").wait_for()
    settled(page)
    with page.expect_download() as started:
        page.get_by_role("button", name="Weekly summary (Excel)").click()
    download = started.value
    name = download.suggested_filename
    assert name.startswith("money_weekly-summary_") and name.endswith("_reason-defective.xlsx"), name
    book = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert book.sheetnames[0] == "Summary" and {"By reason", "By request type", "Refunds", "Deadlines"} <= set(book.sheetnames)
    assert "Last 4 weeks" in book["Summary"]["A2"].value and "Defective" in book["Summary"]["A2"].value
    header = [c.value for c in book["By reason"][3]]
    assert header == ["Week", "Defective", "Total"]
    assert len([row for row in book["By reason"].iter_rows(min_row=4) if row[0].value not in (None, "Total")]) == 4


def test_money_draws_the_breakdown_picked_and_the_address_keeps_it(server, page):
    page.goto(f"{server}/money")
    page.get_by_role("heading", name="Money").wait_for()
    settled(page)
    page.get_by_text("Refund value by reason").first.wait_for()
    page.locator('[data-testid="stButtonGroup"] button').filter(has_text="SKU").click()
    page.get_by_text("Refund value by SKU, top 15").first.wait_for()
    settled(page)
    assert page.get_by_text("Refund value by reason").count() == 0  # one ranked chart at a time
    assert "money_by=sku" in page.url
    assert page.locator(".js-plotly-plot").count() == 3
    shot(page, "money-by-sku")


# Notes, for each chart as it appears, the data plotly.js worked out for it when it first drew it. A second full draw
# works the data out again (a new `calcdata`).
FIRST_DRAWS = """() => { const seen = new WeakSet();
  const note = gd => { if (seen.has(gd)) return; seen.add(gd);
    if (gd.calcdata) gd.__firstCalc = gd.calcdata; else gd.once('plotly_afterplot', () => { gd.__firstCalc = gd.calcdata; }); };
  new MutationObserver(() => document.querySelectorAll('.js-plotly-plot').forEach(note))
    .observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']}); }"""


def test_a_filter_change_draws_each_chart_once(server, page):
    """Streamlit's chart theme, applied again just after a chart mounts, made plotly.js draw every chart twice on
    every filter change; the figures carry the theme's look themselves (`ui.chart_look`), so one draw is all."""
    page.goto(f"{server}/money")
    page.get_by_role("heading", name="Money").wait_for()
    settled(page)
    page.evaluate(FIRST_DRAWS)
    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason").first
    reason.click()
    page.keyboard.type("Defective")
    page.keyboard.press("Enter")
    settled(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd.__firstCalc !== undefined).length === 3"
    )
    page.wait_for_timeout(500)  # the theme's second pass came right after a chart mounted
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => [gd.__firstCalc !== undefined, gd.calcdata === gd.__firstCalc])"
    )
    assert drawn == [[True, True]] * 3
    assert "reason=Defective" in page.url
