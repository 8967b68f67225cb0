"""Cell text -> typed values, computed once per distinct value (a column of a million cells with a
thousand distinct wordings is a thousand normalisations).

Each parser returns the parsed values and a mask of cells that were present but could not be read,
so the reader can list them as problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, overload

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.rules import classify
from data.zones import check_zone, wall_clock

NULL_TOKENS = frozenset({"", "na", "n/a", "#n/a", "null", "none", "nan", "nat", "-", "--", "—", "(blank)", "nil"})
# Compared as written (a vectorised isin), so the usual spellings of each null word are listed.
_NULL_SPELLINGS = sorted({f(t) for t in NULL_TOKENS for f in (str.lower, str.upper, str.title, str.capitalize)})
_SCIENTIFIC = re.compile(r"^[+-]?\d(\.\d+)?[eE][+]\d+$")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # Excel serials of 1954..2119: a five-digit number in a date column is a date
# Dates a returns sheet can hold. Outside are typos (1600, 2206) and empty or time-only Excel cells that read as
# 1899-12-31: they are listed as problems, never imported (pandas' own limit, 1677..2262, must never be reached).
PLAUSIBLE_YEARS = (1970, 2099)
_PLAUSIBLE = (np.datetime64(f"{PLAUSIBLE_YEARS[0]}-01-01", "ns"), np.datetime64(f"{PLAUSIBLE_YEARS[1] + 1}-01-01", "ns"))
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default `str`
_TEXT_TYPES = {pa.large_string(): _TEXT, pa.string(): _TEXT}
_NULL_ARRAY = pa.array(_NULL_SPELLINGS, pa.string())
_LONGEST_NULL = max(len(t.encode()) for t in _NULL_SPELLINGS)  # in bytes


def distinct(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values as objects); code -1 marks a missing cell."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def spread(codes: np.ndarray, results: Sequence[object] | np.ndarray, missing: object = None) -> np.ndarray:
    """Per-distinct results back to one per cell (code -1 gets `missing`)."""
    out = np.empty(len(results) + 1, dtype=object)  # filled one by one: results may be tuples
    for i, result in enumerate(results):
        out[i] = result
    out[-1] = missing
    cells: np.ndarray = out[codes]
    return cells


def per_distinct(values: pd.Series, fn: Callable[[np.ndarray], np.ndarray | Sequence[object]]) -> np.ndarray:
    """Apply `fn` to the distinct non-missing values only and spread the results back (missing -> None)."""
    codes, uniques = distinct(values)
    return spread(codes, fn(uniques) if len(uniques) else [])


def clean(values: pd.Series) -> pd.Series:
    """Stripped text with empty cells and null words (`NA`, `null`, `-`) as missing; the input is not changed.

    >>> clean(pd.Series([" A ", "NA", "", None, "null"])).tolist()
    ['A', nan, nan, nan, nan]
    """
    whole = _arrow(values)  # kept in Arrow's CSV blocks: joining them would copy every cell
    head = whole[:10_000]
    if len(whole) > 50_000 and len(pc.unique(head)) * 10 < len(head):  # few distinct values: clean those only
        wordings = pc.unique(whole)  # cheaper than a dictionary encoding, which only dirty columns need
        if _clean_arrow(wordings).equals(wordings):  # already clean, as most exports are: no per-cell work
            return (
                values
                if isinstance(values.dtype, pd.StringDtype) and values.dtype == _TEXT
                else pd.Series(pd.arrays.ArrowStringArray(whole).astype(_TEXT), index=values.index)
            )
        dictionary, indices = _dictionary(whole)
        cleaned = pc.take(_clean_arrow(dictionary), indices)
    else:
        cleaned = _clean_arrow(whole)
    return pd.Series(pd.arrays.ArrowStringArray(cleaned).astype(_TEXT), index=values.index)


def encode(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """`distinct(clean(values))` in one pass: the cells are dictionary-encoded once and only the distinct
    values are cleaned, so a million cells with a dozen wordings cost one hash pass.

    >>> codes, uniques = encode(pd.Series([" A", "B", "A ", "NA", None]))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0, -1, -1], ['A', 'B'])
    """
    return clean_encode(values, text=False)[1:]


@overload
def clean_encode(values: pd.Series, text: Literal[True] = True) -> tuple[pd.Series, np.ndarray, np.ndarray]: ...
@overload
def clean_encode(values: pd.Series, text: Literal[False]) -> tuple[None, np.ndarray, np.ndarray]: ...
def clean_encode(values: pd.Series, text: bool = True) -> tuple[pd.Series | None, np.ndarray, np.ndarray]:
    """`clean(values)` (None unless `text`) with the codes and distinct values of `encode`, from one hash pass.

    >>> cleaned, codes, uniques = clean_encode(pd.Series([" A", "B", "A ", "-"]))
    >>> cleaned.tolist(), codes.tolist(), uniques.tolist()
    (['A', 'B', 'A', nan], [0, 1, 0, -1], ['A', 'B'])
    """
    cells = _arrow(values)
    raw, indices = _dictionary(cells)
    dictionary = _clean_arrow(raw)
    cleaned = None
    if text:
        same = dictionary.equals(raw)  # already clean, as most exports are: the cells stay as they are
        cleaned = pd.Series(
            pd.arrays.ArrowStringArray(cells if same else pc.take(dictionary, indices)).astype(_TEXT), index=values.index, copy=False
        )
    codes, uniques = pd.factorize(pd.Series(dictionary.to_pandas(types_mapper=_TEXT_TYPES.get)), use_na_sentinel=True)
    remap = np.append(codes, -1).astype(np.int32, copy=False)  # missing cells point past the dictionary
    indices = pc.fill_null(indices, len(dictionary)).to_numpy(zero_copy_only=False)
    return cleaned, remap[indices], np.asarray(uniques, dtype=object)


def repeated(text: str, index: pd.Index) -> pd.Series:
    """`text` in every row, built by Arrow (broadcasting a Python string to a million rows is slow).

    >>> repeated("a.csv", pd.RangeIndex(2)).tolist(), repeated("", pd.RangeIndex(0)).tolist()
    (['a.csv', 'a.csv'], [])
    """
    array = pa.repeat(pa.scalar(text, pa.large_string()), len(index))
    return pd.Series(pd.arrays.ArrowStringArray(array).astype("string"), index=index, copy=False)


def _dictionary(cells: pa.ChunkedArray) -> tuple[pa.Array, pa.ChunkedArray]:
    """(distinct values, each cell's index into them; null for a null cell), the cells' blocks left as they are."""
    encoded = pc.dictionary_encode(cells)
    if encoded.num_chunks == 0:
        return pa.array([], cells.type), pa.chunked_array([], pa.int32())
    # Arrow's hash kernel gives every block the final, shared dictionary; should a version not, join the blocks.
    if len(encoded.chunk(0).dictionary) != len(encoded.chunk(encoded.num_chunks - 1).dictionary):
        encoded = pa.chunked_array([pc.dictionary_encode(cells.combine_chunks())])
    return encoded.chunk(0).dictionary, pa.chunked_array([c.indices for c in encoded.chunks], pa.int32())


def _clean_arrow(cells: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    ascii_only = _ascii(cells)
    trimmed = pc.ascii_trim_whitespace(cells) if ascii_only else pc.utf8_trim_whitespace(cells)  # ASCII: 5x faster
    shortest = pc.min(pc.binary_length(trimmed)).as_py()
    if shortest is None or shortest > _LONGEST_NULL:  # no cell short enough to be a null word
        return trimmed
    missing = pc.is_in(trimmed, value_set=_NULL_ARRAY)
    return pc.if_else(missing, pa.scalar(None, trimmed.type), trimmed) if pc.any(missing).as_py() else trimmed


def _ascii(cells: pa.Array | pa.ChunkedArray) -> bool:
    """True when no cell holds a non-ASCII character: the text bytes of each block are scanned at once (a tenth
    of Arrow's per-cell check)."""
    for chunk in cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]:
        data = chunk.buffers()[2] if len(chunk) else None
        if data is None:
            continue
        wide = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=wide)
        start, end = int(offsets[chunk.offset]), int(offsets[chunk.offset + len(chunk)])
        if end > start and int(np.frombuffer(data, dtype=np.uint8)[start:end].max()) >= 0x80:
            return False
    return True


