"""Deadlines and response time: the marketplace approves a request nobody answered in time.

How long "in time" is comes from the shop's `Clock`: so many days (2 by default), counted as working
days (Monday to Friday) or as calendar days when the marketplace counts weekends, with the shop's
holidays never counting. A day counts whole: 24 hours of a day that counts are one day, 12 hours half
of one. Every function here takes the clock as `clock=` (the default clock when left out).

All timestamps are naive wall-clock times in the shop's time zone (the canonical schema stores them so;
`working_days` converts zone-aware ones with `tz`).

Courier returns (parcels that never reached the buyer) have no buyer waiting and no auto-approval
clock: every function here leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.common import Mask, buyer_mask, buyer_requests, equals, week_start
from analysis.coverage import Coverage, carries, coverage, source_coverage
from analysis.knowledge import knows, sources_knowing
from analysis.sources import SourceEnd, current_rows, current_sources, source_ends, source_of
from data.clock import DEFAULT_CLOCK, Clock

_DAY_NS = 86_400 * 10**9


def _local(values: pd.Series | pd.Timestamp, tz: str | None) -> np.ndarray:
    """Naive wall-clock times in the shop's zone: aware timestamps are converted to `tz` first."""
    if isinstance(values, pd.Series) and values.dtype.kind == "M" and getattr(values.dtype, "tz", None) is None:
        return values.to_numpy(dtype="datetime64[ns]")  # already naive times: no parsing pass
    parsed = pd.to_datetime(values)
    if isinstance(parsed, pd.Series) and getattr(parsed.dt, "tz", None) is not None:
        parsed = (parsed.dt.tz_convert(tz) if tz else parsed).dt.tz_localize(None)
    elif isinstance(parsed, pd.Timestamp) and parsed.tzinfo is not None:
        parsed = (parsed.tz_convert(tz) if tz else parsed).tz_localize(None)
    return np.asarray(parsed.to_numpy() if hasattr(parsed, "to_numpy") else parsed, dtype="datetime64[ns]")


def working_days(start: pd.Series, end: pd.Series, *, clock: Clock = DEFAULT_CLOCK, tz: str | None = None) -> pd.Series:
    """Days of the `clock` from `start` to `end`, as a float: working days, or calendar days when weekends count.

    Method: numpy's `busday_count` (on the clock's calendar) gives the whole days that count from the
    start date up to (not including) the end date; then the part of the start day already gone is
    taken off and the part of the end day reached is added, each only when that day counts. Negative
    when `end` is before `start`; NaN where either is missing. Vectorised: no per-row Python.
    Timestamps that carry a time zone are first converted to `tz`, the shop's zone (naive ones already are local).

    Friday noon to Monday noon is one working day (half of Friday, half of Monday), three calendar days:

    >>> start = pd.Series(pd.to_datetime(["2026-11-20 12:00", "2026-11-21 10:00"]))
    >>> end = pd.Series(pd.to_datetime(["2026-11-23 12:00", "2026-11-23 06:00"]))
    >>> working_days(start, end).tolist()
    [1.0, 0.25]
    >>> working_days(start, end, clock=Clock(holidays=["2026-11-23"])).tolist()
    [0.5, 0.0]
    >>> working_days(start, end, clock=Clock(weekends_count=True)).tolist()
    [3.0, 1.8333333333333333]
    """
    s, e = _local(start, tz), _local(end, tz)
    if np.ndim(s) == 0:
        s = np.full(len(e), s)
    if np.ndim(e) == 0:
        e = np.full(len(s), e)
    index = start.index if isinstance(start, pd.Series) else (end.index if isinstance(end, pd.Series) else None)
    out = np.full(len(s), np.nan)
    valid = ~(np.isnat(s) | np.isnat(e))
    if valid.any():
        cal = clock.calendar
        # days and the part of a day gone, by integer division of the nanoseconds (a unit cast of datetimes is slower)
        s_ns, e_ns = s[valid].view("int64"), e[valid].view("int64")
        s_days, e_days = s_ns // _DAY_NS, e_ns // _DAY_NS
        s_day, e_day = s_days.view("datetime64[D]"), e_days.view("datetime64[D]")
        whole = np.busday_count(s_day, e_day, busdaycal=cal).astype(float)
        whole -= (s_ns - s_days * _DAY_NS) / _DAY_NS * np.is_busday(s_day, busdaycal=cal)
        whole += (e_ns - e_days * _DAY_NS) / _DAY_NS * np.is_busday(e_day, busdaycal=cal)
        out[valid] = whole
    return pd.Series(out, index=index, dtype="float64")


