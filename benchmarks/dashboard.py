"""The dashboard in a real browser at a million cases, beside the plain Streamlit app on the same store.

Fills a SQLite store with the demo shop scaled to `--rows` cases (or reuses `--store` if it already holds cases),
starts `streamlit run app.py`, and with Playwright in Debian's chromium measures per page the first visit (a new
browser session; the very first one also loads the store) and a filter change (a reason picked in the sidebar),
each until the page has settled: Streamlit's script has finished and the page's charts are drawn. Then the same for
`benchmarks/plain_app.py` (read_sql into a cached frame, pandas filter, three metrics, one px.bar). The server's
peak memory is its peak resident set (VmHWM). Prints a table and, last, one JSON line with the figures and ratios.

Usage: `.venv/bin/python benchmarks/dashboard.py [--rows 1000000] [--store PATH]`. The machine's load average is
printed with the figures: on a shared machine they vary with it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import seconds  # noqa: E402
from data import demo  # noqa: E402
from data.reader import SheetRead  # noqa: E402
from data.store import Store  # noqa: E402
from tests.app_server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = {
    "Overview": "",
    "Trends": "trends",
    "Recurring causes": "causes",
    "Deadlines": "deadlines",
    "Money": "money",
    "Return rate": "return_rate",
}
TIMEOUT_MS = 600_000
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""
RUNNING = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState !== 'notRunning'"


def fill(path: Path, rows: int) -> int:
    """A store at `path` with about `rows` demo cases (kept if it already holds cases); returns the count."""
    store = Store(f"sqlite:///{path}")
    held = len(store.load_cases())
    if held:
        return held
    cases = demo.generate(per_week=max(1, rows // demo.WEEKS))
    store.import_read(SheetRead(cases), file_name="bench.csv", data=f"bench {rows}".encode())
    return len(cases)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(script: str, store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "RETURNS_RADAR_DB": f"sqlite:///{store}"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{script} did not start")


def peak_mb(proc: subprocess.Popen) -> float:
    """The process's peak resident memory so far, in MB."""
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle(page) -> None:
    page.wait_for_function(SETTLED, polling=50, timeout=TIMEOUT_MS)


def visit(browser, url: str) -> tuple[float, object]:
    """Seconds from opening `url` in a new session until it has settled, and the open page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    start_time = time.perf_counter()
    page.goto(url)
    page.locator("h1").first.wait_for()
    settle(page)
    return time.perf_counter() - start_time, page


def change_filter(page, reason: str = "Defective") -> float:
    """Seconds from picking `reason` in the sidebar's Reason filter until the page has settled again."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason").first
    box.click()
    page.keyboard.type(reason)
    start_time = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function(RUNNING, polling="raf", timeout=10_000)
    settle(page)
    took = time.perf_counter() - start_time
    page.keyboard.press("Escape")
    return took


def measure(browser, script: str, store: Path, pages: dict[str, str]) -> dict:
    proc, url = start(script, store)
    try:
        figures: dict = {"pages": {}}
        cold, page = visit(browser, url)
        figures["cold_first_visit_s"] = cold
        page.context.close()
        for name, path in pages.items():
            first, page = visit(browser, f"{url}/{path}")
            change = change_filter(page)
            page.context.close()
            figures["pages"][name] = {"first_visit_s": first, "filter_change_s": change}
        figures["peak_memory_mb"] = peak_mb(proc)
        return figures
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="a SQLite file to fill, or to reuse if it holds cases")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        store = args.store or Path(folder) / "bench.db"
        load_before = os.getloadavg()
        fill_s = seconds(lambda: None)
        rows = 0

        def do_fill() -> None:
            nonlocal rows
            rows = fill(store, args.rows)

        fill_s = seconds(do_fill)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            dash = measure(browser, "app.py", store, PAGES)
            plain = measure(browser, "benchmarks/plain_app.py", store, {"Plain app": ""})
            browser.close()
        load_after = os.getloadavg()

    base = plain["pages"]["Plain app"]
    print(
        f"{rows:,} cases (store filled or checked in {fill_s:.0f} s); load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after, on {os.cpu_count()} cores"
    )
    print(f"{'page':<18}{'first visit s':>15}{'filter change s':>17}{'vs plain (change)':>19}")
    print(
        f"{'(cold server)':<18}{dash['cold_first_visit_s']:>15.2f}{'':>17}"
        f"{dash['cold_first_visit_s'] / plain['cold_first_visit_s']:>18.2f}x (first visit)"
    )
    for name, f in dash["pages"].items():
        print(f"{name:<18}{f['first_visit_s']:>15.2f}{f['filter_change_s']:>17.2f}{f['filter_change_s'] / base['filter_change_s']:>18.2f}x")
    print(f"{'Plain app':<18}{base['first_visit_s']:>15.2f}{base['filter_change_s']:>17.2f}{1:>18.2f}x")
    print(f"{'(plain cold)':<18}{plain['cold_first_visit_s']:>15.2f}")
    print(f"peak server memory: dashboard {dash['peak_memory_mb']:,.0f} MB, plain app {plain['peak_memory_mb']:,.0f} MB")
    ratios = {
        name: {
            "first_visit_vs_plain": f["first_visit_s"] / base["first_visit_s"],
            "filter_change_vs_plain": f["filter_change_s"] / base["filter_change_s"],
        }
        for name, f in dash["pages"].items()
    }
    print(
        json.dumps(
            {
                "rows": rows,
                "load_average": [load_before[0], load_after[0]],
                "dashboard": dash,
                "plain": plain,
                "cold_first_visit_vs_plain": dash["cold_first_visit_s"] / plain["cold_first_visit_s"],
                "ratios": ratios,
                "memory_vs_plain": dash["peak_memory_mb"] / plain["peak_memory_mb"],
            }
        )
    )


if __name__ == "__main__":
    main()
