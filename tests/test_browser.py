"""End to end in Debian's chromium: upload the demo workbook, import it, see the trend, share a filtered link.

Runs `streamlit run app.py` on a free localhost port against a temporary SQLite store. Screenshots go
to `test-artifacts/`; `make screenshots` also writes the Overview to `docs/overview.png` for the README
(a plain test run leaves the checkout as it found it).
"""

from __future__ import annotations

import io
import os
import re

import pytest

from tests.browser import ROOT, VIEWPORT, WORKBOOK, choose_files, metrics, new_page, settled, shot

pytestmark = pytest.mark.browser


def test_upload_trend_and_shared_link(server, browser):
    page = new_page(browser)
    context = page.context

    # First visit: an empty store shows the demo shop, marked as such, one click from the upload.
    page.goto(server)
    page.get_by_text("Demo data").wait_for()
    metrics(page)
    page.locator(".js-plotly-plot").first.wait_for()  # else the screenshot can catch the chart's empty placeholder
    settled(page)
    shot(page, "1-overview-demo")
    page.get_by_role("link", name="Upload your sheet").click()

    # Upload the demo workbook and import it.
    page.get_by_role("heading", name="Upload").wait_for()
    choose_files(page, WORKBOOK)
    import_button = page.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows"))
    import_button.wait_for()
    settled(page)
    shot(page, "2-upload-read")
    import_button.click()
    page.get_by_text("Imported demo_returns.xlsx").wait_for()
    settled(page)
    shot(page, "3-upload-imported")

    # The trend chart is drawn from the imported cases, and the demo banner is gone.
    page.get_by_role("link", name="See the trends").click()
    page.get_by_role("heading", name="Trends").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("Demo data").count() == 0
    settled(page)
    shot(page, "4-trends")
    page.get_by_text("Split by request type").click()
    page.get_by_text("split by request type", exact=False).nth(1).wait_for()  # the chart's title
    settled(page)
    shot(page, "4b-trends-split")

    # The Overview of the real store is the README's screenshot.
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    unfiltered = metrics(page)
    settled(page)
    shot(page, "5-overview")
    readme_shot(page)

    # Set a filter in the sidebar: the address bar now carries it.
    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason")
    reason.locator("input").click()
    page.keyboard.type("Defective")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"[?&]reason=Defective"))
    settled(page)
    filtered = metrics(page)
    assert filtered["Cases"] != unfiltered["Cases"]
    shot(page, "6-overview-filtered")
    shared = page.url

    # A colleague opens the link in a fresh browser: same filter, same figures.
    colleague = new_page(browser)
    other = colleague.context
    colleague.goto(shared)
    colleague.get_by_role("heading", name="Overview").wait_for()
    colleague.locator(".js-plotly-plot").first.wait_for()
    settled(colleague)
    chosen = colleague.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason")
    assert "Defective" in chosen.inner_text()
    assert metrics(colleague) == filtered
    shot(colleague, "7-shared-link")
    other.close()
    context.close()


def readme_shot(page) -> None:
    """The Overview as the README shows it: the viewport cropped to the page's content.

    Written only under `make screenshots` (RETURNS_RADAR_SCREENSHOTS=1), and then only when the picture
    changed, not for anti-aliasing noise.
    """
    if not os.environ.get("RETURNS_RADAR_SCREENSHOTS"):
        return
    bottom = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid="stMainBlockContainer"] > div > *')]
                 .map(e => e.getBoundingClientRect().bottom))"""
    )
    height = min(VIEWPORT["height"], int(bottom) + 40)
    shot = page.screenshot(clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})
    target = ROOT / "docs" / "overview.png"
    if target.exists() and _same_picture(target.read_bytes(), shot):
        return
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(shot)


def _same_picture(old: bytes, new: bytes) -> bool:
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(data)).convert("RGB") for data in (old, new))
    if a.size != b.size:
        return False
    return max(high for _, high in ImageChops.difference(a, b).getextrema()) <= 32


def test_nothing_is_fetched_from_the_web(server, browser):
    """Every request a page makes goes to the app itself: the favicon and icons are bundled (the app runs offline)."""
    page = new_page(browser)
    context = page.context
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server)
    page.locator(".js-plotly-plot").first.wait_for()
    settled(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Deadlines").click()
    page.get_by_role("heading", name="Deadlines").wait_for()
    settled(page)
    outside = [url for url in requested if not url.startswith((server, "data:", "blob:"))]
    assert requested and not outside
    context.close()