def latest_moment(cases: pd.DataFrame) -> pd.Timestamp:
    """The moment the data describes: the latest request, response or resolution anywhere in it (now if none).

    The deadline clock reads this moment, not the wall clock, so a sheet exported last week is judged
    as it stood when it was exported.

    >>> latest_moment(pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20"]),
    ...                             "response_date": pd.to_datetime(["2026-11-21 10:00"])}))
    Timestamp('2026-11-21 10:00:00')
    """
    latest = [cases[c].max() for c in ("request_date", "response_date", "resolved_date") if c in cases.columns]
    latest = [t for t in latest if pd.notna(t)]
    return max(latest) if latest else pd.Timestamp("now").floor("min")


def _as_of(cases: pd.DataFrame, as_of: pd.Timestamp | str | None) -> pd.Timestamp:
    """`as_of` when given, else `latest_moment(cases)`."""
    return latest_moment(cases) if as_of is None else pd.Timestamp(as_of)


def is_open(cases: pd.DataFrame, *, clock: Clock = DEFAULT_CLOCK, as_of: pd.Timestamp | str | None = None) -> np.ndarray:
    """Per case, whether it is still waiting for the seller at `as_of` (the one rule every page, alert and download uses).

    Open means no first response yet and either a status that says so (`requested`: not yet answered),
    or no status at all but recent enough that the `clock` is still running at `as_of` (a case with no
    status whose deadline has passed has most likely been dealt with: it is not open, and never "past the
    deadline"). Any other status (refunded, rejected, closed, ...) is finished. Cases with no request date
    are never open, nor are cases whose source has neither a status nor a first-response date (a plain returns
    log): whether anyone answered them is unknown (`analysis.knowledge`, need "response"), never "open".
    `as_of` defaults to the latest moment in `cases`.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-02", "2026-11-23", "2026-11-02", "2026-11-23"]),
    ...     "response_date": pd.NaT, "status": ["requested", None, None, "refunded"]})
    >>> is_open(cases, as_of="2026-11-24 12:00").tolist()
    [True, True, False, False]
    """
    no_response = cases["response_date"].isna().to_numpy() & cases["request_date"].notna().to_numpy()
    status = cases["status"] if "status" in cases.columns else pd.Series(pd.NA, index=cases.index, dtype="string")
    by_status = equals(status, "requested") & no_response
    unsaid = status.isna().to_numpy() & no_response & knows(cases, "response")
    if unsaid.any():
        request = cases["request_date"][unsaid]
        waited = working_days(request, pd.Series(_as_of(cases, as_of), index=request.index), clock=clock).to_numpy()
        unsaid = unsaid.copy()
        unsaid[np.flatnonzero(unsaid)[~(waited <= clock.days)]] = False
    return np.asarray(by_status | unsaid, dtype=bool)


def open_coverage(cases: pd.DataFrame) -> Coverage:
    """How many buyer requests of `cases` come from a source that can say whether a request is still waiting (a status
    or a first-response date, see `is_open`): the open and due-soon counts are of those sources only.

    >>> open_coverage(pd.DataFrame({"source_file": ["log.csv", "shopee.xlsx"], "status": [None, "requested"]})).sources
    (1, 2)
    """
    return source_coverage(buyer_requests(cases), "response")


def overdue_coverage(cases: pd.DataFrame) -> Coverage:
    """How many buyer requests of `cases` could be past their deadline and still open: a status says so, and only in a
    source whose statuses word a request still waiting (`requested`); a source that never does cannot show one (its
    count is unknown, never 0), and a case with no status is never overdue (`is_open`).

    >>> overdue_coverage(pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"],
    ...     "status": ["requested", None, "refunded"]})).sources
    (1, 2)
    """
    requests = buyer_requests(cases)
    statuses = coverage(requests, "status")
    return statuses if statuses.none else source_coverage(requests, "waiting", carries(requests, "status"))


