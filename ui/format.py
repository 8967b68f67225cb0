"""How numbers read on screen: counts, money, shares and their changes. Plain Python, no Streamlit."""

from __future__ import annotations

import math
import re

MISSING = "—"  # a figure with nothing to judge yet (no case in view counts), never for data the files lack
NOT_IN_FILES = "Not in your files"  # a figure whose data no file provided


def _absent(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None) -> str:
    """A count with thousands separators.

    >>> number(1234), number(None)
    ('1,234', '—')
    """
    return MISSING if _absent(value) else f"{value:,.0f}"


def count(n: int, noun: str) -> str:
    """A count with its noun, singular or plural.

    >>> count(1, "row"), count(1204, "new case")
    ('1 row', '1,204 new cases')
    """
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def money(value: float | None, currency: str | None = None) -> str:
    """An amount, shortened to thousands (k), millions (M) or billions (B) past 10,000.

    >>> money(1_234_567, "IDR"), money(950.4, "USD"), money(12_500), money(None, "IDR")
    ('IDR 1.23M', 'USD 950', '12.5k', '—')
    """
    if _absent(value):
        return MISSING
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
    return MISSING if _absent(share) else f"{share:.1%}"


def count_change(now: float | None, before: float | None, fmt=number) -> str | None:
    """The change of a count or amount, absolute and relative; None when there is nothing to compare.

    >>> count_change(120, 100), count_change(90, 100), count_change(5, 0), count_change(5, None)
    ('+20 (+20.0%)', '-10 (-10.0%)', '+5', None)
    >>> count_change(2_500_000, 2_000_000, fmt=money)
    '+500k (+25.0%)'
    """
    if _absent(now) or _absent(before):
        return None
    diff = now - before
    sign = "+" if diff >= 0 else "-"
    text = f"{sign}{fmt(abs(diff))}"
    return f"{text} ({diff / before:+.1%})" if before else text


def point_change(now: float | None, before: float | None) -> str | None:
    """The change of a share in percentage points.

    A change that rounds to zero reads "no change" (not "-0.0 pp" with a falling arrow).

    >>> point_change(0.93, 0.9), point_change(0.8, 0.9), point_change(None, 0.9), point_change(0.8912, 0.8914)
    ('+3.0 pp', '-10.0 pp', None, 'no change')
    """
    if _absent(now) or _absent(before):
        return None
    points = round((now - before) * 100, 1)
    return "no change" if points == 0 else f"{points:+.1f} pp"


def duration(days: float | None, *, late: str = "overdue") -> str:
    """A span given in days (of the response clock or of the calendar) in days and hours: never a decimal day.

    Under an hour reads in minutes; a negative span is past its limit and reads with `late` after it.

    >>> duration(1.1667), duration(0.375), duration(2.0), duration(0.02), duration(-1.5), duration(None)
    ('1 d 4 h', '9 h', '2 d', '29 min', '1 d 12 h overdue', '—')
    """
    if _absent(days):
        return MISSING
    minutes = round(abs(days) * 24 * 60)
    if minutes < 60:
        text = f"{minutes} min"
    else:
        whole_days, hours = divmod(round(minutes / 60), 24)
        text = " ".join(part for part in (f"{whole_days:,} d" if whole_days else "", f"{hours} h" if hours else "") if part)
    return f"{text} {late}" if days < 0 and minutes else text


def blanks(table, columns=None):
    """A copy of `table` for display: missing cells of text and category columns read "—", never "None".

    >>> import pandas as pd
    >>> blanks(pd.DataFrame({"who": ["Ayu", None], "n": [1, 2]}))["who"].tolist()
    ['Ayu', '—']
    """
    from pandas.api.types import is_string_dtype

    out = table.copy()
    for column in columns if columns is not None else out.columns:
        values = out[column]
        if values.dtype == object or is_string_dtype(values.dtype) or str(values.dtype) == "category":
            out[column] = values.astype(object).where(values.notna().to_numpy(), MISSING)
    return out


def size(n_bytes: int) -> str:
    """A file size in bytes, kB or MB (powers of 1,000, as file managers show them).

    >>> size(512), size(48_213), size(12_400_000)
    ('512 bytes', '48 kB', '12.4 MB')
    """
    if n_bytes < 1_000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1_000:.0f} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def figure(value: float | None, coverage, fmt=number) -> str:
    """The one way a card writes a figure: "Not in your files" when no case carries its data (`coverage.none`),
    else `fmt(value)` (which writes "—" for nothing to judge). `coverage` is an `analysis.coverage.Coverage`.

    >>> from analysis.coverage import Coverage
    >>> figure(0.0, Coverage("response time", 0, 12), percent), figure(0.5, Coverage("response time", 6, 12), percent)
    ('Not in your files', '50.0%')
    >>> figure(None, Coverage("response time", 0, 0), percent)
    '—'
    """
    return NOT_IN_FILES if coverage.none else fmt(value)


def coverage_note(coverage) -> str | None:
    """The line under a card about its data: which column would provide it when no case carries it,
    "based on N of M cases" when only some do, nothing when all do.

    >>> from analysis.coverage import Coverage
    >>> coverage_note(Coverage("response time", 0, 12)), coverage_note(Coverage("proof", 1234, 2000))
    ('Add a first-response date column', 'based on 1,234 of 2,000 cases')
    >>> coverage_note(Coverage("status", 5, 5)) is None
    True
    """
    if coverage.none:
        return coverage.hint
    if coverage.partial:
        return f"based on {coverage.known:,} of {coverage.total:,} cases"
    return None


def other_currencies(refunds) -> str | None:
    """The amounts an `analysis.money.Refunds` keeps apart from its main currency, as one line (None when none).

    >>> from analysis.coverage import Coverage
    >>> from analysis.money import Refunds
    >>> r = Refunds("IDR", 42_100_000.0, (("VND", 3_200_000.0), ("USD", 300.0)), 5_000.0, 9, 9, Coverage("refund amount", 9, 9))
    >>> other_currencies(r)
    'Also VND 3.2M, USD 300 and 5,000 with no currency (not added in)'
    >>> other_currencies(Refunds("IDR", 1.0, (), 0.0, 1, 1, Coverage("refund amount", 1, 1))) is None
    True
    """
    parts = [money(value, code) for code, value in refunds.others]
    if refunds.no_currency:
        parts.append(f"{money(refunds.no_currency)} with no currency")
    if not parts:
        return None
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Also {listed} (not added in)"


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
    plain = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _ZWSP, str(text).replace("\r", " ").replace("\n", " "))
    return _SYNTAX.sub(r"\\\1", plain)
