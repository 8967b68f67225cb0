"""The marketplace's response clock: how long a request may wait for an answer before the marketplace
approves it by itself, which days count, and the shop's holidays.

A shop setting kept in the store (see `data.settings_store`) and used by `analysis.sla`; it lives here, in
`data`, so that the store needs nothing from `analysis`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Clock:
    """The marketplace's response clock: a request left `days` days without an answer is approved by itself.

    Days are working days (Monday to Friday) unless `weekends_count`, then every calendar day; the
    `holidays` never count. `days` must be positive; holidays may be given as dates or date strings
    and are kept sorted, each once, so two clocks with the same rule are equal.

    >>> clock = Clock(3, weekends_count=True, holidays=("2026-03-20", "2026-03-19", "2026-03-20"))
    >>> clock.holidays
    (datetime.date(2026, 3, 19), datetime.date(2026, 3, 20))
    >>> clock.span, clock.rule
    ('3 calendar days', '3 calendar days (weekends count; 2 listed holidays do not)')
    >>> Clock().rule, Clock(0.5).span
    ('2 working days (weekends do not count)', '0.5 working days')
    """

    days: float = 2.0
    weekends_count: bool = False
    holidays: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        days = float(self.days)
        if not (math.isfinite(days) and days > 0):
            raise ValueError(f"The response clock needs a positive number of days, not {self.days!r}.")
        object.__setattr__(self, "days", days)  # frozen: normalised once, here
        object.__setattr__(self, "weekends_count", bool(self.weekends_count))
        object.__setattr__(self, "holidays", tuple(sorted({as_holiday(d) for d in self.holidays})))

    @property
    def unit(self) -> str:
        """What one day of the clock is called: `working day` or `calendar day`."""
        return "calendar day" if self.weekends_count else "working day"

    @property
    def span(self) -> str:
        """The clock's length in words, e.g. `2 working days`, `1 calendar day`."""
        return f"{self.days:g} {self.unit}{'' if self.days == 1 else 's'}"

    @property
    def what_counts(self) -> str:
        """Which days count, in words: `weekends do not count`, `weekends count; 1 listed holiday does not`, ..."""
        n = len(self.holidays)
        listed = f"{n} listed holiday{'s' if n != 1 else ''}"
        if self.weekends_count:
            return f"weekends count; {listed} {'does' if n == 1 else 'do'} not" if n else "weekends count"
        return f"weekends and {listed} do not count" if n else "weekends do not count"

    @property
    def rule(self) -> str:
        """The whole rule in words: `3 calendar days (weekends count; 1 listed holiday does not)`."""
        return f"{self.span} ({self.what_counts})"

    @property
    def calendar(self) -> np.busdaycalendar:
        """The days that count, for numpy's busday functions."""
        return np.busdaycalendar(
            weekmask="1111111" if self.weekends_count else "1111100", holidays=np.array(self.holidays, dtype="datetime64[D]")
        )


DEFAULT_CLOCK = Clock()  # 2 working days, no holidays: the usual marketplace rule


def as_holiday(value: date | str) -> date:
    """One holiday as a date; a ValueError naming the value when it is not one."""
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{value!r} is not a date.") from err
    if pd.isna(stamp):
        raise ValueError(f"{value!r} is not a date.")
    return stamp.date()
