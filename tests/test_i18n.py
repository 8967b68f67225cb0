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
        said = m.string if isinstance(m.string, tuple) else (m.string,)  # a plural: one form in Indonesian and Vietnamese
        english = m.id[-1] if isinstance(m.id, tuple) else m.id
        for text in said:
            assert fields(text) == fields(english) or fields(text) == [f for f in fields(english) if f != "n"], m.id
            for mark in ("**", "`", "“"):
                assert text.count(mark) == english.count(mark), (mark, m.id, text)


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
    others = (("VND", 3_200_000.0), ("USD", 300.0))
    refunds = Refunds("IDR", 42_100_000.0, others, (("catatan.csv", 5_000.0),), 9, 9, Coverage("refund amount", 9, 9))
    lang("id")
    assert format.other_currencies(refunds) == "Juga ₫3.200.000, US$300 dan 5.000 tanpa mata uang dari catatan.csv (tidak dijumlahkan)"
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


def test_a_fix_verdict_from_the_analysis_reads_in_each_language(lang):
    from analysis.fixes import Fix, evaluate_fix, fix_numbers

    days = pd.to_datetime(["2026-06-10"] * 20 + ["2026-08-10"] * 20)  # 20 requests in the 8 weeks before, 20 after
    reasons = ["Damaged packaging"] * 10 + ["Other"] * 28 + ["Damaged packaging"] * 2
    cases = pd.DataFrame({"sku": "HM-7", "request_date": days, "reason": reasons})
    result = evaluate_fix(cases, Fix("HM-7", "Damaged packaging", "2026-08-03", "new packaging"), as_of="2026-09-28")
    numbers = fix_numbers(Fix(None, None, "2026-08-03"), 12, 5, 4800.0, 5000.0, "units sold", weeks=8, after_weeks=8.0)
    english = (
        "New packaging, SKU HM-7 from 3 Aug 2026: damaged packaging was 10 of 20 requests (50%) in the 8 weeks before "
        "and 2 of 20 (10%) in the 8 weeks after; it fell."
    )
    assert result.sentence == english == i18n.say(result.sentence)  # the phrase is its English wording
    assert numbers == "returns went from 0.25% to 0.10% of units sold (12 per 4,800 units before, 5 per 5,000 after)"
    lang("id")
    assert i18n.say(result.sentence) == (
        "New packaging, SKU HM-7 sejak 3 Agu 2026: kemasan rusak: 10 dari 20 permintaan (50%) dalam 8 minggu sebelumnya "
        "dan 2 dari 20 (10%) dalam 8 minggu sesudahnya; turun."
    )
    assert i18n.say(numbers) == "retur dari 0,25% menjadi 0,10% dari unit terjual (12 per 4.800 unit sebelumnya, 5 per 5.000 sesudahnya)"
    assert f"{numbers}" == i18n.say(numbers)  # formatted into a page's text, a phrase speaks the run's language
    assert format.md(result.sentence).startswith("New packaging, SKU HM-7 sejak 3 Agu 2026")
    lang("vi")
    assert i18n.say(result.sentence) == (
        "New packaging, SKU HM-7 từ 3 thg 8 2026: bao bì hư hỏng: 10 trên 20 yêu cầu (50%) trong 8 tuần trước đó "
        "và 2 trên 20 (10%) trong 8 tuần sau đó; đã giảm."
    )
    # P(X <= 2), X hypergeometric: 40 requests, 12 of damaged packaging, 20 after the fix = 0.0069
    assert i18n.say(result.method) == "Kiểm định chính xác Fisher một phía, p = 0,0069 (cần p ≤ 0,05 để kết luận)."


def test_a_phrase_survives_the_caches_pickling(lang):
    import pickle

    from analysis.phrases import Day, Phrase, Share

    phrase = Phrase("{source} ({first} – {last})", source="amazon.csv", first=Day("2026-03-02"), last=Day("2026-05-20"))
    again = pickle.loads(pickle.dumps(Phrase("{text}; {n}", text=phrase, n=Share(1, 3))))
    lang("id")
    assert i18n.say(again) == "amazon.csv (2 Mar 2026 – 20 Mei 2026); 33%"


