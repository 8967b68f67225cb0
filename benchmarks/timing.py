"""The timers every benchmark uses: one run's seconds, with or without its result, and the median of several runs."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
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


def by_size(sizes: list[int], measure: Callable[[int, Path], dict[str, Any]], say: Callable[[dict[str, Any]], None]) -> None:
    """`measure(rows, folder)` for each size in one temporary folder, `say` each size's figures as they come, then
    every size's figures as the last line, a JSON object keyed by size."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            results[str(rows)] = figures = measure(rows, Path(folder))
            say(figures)
    print(json.dumps(results))
