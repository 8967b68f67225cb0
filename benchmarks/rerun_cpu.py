"""Server CPU of a page's rerun after a filter choice not seen before, on a stored set of cases.

Runs the app in Streamlit's AppTest against the store given (copied first: the app may write settings to it), opens
the page, then picks one more reason per rerun (each view new to every cache) and times each rerun with
`time.process_time` (every thread of this process: the CPU the server spends, whatever else runs on the machine) and
the wall clock, printed beside the machine's load average; each page is compiled once, as a server does. Then the
last view again (every cache holds it). With `--profile N`, also prints cProfile's top N functions of the reruns
(cumulative, then own time), taken in the script's thread.

Usage: `.venv/bin/python benchmarks/rerun_cpu.py --store /path/to/store.db [--page causes] [--changes 3] [--profile 40]`.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = {
    "overview": None,
    "trends": "views/trends.py",
    "causes": "views/causes.py",
    "deadlines": "views/deadlines.py",
    "money": "views/money.py",
}
REASONS_PICKED = ("Defective", "Wrong item", "Quality", "Damaged item", "Changed mind")


def keep_compiled() -> None:
    """Compile each page once, as a server does (AppTest starts a new script cache, so compiles it again, on every run)."""
    compiled: dict[str, object] = {}
    plain = ScriptCache.get_bytecode

    def get_bytecode(self: ScriptCache, script_path: str) -> object:
        path = os.path.abspath(script_path)
        if path not in compiled:
            compiled[path] = plain(self, path)
        return compiled[path]

    ScriptCache.get_bytecode = get_bytecode  # type: ignore[method-assign]


def profiled(profile: cProfile.Profile):
    """`exec_func_with_error_handling` with `profile` switched on in the script's thread while the page runs."""
    plain = script_runner.exec_func_with_error_handling

    def run(func, ctx):
        profile.enable()
        try:
            return plain(func, ctx)
        finally:
            profile.disable()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a SQLite file holding cases (read from a copy)")
    parser.add_argument("--page", default="overview", choices=list(PAGES))
    parser.add_argument("--changes", type=int, default=3, choices=range(1, len(REASONS_PICKED) + 1))
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions of the filter-change reruns")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store.db"
        shutil.copy(args.store, store)
        os.environ["RETURNS_RADAR_DB"] = f"sqlite:///{store}"
        keep_compiled()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        start_cpu, start = time.process_time(), time.perf_counter()
        at.run()
        if PAGES[args.page]:
            at.switch_page(PAGES[args.page]).run()
        first = (time.process_time() - start_cpu, time.perf_counter() - start)
        assert not at.exception, at.exception
        profile = cProfile.Profile()
        if args.profile:
            script_runner.exec_func_with_error_handling = profiled(profile)
        cpu, wall = [], []
        for n in range(args.changes):
            load = os.getloadavg()[0]
            start_cpu, start = time.process_time(), time.perf_counter()
            at.multiselect(key="reason").set_value(list(REASONS_PICKED[: n + 1])).run()
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
            assert not at.exception, at.exception
            print(f"change {n + 1}: {cpu[-1]:.3f} s CPU, {wall[-1]:.3f} s wall (load average {load:.2f})", flush=True)
        same = []  # the last view again: every cache holds it, what is left is the page's own cost
        for _ in range(3):
            start_cpu = time.process_time()
            at.run()
            same.append(time.process_time() - start_cpu)

    print(
        f"{args.page}: first visit {first[0]:.2f} s CPU ({first[1]:.2f} s wall); filter change median {statistics.median(cpu):.3f} s CPU; "
        f"the same view again {statistics.median(same):.3f} s CPU"
    )
    if args.profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile // 2)
    print(
        json.dumps(
            {
                "page": args.page,
                "first_cpu_s": first[0],
                "change_cpu_s": cpu,
                "change_wall_s": wall,
                "same_cpu_s": same,
                "load": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
