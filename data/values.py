"""Cell text -> typed values, computed once per distinct value (a column of a million cells with a
thousand distinct wordings is a thousand normalisations).

Each parser returns the parsed values and a mask of cells that were present but could not be read,
so the reader can list them as problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.rules import classify, rules

NULL_TOKENS = frozenset({"", "na", "n/a", "#n/a", "null", "none", "nan", "nat", "-", "--", "—", "(blank)", "nil"})
_SCIENTIFIC = re.compile(r"^[+-]?\d(\.\d+)?[eE][+]\d+$")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # Excel serials of 1954..2119: a five-digit number in a date column is a date


def per_distinct(values: pd.Series, fn: Callable[[np.ndarray], np.ndarray | list]) -> np.ndarray:
    """Apply `fn` to the distinct non-missing values only and spread the results back (missing -> None)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = fn(np.asarray(uniques, dtype=object)) if len(uniques) else []
    out = np.empty(len(results) + 1, dtype=object)  # filled one by one: results may be tuples
    for i, result in enumerate(results):
        out[i] = result
    out[-1] = None  # code -1 (missing) picks the trailing None
    return out[codes]


def clean(values: pd.Series) -> pd.Series:
    """Stripped text with empty cells and null words (`NA`, `null`, `-`) as missing; the input is not changed.

    >>> clean(pd.Series([" A ", "NA", "", None, "null"])).tolist()
    ['A', nan, nan, nan, nan]
    """
    text = values.astype("str").str.strip()
    missing = values.isna() | text.str.lower().isin(NULL_TOKENS)
    return text.where(~missing)


def scientific(values: pd.Series) -> pd.Series:
    """Ids Excel turned into scientific notation (`4.91E+16`): the digits are lost.

    >>> scientific(pd.Series(["4.91E+16", "50755579496866688_1", None])).tolist()
    [True, False, False]
    """
    return values.astype("str").str.match(_SCIENTIFIC.pattern).fillna(False).astype(bool) & values.notna()


# ---------------------------------------------------------------- dates

_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y", "%d.%m.%y")
_MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%m.%d.%Y")
_OTHER = ("%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%d-%B-%Y", "%b %d %Y", "%b %d, %Y", "%B %d, %Y",
          "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d", "%d %b %y")
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")


@dataclass
class Dates:
    values: pd.Series  # datetime64[ns], naive (offsets converted to UTC)
    bad: pd.Series  # present but not a date
    day_first: bool | None = None  # None when the column had no day/month order to decide
    ambiguous: bool = False  # both orders read every value: day-first was assumed


def parse_dates(values: pd.Series) -> Dates:
    """Parse a column of date text; day-first versus month-first is decided for the whole column.

    >>> d = parse_dates(pd.Series(["6/16/2011 9:55", "1/9/2011 11:27", None]))
    >>> d.values.dt.strftime("%Y-%m-%d %H:%M").tolist()[:2], d.day_first, int(d.bad.sum())
    (['2011-06-16 09:55', '2011-01-09 11:27'], False, 0)
    >>> parse_dates(pd.Series(["08-Aug-24", "2026.4.29", "45000", "2026-05-21T04:38:32+00:00"])).values.dt.date.astype(str).tolist()
    ['2024-08-08', '2026-04-29', '2023-03-15', '2026-05-21']
    """
    text = clean(values)
    present = text.notna()
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    uniques = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    parsed, day_first, ambiguous = _parse_distinct(uniques)
    stamps = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT"))[codes]
    out = pd.Series(stamps, index=values.index, dtype="datetime64[ns]")
    return Dates(out, present & out.isna(), day_first, ambiguous)