def answered_in_time(cases: pd.DataFrame, *, clock: Clock = DEFAULT_CLOCK, as_of: pd.Timestamp | str | None = None) -> pd.Series:
    """Per case: True if answered within the `clock`'s days, False if not, <NA> if it does not count yet.

    The rule (shared by every on-time share on screen):
      - answered: the first response came within `clock.days` days of the request -> True, else False;
      - auto-approved by the marketplace -> False, whatever the sheet says about a response;
      - open by its status (`requested`, no response, see `is_open`) -> False once more than `clock.days`
        days have passed at `as_of`, otherwise <NA>: it is left out, it can still be answered in time;
      - anything else with no response date (finished, or no status) -> <NA>: when it was answered is not
        in the files, so it is unknown, never late (`response_coverage` counts these);
      - any case whose source gives no first-response date at all (`analysis.knowledge`) -> <NA>.
    `as_of` defaults to the latest date anywhere in `cases`. Courier returns are left out (not in
    the result). The caller's frame is not changed.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20 09:00"] * 3 + ["2026-11-23 09:00"]),
    ...     "response_date": pd.to_datetime(["2026-11-24 08:00", "2026-11-24 10:00", None, None]),
    ...     "status": ["refunded", "refunded", "auto-approved", "requested"]})
    >>> answered_in_time(cases, as_of="2026-11-24 12:00").tolist()
    [True, False, False, <NA>]
    >>> answered_in_time(cases, clock=Clock(weekends_count=True), as_of="2026-11-24 12:00").tolist()
    [False, False, False, <NA>]
    """
    cases = buyer_requests(cases)
    in_time, counts, _, _ = _clock(cases, clock, as_of)
    result = pd.array(in_time, dtype="boolean")
    result[~counts] = pd.NA
    return pd.Series(result, index=cases.index, name="answered_in_time")


