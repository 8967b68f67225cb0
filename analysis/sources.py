"""Sources: the channel or file each case came from, and the date to judge each one as of.

A store often mixes sources that end at different dates: one marketplace's report runs to May while the
shop's own sheet runs to July. Judged as of July, the May source has "no case lately" for every SKU, which
says nothing about the SKU and everything about the export. So each source is judged as of the end of its
own data when it ends more than `BEHIND_DAYS` before the latest date; sources ending closer than that
(exports a few days apart) share the latest date.

A case's source is its channel when known, else the file it came from, else one source for everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.common import Mask
from analysis.phrases import Day, Phrase, joined

BEHIND_DAYS = 14  # a source ending more than two weeks before the latest date is judged as of its own end
ALL_DATA = "All data"
SOURCE_NAME = "source_name"  # each case's source, a category column added when cases load (`with_source_names`)


@dataclass(frozen=True)
class SourceEnd:
    """One source: its name, the date its data runs to, and the date it is judged as of."""

    source: str
    last: pd.Timestamp  # the latest request date of the source
    as_of: pd.Timestamp  # the latest date of all data, or `last` when the source is behind
    behind: bool  # ends more than BEHIND_DAYS before the latest date: judged as of its own end
    cases: int


def source_of(cases: pd.DataFrame) -> pd.Series:
    """Each case's source: its channel when known, else its file, else "All data".

    >>> cases = pd.DataFrame({"channel": ["Shopee", None, None], "source_file": ["a.xlsx", "b.csv", None]})
    >>> source_of(cases).tolist()
    ['Shopee', 'b.csv', 'All data']
    """
    code, labels = source_codes(cases)
    return pd.Series(np.asarray(labels, dtype=object)[code] if len(labels) else np.array([], dtype=object), index=cases.index, dtype=object)


def with_source_names(cases: pd.DataFrame) -> pd.DataFrame:
    """`cases` with each case's source (`source_of`) as a category column: worked out once for the loaded cases, so
    a view reads its sources instead of sorting out a few hundred thousand names again on every filter change.

    >>> named = with_source_names(pd.DataFrame({"channel": ["Shopee", None], "source_file": ["a.xlsx", "b.csv"]}))
    >>> named[SOURCE_NAME].tolist(), source_of(named.iloc[1:]).tolist()
    (['Shopee', 'b.csv'], ['b.csv'])
    """
    code, labels = source_codes(cases.drop(columns=SOURCE_NAME, errors="ignore"))
    names = pd.Categorical.from_codes(code, categories=pd.Index(labels, dtype=object))
    return cases.assign(**{SOURCE_NAME: names})


def source_codes(cases: pd.DataFrame) -> tuple[np.ndarray, list[object]]:
    """Each case's source (see `source_of`) as a code into the list of distinct sources: factorized column by column,
    never turning a million strings into Python objects.

    >>> code, labels = source_codes(pd.DataFrame({"channel": ["Shopee", None, "Shopee"], "source_file": ["Shopee", "b.csv", None]}))
    >>> [labels[c] for c in code]
    ['Shopee', 'b.csv', 'Shopee']
    """
    if SOURCE_NAME in cases.columns and isinstance(cases[SOURCE_NAME].dtype, pd.CategoricalDtype):
        names = cases[SOURCE_NAME].array  # worked out once for the loaded cases (`with_source_names`)
        return np.asarray(names.codes, dtype=np.int64), list(names.categories)
    code = np.zeros(len(cases), dtype=np.int64)
    labels: list[object] = [ALL_DATA]
    for column in ("source_file", "channel"):  # the channel wins where both are known
        if column in cases.columns:
            found, values = pd.factorize(cases[column], use_na_sentinel=True)
            if len(values):
                code = np.where(found >= 0, found + len(labels), code)
                labels += list(values)
    # The same name from two columns (a file called like a channel) is one source.
    same, distinct = pd.factorize(pd.Series(labels, dtype=object))
    return same[code] if len(code) else code, list(distinct)


def _ends(
    cases: pd.DataFrame,
    as_of: pd.Timestamp | str | None,
    rows: Mask | None = None,
    sources: tuple[np.ndarray, list[object]] | None = None,
) -> tuple[np.ndarray, list[object], np.ndarray, np.ndarray, list[SourceEnd]]:
    """Per case: its source's code (and the sources' names) and whether it is judged (dated, not after `as_of`, in
    `rows`); per source the date it is judged as of (as int64, the smallest for none); and the sources. With `rows`,
    the sources of `cases.loc[rows]` (no row copied); `sources`: `source_codes(cases)` when the caller has them."""
    dates = cases["request_date"].to_numpy(dtype="datetime64[ns]") if len(cases) else np.array([], dtype="datetime64[ns]")
    undated = np.isnat(dates)
    dated = ~undated if rows is None else ~undated & rows
    judged = np.flatnonzero(dated)  # by position: each read of a boolean mask over every case costs a scan of it
    stamps = dates.view("int64")
    # the latest request read (NaT when one of them is undated), or `as_of`, which leaves later cases out
    read_all_dated = len(judged) > 0 and not (undated.any() if rows is None else (undated & rows).any())
    latest = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(stamps[judged].max()) if read_all_dated else pd.NaT
    if as_of is not None and pd.notna(latest):
        dated &= dates <= latest.to_datetime64()
        judged = judged[stamps[judged] <= latest.value]
    code, labels = source_codes(cases) if sources is None else sources
    last = np.full(len(labels), np.iinfo(np.int64).min)
    dated_code = code[judged]
    np.maximum.at(last, dated_code, stamps[judged])
    counts = np.bincount(dated_code, minlength=len(labels))
    ends, own = [], np.full(len(labels), np.iinfo(np.int64).min)
    if pd.notna(latest):
        cut = (latest - pd.Timedelta(days=BEHIND_DAYS)).value
        for i, name in enumerate(labels):
            if counts[i] == 0:
                continue
            behind = bool(last[i] < cut)
            own[i] = last[i] if behind else latest.value
            ends.append(SourceEnd(str(name), pd.Timestamp(last[i]), pd.Timestamp(own[i]), behind, int(counts[i])))
    ends.sort(key=lambda e: (-e.last.value, e.source))
    return code, labels, dated, own, ends


def source_ends(cases: pd.DataFrame, as_of: pd.Timestamp | str | None = None) -> list[SourceEnd]:
    """Every source with a dated case, latest first, each with the date it is judged as of.

    `as_of` (default: the latest request date) caps every source: later cases are left out.

    >>> cases = pd.DataFrame({"channel": ["Shopee", "Shopee", "Amazon"],
    ...     "request_date": pd.to_datetime(["2026-07-01", "2026-07-12", "2026-05-20"])})
    >>> [(e.source, f"{e.as_of:%d %b}", e.behind) for e in source_ends(cases)]
    [('Shopee', '12 Jul', False), ('Amazon', '20 May', True)]
    """
    return _ends(cases, as_of)[4]


def case_as_of(cases: pd.DataFrame, as_of: pd.Timestamp | str | None = None) -> pd.Series:
    """The date each case is judged as of: its source's (NaT for an undated case or one after `as_of`).

    >>> cases = pd.DataFrame({"channel": ["Shopee", "Amazon"], "request_date": pd.to_datetime(["2026-07-12", "2026-05-20"])})
    >>> case_as_of(cases).dt.strftime("%d %b").tolist()
    ['12 Jul', '20 May']
    """
    code, _, dated, own, _ = _ends(cases, as_of)
    per_case = np.where(dated, own[code], np.iinfo(np.int64).min)  # the smallest int64 is NaT
    return pd.Series(per_case.view("datetime64[ns]"), index=cases.index, name="as_of")


def current_sources(cases: pd.DataFrame, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """The cases of the sources that reach the latest date (sources that end earlier left out).

    What happens "this week" can only be read from sources that run to this week: a source that stopped in May
    would lower every share it used to hold and make the others look like they jumped.

    >>> cases = pd.DataFrame({"channel": ["Shopee", "Amazon"], "request_date": pd.to_datetime(["2026-07-12", "2026-05-20"])})
    >>> current_sources(cases)["channel"].tolist()
    ['Shopee']
    """
    rows = current_rows(cases, as_of)
    return cases if rows is None else cases.loc[rows]


def current_rows(
    cases: pd.DataFrame,
    as_of: pd.Timestamp | str | None = None,
    *,
    rows: Mask | None = None,
    sources: tuple[np.ndarray, list[object]] | None = None,
) -> Mask | None:
    """Which rows `current_sources` keeps, None for every row; with `rows`, those it keeps of `cases.loc[rows]` (as a
    mask over `cases`, `rows` when it keeps them all), without copying a row. `sources`: `source_codes(cases)` when
    the caller has them.

    >>> cases = pd.DataFrame({"channel": ["Shopee", "Amazon", "Shopee"],
    ...     "request_date": pd.to_datetime(["2026-07-12", "2026-05-20", "2026-07-01"])})
    >>> current_rows(cases).tolist(), current_rows(cases, rows=np.array([False, True, False])).tolist()
    ([True, False, True], [False, True, False])
    """
    code, labels, _, _, ends = _ends(cases, as_of, rows, sources)
    if not any(e.behind for e in ends):
        return rows
    behind = {e.source for e in ends if e.behind}
    keep = ~np.isin(code, [i for i, name in enumerate(labels) if str(name) in behind])
    return keep if rows is None else keep & rows


def as_of_words(ends: list[SourceEnd]) -> Phrase:
    """How a page says which date it judges by: one date, or one per source when some end earlier.

    >>> ends = [SourceEnd("Shopee", pd.Timestamp("2026-07-12"), pd.Timestamp("2026-07-12"), False, 10),
    ...         SourceEnd("amazon.csv", pd.Timestamp("2026-05-20"), pd.Timestamp("2026-05-20"), True, 5)]
    >>> as_of_words(ends)
    '12 Jul 2026 (amazon.csv, which ends earlier: as of 20 May 2026)'
    >>> as_of_words(ends[:1])
    '12 Jul 2026'
    """
    if not ends:
        return Phrase("the latest date")
    current = [e for e in ends if not e.behind]
    head = Phrase("{day}", day=Day((current or ends)[0].as_of))
    behind = [e for e in ends if e.behind]
    if not behind:
        return head
    parts = [Phrase("{source}, which ends earlier: as of {day}", source=e.source, day=Day(e.as_of)) for e in behind]
    return Phrase("{head} ({parts})", head=head, parts=joined(parts))


@dataclass(frozen=True)
class Span:
    """A source's dates: the first and the latest request date of its data."""

    source: str
    first: pd.Timestamp
    last: pd.Timestamp


