"""Languages: the catalogues are complete and in step with the code, and numbers, money and dates read as each
language writes them (expected strings written by hand)."""

from __future__ import annotations

import string
import sys
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from analysis.coverage import Coverage
from analysis.filters import LANGUAGES as LINK_LANGUAGES
from analysis.money import Refunds
from data.clock import Clock
from data.schema import REASONS, REQUEST_TYPES, STATUSES
from ui import format, i18n

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


@pytest.fixture
def lang():
    """Run a test's lines in a language: `lang("id")`; English again afterwards."""
    yield i18n.use
    i18n.use(i18n.DEFAULT)


def catalogue(code: str):
    with i18n.catalogue_path(code).open("rb") as po:
        return read_po(po, locale=code)


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_the_link_and_the_picker_know_the_same_languages():
    assert tuple(i18n.LANGUAGES) == LINK_LANGUAGES == ("en", "id", "vi")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_has_a_translation_with_the_same_placeholders_and_marks(code):
    messages = [m for m in catalogue(code) if m.id]
    assert len(messages) > 300
    untranslated = [m.id for m in messages if not m.string]
    assert untranslated == []
    for m in messages:
        assert fields(m.string) == fields(m.id), m.id
        for mark in ("**", "`", "“"):
            assert m.string.count(mark) == m.id.count(mark), (mark, m.id, m.string)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogues_hold_every_string_the_code_marks(code):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import catalogues
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    wanted = {m.id for m in catalogues.template() if m.id}
    held = {m.id for m in catalogue(code) if m.id}
    assert wanted - held == set(), "run scripts/catalogues.py and translate the new messages"
    assert held - wanted == set(), "run scripts/catalogues.py to drop messages the code no longer uses"


def test_vocabulary_labels_translate_and_canonical_values_stay(lang):
    lang("id")
    assert i18n.label("Defective") == "Cacat"
    assert i18n.label("Return + Refund") == "Retur + Pengembalian dana"
    lang("vi")
    assert i18n.label("Refund Only") == "Chỉ hoàn tiền"
    assert i18n.label("requested") == "đã gửi yêu cầu"
    for value in (*REASONS, *REQUEST_TYPES, *STATUSES):
        assert i18n.label(value) != "" and i18n.translations("vi").gettext(value) != value or value == "SKU"


def test_an_unknown_language_is_english(lang):
    assert lang("fr") == "en"
    assert i18n._("Reason") == "Reason"


def test_money_in_each_language(lang):
    assert [format.amount(1234.56, "USD"), format.amount(1_234_567, "IDR"), format.amount(1_234_567, "VND")] == [
        "$1,234.56",
        "IDR 1,234,567",
        "₫1,234,567",
    ]
    assert [format.money(1_234_567, "IDR"), format.money(950.4, "USD")] == ["IDR 1.23M", "USD 950"]  # English cards stay short
    lang("id")
    assert [format.money(1_234_567, "IDR"), format.money(1234.56, "USD"), format.money(1_234_567, "VND")] == [
        "Rp 1.234.567",
        "US$1.234,56",
        "₫1.234.567",
    ]
    assert format.money(2_500_000_000, "IDR") == "Rp 2,5\xa0M"  # past a billion: miliar (Babel joins with a no-break space)
    assert format.money(12_500) == "12.500"
    lang("vi")
    assert [format.money(1_234_567, "VND"), format.money(1234.56, "USD"), format.money(1_234_567, "IDR")] == [
        "1.234.567 ₫",
        "1.234,56 US$",
        "1.234.567 IDR",
    ]


def test_counts_shares_and_changes_in_each_language(lang):
    lang("id")
    assert format.number(1234567) == "1.234.567"
    assert format.percent(0.9123) == "91,2%"
    assert format.count_change(120, 100) == "+20 (+20,0%)"
    assert format.point_change(0.93, 0.9) == "+3,0 poin"
    assert format.point_change(0.8912, 0.8914) == "tidak berubah"
    assert format.count(3, "open request") == "3 permintaan terbuka"
    assert format.duration(1.1667) == "1 hr 4 j"
    assert format.duration(-1.5) == "1 hr 12 j terlambat"
    lang("vi")
    assert format.number(1234567) == "1.234.567"
    assert format.percent(0.9123) == "91,2%"
    assert format.count_change(90, 100) == "-10 (-10,0%)"
    assert format.count(1204, "new case") == "1.204 yêu cầu mới"
    assert format.duration(0.02) == "29 phút"


def test_dates_in_each_language(lang):
    day, first, last = pd.Timestamp("2026-11-02"), pd.Timestamp("2026-10-26"), pd.Timestamp("2026-11-22 14:05")
    assert (format.day(day), format.days(first, last), format.moment(last)) == (
        "2 Nov 2026",
        "26 Oct – 22 Nov 2026",
        "Sun 22 Nov 2026, 14:05",
    )
    lang("id")
    assert (format.day(day), format.days(first, last), format.moment(last)) == (
        "2 Nov 2026",
        "26 Okt – 22 Nov 2026",
        "Min 22 Nov 2026, 14:05",
    )
    lang("vi")
    assert (format.day(day), format.days(first, last)) == ("2 thg 11 2026", "26 thg 10 – 22 thg 11 2026")


def test_notes_under_cards_in_each_language(lang):
    refunds = Refunds("IDR", 42_100_000.0, (("VND", 3_200_000.0), ("USD", 300.0)), 5_000.0, 9, 9, Coverage("refund amount", 9, 9))
    lang("id")
    assert format.other_currencies(refunds) == "Juga ₫3.200.000, US$300 dan 5.000 tanpa mata uang (tidak dijumlahkan)"
    assert format.coverage_note(Coverage("proof", 1234, 2000)) == "berdasarkan 1.234 dari 2.000 kasus"
    assert format.figure(0.0, Coverage("response time", 0, 12), format.percent) == "Tidak ada di file Anda"
    assert format.clock_span(Clock()) == "2 hari kerja"
    lang("vi")
    assert format.coverage_note(Coverage("status", 0, 5)) == "Thêm cột trạng thái"
    assert format.clock_span(Clock(1, weekends_count=True)) == "1 ngày lịch"


def test_the_store_remembers_a_language_per_person_and_for_the_install(store_url):
    from data.store import Store

    with Store(store_url) as store:
        assert store.language() is None and store.language("ana@shop.example") is None
        store.save_language("id")
        store.save_language("vi", "Ana@Shop.example")
        assert store.language() == "id"
        assert store.language("ana@shop.example") == "vi"  # her own, whatever the case of her address
        assert store.language("cy@shop.example") == "id"  # no choice of his own: the install's
        store.save_language("en", "ana@shop.example")
        assert store.language("ana@shop.example") == "en"
        with pytest.raises(ValueError):
            store.save_language("bahasa")