def _clock(cases: pd.DataFrame, clock: Clock, as_of: pd.Timestamp | str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The per-case rule of `answered_in_time` as arrays: in time, counts (known), days taken, still running."""
    request = cases["request_date"]
    took = working_days(request, cases["response_date"], clock=clock).to_numpy()
    auto = equals(cases["status"], "auto-approved")
    answered = ~np.isnan(took)
    in_time = np.where(answered, took <= clock.days, False) & ~auto
    dated = request.notna().to_numpy()
    waiting = is_open(cases, clock=clock, as_of=as_of) & ~auto
    overdue = np.zeros(len(cases), dtype=bool)
    if waiting.any():  # only open cases need the clock up to as_of
        pending = request[waiting]
        waited = working_days(pending, pd.Series(_as_of(cases, as_of), index=pending.index), clock=clock).to_numpy()
        overdue[np.flatnonzero(waiting)[waited > clock.days]] = True
    # A source with no first-response date at all can only show late cases (auto-approved, left open): its cases are
    # unknown, not counted, or the share would read every such file as late.
    counts = dated & (answered | auto | overdue) & knows(cases, "response time")
    running = waiting & ~overdue
    return in_time, counts, took, running


@dataclass(frozen=True)
class ClockReading:
    """The response clock read over some cases (`read_clock`): their buyer requests and, per request, the rule of
    `answered_in_time` as arrays: in time, counts (known), days taken, still running."""

    requests: pd.DataFrame
    in_time: np.ndarray
    counts: np.ndarray
    took: np.ndarray
    running: np.ndarray


def read_clock(cases: pd.DataFrame, *, clock: Clock = DEFAULT_CLOCK, as_of: pd.Timestamp | str | None = None) -> ClockReading:
    """The clock read once over `cases`, for a caller that wants several of its figures: `response_coverage`,
    `share_answered_within` and `on_time_by` take it as `reading` (of the same cases, clock and `as_of`) instead of
    reading the clock again.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20 09:00"] * 2),
    ...     "response_date": pd.to_datetime(["2026-11-24 08:00", None]), "status": ["refunded", "auto-approved"]})
    >>> reading = read_clock(cases, as_of="2026-11-24 12:00")
    >>> response_coverage(cases, reading=reading) == response_coverage(cases, as_of="2026-11-24 12:00")
    True
    """
    requests = buyer_requests(cases)
    return ClockReading(requests, *_clock(requests, clock, as_of))


def response_coverage(
    cases: pd.DataFrame,
    *,
    clock: Clock = DEFAULT_CLOCK,
    as_of: pd.Timestamp | str | None = None,
    reading: ClockReading | None = None,
) -> Coverage:
    """How many buyer requests the on-time share can judge, of those it should: requests still running under the
    clock are left out of both (they can still be answered in time).

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20 09:00"] * 3 + ["2026-11-23 09:00"]),
    ...     "response_date": pd.to_datetime(["2026-11-24 08:00", None, None, None]),
    ...     "status": ["refunded", "refunded", "auto-approved", "requested"]})
    >>> response_coverage(cases, as_of="2026-11-24 12:00")
    Coverage(need='response time', known=2, total=3)

    Requests all still running with no first-response date anywhere: not in the files, rather than nothing to judge.

    >>> response_coverage(cases.iloc[3:], as_of="2026-11-24 12:00")
    Coverage(need='response time', known=0, total=1)
    """
    reading = read_clock(cases, clock=clock, as_of=as_of) if reading is None else reading
    frame, counts, running = reading.requests, reading.counts, reading.running
    dated = frame["request_date"].notna().to_numpy()
    knowing = knows(frame, "response time")
    if dated.any() and not (knowing & dated).any():
        # No source in view gives a first-response date: the response time is not in the files (not "nothing to
        # judge yet", which a page would show as a bare dash), whatever the statuses say.
        return coverage(frame.loc[dated], "response time", np.zeros(int(dated.sum()), dtype=bool))
    judged = dated & ~running  # counted here, not copied: only the sources are read of the cases, all the dated ones
    in_view = frame if dated.all() else frame.loc[dated]
    return Coverage("response time", int(counts[judged].sum()), int(judged.sum()), sources=sources_knowing(in_view, "response time"))


def share_answered_within(
    cases: pd.DataFrame,
    *,
    clock: Clock = DEFAULT_CLOCK,
    as_of: pd.Timestamp | str | None = None,
    reading: ClockReading | None = None,
) -> float:
    """Share of cases whose first response came within the `clock`'s days of the request.

    Numerator: cases answered in time. Denominator: every buyer request except those still open and
    not yet overdue at `as_of` (they can still be answered in time). Cases never answered and cases
    auto-approved count as not answered in time. See `answered_in_time` for the per-case rule;
    NaN when no case qualifies. Courier returns are left out.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20 09:00"] * 3 + ["2026-11-23 09:00"]),
    ...     "response_date": pd.to_datetime(["2026-11-24 08:00", "2026-11-24 10:00", None, None]),
    ...     "status": ["refunded", "refunded", "auto-approved", "requested"]})
    >>> round(share_answered_within(cases, as_of="2026-11-24 12:00"), 3)
    0.333
    >>> round(share_answered_within(cases, clock=Clock(3), as_of="2026-11-24 12:00"), 3)
    0.667
    """
    reading = read_clock(cases, clock=clock, as_of=as_of) if reading is None else reading
    in_time, counts = reading.in_time, reading.counts
    return float(in_time[counts].mean()) if counts.any() else float("nan")


def response_time(cases: pd.DataFrame, *, clock: Clock = DEFAULT_CLOCK) -> pd.Series:
    """Days of the `clock` from request to first response, per case; NaN where there is no response yet.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-20 18:00", "2026-11-23 09:00"]),
    ...     "response_date": pd.to_datetime(["2026-11-23 06:00", None])})
    >>> response_time(cases).tolist()
    [0.5, nan]
    """
    cases = buyer_requests(cases)
    return working_days(cases["request_date"], cases["response_date"], clock=clock).rename("response_days")


def on_time_by(
    cases: pd.DataFrame,
    by: str = "week",
    *,
    clock: Clock = DEFAULT_CLOCK,
    as_of: pd.Timestamp | str | None = None,
    start: str = "MON",
    reading: ClockReading | None = None,
) -> pd.DataFrame:
    """Share answered within the `clock`'s days per request week (`by="week"`) or per value of a column.

    Columns: `by`, `counted` (cases that count, see `answered_in_time`), `in_time`, `share`, and
    `median_days` (median days of the clock to the first response among answered cases).

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-16 09:00", "2026-11-16 09:00", "2026-11-23 09:00"]),
    ...     "response_date": pd.to_datetime(["2026-11-16 21:00", "2026-11-20 09:00", "2026-11-23 15:00"]),
    ...     "status": "refunded", "handled_by": ["Ayu", "Budi", "Ayu"]})
    >>> on_time_by(cases, "handled_by")[["handled_by", "counted", "in_time", "share"]].values.tolist()
    [['Ayu', 2, 2, 1.0], ['Budi', 1, 0, 0.0]]
    """
    reading = read_clock(cases, clock=clock, as_of=as_of) if reading is None else reading
    frame, in_time, counts, took = reading.requests, reading.in_time, reading.counts, reading.took
    key = week_start(frame["request_date"], start).to_numpy() if by == "week" else pd.Series(frame[by].array)
    table = pd.DataFrame({"key": key, "counted": counts.astype(np.int64), "in_time": (in_time & counts).astype(np.int64), "took": took})
    groups = table.groupby("key", observed=True, sort=True)
    grouped = groups[["counted", "in_time"]].sum()  # each on its own: `agg` with named parts took five times as long
    grouped["median_days"] = groups["took"].median()
    grouped["share"] = grouped["in_time"] / grouped["counted"].where(grouped["counted"] > 0)
    out = grouped.reset_index().rename(columns={"key": by})
    return out[[by, "counted", "in_time", "share", "median_days"]]


def due_at(request: pd.Series, *, clock: Clock = DEFAULT_CLOCK) -> pd.Series:
    """The moment the `clock`'s days after each request have passed: when the marketplace approves it by itself.

    A request made on a day that does not count (a weekend, unless weekends count, or a holiday)
    starts its clock at the midnight that begins the next day that counts.

    >>> requests = pd.Series(pd.to_datetime(["2026-11-20 18:00", "2026-11-21 10:00"]))  # Friday, Saturday
    >>> due_at(requests).dt.strftime("%a %d %H:%M").tolist()
    ['Tue 24 18:00', 'Wed 25 00:00']
    >>> due_at(requests, clock=Clock(weekends_count=True, holidays=["2026-11-22"])).dt.strftime("%a %d %H:%M").tolist()
    ['Mon 23 18:00', 'Tue 24 10:00']
    """
    cal = clock.calendar
    values = pd.to_datetime(request).to_numpy(dtype="datetime64[ns]")
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    valid = ~np.isnat(values)
    if valid.any():
        v = values[valid]
        day = v.astype("datetime64[D]")
        counts = np.is_busday(day, busdaycal=cal)
        first = np.busday_offset(day, 0, roll="forward", busdaycal=cal)
        # In whole nanoseconds from the first day's midnight, so 10:00 plus whole days lands on 10:00 exactly.
        elapsed = np.where(counts, (v - day.astype("datetime64[ns]")).astype("int64"), 0) + round(clock.days * _DAY_NS)
        whole, rest = np.divmod(elapsed, _DAY_NS)
        end_day = np.busday_offset(first, whole, roll="forward", busdaycal=cal)
        out[valid] = end_day.astype("datetime64[ns]") + rest.astype("timedelta64[ns]")
    index = request.index if isinstance(request, pd.Series) else None
    return pd.Series(out, index=index, name="due")


def open_cases(cases: pd.DataFrame, *, clock: Clock = DEFAULT_CLOCK, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Cases still waiting for the seller (`is_open`), with `waited` and `time_left` in days of the `clock` and the `due` moment.

    Most urgent first; a negative `time_left` is overdue (the marketplace has approved it or is about
    to). `as_of` defaults to the latest date in the cases. Courier returns are left out.

    >>> cases = pd.DataFrame({"case_id": ["a", "b"], "request_date": pd.to_datetime(["2026-11-23 09:00", "2026-11-24 09:00"]),
    ...     "response_date": pd.NaT, "status": "requested"})
    >>> open_cases(cases, as_of="2026-11-24 21:00")[["case_id", "time_left"]].values.tolist()
    [['a', 0.5], ['b', 1.5]]
    >>> open_cases(cases, clock=Clock(3), as_of="2026-11-24 21:00")[["case_id", "time_left"]].values.tolist()
    [['a', 1.5], ['b', 2.5]]
    """
    as_of = latest_moment(buyer_requests(cases)) if as_of is None else pd.Timestamp(as_of)
    waiting: pd.DataFrame = cases.loc[buyer_mask(cases) & is_open(cases, clock=clock, as_of=as_of)]  # one copy: the open cases
    waited = working_days(waiting["request_date"], pd.Series(as_of, index=waiting.index), clock=clock)
    out = waiting.assign(waited=waited, time_left=clock.days - waited, due=due_at(waiting["request_date"], clock=clock))
    return out.sort_values("time_left", kind="stable")