def _arrow(values: pd.Series) -> pa.ChunkedArray:
    """The cells as an Arrow string array (zero-copy when they already are)."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pa.chunked_array(values.array._pa_array if hasattr(values.array, "_pa_array") else [values.array])
    return pa.chunked_array(
        [
            pa.array(
                values.astype(object).where(values.notna(), None).map(lambda v: v if v is None or isinstance(v, str) else str(v)),
                type=pa.string(),
            )
        ]
    )


def scientific(values: pd.Series) -> pd.Series:
    """Ids Excel turned into scientific notation (`4.91E+16`): the digits are lost.

    >>> scientific(pd.Series(["4.91E+16", "50755579496866688_1", None])).tolist()
    [True, False, False]
    """
    cells = _arrow(values)
    # Ids rarely hold a "+": one scan of the raw text bytes first (a cell sliced out of a bigger array may
    # see its neighbours' bytes; a false alarm only costs the exact check below).
    if not any(b"+" in chunk.buffers()[2].to_pybytes() for chunk in cells.chunks if chunk.buffers()[2] is not None):
        return pd.Series(False, index=values.index)
    found = pc.match_substring_regex(cells, _SCIENTIFIC.pattern)
    return pd.Series(pc.fill_null(found, False).to_numpy(zero_copy_only=False), index=values.index, copy=False)


# ---------------------------------------------------------------- dates

_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y", "%d.%m.%y")
_MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%m.%d.%Y")
_OTHER = (
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%B-%Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y.%m.%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%d %b %y",
)
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"  # the end of an ISO time with an offset


@dataclass
class Dates:
    values: pd.Series  # datetime64[ns], naive (times with an offset converted to UTC or to the zone asked for)
    bad: pd.Series  # present but not a date
    day_first: bool | None  # None when the column had no day/month order to decide
    ambiguous: bool  # both orders read every sampled value: day-first was assumed
    implausible: pd.Series  # part of `bad`: a date, but outside PLAUSIBLE_YEARS


_ISO_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S%z",
)
SAMPLE = 4000  # cells sampled (spread over the column) to choose the formats


def parse_dates(values: pd.Series, tz: str | None = None) -> Dates:
    """Parse a column of date text; day-first versus month-first is decided for the whole column.

    Times written with an offset (`+07:00`, `+0700`, `Z`) become the wall-clock time in `tz` (an IANA zone
    such as `Asia/Jakarta`), or in UTC when `tz` is None; times written without one are kept as written.
    An unknown `tz` is a ValueError.

    Formats are chosen on a sample of distinct values, then applied to the whole column with Arrow's
    vectorised strptime; the few cells no chosen format reads are parsed one distinct value at a time
    (Excel serial numbers, ISO dates with fractions, any other format of the list). Dates outside
    PLAUSIBLE_YEARS are left empty and marked `bad` and `implausible`.

    >>> d = parse_dates(pd.Series(["6/16/2011 9:55", "1/9/2011 11:27", None]))
    >>> d.values.dt.strftime("%Y-%m-%d %H:%M").tolist()[:2], d.day_first, int(d.bad.sum())
    (['2011-06-16 09:55', '2011-01-09 11:27'], False, 0)
    >>> parse_dates(pd.Series(["08-Aug-24", "2026.4.29", "45000", "2026-05-21T04:38:32+07:00"])).values.astype(str).tolist()
    ['2024-08-08 00:00:00', '2026-04-29 00:00:00', '2023-03-15 00:00:00', '2026-05-20 21:38:32']
    >>> cells = pd.Series(["2026-05-22T23:10:00+07:00", "2026-05-21T04:38:32Z", "2026-05-21 04:38:32"])
    >>> parse_dates(cells, tz="Asia/Jakarta").values.astype(str).tolist()
    ['2026-05-22 23:10:00', '2026-05-21 11:38:32', '2026-05-21 04:38:32']
    >>> d = parse_dates(pd.Series(["2026-04-29 10:00", "1600-01-01 00:00", "1899-12-31 00:00:00", "soon"]))
    >>> d.values.isna().tolist(), d.bad.tolist(), d.implausible.tolist()
    ([False, True, True, True], [False, True, True, True], [False, True, True, False])
    """
    if tz is not None:
        check_zone(tz)
    cells = _arrow(values)  # raw cells: cleaning a million dates first would cost more than parsing them
    lengths = pc.binary_length(cells)
    present = np.require(pc.fill_null(pc.greater(lengths, 0), False).to_numpy(zero_copy_only=False), dtype=bool, requirements="W")
    far = np.zeros(len(values), dtype=bool)  # read as a date outside pandas' range
    if not present.any():
        return _dates(np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]"), present, far, values.index, None, False)
    # Indices given as a chunked array: Arrow then takes from each CSV block in place instead of joining them all first.
    sample = pc.take(cells, pa.chunked_array([pa.array(_spread(present))]))
    formats, day_first, ambiguous = _choose_formats(pc.unique(pc.drop_null(_clean_arrow(sample))))
    if formats and formats[0] in _ISO_FORMATS and "%z" not in formats[0]:
        stamps = _iso_cast(cells, present, lengths)
        if stamps is not None:
            return _dates(stamps, present, far, values.index, day_first, ambiguous)
    result = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = present.copy()
    zoned = np.zeros(len(values), dtype=bool)  # read with an offset: in UTC until converted to `tz`
    for fmt in formats:
        if not todo.any():
            break
        if todo.all():  # the first format usually reads the whole column: no filtering, no scatter
            parsed = _strptime(cells, fmt, "ns").to_numpy(zero_copy_only=False)
            result = np.require(parsed.astype("datetime64[ns]", copy=False), requirements="W")
            todo = np.isnat(result) & present
            if "%z" in fmt:
                zoned = ~np.isnat(result)
            continue
        parsed = _strptime(pc.filter(cells, pa.chunked_array([pa.array(todo)])), fmt, "ns")  # chunked: no join
        stamps = parsed.to_numpy(zero_copy_only=False)
        positions = np.flatnonzero(todo)
        hit = ~np.isnat(stamps)
        result[positions[hit]] = stamps[hit]
        todo[positions[hit]] = False
        if "%z" in fmt:
            zoned[positions[hit]] = True
    if todo.any():  # the rest (spaces, null words, other forms), cleaned and parsed one distinct value at a time
        positions = np.flatnonzero(todo)
        rest = clean(values.iloc[positions])
        present[positions[rest.isna().to_numpy()]] = False  # `NA`, `-` and blanks are missing, not bad dates
        codes, uniques = pd.factorize(rest)
        parsed, outside, offset = _parse_each(pd.Series(np.asarray(uniques, dtype=object), dtype=object), day_first)
        result[positions] = np.append(parsed, np.datetime64("NaT"))[codes]
        far[positions] = np.append(outside, False)[codes]
        zoned[positions] = np.append(offset, False)[codes]
    if tz is not None and zoned.any():
        _to_zone(result, zoned, tz)
    return _dates(result, present, far, values.index, day_first, ambiguous)


def _to_zone(result: np.ndarray, zoned: np.ndarray, tz: str) -> None:
    """UTC times read with an offset, in place, as wall-clock times in `tz`. Only plausible ones: the rest are
    emptied afterwards, and shifting a time near pandas' limit could overflow."""
    low, high = _PLAUSIBLE
    picked = zoned & (result >= low) & (result < high)  # NaT compares False
    result[picked] = wall_clock(result[picked], tz)