def comparable(
    cases: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp], previous: tuple[pd.Timestamp, pd.Timestamp]
) -> tuple[np.ndarray, list[Span]]:
    """Which cases may be compared between a period and the one before it, and the sources left out.

    A change between two periods is only true of sources that cover both: a report that stopped in May, or a
    log that starts this month, would read as a fall or a jump that says nothing about the shop. A source covers
    both when its data begins on or before the first day of the previous period and runs to within a quarter of
    the period (at most `BEHIND_DAYS`) of the current period's end. Returns a mask over `cases` (the cases of
    covering sources) and the sources left out that have a case in either period, earliest end first.

    >>> cases = pd.DataFrame({"channel": ["Shopee"] * 3 + ["Amazon"] * 2, "request_date": pd.to_datetime(
    ...     ["2026-05-01", "2026-06-20", "2026-07-12", "2026-05-03", "2026-06-10"])})
    >>> mask, left_out = comparable(cases, (pd.Timestamp("2026-06-15"), pd.Timestamp("2026-07-12")),
    ...                             (pd.Timestamp("2026-05-18"), pd.Timestamp("2026-06-14")))
    >>> mask.tolist(), [(s.source, f"{s.last:%d %b}") for s in left_out]
    ([True, True, True, False, False], [('Amazon', '10 Jun')])
    """
    start, end = previous[0], window[1]
    length = window[1] - window[0] + pd.Timedelta(days=1)
    slack = min(pd.Timedelta(days=BEHIND_DAYS), length / 4)
    code, labels = source_codes(cases)
    stamps = cases["request_date"].to_numpy(dtype="datetime64[ns]")
    dated = ~np.isnat(stamps)
    values, dated_code = stamps.view("int64")[dated], code[dated]
    first = np.full(len(labels), np.iinfo(np.int64).max)
    last = np.full(len(labels), np.iinfo(np.int64).min)
    np.minimum.at(first, dated_code, values)
    np.maximum.at(last, dated_code, values)
    days = stamps[dated].astype("datetime64[D]").astype("datetime64[ns]")
    in_either = np.bincount(dated_code[(days >= start.to_datetime64()) & (days <= end.to_datetime64())], minlength=len(labels)) > 0
    covers = np.zeros(len(labels), dtype=bool)
    spans: list[Span] = []
    for i, name in enumerate(labels):
        if last[i] == np.iinfo(np.int64).min:  # no dated case: covers nothing, in neither period
            continue
        first_day, last_day = pd.Timestamp(first[i]), pd.Timestamp(last[i])
        covers[i] = first_day.normalize() <= start and last_day >= end.normalize() - slack
        if not covers[i] and in_either[i]:
            spans.append(Span(str(name), first_day, last_day))
    spans.sort(key=lambda s: (s.last, s.source))
    return covers[code], spans


def left_out_words(left_out: list[Span]) -> Phrase:
    """How a page names the sources a comparison leaves out, with the dates their data covers.

    >>> left_out_words([Span("amazon.csv", pd.Timestamp("2026-03-02"), pd.Timestamp("2026-05-20"))])
    'amazon.csv (2 Mar 2026 – 20 May 2026)'
    """
    return joined([Phrase("{source} ({first} – {last})", source=s.source, first=Day(s.first), last=Day(s.last)) for s in left_out])
