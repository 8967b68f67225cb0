"""The interface in Indonesian and Vietnamese (AppTest on the demo shop): the language comes from the link, the picker
changes it, links and saved views keep it, stored values and link values stay in English."""

from __future__ import annotations

import pandas as pd
import pytest

from data import demo
from tests.app_pages import copied, open_link

pytestmark = pytest.mark.usefixtures("fresh_app")


def test_lang_id_shows_titles_filters_and_figures_in_indonesian():
    shop = demo.generate()
    at = open_link(None, {"lang": "id", "reason": "Defective", "period": "Last 4 weeks"})
    assert at.title[0].value == "Ringkasan"
    assert at.selectbox(key="period").label == "Periode"
    assert at.selectbox(key="period").value == "Last 4 weeks"  # the value stays canonical...
    assert "4 minggu terakhir" in at.selectbox(key="period").options  # ...its label is translated
    reason = at.multiselect(key="reason")
    assert reason.label == "Alasan" and reason.value == ["Defective"]
    assert "Cacat" in reason.options and "Kemasan rusak" in reason.options
    assert at.multiselect(key="request_type").label == "Jenis permintaan"
    assert at.selectbox(key="lang").value == "id"
    day = shop["request_date"].dt.normalize()
    recent = shop[(day > day.max() - pd.Timedelta(weeks=4)) & (shop["reason"] == "Defective")]
    cases = next(m for m in at.metric if m.label == "Kasus")
    assert cases.value == f"{len(recent):,}".replace(",", ".")
    refund = next(m for m in at.metric if m.label == "Total pengembalian dana (IDR)")
    paid = recent.loc[~recent["status"].isin(["rejected", "cancelled", "requested"]), "refund_amount"].sum()
    assert refund.value == "Rp " + f"{round(paid):,}".replace(",", ".")
    assert "Defective" not in at.caption[0].value and "Cacat" in at.caption[0].value
    assert copied(at) == ("/", {"lang": ["id"], "period": ["Last 4 weeks"], "reason": ["Defective"]})


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("views/trends.py", "Xu hướng"),
        ("views/deadlines.py", "Hạn xử lý"),
        ("views/cases.py", "Yêu cầu"),
        ("views/skus.py", "SKU"),
        ("views/upload.py", "Tải lên"),
    ],
)
def test_lang_vi_titles_the_pages_in_vietnamese(page, title):
    at = open_link(page, {"lang": "vi"})
    assert at.title[0].value == title
    assert at.multiselect(key="reason").placeholder == "Tất cả lý do"


def test_a_mistyped_language_is_named_and_the_page_stays_english():
    at = open_link(None, {"lang": "fr"})
    assert at.title[0].value == "Overview"
    assert "language “fr”" in at.warning[0].value
    assert dict(at.query_params) == {}
    upper = open_link(None, {"lang": "ID"})  # read as meant, without a word
    assert upper.title[0].value == "Ringkasan" and not upper.warning


def test_the_picker_switches_the_language_and_the_link_keeps_it():
    at = open_link("views/trends.py", {})
    assert at.title[0].value == "Trends"
    at.selectbox(key="lang").set_value("id").run()
    assert at.title[0].value == "Tren"
    assert at.toggle(key="trends_split").label == "Pisahkan menurut jenis permintaan"
    assert copied(at) == ("/trends", {"lang": ["id"]})
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Trends" and copied(at) == ("/trends", {})


def test_a_saved_view_keeps_its_language():
    at = open_link("views/trends.py", {"lang": "id", "reason": "Defective"})
    at.text_input(key="view_name").input("Cacat ID")
    next(b for b in at.button if b.label == "Simpan tampilan").click().run()
    assert not at.exception, at.exception
    teammate = open_link(None, {})
    next(b for b in teammate.button if b.label == "Cacat ID").click().run()
    assert not teammate.exception, teammate.exception
    assert teammate.title[0].value == "Tren"
    assert teammate.multiselect(key="reason").value == ["Defective"]
    assert copied(teammate) == ("/trends", {"lang": ["id"], "reason": ["Defective"]})


def test_look_at_shows_translated_choices_and_the_link_keeps_the_english_one():
    at = open_link("views/causes.py", {"lang": "id", "causes_pair": "channel x reason"})
    look = at.button_group(key="causes_pair")
    assert look.label == "Lihat" and "Kanal × alasan" in look.options
    assert look.value == "Channel × reason"
    assert copied(at) == ("/causes", {"causes_pair": ["Channel × reason"], "lang": ["id"]})
    look.set_value("SKU × request type").run()
    assert copied(at)[1]["causes_pair"] == ["SKU × request type"]
