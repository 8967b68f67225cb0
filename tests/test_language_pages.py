"""The interface in Indonesian and Vietnamese (AppTest on the demo shop): the language comes from the link, the picker
changes it, links and saved views keep it, stored values and link values stay in English."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data import demo
from tests.app_pages import APP, copied, open_link
from tests.rendered import rendered

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


def test_the_picked_language_is_remembered_for_the_install_and_the_link_still_wins():
    at = open_link("views/trends.py", {})
    at.selectbox(key="lang").set_value("vi").run()
    assert at.title[0].value == "Xu hướng"
    later = open_link(None, {})  # a new session, a link without `lang`
    assert later.title[0].value == "Tổng quan" and later.selectbox(key="lang").value == "vi"
    assert copied(later) == ("/", {"lang": ["vi"]})
    assert open_link(None, {"lang": "id"}).title[0].value == "Ringkasan"
    assert open_link(None, {"lang": "en"}).title[0].value == "Overview"


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-of-more-than-32-bytes!",
    "client_id": "returns-radar",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {"admins": ["ana@shop.example"], "viewers": ["@shop.example"]}


def signed_in(email: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"], at.secrets["roles"] = AUTH, ROLES
    at.user = {"is_logged_in": True, "email": email, "email_verified": True}
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_signed_in_person_gets_their_own_language_and_a_teammate_does_not():
    ana = signed_in("ana@shop.example")
    assert ana.title[0].value == "Overview"
    ana.selectbox(key="lang").set_value("id").run()
    assert ana.title[0].value == "Ringkasan"
    assert signed_in("Ana@Shop.example").title[0].value == "Ringkasan"  # Ana again, a new session
    assert signed_in("cy@shop.example").title[0].value == "Overview"  # a teammate keeps English
    assert open_link(None, {}).title[0].value == "Overview"  # the install's own language did not change


def test_the_upload_asks_for_a_missing_column_in_indonesian():
    from tests.test_upload_learning import LOG_ROWS, LOGGED
    from tests.test_upload_page import XLSX, choose, workbook

    at = open_link("views/upload.py", {"lang": "id"})
    picker = at.selectbox(key="upload_tz")
    assert picker.label == "Zona waktu toko"
    assert "Belum diatur: waktu dengan offset dibaca dalam UTC" in picker.options
    at = choose(at, ("log week 45.xlsx", workbook(LOG_ROWS, LOGGED), XLSX))
    assert at.warning[0].value.startswith(
        "**Kolom mana yang berisi tanggal permintaan?** Tidak ada judul kolom di sheet returns yang pasti berisi tanggal permintaan."
    )
    question = next(s for s in at.selectbox if s.key and s.key.startswith("upload_missing_"))
    assert question.label == "Tanggal permintaan ada di" and question.placeholder == "Pilih kolom…"
    assert any(b.label == "Baca dengan kolom ini" for b in at.button)


def test_a_recurring_cause_reads_in_vietnamese_on_its_page():
    at = open_link("views/causes.py", {"lang": "vi"})
    shown = " ".join(m.value for m in at.markdown)
    # the demo shop's first standing pair, said in Vietnamese with Vietnamese numbers and dates
    assert "SKU AP-0117: sai kích cỡ chiếm 14 trên 28 đơn trả hàng (50%), so với 13% toàn shop" in shown.replace("\\", "")
    assert "thg 11 2026" in shown


def test_charts_name_no_english_month_and_use_the_languages_separators():
    from tests.app_pages import figure

    english = figure(open_link("views/trends.py", {}), "trends_by_reason")
    assert "%b" in english.layout.xaxis.hoverformat  # "week of 2 Nov 2026" in English
    for code, week in (("id", "minggu"), ("vi", "tuần")):
        fig = figure(open_link("views/trends.py", {"lang": code}), "trends_by_reason")
        assert fig.layout.separators == ",."  # 1.234,5
        assert fig.layout.xaxis.hoverformat.endswith("%d/%m/%Y") and "%b" not in fig.layout.xaxis.hoverformat
        assert week in fig.layout.xaxis.hoverformat.lower()
        months = " ".join(fig.layout.xaxis.ticktext or ())
        assert not any(name in months for name in ("Aug", "Oct", "Dec", "May"))


def test_a_mistyped_link_is_named_in_indonesian():
    at = open_link(None, {"lang": "id", "reason": "Defektif", "colour": "red"})
    notice = rendered(at.warning[0].value)
    assert "alasan “Defektif”" in notice and "parameter tidak dikenal “colour”" in notice
    assert "reason" not in notice and "unknown" not in notice


def test_money_breakdowns_keep_their_pick_when_the_language_changes():
    at = open_link("views/money.py", {"money_by": "sku"})
    assert at.button_group(key="money_by").value == "sku"
    at.selectbox(key="lang").set_value("vi").run()
    assert not at.exception, at.exception
    by = at.button_group(key="money_by")
    assert by.label == "Giá trị hoàn tiền theo" and by.value == "sku"
    assert "Lý do" in by.options  # the reason, under its Vietnamese label
    assert copied(at)[1] == {"money_by": ["sku"], "lang": ["vi"]}
