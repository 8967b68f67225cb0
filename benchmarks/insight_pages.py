"""How fast the insight pages answer (Recurring causes, Deadlines, Money) and what the downloads cost, at two store sizes.

Runs the real app in Streamlit's AppTest against a temporary SQLite store filled with the demo shop
scaled to each size. Per page: the rerun when a manager opens it, and the rerun after choosing a reason.
Baseline, measured in the same run: the Overview's rerun (the skeleton's page). The download files are
built only on a click; their build times are printed too. Usage:
`.venv/bin/python benchmarks/insight_pages.py [rows ...]`. The last line is one JSON object.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from analysis.filters import FilterSpec  # noqa: E402
from analysis.summary import weekly_summary  # noqa: E402
from benchmarks.app_pages import seed_store  # noqa: E402
from benchmarks.timing import by_size, seconds  # noqa: E402
from data import downloads  # noqa: E402

REPEATS = 3
PAGES = {"overview": "views/overview.py", "causes": "views/causes.py", "deadlines": "views/deadlines.py", "money": "views/money.py"}


def measure(rows: int, folder: Path) -> dict[str, float]:
    cases = seed_store(rows, folder).load_cases()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()  # loads the store once, as the running app does
    times: dict[str, list[float]] = {f"{name}_{what}": [] for name in PAGES for what in ("open_s", "filter_s")}
    for _ in range(REPEATS):
        for name, page in PAGES.items():
            at.multiselect(key="reason").set_value([]).run()
            times[f"{name}_open_s"].append(seconds(at.switch_page(page).run))
            times[f"{name}_filter_s"].append(seconds(at.multiselect(key="reason").select("Defective").run))
            assert not at.exception, at.exception
    figures = {name: statistics.median(values) for name, values in times.items()}
    selected = FilterSpec().apply(cases)
    figures["selected_rows"] = len(selected)
    figures["rows_csv_s"] = seconds(lambda: downloads.rows_csv(selected))
    figures["rows_xlsx_s"] = seconds(lambda: downloads.rows_xlsx(selected))
    figures["summary_xlsx_s"] = seconds(lambda: downloads.tables_xlsx(weekly_summary(selected)))
    for name in PAGES:
        if name != "overview":
            figures[f"{name}_open_vs_overview"] = figures[f"{name}_open_s"] / figures["overview_open_s"]
    figures["rows"] = len(cases)
    return figures


def say(f: dict) -> None:
    print(
        f"{f['rows']:>8,} cases: "
        + ", ".join(f"{name} open {f[name + '_open_s']:.2f} s / reason filter {f[name + '_filter_s']:.2f} s" for name in PAGES)
    )
    print(
        f"{'':>15}downloads of the {f['selected_rows']:,} cases of the last 12 weeks: CSV {f['rows_csv_s']:.2f} s, "
        f"xlsx {f['rows_xlsx_s']:.2f} s, weekly summary {f['summary_xlsx_s']:.2f} s"
    )


if __name__ == "__main__":
    by_size([int(arg) for arg in sys.argv[1:]] or [6_240, 100_000], measure, say)
