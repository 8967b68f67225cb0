"""FilterSpec: the one description of a filtered view, shared by widgets, the URL and the analysis.

The query-string names are `period`, `request_type`, `reason`, `sku`, `status`, `handled_by`, `channel`
and `start`/`end` (ISO dates; when given they replace the period, as a drill-down into one week does); a default
is left out of the URL, so a plain address opens the default view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analysis.phrases import N_, Phrase, Word

# Period keys, in the order the selector shows them. A period ends at the latest request in the
# data (not today), so a sheet uploaded late, or the demo data, still opens on its latest weeks.
# The key is what the selector shows and what the URL carries (`?period=Last+4+weeks`); the value is
# the length in weeks (None: all time).
PERIODS: dict[str, int | None] = {
    "Last 4 weeks": 4,
    "Last 12 weeks": 12,
    "Last 26 weeks": 26,
    "Last 52 weeks": 52,
    "All time": None,
}
DEFAULT_PERIOD = "Last 12 weeks"
# The columns a view can pick values of; an empty pick means "all".
DIMENSIONS: tuple[str, ...] = ("request_type", "reason", "sku", "status", "handled_by", "channel")
QUERY_KEYS: tuple[str, ...] = ("period", *DIMENSIONS, "start", "end")
# What the Recurring causes page can test ("Look at"): its label, as the URL carries it, and the two columns.
PAIRS: dict[str, tuple[str, str]] = {
    "SKU × reason": ("sku", "reason"),
    "SKU × request type": ("sku", "request_type"),
    "Person in charge × reason": ("handled_by", "reason"),
    "Channel × reason": ("channel", "reason"),
}
# The interface language a link carries (`?lang=id`): a choice of every page, not a filter (it never narrows the
# cases, so it stays out of FilterSpec and of every cache key). English is the default and stays out of the URL.
LANGUAGE = "lang"
LANGUAGES: tuple[str, ...] = ("en", "id", "vi")


@dataclass(frozen=True)
class FilterSpec:
    """Which cases a view shows. Empty selections mean "all"."""

    period: str = DEFAULT_PERIOD
    request_type: tuple[str, ...] = field(default_factory=tuple)
    reason: tuple[str, ...] = field(default_factory=tuple)
    sku: tuple[str, ...] = field(default_factory=tuple)
    status: tuple[str, ...] = field(default_factory=tuple)
    handled_by: tuple[str, ...] = field(default_factory=tuple)
    channel: tuple[str, ...] = field(default_factory=tuple)
    start: str = ""  # first request day (ISO date), "" for none; with `end`, replaces the period
    end: str = ""  # last request day (ISO date), "" for the latest in the data

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            object.__setattr__(self, "period", DEFAULT_PERIOD)
        for name in DIMENSIONS:
            object.__setattr__(self, name, tuple(dict.fromkeys(getattr(self, name))))
        for name in ("start", "end"):
            object.__setattr__(self, name, _iso_day(getattr(self, name)))
        if self.start and self.end and self.end < self.start:
            object.__setattr__(self, "end", self.start)

    @property
    def dated(self) -> bool:
        """Whether explicit dates (`start`/`end`) replace the period."""
        return bool(self.start or self.end)

    def narrowed(self, **picks: str | Iterable[str]) -> FilterSpec:
        """This spec with some dimensions or dates replaced (a drill-down into one bar, cell or card).

        >>> FilterSpec(reason=("Other",), sku=("A",)).narrowed(reason="Defective", start="2026-11-02").to_query()
        {'reason': ['Defective'], 'sku': ['A'], 'start': ['2026-11-02']}
        """
        values = {name: getattr(self, name) for name in ("period", *DIMENSIONS, "start", "end")}
        for name, value in picks.items():
            if name not in values:
                raise ValueError(f"not a filter: {name}")
            values[name] = value if name in ("period", "start", "end") else ((value,) if isinstance(value, str) else tuple(value))
        return FilterSpec(**values)

    @classmethod
    def from_query(cls, params: Mapping[str, str | Iterable[str]]) -> FilterSpec:
        """Build a spec from query parameters; unknown keys and bad periods are ignored.

        >>> spec = FilterSpec.from_query({"reason": ["Defective"], "period": "Last 4 weeks"})
        >>> spec.reason, spec.period
        (('Defective',), 'Last 4 weeks')
        """

        def many(key: str) -> tuple[str, ...]:
            value = params.get(key, ())
            values = [value] if isinstance(value, str) else list(value)
            return tuple(v for v in values if v)

        raw_period = params.get("period", DEFAULT_PERIOD)
        period = raw_period if isinstance(raw_period, str) else next(iter(raw_period), DEFAULT_PERIOD)

        def one(key: str) -> str:
            value = params.get(key, "")
            return value if isinstance(value, str) else next(iter(value), "")

        return cls(period=period, **{name: many(name) for name in DIMENSIONS}, start=one("start"), end=one("end"))

    def to_query(self) -> dict[str, list[str]]:
        """Query parameters for this spec, defaults left out.

        >>> FilterSpec(reason=("Defective",)).to_query()
        {'reason': ['Defective']}
        """
        query: dict[str, list[str]] = {}
        if self.period != DEFAULT_PERIOD:
            query["period"] = [self.period]
        for name in DIMENSIONS:
            if getattr(self, name):
                query[name] = list(getattr(self, name))
        for name in ("start", "end"):
            if getattr(self, name):
                query[name] = [getattr(self, name)]
        return query

    def window(self, cases: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The [start, end] request dates of the period, or None for all time or no data.

        The end is the latest request date; a period of n weeks starts n*7-1 days earlier. Explicit dates
        replace the period: `start` (else the earliest request) to `end` (else the latest).

        >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-01-01", "2026-03-01"])})
        >>> [f"{d:%d %b}" for d in FilterSpec(start="2026-02-02").window(cases)]
        ['02 Feb', '01 Mar']
        """
        if self.dated:
            if cases.empty or cases["request_date"].isna().all():
                return None
            start = pd.Timestamp(self.start) if self.start else cases["request_date"].min().normalize()
            end = pd.Timestamp(self.end) if self.end else cases["request_date"].max().normalize()
            return start, end
        weeks = PERIODS[self.period]
        if weeks is None or cases.empty or cases["request_date"].isna().all():
            return None
        end = cases["request_date"].max().normalize()
        return end - pd.Timedelta(days=7 * weeks - 1), end

    def apply(self, cases: pd.DataFrame) -> pd.DataFrame:
        """The cases this spec selects. The caller's frame is not changed.

        >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-01-01", "2026-03-01"]),
        ...     "request_type": ["Exchange", "Refund Only"], "reason": ["Defective", "Other"],
        ...     "sku": ["A", "B"]})
        >>> len(FilterSpec(period="Last 4 weeks").apply(cases)), len(FilterSpec(period="All time", sku=("A",)).apply(cases))
        (1, 1)
        """
        return cases.loc[self.rows(cases)]

    def rows(self, cases: pd.DataFrame) -> np.ndarray:
        """Which rows of `cases` this spec selects, as a boolean array (what `apply` keeps).

        >>> FilterSpec(period="All time", sku=("B",)).rows(pd.DataFrame({"request_date": pd.to_datetime(["2026-01-01"] * 2),
        ...     "sku": ["A", "B"]})).tolist()
        [False, True]
        """
        return self._mask(cases, self.window(cases))

    def rows_within(self, cases: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> np.ndarray:
        """`rows` with the period's request days given (`window`, of another frame: the lines left out as no product
        follow the period of the products), not read from `cases`.

        >>> FilterSpec(period="Last 4 weeks").rows_within(pd.DataFrame({"request_date": pd.to_datetime(["2026-01-01"])}),
        ...     (pd.Timestamp("2025-12-01"), pd.Timestamp("2025-12-31"))).tolist()
        [False]
        """
        return self._mask(cases, window)

    def _mask(self, cases: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> np.ndarray:
        """Which rows fall in the request days `window` (None: every day) and the picked values: one pass over the
        columns needed, no row copied (a day is compared as [start, end + 1 day) of its timestamps)."""
        mask = np.ones(len(cases), dtype=bool)
        if window is not None:
            dates = cases["request_date"]
            mask &= (dates >= window[0]).to_numpy() & (dates < window[1] + pd.Timedelta(days=1)).to_numpy()
        for name in DIMENSIONS:
            chosen = getattr(self, name)
            if chosen:
                mask &= cases[name].isin(chosen).to_numpy()
        return mask

    def previous(self, cases: pd.DataFrame) -> pd.DataFrame:
        """The same filters over the period just before this one (empty for all time).

        >>> cases = pd.DataFrame({"request_date": pd.to_datetime(
        ...     ["2026-01-01 00:00", "2026-02-25 00:00", "2026-02-26 23:00", "2026-03-01 00:00"]),
        ...     "reason": ["Other", "Other", "Defective", "Other"]})
        >>> FilterSpec(start="2026-02-27", end="2026-03-01").previous(cases)["request_date"].dt.day.tolist()
        [25, 26]
        """
        window = self.window(cases)
        if window is None:
            return cases.iloc[0:0]
        start, end = window
        length = end - start + pd.Timedelta(days=1)
        return cases.loc[self._mask(cases, (start - length, start - pd.Timedelta(days=1)))]

    def describe(self) -> str:
        """A short label of the view for headings and file names."""
        if self.dated:
            first = f"{pd.Timestamp(self.start):%-d %b %Y}" if self.start else "first request"
            last = f"{pd.Timestamp(self.end):%-d %b %Y}" if self.end else "latest request"
            parts = [f"{first} – {last}"]
        else:
            parts = [self.period]
        for name in DIMENSIONS:
            chosen = getattr(self, name)
            if chosen:
                parts.append(", ".join(chosen))
        return " · ".join(parts)


def narrow_for_test(cases: pd.DataFrame, spec: FilterSpec, tested: Sequence[str]) -> tuple[pd.DataFrame, dict[str, tuple[str, ...]]]:
    """Split a view's filters for a test across groups (recurring causes, spikes).

    A filter on a dimension that is not tested narrows the cases tested; a filter on a tested dimension
    only picks which result rows are shown (narrowing it first would leave nothing to compare against).
    The period is not applied: such tests need the history. Returns the cases and the row picks.

    >>> cases = pd.DataFrame({"sku": ["A", "B"], "reason": ["Defective", "Other"], "request_type": ["Exchange"] * 2})
    >>> tested, picks = narrow_for_test(cases, FilterSpec(sku=("A",), reason=("Defective",)), ("sku", "request_type"))
    >>> len(tested), picks
    (1, {'sku': ('A',)})
    """
    picks = {name: getattr(spec, name) for name in DIMENSIONS if getattr(spec, name)}
    for name, values in picks.items():
        if name not in tested:
            cases = cases.loc[cases[name].isin(values)]
    return cases, picks_of_test(spec, tested)


def picks_of_test(spec: FilterSpec, tested: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The row picks of `narrow_for_test` alone: the view's filters on the tested dimensions.

    >>> picks_of_test(FilterSpec(sku=("A",), reason=("Defective",)), ("sku", "request_type"))
    {'sku': ('A',)}
    """
    return {name: getattr(spec, name) for name in DIMENSIONS if getattr(spec, name) and name in tested}


def narrowing_part(spec: FilterSpec, tested: Sequence[str]) -> FilterSpec:
    """The part of `spec` that changes the cases a test over the `tested` dimensions sees (see `narrow_for_test`):
    the filters on other dimensions. Two views with the same part share the test's result, before `pick_rows`.

    >>> narrowing_part(FilterSpec(period="Last 4 weeks", sku=("A",), request_type=("Exchange",)), ("sku", "reason")).to_query()
    {'period': ['All time'], 'request_type': ['Exchange']}
    """
    return FilterSpec(period="All time", **{name: getattr(spec, name) for name in DIMENSIONS if name not in tested})


def pick_rows(table: pd.DataFrame, picks: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """The rows of a result table whose columns hold the picked values (see `narrow_for_test`).

    >>> pick_rows(pd.DataFrame({"sku": ["A", "B"], "count": [3, 4]}), {"sku": ("B",)})["count"].tolist()
    [4]
    """
    for name, values in picks.items():
        column = table[name]
        if isinstance(column.dtype, pd.CategoricalDtype):  # each category read once, not each row (a missing one never matches)
            picked = np.append(column.cat.categories.astype(str).isin(list(values)), False)[column.cat.codes.to_numpy()]
        else:
            picked = column.astype(str).isin(list(values)).to_numpy()
        table = table.loc[picked]
    return table


# ---- Links: reading a query string that a person may have typed or mistyped -------------------------------------


@dataclass(frozen=True)
class Choice:
    """A page's own choice kept in the URL (a toggle, a "Look at", a SKU picked on the page).

    `options` are the values it accepts (None: any whole number of at least `minimum`, or any text when `text`);
    `default` stays out of the URL.
    """

    key: str
    label: str
    options: tuple[str, ...] | None
    default: str
    minimum: int = 1
    text: bool = False


def toggle(key: str, label: str) -> Choice:
    """A yes/no choice as the URL writes it (`true`, `false`; off by default)."""
    return Choice(key, label, ("true", "false"), "false")


def language_choice() -> Choice:
    """The language as a link choice: `?lang=ID` is read as `id`, `?lang=fr` is named in the notice.

    >>> read_link({"lang": "ID"}, {}, (language_choice(),)).query
    {'lang': ['id']}
    >>> read_link({"lang": "fr"}, {}, (language_choice(),)).ignored
    ('language “fr”',)
    """
    return Choice(LANGUAGE, N_("language"), LANGUAGES, LANGUAGES[0])


def fold_word(text: str) -> str:
    """A value folded for matching a typed link: case, spaces, `_` and `-` ignored, `×` typed as `x`.

    >>> fold_word("  last_4-WEEKS "), fold_word("Return + Refund")
    ('last4weeks', 'return+refund')
    """
    return "".join(text.split()).replace("_", "").replace("-", "").replace("×", "x").casefold()


def nearest(value: str, options: Sequence[str]) -> str | None:
    """The option `value` names: itself, else the one option equal to it ignoring case, spaces and `_`/`-`.

    >>> nearest("defective", ["Defective", "Other"]), nearest("return+refund", ["Return + Refund"]), nearest("Last 5 weeks", list(PERIODS))
    ('Defective', 'Return + Refund', None)
    """
    if value in options:
        return value
    folded = fold_word(value)
    found = [option for option in options if fold_word(option) == folded]
    return found[0] if len(found) == 1 else None


NOTICE = "This link asked for something that does not exist, so it was left out: {what}. Showing the nearest view."


@dataclass(frozen=True)
class LinkRead:
    """What a query string asks for, made valid: the filters, the page choices, the query the link should have and
    what was ignored (short phrases naming each parameter and value, for the notice)."""

    spec: FilterSpec
    choices: dict[str, str]
    query: dict[str, list[str]]
    ignored: tuple[str, ...]
    corrected: tuple[str, ...]

    def notice(self, sentence: str | None = None) -> str | None:
        """One short sentence for the page, or None when the link was read as written; `sentence` is `NOTICE` in
        the interface's language.

        >>> LinkRead(FilterSpec(), {}, {}, ("period “Last 5 weeks”",), ()).notice()
        'This link asked for something that does not exist, so it was left out: period “Last 5 weeks”. Showing the nearest view.'
        """
        if not self.ignored:
            return None  # a value matched ignoring case (`defective`) is read as meant, without a word
        return (sentence or NOTICE).format(what="; ".join(format(part) for part in self.ignored))  # in the run's language


def _values(raw: str | Iterable[str]) -> list[str]:
    return [raw] if isinstance(raw, str) else list(raw)


# How a link's filter parameters are named in a notice.
_NAMES = {
    "period": N_("period"),
    "request_type": N_("request type"),
    "reason": N_("reason"),
    "status": N_("status"),
    "handled_by": N_("handled by"),
    "channel": N_("channel"),
}


def _named(key: str) -> Phrase:
    return Phrase(_NAMES.get(key, key.replace("_", " ")))


def read_link(
    params: Mapping[str, str | Iterable[str]], dimensions: Mapping[str, Sequence[str]], choices: Sequence[Choice] = ()
) -> LinkRead:
    """Read query parameters as a view: each value matched to its vocabulary (ignoring case, spaces, `_` and `-`),
    anything else left out and named. `dimensions` maps each of `DIMENSIONS` to the values that exist; `start`/`end`
    take a date.

    >>> read = read_link({"reason": ["defective", "Nope"], "period": "last 4 weeks", "colour": "red"},
    ...                  {"reason": ["Defective", "Other"], "request_type": [], "sku": []})
    >>> read.spec.reason, read.spec.period, read.ignored
    (('Defective',), 'Last 4 weeks', ('reason “Nope”', 'unknown parameter “colour”'))
    >>> read.query
    {'period': ['Last 4 weeks'], 'reason': ['Defective']}
    """
    ignored: list[str] = []
    corrected: list[str] = []
    known = {c.key: c for c in choices}

    def pick(key: str, options: Sequence[str], raw: str | Iterable[str]) -> list[str]:
        kept = []
        for value in _values(raw):
            if not value.strip():
                continue
            found = nearest(value.strip(), options)
            if found is None:
                ignored.append(Phrase("{what} “{value}”", what=_named(key), value=value))
            else:
                if found != value:
                    corrected.append(Phrase("{what} “{value}” as “{found}”", what=_named(key), value=value, found=found))
                kept.append(found)
        return list(dict.fromkeys(kept))

    period = DEFAULT_PERIOD
    picked: dict[str, tuple[str, ...]] = {}
    days: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for key, raw in params.items():
        if key == "period":
            periods = pick(key, list(PERIODS), raw)
            period = periods[0] if periods else DEFAULT_PERIOD
            if len(periods) > 1:
                ignored.append(Phrase("period “{value}” (one period at a time)", value=periods[1]))
        elif key in DIMENSIONS:
            picked[key] = tuple(pick(key, dimensions.get(key, ()), raw))
        elif key in ("start", "end"):
            value = next((v.strip() for v in _values(raw) if v.strip()), "")
            if value and not _iso_day(value):
                if key == "start":
                    ignored.append(Phrase("from date “{value}” (a date such as 2026-11-02)", value=value))
                else:
                    ignored.append(Phrase("to date “{value}” (a date such as 2026-11-02)", value=value))
            elif value:
                days[key] = _iso_day(value)
        elif key in known:
            choice = known[key]
            value = _values(raw)[0].strip() if _values(raw) else ""
            label = choice.label
            if choice.text:
                if value:
                    chosen[key] = value[:200]
            elif choice.options is None:
                if value.isdigit() and int(value) >= choice.minimum:
                    chosen[key] = str(int(value))
                elif value:
                    ignored.append(
                        Phrase("{what} “{value}” (a whole number from {minimum})", what=Word(label), value=value, minimum=choice.minimum)
                    )
            else:
                found = nearest(value, choice.options) if value else None
                if found is not None:
                    if found != value:
                        corrected.append(Phrase("{what} “{value}” as “{found}”", what=Word(label), value=value, found=found))
                    chosen[key] = found
                elif value:
                    ignored.append(Phrase("{what} “{value}”", what=Word(label), value=value))
        else:
            ignored.append(Phrase("unknown parameter “{key}”", key=key))
    spec = FilterSpec(period=period, start=days.get("start", ""), end=days.get("end", ""), **picked)
    query = spec.to_query()
    for key, value in chosen.items():
        if value != known[key].default:
            query[key] = [value]
    return LinkRead(spec, chosen, query, tuple(ignored), tuple(corrected))


def link_query(spec: FilterSpec, choices: Mapping[str, object], defaults: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """The query string of a view: its filters and page choices, defaults left out (booleans written `true`).

    >>> link_query(FilterSpec(reason=("Defective",)), {"trends_split": True, "causes_pair": None})
    {'reason': ['Defective'], 'trends_split': ['true']}
    """
    query = spec.to_query()
    for key, value in choices.items():
        if value is None or value is False or value == "":
            continue
        text = "true" if value is True else str(value)
        if defaults and defaults.get(key) == text:
            continue
        query[key] = [text]
    return query


def _iso_day(value: str | date | np.datetime64 | None) -> str:
    """A day as `YYYY-MM-DD`, "" for none or anything that is not a date (a mistyped link opens undated)."""
    if value is None or value == "":
        return ""
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError):
        return ""
    return "" if pd.isna(day) else f"{day:%Y-%m-%d}"
