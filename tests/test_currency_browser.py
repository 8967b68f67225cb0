"""End to end in Debian's chromium: the Currencies form beside the Money title on a store with IDR, VND, USD and
no-currency cases (the store of tests/test_currency_pages.py), and the cards that follow it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from tests.test_browser import CHROMIUM, ROOT, TIMEOUT_MS, VIEWPORT, _free_port, _settled, _shot, browser  # noqa: F401
from tests.test_currency_pages import ROWS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mixed_server(tmp_path_factory):
    """The app on a free port over a store holding the mixed-currency shop; stopped afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'returns.db'}"
    ids, currency, amount, status, proof, answered = zip(*ROWS, strict=True)
    frame = conform(pd.DataFrame({
        "case_id": list(ids), "sku": [f"SKU-{i}" for i in ids], "reason": ["Defective"] * 9, "request_type": ["Refund Only"] * 9,
        "request_date": pd.Timestamp("2026-11-16 09:00"),
        "response_date": [pd.Timestamp("2026-11-16 15:00") if a else pd.NaT for a in answered],
        "status": list(status), "refund_amount": [float(a) for a in amount], "currency": list(currency),
        "proof_provided": pd.array(list(proof), dtype="boolean"), "handled_by": ["Ayu"] * 9,
    }))
    with Store(url) as store:
        store.import_read(SheetRead(frame), file_name="mixed.xlsx", data=b"mixed")
    port = _free_port()
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "RETURNS_RADAR_DB": url}, stdout=log, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"streamlit did not start:\n{log.read()}")
        time.sleep(0.3)
    yield address
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def card(page, label: str) -> str:
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]').inner_text()


def test_the_currencies_form_changes_every_money_card(mixed_server, browser):  # noqa: F811 - the fixture imported above
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{mixed_server}/money?period=All+time")
    page.get_by_role("heading", name="Money").wait_for()
    _settled(page)
    assert card(page, "Refunds (IDR)") == "170k"
    expect(page.get_by_text("Also VND 700k, USD 40 and 10k with no currency (not added in)")).to_be_visible()
    _shot(page, "money-currencies")

    page.get_by_role("button", name="Currencies").click()
    page.get_by_text("Amounts with no currency are in the main currency", exact=True).click()
    _shot(page, "money-currencies-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Also VND 700k and USD 40 (not added in)")).to_be_visible(timeout=TIMEOUT_MS)
    _settled(page)
    assert card(page, "Refunds (IDR)") == "180k"
    context.close()
