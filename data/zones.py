"""The shop's time zone: which names are zones, and UTC times as the shop's wall clock.

Exports often write times with an offset (`2026-05-22T23:10:00+07:00`, `...Z`); the reader converts those to
the shop's zone so they share one clock with times written without an offset, which are kept as written.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

import numpy as np
import pandas as pd


@cache
def time_zones() -> tuple[str, ...]:
    """The IANA zone names this machine knows (from the system or the tzdata package), sorted.

    >>> "Asia/Jakarta" in time_zones(), "Mars/Olympus" in time_zones()
    (True, False)
    """
    return tuple(sorted(zoneinfo.available_timezones()))


def check_zone(name: str) -> str:
    """`name` when it is a known IANA zone; a ValueError naming it otherwise.

    >>> check_zone("Asia/Jakarta")
    'Asia/Jakarta'
    >>> check_zone("Asia/Jakartaa")
    Traceback (most recent call last):
    ValueError: unknown time zone 'Asia/Jakartaa'; expected an IANA name such as Asia/Jakarta or America/New_York
    """
    if not isinstance(name, str) or name not in time_zones():
        raise ValueError(f"unknown time zone {name!r}; expected an IANA name such as Asia/Jakarta or America/New_York")
    return name


def wall_clock(utc: np.ndarray, zone: str) -> np.ndarray:
    """Naive UTC times (datetime64[ns], NaT allowed) as naive wall-clock times in `zone`, in one vectorised pass.

    >>> wall_clock(np.array(["2026-05-21T04:38:32", "NaT"], dtype="datetime64[ns]"), "Asia/Jakarta").astype(str).tolist()
    ['2026-05-21T11:38:32.000000000', 'NaT']
    """
    local = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(zone).tz_localize(None)
    return local.to_numpy(dtype="datetime64[ns]")
