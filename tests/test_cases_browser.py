"""Drill-down in Debian's chromium on the demo shop: a click on a heatmap cell opens the Cases page with that cell's cases.

Reuses the server and browser of `tests/browser.py`; screenshots go to `test-artifacts/`.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data import demo
from data.schema import NO_SKU
from tests.browser import TIMEOUT_MS, new_page, settled, shot

pytestmark = pytest.mark.browser


def busiest_cell() -> tuple[str, str, int]:
    """By hand from the demo shop: the SKU with most buyer requests in the last 12 weeks (ties: first by name), its most
    frequent reason (ties: first by name) and that cell's count."""
    shop = demo.generate()
    day = shop["request_date"].dt.normalize()
    recent = shop[(day > day.max() - pd.Timedelta(weeks=12)) & ~shop["courier_return"].fillna(False).astype(bool)]
    recent = recent[recent["sku"] != NO_SKU]
    totals = recent.groupby("sku").size()
    sku = sorted(totals.index, key=lambda s: (-totals[s], s))[0]
    reasons = recent[recent["sku"] == sku].groupby(recent["reason"].astype(str)).size()
    reason = sorted(reasons.index, key=lambda r: (-reasons[r], r))[0]
    return sku, reason, int(reasons[reason])


def test_a_heatmap_cell_opens_the_cases_page_with_its_rows(server, browser):
    sku, reason, count = busiest_cell()
    page = new_page(browser)
    context = page.context
    page.goto(f"{server}/skus")
    page.get_by_role("heading", name="SKUs").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    settled(page)
    shot(page, "skus-page")
    # The centre of the cell, from plotly's own axes: plot-area offset plus the category's position.
    x, y = page.locator(".js-plotly-plot").first.evaluate(
        """(gd, [sku, reason]) => { const l = gd._fullLayout; const box = gd.getBoundingClientRect();
             return [box.left + l.xaxis._offset + l.xaxis.d2p(reason), box.top + l.yaxis._offset + l.yaxis.d2p(sku)]; }""",
        [sku, reason],
    )
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Cases").wait_for()
    settled(page)
    page.get_by_text(re.compile(rf"^{count:,} cases?$")).wait_for()
    assert f"sku={sku}" in page.url and f"reason={reason.replace(' ', '+')}" in page.url
    assert page.get_by_text("Traceback").count() == 0
    shot(page, "cases-from-heatmap")
    # The address is a link to the same slice: opened afresh, it shows the same count.
    fresh = context.new_page()
    fresh.set_default_timeout(TIMEOUT_MS)
    fresh.goto(page.url)
    fresh.get_by_role("heading", name="Cases").wait_for()
    fresh.get_by_text(re.compile(rf"^{count:,} cases?$")).wait_for()
    context.close()
