"""How numbers and dates read on screen, in the language of the run (`ui.i18n`): counts, money, shares, their changes,
days. Plain Python, no Streamlit. English keeps its short money (`IDR 1.23M`); Indonesian and Vietnamese write amounts
in full as their readers do (`Rp 1.234.567`, `1.234.567 ₫`), shortened only past a billion.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, get_currency_precision, get_currency_symbol

from ui.i18n import _, current, locale, say, say_as

MISSING = "—"  # a figure with nothing to judge yet (no case in view counts), never for data the files lack
NOT_IN_FILES = "Not in your files"  # a figure whose data no file provided


def _absent(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None) -> str:
    """A count with thousands separators.

    >>> number(1234), number(None)
    ('1,234', '—')
    """
    return MISSING if _absent(value) else format_decimal(round(value), "#,##0", locale=locale())


def decimal(value: float | None, digits: int = 1) -> str:
    """A number with `digits` decimals in the run's language.

    >>> decimal(1234.56)
    '1,234.6'
    """
    return MISSING if _absent(value) else format_decimal(value, "#,##0." + "0" * digits, locale=locale())


def count(n: int, noun: str) -> str:
    """A count with its noun (given in English, singular), plural in English; Indonesian and Vietnamese nouns do
    not change with the count.

    >>> count(1, "row"), count(1204, "new case")
    ('1 row', '1,204 new cases')
    """
    if current() == "en":
        return f"{n:,} {noun}" + ("" if n == 1 else "s")
    return f"{number(n)} {_(noun)}"


def amount(value: float | None, currency: str | None = None) -> str:
    """An amount in full in the run's language, with the currency's symbol and its usual decimals.

    >>> amount(1234.56, "USD"), amount(1_234_567, "IDR"), amount(950, None)
    ('$1,234.56', 'IDR 1,234,567', '950')
    """
    if _absent(value):
        return MISSING
    digits = 0 if float(value).is_integer() else (get_currency_precision(currency) if currency else 2)
    number_text = format_decimal(value, "#,##0" + ("." + "0" * digits if digits else ""), locale=locale())
    return _with_currency(number_text, currency)


def _with_currency(number_text: str, currency: str | None) -> str:
    """A written number with the currency's symbol where the language puts it: after the number in Vietnamese,
    before it elsewhere (joined to a sign such as `$`, spaced from letters such as `Rp` or `IDR`)."""
    if not currency:
        return number_text
    try:
        symbol = get_currency_symbol(currency, locale=locale())
    except (ValueError, KeyError):
        symbol = currency
    if current() == "vi":
        return f"{number_text} {symbol}"
    return f"{symbol} {number_text}" if symbol[-1:].isalpha() else f"{symbol}{number_text}"


def money(value: float | None, currency: str | None = None) -> str:
    """An amount, shortened to thousands (k), millions (M) or billions (B) past 10,000.

    >>> money(1_234_567, "IDR"), money(950.4, "USD"), money(12_500), money(None, "IDR")
    ('IDR 1.23M', 'USD 950', '12.5k', '—')
    """
    if _absent(value):
        return MISSING
    if current() != "en":
        if abs(value) < 1e9 * 0.9995:
            return amount(round(value) if abs(value) >= 1e4 else value, currency)
        return _with_currency(format_compact_decimal(value, fraction_digits=2, locale=locale()), currency)
    text = f"{value:,.0f}"
    for divisor, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= max(divisor, 1e4) * 0.9995:  # 999,999 reads 1M, not 1,000k
            scaled = value / divisor
            text = f"{scaled:.3g}{suffix}" if abs(scaled) < 100 else f"{scaled:,.0f}{suffix}"
            break
    return f"{currency} {text}" if currency else text


def percent(share: float | None) -> str:
    """A share between 0 and 1 as a percentage with one decimal.

    >>> percent(0.9123), percent(None)
    ('91.2%', '—')
    """
    return MISSING if _absent(share) else format_decimal(share * 100, "#,##0.0", locale=locale()) + "%"


def whole_percent(share: float | None) -> str:
    """A share as a whole percentage (chart labels).

    >>> whole_percent(0.456)
    '46%'
    """
    return MISSING if _absent(share) else format_decimal(round(share * 100), "#,##0", locale=locale()) + "%"


def count_change(now: float | None, before: float | None, fmt=number) -> str | None:
    """The change of a count or amount, absolute and relative; None when there is nothing to compare.

    >>> count_change(120, 100), count_change(90, 100), count_change(5, 0), count_change(5, None)
    ('+20 (+20.0%)', '-10 (-10.0%)', '+5', None)
    >>> count_change(2_500_000, 2_000_000, fmt=money)
    '+500k (+25.0%)'

    A change that reads as zero is "no change" (not "+0 (+0.0%)" with a rising arrow):

    >>> count_change(7, 7), count_change(100.2, 100, fmt=money)
    ('no change', 'no change')
    """
    if _absent(now) or _absent(before):
        return None
    diff = now - before
    if fmt(abs(diff)) == fmt(0):
        return NO_CHANGE()
    sign = "+" if diff >= 0 else "-"
    text = f"{sign}{fmt(abs(diff))}"
    if not before:
        return text
    relative = diff / before
    return f"{text} ({'+' if relative >= 0 else '-'}{percent(abs(relative))})"


def point_change(now: float | None, before: float | None) -> str | None:
    """The change of a share in percentage points.

    A change that rounds to zero reads "no change" (not "-0.0 pp" with a falling arrow).

    >>> point_change(0.93, 0.9), point_change(0.8, 0.9), point_change(None, 0.9), point_change(0.8912, 0.8914)
    ('+3.0 pp', '-10.0 pp', None, 'no change')
    """
    if _absent(now) or _absent(before):
        return None
    points = round((now - before) * 100, 1)
    if points == 0:
        return NO_CHANGE()
    return ("+" if points > 0 else "-") + decimal(abs(points)) + " " + _("pp")


def NO_CHANGE() -> str:  # noqa: N802 - reads as the constant it is, in the run's language
    """What `count_change` and `point_change` write for a change that reads as zero."""
    return _("no change")


def duration(days: float | None, *, late: str | None = None) -> str:
    """A span given in days (of the response clock or of the calendar) in days and hours: never a decimal day.

    Under an hour reads in minutes; a negative span is past its limit and reads with `late` after it.

    >>> duration(1.1667), duration(0.375), duration(2.0), duration(0.02), duration(-1.5), duration(None)
    ('1 d 4 h', '9 h', '2 d', '29 min', '1 d 12 h overdue', '—')
    """
    if _absent(days):
        return MISSING
    minutes = round(abs(days) * 24 * 60)
    if minutes < 60:
        text = f"{minutes} " + _("min")
    else:
        whole_days, hours = divmod(round(minutes / 60), 24)
        day_unit, hour_unit = _("d"), _("h")
        text = " ".join(
            part for part in (f"{number(whole_days)} {day_unit}" if whole_days else "", f"{hours} {hour_unit}" if hours else "") if part
        )
    late = late or _("overdue")
    return f"{text} {late}" if days < 0 and minutes else text


def durations(days: pd.Series) -> pd.Series:
    """`duration` of every value of `days` (a table's column), worked out once per distinct text: a column of thousands
    of spans reads a few hundred distinct ones.

    >>> durations(pd.Series([1.1667, 0.375, None, 1.17, -1.5], index=[5, 6, 7, 8, 9])).tolist()
    ['1 d 4 h', '9 h', '—', '1 d 4 h', '1 d 12 h overdue']
    """
    values = pd.to_numeric(days, errors="coerce").to_numpy(dtype=float, na_value=float("nan"))
    minutes = np.rint(np.abs(values) * 24 * 60)  # as `duration` rounds (half to even), then its text's own unit
    unit = np.where(minutes < 60, minutes, 100_000 + np.rint(minutes / 60))
    key = np.where((values < 0) & (minutes > 0), -unit - 1, unit)
    codes, _uniques = pd.factorize(key, use_na_sentinel=True)
    first = pd.Series(np.arange(len(codes))).groupby(codes).first()
    texts = np.array([duration(float(values[i])) for i in first.loc[first.index >= 0].to_numpy()] + [MISSING], dtype=object)
    return pd.Series(texts[codes], index=days.index, name=days.name)


def day(value) -> str:
    """A day with its month and year in the run's language.

    >>> day(pd.Timestamp("2026-11-02"))
    '2 Nov 2026'
    """
    return MISSING if value is None or pd.isna(value) else format_date(pd.Timestamp(value).date(), "d MMM y", locale=locale())


def day_month(value) -> str:
    """A day with its month, no year.

    >>> day_month(pd.Timestamp("2026-11-02"))
    '2 Nov'
    """
    return MISSING if value is None or pd.isna(value) else format_date(pd.Timestamp(value).date(), "d MMM", locale=locale())


def month(value, with_year: bool = False) -> str:
    """A month's short name (with its year).

    >>> month(pd.Timestamp("2026-11-02")), month(pd.Timestamp("2026-11-02"), True)
    ('Nov', 'Nov 2026')
    """
    return format_date(pd.Timestamp(value).date(), "MMM y" if with_year else "MMM", locale=locale())


def days(first, last) -> str:
    """A span of days: `26 Oct – 22 Nov 2026` (the first day's year only when it differs).

    >>> days(pd.Timestamp("2026-10-26"), pd.Timestamp("2026-11-22")), days(pd.Timestamp("2025-12-29"), pd.Timestamp("2026-01-04"))
    ('26 Oct – 22 Nov 2026', '29 Dec 2025 – 4 Jan 2026')
    """
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    return f"{day_month(first) if first.year == last.year else day(first)} – {day(last)}"


def blanks(table, columns=None):
    """A copy of `table` for display: missing cells of text and category columns read "—", never "None".

    >>> import pandas as pd
    >>> blanks(pd.DataFrame({"who": ["Ayu", None], "n": [1, 2]}))["who"].tolist()
    ['Ayu', '—']
    """
    from pandas.api.types import is_string_dtype

    if not table.columns.is_unique:
        raise ValueError(f"a table for display needs distinct column names: {list(table.columns)}")
    named = set(table.columns if columns is None else columns)
    out = {}
    for column in table.columns:  # built as one new frame: a column set at a time into a copy took twice as long
        values = table[column]
        text = values.dtype == object or is_string_dtype(values.dtype) or str(values.dtype) == "category"
        blank = column in named and text
        out[column] = np.where(values.isna().to_numpy(), MISSING, values.to_numpy(dtype=object)) if blank else values.array
    return pd.DataFrame(out, index=table.index)


def size(n_bytes: int) -> str:
    """A file size in bytes, kB or MB (powers of 1,000, as file managers show them).

    >>> size(512), size(48_213), size(12_400_000)
    ('512 bytes', '48 kB', '12.4 MB')
    """
    if n_bytes < 1_000:
        return _("{n} bytes").format(n=n_bytes)
    if n_bytes < 1_000_000:
        return f"{number(n_bytes / 1_000)} kB"
    return f"{decimal(n_bytes / 1_000_000)} MB"


def said(values: pd.Series, language: str | None = None) -> pd.Series:
    """A column of phrases (the reader's problems, say) in `language` (default: the run's), each distinct one said once.

    >>> from data.phrases import Phrase
    >>> said(pd.Series([Phrase("row not imported"), None, Phrase("row not imported")])).tolist()
    ['row not imported', None, 'row not imported']
    """
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    language = language or current()
    shown = np.array([say_as(u, language) for u in uniques] + [None], dtype=object)
    return pd.Series(shown[codes], index=values.index, dtype=object)


def figure(value: float | None, coverage, fmt=number) -> str:
    """The one way a card writes a figure: "Not in your files" when no case carries its data (`coverage.none`),
    else `fmt(value)` (which writes "—" for nothing to judge). `coverage` is an `analysis.coverage.Coverage`.

    >>> from analysis.coverage import Coverage
    >>> figure(0.0, Coverage("response time", 0, 12), percent), figure(0.5, Coverage("response time", 6, 12), percent)
    ('Not in your files', '50.0%')
    >>> figure(None, Coverage("response time", 0, 0), percent)
    '—'
    """
    return _(NOT_IN_FILES) if coverage.none else fmt(value)


def coverage_note(coverage) -> str | None:
    """The line under a card about its data: which column would provide it when no case carries it,
    "from N of M sources" when some sources cannot express it at all, "based on N of M cases" when only some cases
    carry it, nothing when all do.

    >>> from analysis.coverage import Coverage
    >>> coverage_note(Coverage("response time", 0, 12)), coverage_note(Coverage("proof", 1234, 2000))
    ('Add a first-response date column', 'based on 1,234 of 2,000 cases')
    >>> coverage_note(Coverage("auto-approval", 40, 90, sources=(2, 3)))
    'from 2 of 3 sources (40 of 90 cases)'
    >>> coverage_note(Coverage("status", 5, 5)) is None
    True
    """
    if coverage.none:
        return _(coverage.hint)
    if coverage.by_source:
        known, total = coverage.sources
        return _("from {known} of {total} sources ({cases} of {all} cases)").format(
            known=number(known), total=number(total), cases=number(coverage.known), all=number(coverage.total)
        )
    if coverage.partial:
        return _("based on {known} of {total} cases").format(known=number(coverage.known), total=number(coverage.total))
    return None


def other_currencies(refunds) -> str | None:
    """The amounts an `analysis.money.Refunds` keeps apart from its main currency, as one line (None when none).
    Amounts with no currency are named by their source (a file name, escaped for Markdown); when the main figure is
    itself one source's amounts with no currency, the line says which.

    >>> from analysis.coverage import Coverage
    >>> from analysis.money import Refunds
    >>> others = (("VND", 3_200_000.0), ("USD", 300.0))
    >>> r = Refunds("IDR", 42_100_000.0, others, (("own.csv", 5_000.0),), 9, 9, Coverage("refund amount", 9, 9))
    >>> other_currencies(r)
    'Also VND 3.2M, USD 300 and 5,000 with no currency from own.csv (not added in)'
    >>> other_currencies(Refunds("IDR", 1.0, (), (), 1, 1, Coverage("refund amount", 1, 1))) is None
    True
    >>> other_currencies(Refunds(None, 24.0, (), (("uk.csv", 9.0),), 3, 3, Coverage("refund amount", 3, 3), source="pay.xlsx"))
    'Amounts of pay.xlsx, which names no currency. Also 9 with no currency from uk.csv (not added in)'
    """
    parts = [money(value, code) for code, value in refunds.others]
    parts += [
        _("{amount} with no currency from {source}").format(amount=money(value), source=md(source))
        if source
        else _("{amount} with no currency").format(amount=money(value))
        for source, value in refunds.no_currency
    ]
    if not parts:
        return None
    line = _("Also {amounts} (not added in)").format(amounts=listing(parts))
    if refunds.source and refunds.no_currency:
        line = _("Amounts of {source}, which names no currency.").format(source=md(refunds.source)) + " " + line
    return line


def listing(parts: list[str]) -> str:
    """Items joined as a sentence lists them: `a, b and c`.

    >>> listing(["a"]), listing(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


# What Markdown (with Streamlit's directives and LaTeX) reads as syntax inside a line.
_SYNTAX = re.compile(r"([\\`*_\[\]()!<>#|~:${}@])")
# GitHub-style autolinks are found in the text after escapes are undone: a zero-width space breaks their patterns.
_AUTOLINK = re.compile(r"(?i)\b(https?(?=:)|ftp(?=:)|www(?=\.))|(?=@)")
_ZWSP = "\u200b"


def md(text: object) -> str:
    r"""Text from a file (a SKU, a reason wording, a file or sheet name, a note) made safe to put in Markdown: every
    mark Markdown reads as syntax is backslash-escaped and web addresses are broken by a zero-width space, so the
    text shows as written and can never become a link, an image fetched from the web, emphasis, a colour or icon
    directive or a formula; line breaks become spaces.

    >>> print(md("[offer](x.example) ![](x.png) :red[big] **AP-1**"))
    \[offer\]\(x.example\) \!\[\]\(x.png\) \:red\[big\] \*\*AP-1\*\*
    >>> md("http://x.example www.x.example a@x.example").replace(_ZWSP, "|")
    'http|\\://x.example www|.x.example a|\\@x.example'
    >>> md(None), md("Jahitan lepas\nlagi"), md("week 45.xlsx")
    ('', 'Jahitan lepas lagi', 'week 45.xlsx')
    """
    if text is None:
        return ""
    text = say(text)  # a phrase from the analysis, in the run's language
    plain = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _ZWSP, str(text).replace("\r", " ").replace("\n", " "))
    return _SYNTAX.sub(r"\\\1", plain)


# ---- The response clock in words (data.clock.Clock says them in English) -------------------------------------------


def clock_unit(clock, plural: bool = False) -> str:
    """What one day of the clock is called (`working day`), or several (`working days`).

    >>> from data.clock import Clock
    >>> clock_unit(Clock()), clock_unit(Clock(3, weekends_count=True), plural=True)
    ('working day', 'calendar days')
    """
    if clock.weekends_count:
        return _("calendar days") if plural else _("calendar day")
    return _("working days") if plural else _("working day")


def clock_span(clock) -> str:
    """The clock's length: `2 working days`, `1 calendar day`.

    >>> from data.clock import Clock
    >>> clock_span(Clock()), clock_span(Clock(1, weekends_count=True))
    ('2 working days', '1 calendar day')
    """
    if current() == "en":
        return clock.span
    return f"{format_decimal(clock.days, '#,##0.##', locale=locale())} {clock_unit(clock, plural=clock.days != 1)}"


def clock_counts(clock) -> str:
    """Which days count: `weekends do not count`, `weekends count; 1 listed holiday does not`...

    >>> from data.clock import Clock
    >>> clock_counts(Clock(holidays=("2026-03-20",)))
    'weekends and 1 listed holiday do not count'
    """
    if current() == "en":
        return clock.what_counts
    n = len(clock.holidays)
    if clock.weekends_count:
        return _("weekends count; {n} listed holidays do not").format(n=n) if n else _("weekends count")
    return _("weekends and {n} listed holidays do not count").format(n=n) if n else _("weekends do not count")


def clock_rule(clock) -> str:
    """The whole rule: `3 calendar days (weekends count; 1 listed holiday does not)`."""
    return f"{clock_span(clock)} ({clock_counts(clock)})"


def moment(value) -> str:
    """A moment with its weekday, day and time.

    >>> moment(pd.Timestamp("2026-11-22 14:05"))
    'Sun 22 Nov 2026, 14:05'
    """
    from babel.dates import format_datetime

    return (
        MISSING
        if value is None or pd.isna(value)
        else format_datetime(pd.Timestamp(value).to_pydatetime(), "EEE d MMM y, HH:mm", locale=locale())
    )


def money_of(currency: str | None, *, narrow: bool = False):
    """The `money` writer of a card whose label names `currency`: English keeps the short figure under the labelled
    code (`IDR 1.23M` reads as `1.23M`); the other languages write the amount with its symbol (`Rp 1.234.567`), or
    shortened on a `narrow` card (`Rp 29,4 jt`, `15,7 Tr ₫`) where the full amount would not fit."""

    def write(value: float | None) -> str:
        if current() == "en":
            return money(value)
        if narrow and not _absent(value) and abs(value) >= 1e6:
            return _with_currency(short_money(value), currency)
        return money(value, currency)

    return write


def short_money(value: float | None) -> str:
    """An amount shortened as the language shortens it, for labels beside chart bars (`29.4M`, `29,4 jt`, `29,4 Tr`).

    >>> short_money(29_382_000), short_money(950)
    ('29.4M', '950')
    """
    if current() == "en" or _absent(value) or abs(value) < 1e4:
        return money(value) if current() == "en" or _absent(value) else number(value)
    return format_compact_decimal(value, fraction_digits=1, locale=locale())


SHOWN_LEFT_OUT = 5  # SKUs the left-out sentence names before "…"


def left_out(found, currency: str | None) -> str | None:
    """The sentence that says which lines of the view were left out as fees, postage or adjustments, not products
    (an `analysis.not_products.LeftOut`), how much they hold in the main `currency` (the other currencies apart, never
    added in) and their SKUs (escaped for Markdown); None when none was.

    >>> from analysis.coverage import Coverage
    >>> from analysis.money import Refunds
    >>> from analysis.not_products import LeftOut
    >>> left_out(LeftOut(3, ("AMAZONFEE", "M"), Refunds("GBP", 8836.56, (), (), 3, 3, Coverage("refund amount", 3, 3))), "GBP")
    'Left out: 3 lines of fees, postage or adjustments, not products (£8,836.56): AMAZONFEE, M'
    """
    if not found.lines:
        return None
    skus = [md(sku) for sku in found.skus[:SHOWN_LEFT_OUT]] + (["…"] if len(found.skus) > SHOWN_LEFT_OUT else [])
    lines = count(found.lines, "line")
    value = found.refunds.main
    others = other_currencies(found.refunds)
    if value is None or (not value and others is not None):  # no amount in the main currency: the others say it
        sentence = _("Left out: {lines} of fees, postage or adjustments, not products: {skus}").format(lines=lines, skus=", ".join(skus))
    else:
        sentence = _("Left out: {lines} of fees, postage or adjustments, not products ({amount}): {skus}").format(
            lines=lines, amount=amount(value, currency), skus=", ".join(skus)
        )
    return sentence if others is None else f"{sentence} · {others}"