def _spread(present: np.ndarray) -> np.ndarray:
    """About SAMPLE positions of present cells, spread evenly over the column."""
    count = int(np.count_nonzero(present))
    picked = np.arange(0, len(present), max(1, len(present) // SAMPLE))
    picked = picked[present[picked]]
    if len(picked) < min(SAMPLE, count) // 2:  # a sparse column: step over the present cells themselves
        picked = np.flatnonzero(present)[:: max(1, count // SAMPLE)]
    return picked


def _dates(result: np.ndarray, present: np.ndarray, far: np.ndarray, index: pd.Index, day_first: bool | None, ambiguous: bool) -> Dates:
    """The parsed column with dates outside PLAUSIBLE_YEARS emptied and marked (the arrays are not copied)."""
    stamps = result.view("i8")
    read = stamps != np.iinfo(np.int64).min  # not NaT
    low, high = (bound.astype("i8") for bound in _PLAUSIBLE)
    # The bounds are checked cell by cell only when the column's earliest or latest date is outside them.
    outside = read.any() and (stamps.max() >= high or stamps.min(where=read, initial=high) < low)
    implausible = far | (read & ((stamps < low) | (stamps >= high))) if outside or far.any() else far
    if outside:
        result, read = np.where(implausible, np.datetime64("NaT"), result), read & ~implausible
    return Dates(
        pd.Series(result, index=index, copy=False),
        pd.Series(present & ~read, index=index, copy=False),
        day_first,
        ambiguous,
        pd.Series(implausible & present, index=index, copy=False),
    )


def _iso_cast(cells: pa.ChunkedArray, present: np.ndarray, lengths: pa.ChunkedArray) -> np.ndarray | None:
    """Arrow's ISO 8601 cast (3x faster than strptime) when every present cell is a plain ISO date or
    date and time without offset; None when any is not (the caller then parses format by format).
    `lengths`: each cell's length in bytes."""
    if pc.any(pc.equal(lengths, len("2026-04-29 08"))).as_py():  # the cast reads an hour alone; the formats do not
        return None
    if present.sum() < len(cells) - cells.null_count:  # empty text cells too (not only nulls): the cast rejects those
        cells = pc.if_else(pa.chunked_array([pa.array(present)]), cells, pa.scalar(None, cells.type))
    try:
        stamps = pc.cast(cells, pa.timestamp("ns"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    moments: np.ndarray = stamps.to_numpy().astype("datetime64[ns]", copy=False)
    return moments


_COMPACT = r"^\s*\d{8}(\D|$)"


def _strptime(cells: pa.Array | pa.ChunkedArray, fmt: str, unit: str) -> pa.Array | pa.ChunkedArray:
    """Arrow's strptime, cells it cannot read null; `%Y%m%d` reads `197232` as 1972-03-02, so it is held to eight digits."""
    parsed = pc.strptime(cells, format=fmt, unit=unit, error_is_null=True)
    if fmt.startswith("%Y%m%d") and parsed.null_count < len(parsed):
        parsed = pc.if_else(pc.match_substring_regex(cells, _COMPACT), parsed, pa.scalar(None, parsed.type))
    return parsed


def _choose_formats(sample: pa.ChunkedArray) -> tuple[list[str], bool | None, bool]:
    """Formats that read the sample, best first, and the column's day/month order."""
    counts: dict[str, int] = {}
    head = sample[:24]  # formats that read none of the first values are not tried on the rest
    for fmt in _ISO_FORMATS + tuple(b + t for b in _DAY_FIRST + _MONTH_FIRST + _OTHER for t in _TIMES):
        if _strptime(head, fmt, "s").null_count == len(head):
            continue
        counts[fmt] = len(sample) - _strptime(sample, fmt, "s").null_count
    best_day = max((n for f, n in counts.items() if f.split(" ")[0] in _DAY_FIRST), default=0)
    best_month = max((n for f, n in counts.items() if f.split(" ")[0] in _MONTH_FIRST), default=0)
    day_first = None if not (best_day or best_month) else best_day >= best_month
    ambiguous = bool(best_day and best_day == best_month)
    excluded = _MONTH_FIRST if day_first is not False else _DAY_FIRST
    order = sorted((f for f in counts if f.split(" ")[0] not in excluded), key=lambda f: -counts[f])
    return order, day_first, ambiguous


def _parse_each(uniques: pd.Series, day_first: bool | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct leftovers: Excel serials, any ISO 8601 form, then every format in the column's day/month order.
    Returns the dates (those written with an offset in UTC), the mask of values read as dates outside
    PLAUSIBLE_YEARS (left empty) and the mask of values written with an offset."""
    result = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[ns]")
    far = pd.Series(False, index=uniques.index)

    def plausible(stamps: pd.Series) -> pd.Series:
        """`stamps` (of any resolution: pandas reads 1600 or 9999 in seconds) in nanoseconds, the rest marked far."""
        outside = stamps.notna() & ((stamps < _PLAUSIBLE[0]) | (stamps >= _PLAUSIBLE[1]))
        far[outside[outside].index] = True
        return stamps.where(~outside).astype("datetime64[ns]")

    serial = uniques.str.match(_SERIAL.pattern).fillna(False).astype(bool)
    if serial.any():
        number = pd.to_numeric(uniques[serial], errors="coerce")
        number = number.where(number.between(*SERIAL_RANGE))
        result[serial] = (EXCEL_EPOCH + pd.to_timedelta(number * 86400, unit="s").dt.round("s")).astype("datetime64[ns]")
    iso = ~serial & uniques.str.match(_ISO.pattern).fillna(False).astype(bool)
    offset = iso & uniques.str.contains(_OFFSET, regex=True).fillna(False).astype(bool)
    if iso.any():
        parsed = pd.to_datetime(uniques[iso], format="ISO8601", errors="coerce", utc=True)
        result[iso] = plausible(parsed.dt.tz_convert(None))
    excluded = _MONTH_FIRST if day_first is not False else _DAY_FIRST
    todo = result.index[result.isna().to_numpy() & ~serial.to_numpy()]
    for fmt in (b + t for b in _DAY_FIRST + _MONTH_FIRST + _OTHER if b not in excluded for t in _TIMES):
        if todo.empty:
            break
        parsed = pd.to_datetime(uniques[todo], format=fmt, errors="coerce")
        if fmt.startswith("%Y%m%d"):
            parsed = parsed.where(uniques[todo].str.match(_COMPACT).fillna(False).astype(bool))
        hit = parsed.notna().to_numpy()
        if hit.any():
            result[todo[hit]] = plausible(parsed[hit])
            todo = todo[~hit]
    return result.to_numpy(dtype="datetime64[ns]"), far.to_numpy(dtype=bool), offset.to_numpy(dtype=bool)


# ---------------------------------------------------------------- money and numbers

CURRENCY_SIGNS = {
    "rp": "IDR",
    "idr": "IDR",
    "₫": "VND",
    "vnd": "VND",
    "vnđ": "VND",
    "đ": "VND",
    "$": "USD",
    "usd": "USD",
    "us$": "USD",
    "₹": "INR",
    "rs": "INR",
    "inr": "INR",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "rm": "MYR",
    "myr": "MYR",
    "₱": "PHP",
    "php": "PHP",
    "฿": "THB",
    "thb": "THB",
    "s$": "SGD",
    "sgd": "SGD",
    "₩": "KRW",
    "krw": "KRW",
    "¥": "JPY",
    "jpy": "JPY",
}
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
    codes, amounts, currencies = _money(values)
    amount = pd.Series(amounts[codes], index=values.index, copy=False)
    unreadable = np.append(np.isnan(amounts[:-1]), False)  # per distinct value; the missing slot is not bad
    return amount, categorical(codes, currencies, values.index), pd.Series(unreadable[codes], index=values.index, copy=False)


def _money(values: pd.Series) -> tuple[np.ndarray, np.ndarray, list[str | None]]:
    """(codes, the amount of each distinct value with NaN for missing appended, each one's currency)."""
    codes, uniques = encode(values)
    pairs = [parse_money(v) for v in uniques]
    return codes, np.array([p[0] for p in pairs] + [np.nan], dtype="float64"), [p[1] for p in pairs]


# ---------------------------------------------------------------- vocabularies


def parse_flags(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """yes/no/ya/tidak/có/không/1/0/TRUE... -> booleans, plus the bad mask.

    >>> parse_flags(pd.Series(["Yes", "tidak", "Có", "0", "maybe"]))[0].tolist()
    [True, False, True, False, <NA>]
    """

    def one(value: object) -> object:
        rule = classify(value, "booleans")
        return None if rule is None else rule.value == "true"

    codes, uniques = encode(values)
    found = [one(v) for v in uniques]
    known = np.append(np.array([f is not None for f in found], dtype=bool), False)[codes]
    truth = np.append(np.array([bool(f) for f in found], dtype=bool), False)[codes]
    flags = pd.Series(pd.arrays.BooleanArray(truth, ~known), index=values.index)
    return flags, pd.Series((codes >= 0) & ~known, index=values.index, copy=False)


def parse_vocabulary(values: pd.Series, name: str, learned: Mapping[str, str] | None = None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Wordings -> (vocabulary value, the mark of the reading such as `courier`, unmatched mask), each distinct
    wording read once by `data.rules.classify`; `learned` ({fold(raw wording): value}) wins over the rules.

    >>> v, extra, bad = parse_vocabulary(pd.Series(["RETURN_AND_REFUND", "Chỉ hoàn tiền", "Courier Return (RTO)", "??"]), "request_types")
    >>> nan = float("nan"); v.tolist(), extra.tolist(), bad.tolist()
    (['Return + Refund', 'Refund Only', 'Unknown', nan], ['', '', 'courier', nan], [False, False, False, True])
    """
    codes, uniques = encode(values)
    found = [classify(v, name, learned) for v in uniques]
    value = categorical(codes, [r.value if r else None for r in found], values.index)
    extra = categorical(codes, [r.extra if r else None for r in found], values.index)
    return value, extra, pd.Series(codes >= 0, index=values.index) & value.isna()


def categorical(codes: np.ndarray, results: Sequence[str | None], index: pd.Index) -> pd.Series:
    """Per-distinct results spread back to the cells as a categorical (cheap for a million cells)."""
    categories = sorted({r for r in results if r is not None})
    position = {c: i for i, c in enumerate(categories)}
    small = "int8" if len(categories) < 127 else "int32"  # the codes pandas would shrink them to anyway
    per_distinct_code = np.array([position.get(r, -1) if r is not None else -1 for r in results] + [-1], dtype=small)
    return pd.Series(pd.Categorical.from_codes(per_distinct_code[codes], categories=pd.Index(categories)), index=index, copy=False)


def parse_counts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers written as text (`1`, `2.0`, `1,000`) -> Int64, plus the bad mask (fractions and numbers
    too large for a count included).

    >>> counts, bad = parse_counts(pd.Series(["1", "2.0", "1,000", "1.5", "x", None, "1e30"]))
    >>> counts.tolist(), bad.tolist()
    ([1, 2, 1000, <NA>, <NA>, <NA>, <NA>], [False, False, False, True, True, False, True])
    """
    codes, amounts, _ = _money(values)
    whole = (np.abs(amounts) < 2**53) & (np.round(amounts) == amounts)  # per distinct value (NaN is not whole)
    counts = pd.arrays.IntegerArray(np.where(whole, amounts, 0).astype("int64")[codes], ~whole[codes])
    bad = np.append(~whole[:-1], False)  # present but not a whole number; the missing slot is not bad
    return pd.Series(counts, index=values.index, copy=False), pd.Series(bad[codes], index=values.index, copy=False)
