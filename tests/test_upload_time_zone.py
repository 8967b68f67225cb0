"""The Upload page's "Shop time zone" in Streamlit's AppTest: choosing a zone re-reads the chosen file, shows its
times with an offset as the shop's wall clock, saves the zone in the store and imports the shifted times."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.store import Store
from ui.upload_read import NOT_SET, ZONE_KEY

ROOT = Path(__file__).resolve().parent.parent
UPLOAD = "views/upload.py"
# Written in UTC, as Amazon and TikTok Shop exports do. Jakarta is UTC+7 all year.
SHEET = (
    pd.DataFrame(
        {
            "Case ID": ["C-1", "C-2"],
            "SKU": ["TEE-1", "CAP-2"],
            "Request Date": ["2026-11-02T01:30:00+00:00", "2026-11-08T20:00:00+00:00"],
            "Response Date": ["2026-11-03 09:00", ""],
        }
    )
    .to_csv(index=False)
    .encode()
)
IN_UTC = [pd.Timestamp("2026-11-02 01:30"), pd.Timestamp("2026-11-08 20:00")]  # the second on Sunday
IN_JAKARTA = [pd.Timestamp("2026-11-02 08:30"), pd.Timestamp("2026-11-09 03:00")]  # +7 hours: Monday 03:00

pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own


def store() -> Store:
    return Store(os.environ["RETURNS_RADAR_DB"])


def upload_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(UPLOAD).run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest) -> AppTest:
    at.file_uploader[0].set_value([("returns.csv", SHEET, "text/csv")]).run()
    assert not at.exception, at.exception
    return at


def set_zone(at: AppTest, zone: str) -> AppTest:
    at.selectbox(key=ZONE_KEY).set_value(zone).run()
    assert not at.exception, at.exception
    return at


def preview(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if {"sku", "request_date"} <= set(d.value.columns))


def test_choosing_the_shop_zone_shifts_the_preview_saves_the_zone_and_imports_shop_times():
    at = choose(upload_page())
    select = at.selectbox(key=ZONE_KEY)
    assert select.label == "Shop time zone" and select.value == "" and NOT_SET in select.options
    assert "converted to this zone" in select.help and "kept as written" in select.help
    assert preview(at).request_date.tolist() == IN_UTC

    set_zone(at, "Asia/Jakarta")
    shown = preview(at)
    assert shown.request_date.tolist() == IN_JAKARTA
    assert shown.response_date.tolist()[0] == pd.Timestamp("2026-11-03 09:00")  # no offset: kept as written
    with store() as opened:
        assert opened.time_zone() == "Asia/Jakarta"

    at.button(key="upload_import").click().run()
    assert not at.exception, at.exception
    with store() as opened:
        assert opened.load_cases().sort_values("case_id").request_date.tolist() == IN_JAKARTA


def test_going_back_to_not_set_reads_utc_again_and_forgets_the_zone():
    at = set_zone(choose(upload_page()), "Asia/Jakarta")
    set_zone(at, "")
    assert preview(at).request_date.tolist() == IN_UTC
    with store() as opened:
        assert opened.time_zone() is None


def test_a_zone_saved_by_a_teammate_is_preselected_and_used():
    with store() as opened:
        opened.save_time_zone("Asia/Jakarta")
    at = choose(upload_page())
    assert at.selectbox(key=ZONE_KEY).value == "Asia/Jakarta"
    assert preview(at).request_date.tolist() == IN_JAKARTA
