"""The Overview figures: cases, refund total and share answered in time, against the period before.

The previous period has the same length and filters and ends the day before the current one starts;
it is left out (None) when the data does not reach back that far, so a change is never made up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.common import buyer_mask, courier_return_count
from analysis.coverage import Coverage
from analysis.filters import FilterSpec
from analysis.knowledge import with_knowledge
from analysis.money import CurrencyRule, Refunds, currency_rule, refund_figure
from analysis.sla import ClockReading, latest_moment, read_clock, response_coverage, share_answered_within
from analysis.sources import Span, comparable
from data.clock import DEFAULT_CLOCK, Clock


@dataclass(frozen=True)
class Figure:
    """One headline figure, now and in the previous period (None: nothing to compare with)."""

    now: float | None
    before: float | None = None
    # `now` over the sources that also cover the previous period: what `before` is compared with (None: `now`)
    same_sources: float | None = field(default=None, repr=False, compare=False)

    @property
    def compared(self) -> float | None:
        """The figure of this period that `before` is compared with: `now` of the sources covering both periods."""
        return self.now if self.same_sources is None else self.same_sources

    @property
    def change(self) -> float | None:
        """`compared - before`, or None.

        >>> Figure(12, 10).change, Figure(12).change, Figure(12, 10, same_sources=9).change
        (2, None, -1)
        """
        if self.compared is None or self.before is None:
            return None
        return self.compared - self.before


@dataclass(frozen=True)
class Overview:
    cases: Figure  # buyer requests; courier returns (parcels that never reached the buyer) are counted apart
    courier_returns: int
    refund_total: Figure  # refunds in the main currency (`refunds.currency`), now and before
    refunds: Refunds  # this period's refunds under the shop's currency rule: other currencies listed apart, coverage
    answered_in_time: Figure  # share of answerable cases answered within the clock's days
    answered_coverage: Coverage  # how many of the cases the share should judge carry a response time
    window: tuple[pd.Timestamp, pd.Timestamp] | None  # the period's first and last request day
    previous_window: tuple[pd.Timestamp, pd.Timestamp] | None
    left_out: tuple[Span, ...] = ()  # sources with cases in either period that do not cover both: kept out of the changes


def overview(
    cases: pd.DataFrame,
    spec: FilterSpec,
    *,
    clock: Clock = DEFAULT_CLOCK,
    rule: CurrencyRule | None = None,
    selected: pd.DataFrame | None = None,
    covering: Callable[[tuple[pd.Timestamp, pd.Timestamp], tuple[pd.Timestamp, pd.Timestamp]], tuple[np.ndarray, list[Span]]] | None = None,
    previous: pd.DataFrame | None = None,
    as_of: pd.Timestamp | None = None,
) -> Overview:
    """The three headline figures of the cases `spec` selects, with the previous period's; `clock` judges "in time",
    `rule` is the shop's currency rule (`money.currency_rule` of all the cases when left out).
    A caller that already has them may pass `selected` (`spec.apply(cases)`) and `covering` (`sources.comparable` of
    all the cases for a period and the one before, say remembered per period), `previous` (`spec.previous(cases)`) and
    `as_of` (`sla.latest_moment(cases)`).

    >>> from data.schema import conform
    >>> cases = conform(pd.DataFrame({
    ...     "request_date": pd.to_datetime(["2026-08-20", "2026-09-10", "2026-10-01", "2026-10-20", "2026-10-21"]),
    ...     "request_type": ["Refund Only"] * 5, "reason": ["Defective"] * 4 + ["Other"], "sku": ["A"] * 5,
    ...     "refund_amount": [1.0, 2.0, 10.0, 20.0, 5.0], "currency": ["IDR"] * 5}))
    >>> o = overview(cases, FilterSpec(period="Last 4 weeks", reason=("Defective",)))  # 24 Sep - 21 Oct against 27 Aug - 23 Sep
    >>> o.cases, o.refund_total, o.cases.change
    (Figure(now=2, before=1), Figure(now=30.0, before=2.0), 1)
    """
    cases = with_knowledge(cases)  # what each source can say, over all of them (a no-op on the dashboard's loaded cases)
    current = spec.apply(cases) if selected is None else selected
    window = spec.window(cases)
    previous_window: tuple[pd.Timestamp, pd.Timestamp] | None = None
    compared: pd.DataFrame | None = None  # the previous period's cases of the sources that cover both periods
    same: pd.DataFrame | None = None  # this period's cases of the sources that also cover the previous one
    left_out: list[Span] = []
    if window is not None:
        start, end = window
        length = end - start + pd.Timedelta(days=1)
        earlier = (start - length, start - pd.Timedelta(days=1))
        # Only sources that cover both periods are compared: a stopped report is no fall, a new log no jump.
        mask, left_out = comparable(cases, window, earlier) if covering is None else covering(window, earlier)
        if mask.all():  # every source covers both periods (the usual case): nothing to leave out
            previous_window, compared, same = earlier, spec.previous(cases) if previous is None else previous, current
        elif mask.any():
            keep = pd.Series(mask, index=cases.index)
            previous_window = earlier
            compared = spec.previous(cases) if previous is None else previous
            compared = compared[keep.reindex(compared.index, fill_value=False).to_numpy()]
            same = current[keep.reindex(current.index, fill_value=False).to_numpy()]
    rule = currency_rule(cases) if rule is None else rule
    # Open requests are judged at the moment the whole data set describes, not the filtered part.
    as_of = latest_moment(cases) if as_of is None else as_of

    def figure(measure: Callable[[pd.DataFrame], float | None]) -> Figure:
        return figure_of(measure(current), measure)

    def figure_of(now: float | None, measure: Callable[[pd.DataFrame], float | None]) -> Figure:
        if compared is None or same is None:
            return Figure(now)
        return Figure(now, measure(compared), same_sources=now if len(same) == len(current) else measure(same))

    refunds = refund_figure(current, rule)
    reading = read_clock(current, clock=clock, as_of=as_of)  # the period's clock, read once for its share and coverage
    return Overview(
        cases=figure(lambda frame: int(buyer_mask(frame).sum())),  # buyer requests, counted without copying them
        courier_returns=courier_return_count(current),
        refund_total=figure_of(refunds.main, lambda frame: refund_figure(frame, rule).main),
        refunds=refunds,
        answered_in_time=figure(lambda frame: _share(frame, clock, as_of, reading if frame is current else None)),
        answered_coverage=response_coverage(current, reading=reading),
        window=window,
        previous_window=previous_window,
        left_out=tuple(left_out),
    )


def _share(frame: pd.DataFrame, clock: Clock, as_of: pd.Timestamp | None, reading: ClockReading | None = None) -> float | None:
    share = share_answered_within(frame, clock=clock, as_of=as_of, reading=reading)
    return None if share is None or pd.isna(share) else float(share)
