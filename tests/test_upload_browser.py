"""End to end in Debian's chromium: an export whose item column no rule knows is asked for, imported, then undone.

Uses the server and browser fixtures of `tests/browser.py` (its own server, its own empty store).
Screenshots go to `test-artifacts/upload-*.png`.
"""

from __future__ import annotations

import pytest

from tests.browser import asked_for_column, metrics, new_page, settled, shot, upload
from tests.test_upload_page import WEEK_ONE, workbook

pytestmark = pytest.mark.browser


def test_map_an_unknown_column_import_and_undo(server, browser, tmp_path):
    export = tmp_path / "ajio week 45.xlsx"
    export.write_bytes(workbook(WEEK_ONE))
    page = new_page(browser)
    context = page.context
    upload(page, server, export)

    # No item column found for sure: the page asks which column holds it, above the sheet's first rows.
    asked_for_column(page, "Which column holds the SKU or product name?")
    shot(page, "upload-1-which-column")
    item = page.locator('[data-testid="stSelectbox"]').filter(has_text="SKU or product name is in")
    item.click()
    page.keyboard.type("Pcode 7")  # keyboard only: type to filter the choices, Enter to pick
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Read with this column").click()
    page.get_by_role("button", name="Import 4 rows").wait_for()
    settled(page)
    assert metrics(page) == {"Rows read": "5", "Rows to import": "4", "Rejected": "1", "Problems": "1"}
    page.get_by_text("Columns: how each header is read").click()  # open the mapping to show it
    settled(page)
    shot(page, "upload-2-mapped")

    page.get_by_role("button", name="Import 4 rows").click()
    page.get_by_text("Imported ajio week 45.xlsx").wait_for()
    settled(page)
    shot(page, "upload-3-imported")

    page.get_by_role("button", name="Undo…").click()
    confirm = page.get_by_role("button", name="Yes, undo import 1")
    confirm.wait_for()
    settled(page)
    shot(page, "upload-4-confirm-undo")
    confirm.click()
    page.get_by_text("Import 1 (ajio week 45.xlsx) was undone.").wait_for()
    settled(page)
    shot(page, "upload-5-undone")
    assert page.get_by_text("No import can be undone now.").count() == 1
    context.close()
