"""The Overview figures: cases, refund total and share answered in time, against the period before.

The previous period has the same length and filters and ends the day before the current one starts;
it is left out (None) when the data does not reach back that far, so a change is never made up.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.common import buyer_requests
from analysis.coverage import Coverage
from analysis.filters import FilterSpec
from analysis.money import CurrencyRule, Refunds, currency_rule, refund_figure
from analysis.sla import DEFAULT_CLOCK, Clock, latest_moment, response_coverage, share_answered_within


@dataclass(frozen=True)
class Figure:
    """One headline figure, now and in the previous period (None: nothing to compare with)."""

    now: float | None
    before: float | None = None

    @property
    def change(self) -> float | None:
        """`now - before`, or None.

        >>> Figure(12, 10).change, Figure(12).change
        (2, None)
        """
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


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


def overview(cases: pd.DataFrame, spec: FilterSpec, *, clock: Clock = DEFAULT_CLOCK, rule: CurrencyRule | None = None) -> Overview:
    """The three headline figures of the cases `spec` selects, with the previous period's; `clock` judges "in time",
    `rule` is the shop's currency rule (`money.currency_rule` of all the cases when left out).

    >>> from data.schema import conform
    >>> cases = conform(pd.DataFrame({
    ...     "request_date": pd.to_datetime(["2026-08-20", "2026-09-10", "2026-10-01", "2026-10-20", "2026-10-21"]),
    ...     "request_type": ["Refund Only"] * 5, "reason": ["Defective"] * 4 + ["Other"], "sku": ["A"] * 5,
    ...     "refund_amount": [1.0, 2.0, 10.0, 20.0, 5.0], "currency": ["IDR"] * 5}))
    >>> o = overview(cases, FilterSpec(period="Last 4 weeks", reason=("Defective",)))  # 24 Sep - 21 Oct against 27 Aug - 23 Sep
    >>> o.cases, o.refund_total, o.cases.change
    (Figure(now=2, before=1), Figure(now=30.0, before=2.0), 1)
    """
    current = spec.apply(cases)
    window = spec.window(cases)
    previous_window = None
    previous = None
    if window is not None:
        start, end = window
        length = end - start + pd.Timedelta(days=1)
        first_day = cases["request_date"].min().normalize()
        if first_day <= start - length:  # the data covers the whole previous period
            previous_window = (start - length, start - pd.Timedelta(days=1))
            previous = spec.previous(cases)
    rule = currency_rule(cases) if rule is None else rule
    # Open requests are judged at the moment the whole data set describes, not the filtered part.
    as_of = latest_moment(cases)

    def figure(measure) -> Figure:
        now = measure(current)
        return Figure(now, None if previous is None else measure(previous))

    return Overview(
        cases=figure(lambda frame: len(buyer_requests(frame))),
        courier_returns=int(len(current) - len(buyer_requests(current))),
        refund_total=figure(lambda frame: refund_figure(frame, rule).main),
        refunds=refund_figure(current, rule),
        answered_in_time=figure(lambda frame: _share(frame, clock, as_of)),
        answered_coverage=response_coverage(current, clock=clock, as_of=as_of),
        window=window,
        previous_window=previous_window,
    )


def _share(frame: pd.DataFrame, clock: Clock, as_of: pd.Timestamp | None) -> float | None:
    share = share_answered_within(frame, clock=clock, as_of=as_of)
    return None if share is None or pd.isna(share) else float(share)
