"""How fast the dashboard answers: Overview cold run, a filter change, Trends split, at two store sizes.

Runs the real app in Streamlit's AppTest against a temporary SQLite store filled with the demo shop
scaled to each size. Baseline, measured in the same run: `Store.load_cases()`, the price every rerun
would pay without the per-data-version cache. Usage: `.venv/bin/python benchmarks/app_pages.py [rows ...]`.
The last line is one JSON object.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks.timing import by_size, seconds  # noqa: E402
from data import demo  # noqa: E402
from data.reader import SheetRead  # noqa: E402
from data.store import Store  # noqa: E402

REPEATS = 3


def seed_store(rows: int, folder: Path) -> Store:
    """A SQLite store in `folder` holding about `rows` demo cases, made the app's store (RETURNS_RADAR_DB)."""
    url = f"sqlite:///{folder / f'bench-{rows}.db'}"
    cases = demo.generate(per_week=max(1, rows // demo.WEEKS))
    store = Store(url)
    store.import_read(SheetRead(cases), file_name="bench.csv", data=f"bench {rows}".encode())
    os.environ["RETURNS_RADAR_DB"] = url
    return store


def measure(rows: int, folder: Path) -> dict[str, float]:
    store = seed_store(rows, folder)
    load, cold, refilter, split = [], [], [], []
    for _ in range(REPEATS):
        load.append(seconds(store.load_cases))
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        cold.append(seconds(at.run))
        refilter.append(seconds(at.multiselect(key="reason").select("Defective").run))
        at.switch_page("views/trends.py").run()
        split.append(seconds(at.toggle(key="trends_split").set_value(True).run))
        assert not at.exception, at.exception
    figures = {
        name: statistics.median(values)
        for name, values in (("load_cases_s", load), ("cold_run_s", cold), ("filter_rerun_s", refilter), ("trends_split_s", split))
    }
    figures["rows"] = len(store.load_cases())
    figures["filter_rerun_vs_load"] = figures["filter_rerun_s"] / figures["load_cases_s"]
    return figures


def say(figures: dict) -> None:
    print(
        f"{figures['rows']:>8,} rows: load_cases {figures['load_cases_s']:.2f} s (baseline), "
        f"cold Overview {figures['cold_run_s']:.2f} s, filter change {figures['filter_rerun_s']:.2f} s "
        f"({figures['filter_rerun_vs_load']:.2f}x the load), Trends split {figures['trends_split_s']:.2f} s"
    )


if __name__ == "__main__":
    by_size([int(arg) for arg in sys.argv[1:]] or [6_240, 100_000], measure, say)