def test_the_weekly_summary_workbook_reads_in_indonesian(lang):
    import io
    import zipfile

    import openpyxl

    from analysis.filters import FilterSpec
    from analysis.report import summary_book
    from data.demo import generate
    from data.summary_book import write_summary

    book = summary_book(generate(), FilterSpec())
    lang("id")
    data = write_summary(book, say=i18n.say)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [
        "Ringkasan",
        "Penyebab berulang",
        "SKU teratas",
        "SKU teratas per refund",
        "Tenggat",
        "Per alasan",
        "Per jenis permintaan",
        "Pengembalian dana",
    ]
    front = wb["Ringkasan"]
    assert [c.value for c in front[5]] == ["Angka", "Periode ini", "Periode sebelumnya", "Perubahan", "Catatan"]
    assert front["A1"].value == "Returns Radar · ringkasan mingguan"
    assert front["A6"].value == "Kasus" and front["A8"].value == "Dijawab dalam 2 hari kerja"
    causes = wb["Penyebab berulang"]
    assert [c.value for c in causes[3]] == [
        "SKU",
        "Alasan",
        "Status",
        "Kasus (8 minggu terakhir)",
        "Perkiraan",
        "Kali tingkat toko",
        "Dinilai per",
        "Bukti",
    ]
    assert causes["B4"].value == "Ukuran tidak pas"
    assert causes["H4"].value.startswith("SKU AP-0117: ukuran tidak pas ada 14 dari 28 retur (50%)")
    assert [c.value for c in wb["Per alasan"][3]][:3] == ["Minggu", "Kemasan rusak", "Barang rusak"]
    assert wb["Per alasan"].cell(wb["Per alasan"].max_row, 1).value == "Total"
    with zipfile.ZipFile(io.BytesIO(data)) as parts:  # the four charts still point at the renamed sheets
        charts = [n for n in parts.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 4
        assert "&apos;Per alasan&apos;!" in parts.read(charts[0]).decode() or "'Per alasan'!" in parts.read(charts[0]).decode()


def test_the_rows_download_names_its_columns_in_vietnamese():
    import io

    import openpyxl

    from data.demo import generate
    from data.downloads import rows_csv, rows_xlsx

    shop = generate().head(3)
    say = i18n.translations("vi").gettext
    sheet = openpyxl.load_workbook(io.BytesIO(rows_xlsx(shop, say))).active
    assert sheet.title == "Yêu cầu"
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["Mã yêu cầu", "Đơn hàng", "SKU", "Sản phẩm", "Loại yêu cầu", "Lý do"]
    assert sheet.cell(2, 6).value == shop["reason"].iloc[0]  # the values stay as stored
    assert rows_csv(shop, say).decode("utf-8-sig").startswith("Mã yêu cầu,Đơn hàng,SKU,Sản phẩm,Loại yêu cầu,Lý do,")


# Words a widget may show untranslated: the same in every language.
SAME_IN_EVERY_LANGUAGE = {"SKU", "Returns Radar"}
TEXT_ARGUMENTS = {"label", "help", "placeholder", "body", "caption"}


def _literal(node) -> str | None:
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _streamlit_call(node) -> bool:
    """`st.x(...)`, `st.sidebar.x(...)`, `st.column_config.X(...)`."""
    import ast

    base = node.func
    while isinstance(base, ast.Attribute):
        base = base.value
    return isinstance(node.func, ast.Attribute) and isinstance(base, ast.Name) and base.id == "st" and node.func.attr not in ("get",)


def test_no_streamlit_call_shows_an_english_literal():
    """Text handed straight to a Streamlit element (first argument, label, help, placeholder) goes through `_()`: a
    plain or f-string literal with words in it would show in English whatever the language."""
    import ast

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import catalogues
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    found = []
    for path in catalogues.sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _streamlit_call(node)):
                continue
            for argument in [*node.args[:1], *(k.value for k in node.keywords if k.arg in TEXT_ARGUMENTS)]:
                text = _literal(argument)
                words = [w for w in (text or "").replace("*", " ").split() if len(w) > 2 and w.isalpha()]
                if words and text.strip() not in SAME_IN_EVERY_LANGUAGE and not text.startswith("SKU "):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    assert found == []


def test_money_axis_ticks_are_written_as_the_bar_labels_in_each_language(lang):
    from ui.charts import refunds_ranked

    table = pd.DataFrame(
        {"reason": ["Defective", "Quality"], "refund": [29_400_000.0, 4_200_000.0], "refunded_cases": [12, 3], "share": [0.875, 0.125]}
    )
    english = refunds_ranked(table, "reason", "Refunds", "IDR")
    assert english.layout.xaxis.exponentformat == "B" and list(english.data[0].text) == ["29.4M", "4.2M"]  # plotly's 20M agrees
    for code, ticks, labels in (
        ("id", ["0", "10 jt", "20 jt"], ["29,4 jt", "4,2 jt"]),
        ("vi", ["0", "10 Tr", "20 Tr"], ["29,4 Tr", "4,2 Tr"]),
    ):
        lang(code)
        fig = refunds_ranked(table, "reason", "Refunds", "IDR")
        assert list(fig.layout.xaxis.tickvals) == [0, 10_000_000, 20_000_000]
        assert [t.replace("\xa0", " ") for t in fig.layout.xaxis.ticktext] == ticks
        assert [t.replace("\xa0", " ") for t in fig.data[0].text] == labels
