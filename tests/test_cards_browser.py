"""Cards whose figure no file provides, in Debian's chromium at a common laptop width (1280 px): on the Deadlines page's
row of four, every value shows whole in each language (nothing cut to "…"), and why it is unknown reads under it."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from data.store import Store
from tests.browser import TIMEOUT_MS, new_page, running_app, settled, shot

pytestmark = pytest.mark.browser
WIDTH = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A shop whose one sheet has no status and no first-response date: every Deadlines card is unknown."""
    folder = tmp_path_factory.mktemp("plain")
    sheet = folder / "plain.csv"
    pd.DataFrame(
        {
            "SKU": [f"SKU-{i % 7}" for i in range(40)],
            "Request Date": [f"2026-11-{i % 27 + 1:02d}" for i in range(40)],
            "Reason": "Damaged",
            "Refund Amount": [1000 * i for i in range(40)],
        }
    ).to_csv(sheet, index=False)
    url = f"sqlite:///{folder / 'returns.db'}"
    with Store(url) as store:
        store.import_file(sheet)
    with running_app({"RETURNS_RADAR_DB": url}) as app:
        yield app.url


@pytest.mark.parametrize(
    "lang, value, why",
    [
        ("en", "N/A", "Not in your files. Add a status column."),
        ("id", "N/A", "Tidak ada di file Anda. Tambahkan kolom status."),
        ("vi", "Không rõ", "Không có trong tệp của bạn. Thêm cột trạng thái."),
    ],
)
def test_unknown_deadline_cards_show_whole_at_1280_px(server, browser, lang, value, why):
    page = new_page(browser, f"{server}/deadlines?lang={lang}&period=All+time", viewport=WIDTH)
    values = page.locator('[data-testid="stMain"] [data-testid="stMetricValue"]')
    expect(values).to_have_text([value] * 4, timeout=TIMEOUT_MS)
    settled(page)
    cut = values.evaluate_all("els => els.map(el => [...el.querySelectorAll('*'), el].some(e => e.scrollWidth > e.clientWidth))")
    assert cut == [False] * 4
    captions = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').all_inner_texts()
    assert captions.count(why) == 2
    shot(page, f"deadlines-unknown-{lang}")
    page.context.close()
