"""The timers every benchmark uses: one run's seconds, with or without its result, and the median of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call of `fn`."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def seconds(fn: Callable[[], Any]) -> float:
    """The seconds one call of `fn` takes."""
    return timed(fn)[0]


def median_seconds(fn: Callable[[], Any], repeats: int) -> float:
    """The median seconds of `repeats` calls of `fn`."""
    return statistics.median(seconds(fn) for _ in range(repeats))