def due_within(
    cases: pd.DataFrame,
    within: float = 1.0,
    *,
    clock: Clock = DEFAULT_CLOCK,
    as_of: pd.Timestamp | str | None = None,
) -> pd.DataFrame:
    """Open cases that will be auto-approved within `within` days of the `clock` unless someone answers (not yet overdue).

    >>> cases = pd.DataFrame({"case_id": ["a", "b"], "request_date": pd.to_datetime(["2026-11-23 09:00", "2026-11-24 09:00"]),
    ...     "response_date": pd.NaT, "status": "requested"})
    >>> due_within(cases, as_of="2026-11-24 21:00").case_id.tolist()
    ['a']
    """
    return due_among(open_cases(cases, clock=clock, as_of=as_of), within)


def due_among(waiting: pd.DataFrame, within: float = 1.0) -> pd.DataFrame:
    """The cases of an `open_cases` table due within `within` days (not yet overdue): `due_within` of its cases.

    >>> due_among(pd.DataFrame({"case_id": ["a", "b", "c"], "time_left": [-0.5, 0.5, 1.5]}))["case_id"].tolist()
    ['b']
    """
    return waiting[(waiting["time_left"] >= 0) & (waiting["time_left"] <= within)]


def awaiting_receipt(cases: pd.DataFrame, *, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Returns approved but not yet confirmed as received: status `approved` on a Return + Refund, oldest first.

    `days_waiting` counts calendar days since the approval (the first response, else the request). Only sources that
    run to the latest date are read: a report that stopped months ago says nothing of what is in transit now
    (`receipt_in_earlier_data` counts what is left out, for the page to say so).

    >>> cases = pd.DataFrame({"case_id": ["a", "b"], "request_type": ["Return + Refund", "Return + Refund"],
    ...     "status": ["approved", "item received"], "request_date": pd.to_datetime(["2026-11-10", "2026-11-10"]),
    ...     "response_date": pd.to_datetime(["2026-11-11", "2026-11-11"])})
    >>> awaiting_receipt(cases, as_of="2026-11-21")[["case_id", "days_waiting"]].values.tolist()
    [['a', 10.0]]
    """
    as_of = latest_moment(buyer_requests(current_sources(cases))) if as_of is None else pd.Timestamp(as_of)
    keep = buyer_mask(cases) & _approved_returns(cases)
    current = current_rows(cases)  # a source's end is read on all its lines, courier returns too
    waiting = cases.loc[keep if current is None else keep & current]  # one copy: the approved returns
    since = waiting["response_date"].fillna(waiting["request_date"])
    out = waiting.assign(days_waiting=(as_of - since).dt.total_seconds() / 86_400)
    return out.sort_values("days_waiting", ascending=False, kind="stable")


def _approved_returns(frame: pd.DataFrame) -> Mask:
    return equals(frame["status"], "approved") & equals(frame["request_type"], "Return + Refund")


def receipt_in_earlier_data(cases: pd.DataFrame) -> tuple[int, list[SourceEnd]]:
    """Approved returns that `awaiting_receipt` leaves out because their source ends earlier, and those sources.

    >>> cases = pd.DataFrame({"channel": ["Shopee", "Meesho"], "request_type": "Return + Refund", "status": "approved",
    ...     "request_date": pd.to_datetime(["2026-07-12", "2024-08-08"]), "response_date": pd.NaT})
    >>> count, ends = receipt_in_earlier_data(cases)
    >>> count, [(e.source, f"{e.last:%d %b %Y}") for e in ends]
    (1, [('Meesho', '08 Aug 2024')])
    >>> len(awaiting_receipt(cases))
    1
    """
    behind = [e for e in source_ends(cases) if e.behind]
    if not behind:
        return 0, []
    frame = buyer_requests(cases)
    earlier = source_of(frame).isin({e.source for e in behind}).to_numpy() & _approved_returns(frame)
    return int(earlier.sum()), [e for e in behind if e.source in set(source_of(frame)[earlier])]


def past_deadline(waiting: pd.DataFrame) -> pd.DataFrame:
    """The rows of `open_cases` already past their deadline: the marketplace approves these, if it has not already.

    >>> past_deadline(pd.DataFrame({"case_id": ["a", "b", "c"], "time_left": [-0.5, 0.0, 2.0]}))["case_id"].tolist()
    ['a']
    """
    return waiting[waiting["time_left"] < 0]