def _parse_distinct(uniques: pd.Series) -> tuple[pd.Series, bool | None, bool]:
    result = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[ns]")
    if uniques.empty:
        return result, None, False
    iso = uniques.str.match(_ISO.pattern).fillna(False).astype(bool)
    if iso.any():
        parsed = pd.to_datetime(uniques[iso], format="ISO8601", errors="coerce", utc=True)
        result[iso] = parsed.dt.tz_convert(None).astype("datetime64[ns]")
    serial = ~iso & uniques.str.match(_SERIAL.pattern).fillna(False).astype(bool)
    if serial.any():
        number = pd.to_numeric(uniques[serial], errors="coerce")
        number = number.where(number.between(*SERIAL_RANGE))
        result[serial] = (EXCEL_EPOCH + pd.to_timedelta(number * 86400, unit="s").dt.round("s")).astype("datetime64[ns]")
    rest = uniques[result.isna() & ~iso & ~serial]
    if rest.empty:
        return result, None, False
    sample = rest.iloc[:: max(1, len(rest) // 400)]
    counts = {}
    for base in _DAY_FIRST + _MONTH_FIRST + _OTHER:
        for time in _TIMES:
            fmt = base + time
            n = int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
            if n:
                counts[fmt] = n
    if not counts:
        return result, None, False
    best_day = max((n for f, n in counts.items() if f.split(" ")[0] in _DAY_FIRST), default=0)
    best_month = max((n for f, n in counts.items() if f.split(" ")[0] in _MONTH_FIRST), default=0)
    day_first = None if not (best_day or best_month) else best_day >= best_month
    ambiguous = bool(best_day and best_day == best_month)
    excluded = _MONTH_FIRST if day_first is not False else _DAY_FIRST
    order = sorted((f for f in counts if f.split(" ")[0] not in excluded), key=lambda f: -counts[f])
    # formats that read nothing in the sample still get a chance on the leftovers, same day/month order
    order += [b + t for b in _DAY_FIRST + _MONTH_FIRST + _OTHER if b not in excluded for t in _TIMES if b + t not in order]
    todo = rest.index
    for fmt in order:
        if todo.empty:
            break
        parsed = pd.to_datetime(uniques[todo], format=fmt, errors="coerce")
        hit = parsed.notna()
        if hit.any():
            result[todo[hit.to_numpy()]] = parsed[hit].astype("datetime64[ns]")
            todo = todo[~hit.to_numpy()]
    return result, day_first, ambiguous


# ---------------------------------------------------------------- money and numbers

CURRENCY_SIGNS = {"rp": "IDR", "idr": "IDR", "₫": "VND", "vnd": "VND", "vnđ": "VND", "đ": "VND", "$": "USD",
                  "usd": "USD", "us$": "USD", "₹": "INR", "rs": "INR", "inr": "INR", "€": "EUR", "eur": "EUR",
                  "£": "GBP", "gbp": "GBP", "rm": "MYR", "myr": "MYR", "₱": "PHP", "php": "PHP", "฿": "THB",
                  "thb": "THB", "s$": "SGD", "sgd": "SGD", "₩": "KRW", "krw": "KRW", "¥": "JPY", "jpy": "JPY"}
# Currencies written without decimals, where `1.250` is one thousand two hundred and fifty.
NO_DECIMALS = {"IDR", "VND", "KRW", "JPY"}
_CURRENCY = re.compile(r"(?i)(us\$|s\$|rp|idr|vnđ|vnd|usd|inr|rs|eur|gbp|myr|php|thb|sgd|krw|jpy|rm|[₫$₹€£₱฿₩¥]|đ)\.?")
_NUMBER = re.compile(r"^[+-]?(\d+([.,'’ ]\d+)*)$")


def parse_money(text: str) -> tuple[float | None, str | None]:
    """One money text -> (amount, currency code); (None, None) when it is not a number.

    >>> [parse_money(t) for t in ["Rp 1.250.000", "₫1.250.000", "$12.50", "1,250.50", "1.250,50", "(12.50)", "-375.0"]]
    [(1250000.0, 'IDR'), (1250000.0, 'VND'), (12.5, 'USD'), (1250.5, None), (1250.5, None), (-12.5, None), (-375.0, None)]
    """
    raw = str(text).strip()
    negative = raw.startswith("(") and raw.endswith(")")
    raw = raw.strip("()").replace("\u00a0", " ")
    found = _CURRENCY.search(raw)
    currency = CURRENCY_SIGNS.get(found.group(1).lower()) if found else None
    body = _CURRENCY.sub("", raw).strip().replace(" ", "")
    if body.startswith("-") or body.endswith("-"):
        negative, body = not negative, body.strip("-")
    body = body.lstrip("+")
    if not _NUMBER.match(body):
        try:  # scientific notation or other forms Python reads
            value = float(body)
        except ValueError:
            return None, None
        return (-value if negative else value), currency
    value = float(_digits(body.replace("'", ",").replace("’", ","), currency))
    return (-value if negative else value), currency


def _digits(body: str, currency: str | None) -> str:
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:  # both: the later one is the decimal mark
        decimal = "." if last_dot > last_comma else ","
        group = "," if decimal == "." else "."
        return body.replace(group, "").replace(decimal, ".")
    mark = "." if last_dot >= 0 else "," if last_comma >= 0 else ""
    if not mark:
        return body
    parts = body.split(mark)
    grouped = len(parts) > 2 or (len(parts[-1]) == 3 and (mark == "," or currency in NO_DECIMALS))
    if grouped and all(len(p) == 3 for p in parts[1:]):
        return body.replace(mark, "")
    return body.replace(",", ".") if len(parts) == 2 else body


def parse_amounts(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A money column -> (amounts, currency codes found in the text, bad mask)."""
    text = clean(values)
    pairs = per_distinct(text, lambda u: [parse_money(v) for v in u])
    amount = pd.Series([p[0] if p else None for p in pairs], index=values.index, dtype="float64")
    currency = pd.Series([p[1] if p else None for p in pairs], index=values.index, dtype=object)
    return amount, currency, text.notna() & amount.isna()


# ---------------------------------------------------------------- vocabularies


def parse_flags(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """yes/no/ya/tidak/có/không/1/0/TRUE... -> booleans, plus the bad mask.

    >>> parse_flags(pd.Series(["Yes", "tidak", "Có", "0", "maybe"]))[0].tolist()
    [True, False, True, False, <NA>]
    """
    text = clean(values)

    def one(value: object) -> object:
        rule = classify(value, "booleans")
        return None if rule is None else rule.value == "true"

    flags = pd.Series(per_distinct(text, lambda u: [one(v) for v in u]), index=values.index).astype("boolean")
    return flags, text.notna() & flags.isna()


def parse_vocabulary(values: pd.Series, name: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Wordings -> (vocabulary value, the rule's extra mark, unmatched mask) using `rules/<name>.csv`.

    >>> v, extra, bad = parse_vocabulary(pd.Series(["RETURN_AND_REFUND", "Chỉ hoàn tiền", "Courier Return (RTO)", "??"]), "request_types")
    >>> v.tolist(), extra.tolist(), bad.tolist()
    (['Return + Refund', 'Refund Only', 'Unknown', None], ['', '', 'courier', None], [False, False, False, True])
    """
    rules(name)  # load (and validate) once before the per-value loop
    text = clean(values)
    found = per_distinct(text, lambda u: [classify(v, name) for v in u])
    value = pd.Series([r.value if r else None for r in found], index=values.index, dtype=object)
    extra = pd.Series([r.extra if r else None for r in found], index=values.index, dtype=object)
    return value, extra, text.notna() & value.isna()


def parse_counts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers written as text (`1`, `2.0`, `1,000`) -> Int64, plus the bad mask (fractions included)."""
    amount, _, bad = parse_amounts(values)
    whole = amount.where(amount.isna() | (amount.round() == amount))
    return whole.astype("Int64"), bad | (amount.notna() & whole.isna())
