"""The dashboard in a real browser at a million cases, beside the plain Streamlit app on the same store.

Fills a SQLite store with the demo shop scaled to `--rows` cases (or reuses `--store` if it already holds cases),
starts `streamlit run app.py`, and with Playwright in Debian's chromium measures per page the first visit (a new
browser session; the very first one also loads the store) and a filter change (a reason picked in the sidebar; with
`--changes N`, the median of N, each adding a reason), each until the page has settled: Streamlit's script has
finished, no placeholder is left and every chart has drawn its data. Times are taken inside the page (from the start
of navigation or the key press to the first frame drawn once settled), so no polling or round trip to Playwright is
counted; "after script" is the part after the script had finished. Then the same for `benchmarks/plain_app.py`
(read_sql into a cached frame, pandas filter, three metrics, one px.bar), and for `benchmarks/floor_app.py` (the same
filter and one line of text, no data: what Streamlit itself takes here, which no page can go below). The server's peak memory is its peak
resident set (VmHWM). Prints a table and, last, one JSON line with the figures and ratios.

With `--base DIR` (another checkout, e.g. a git worktree of main), this checkout's dashboard is measured beside that
one's instead, two rounds each in alternating order: what a change did, on the same store and browser.

Usage: `.venv/bin/python benchmarks/dashboard.py [--rows 1000000] [--store PATH] [--pages Trends,Money] [--changes 3]
[--base DIR]`. The machine's load average is printed with the figures: on a shared machine they vary with it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import seconds  # noqa: E402
from data import demo  # noqa: E402
from data.reader import SheetRead  # noqa: E402
from data.store import Store  # noqa: E402
from tests.app_server import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

PAGES = {
    "Overview": "",
    "Trends": "trends",
    "Recurring causes": "causes",
    "Deadlines": "deadlines",
    "Money": "money",
    "Return rate": "return_rate",
}
TIMEOUT_MS = 600_000
QUIET_MS = 500  # a page counts as settled only if no further run starts within this long (not counted in the time)
# Settled: Streamlit's script has finished, no placeholder is left and every chart has drawn its data.
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg .trace'));
}"""
# Timed inside the page, on the page's own clock, so the figures hold no polling interval and no round trip to this
# process: from the key press (or, on a first visit, the start of navigation) to the first frame drawn after the page
# has settled, once a run has started. Every DOM change is checked as it happens (a MutationObserver), and a run
# that starts again resets the watch.
WATCH = (
    """(() => {
  const settled = SETTLED;
  const watch = (window.__radarSettle = {start: 0, ran: false, finished: null, at: null, runs: 0});
  watch.arm = () => Object.assign(watch, {start: null, ran: false, finished: null, at: null});
  const check = () => {
    const state = document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState;
    if (watch.start !== null && state && state !== 'notRunning') watch.ran = true;  // a page can open running
    if (!watch.ran || watch.at !== null || !settled()) return;
    requestAnimationFrame(() => { if (watch.at === null && settled()) watch.at = performance.now(); });
  };
  new MutationObserver(changes => {
    for (const change of changes) {
      // a run so short that the page never showed it running still changes the page's main block
      if (change.type !== 'attributes') {
        if (watch.start !== null && change.target.parentElement?.closest('[data-testid="stMain"]')) watch.ran = true;
        continue;
      }
      // a run may start and end within one batch of changes: its end still says that it ran
      if (watch.start !== null && change.oldValue && change.oldValue !== 'notRunning') watch.ran = true;
      if (change.target.dataset.testScriptState === 'notRunning') watch.finished = performance.now();
      else if (watch.start !== null) Object.assign(watch, {ran: true, finished: null, at: null, runs: watch.runs + 1});
    }
    check();
  }).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state'],
  });
  addEventListener('keydown', event => { if (watch.start === null && event.key === 'Enter') watch.start = event.timeStamp; }, true);
})();"""
).replace("SETTLED", SETTLED)
SETTLED_QUIETLY = f"() => {{ const w = window.__radarSettle; return w.at !== null && performance.now() - w.at > {QUIET_MS}; }}"


def fill(path: Path, rows: int) -> int:
    """A store at `path` with about `rows` demo cases (kept if it already holds cases); returns the count."""
    store = Store(f"sqlite:///{path}")
    held = len(store.load_cases())
    if held:
        return held
    cases = demo.generate(per_week=max(1, rows // demo.WEEKS))
    store.import_read(SheetRead(cases), file_name="bench.csv", data=f"bench {rows}".encode())
    return len(cases)


def settled(page) -> tuple[float, float]:
    """Once the page has settled: (seconds from the watch's start to the first frame drawn after, seconds of it after
    the script had finished)."""
    page.wait_for_function(SETTLED_QUIETLY, polling=100, timeout=TIMEOUT_MS)
    watch = page.evaluate("() => window.__radarSettle")
    # a run the page never showed as running has no end of its own to count from: nothing after it
    after = 0.0 if watch["finished"] is None else (watch["at"] - watch["finished"]) / 1000
    return (watch["at"] - watch["start"]) / 1000, after


def visit(browser, url: str) -> tuple[float, object]:
    """Seconds from opening `url` in a new session (the start of navigation) until it has settled, and the open page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.locator("h1").first.wait_for()
    return settled(page)[0], page


REASONS_PICKED = ("Defective", "Wrong item", "Quality", "Damaged item", "Changed mind")


def change_filter(page, reason: str = "Defective") -> tuple[float, float]:
    """Seconds from the Enter that picks `reason` in the sidebar's Reason filter until the page has settled again, and
    the part of them after the script had finished (the browser sending, drawing and showing the page)."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason").first
    box.click()
    page.keyboard.type(reason)
    page.evaluate("() => window.__radarSettle.arm()")
    page.keyboard.press("Enter")
    took = settled(page)
    page.keyboard.press("Escape")
    return took


def measure(browser, script: str, store: Path, pages: dict[str, str], changes: int = 1, root: Path = ROOT) -> dict:
    """First visits and the median of `changes` filter changes per page (each adds one more reason), of the app in the
    checkout `root`."""
    server = AppServer({"RETURNS_RADAR_DB": f"sqlite:///{store}"}, script=script, timeout=120, root=root)
    url = server.url
    try:
        figures: dict = {"pages": {}}
        cold, page = visit(browser, url)
        figures["cold_first_visit_s"] = cold
        page.context.close()
        for name, path in pages.items():
            first, page = visit(browser, f"{url}/{path}")
            timed = [change_filter(page, reason) for reason in REASONS_PICKED[:changes]]
            page.context.close()
            figures["pages"][name] = {
                "first_visit_s": first,
                "filter_change_s": statistics.median(t[0] for t in timed),
                "after_script_s": statistics.median(t[1] for t in timed),
                "filter_changes_s": [t[0] for t in timed],
            }
        figures["peak_memory_mb"] = server.peak_mb()
        return figures
    finally:
        server.stop()


def pooled(rounds: list[dict]) -> dict:
    """Rounds of `measure` of one app as one: per page the median first visit and the median of every filter change."""
    names = rounds[0]["pages"]
    return {
        name: {
            "first_visit_s": statistics.median(r["pages"][name]["first_visit_s"] for r in rounds),
            "filter_change_s": statistics.median(t for r in rounds for t in r["pages"][name]["filter_changes_s"]),
        }
        for name in names
    }


def against_base(browser, store: Path, pages: dict[str, str], changes: int, base: Path) -> dict:
    """This checkout's dashboard beside the one in `base` (another checkout, a git worktree say), in two rounds each,
    alternating (this, base, base, this) so that a drift of the machine's load falls on both; printed per page."""
    order = [(ROOT, "this"), (base, "base"), (base, "base"), (ROOT, "this")]
    rounds: dict[str, list[dict]] = {"this": [], "base": []}
    for root, which in order:
        rounds[which].append(measure(browser, "app.py", store, pages, changes, root=root))
    this, before = pooled(rounds["this"]), pooled(rounds["base"])
    print(f"this checkout against {base} (medians of two rounds each, alternating):")
    print(f"{'page':<18}{'first visit s':>15}{'(base)':>9}{'filter change s':>17}{'(base)':>9}{'change vs base':>16}")
    for name, f in this.items():
        b = before[name]
        print(
            f"{name:<18}{f['first_visit_s']:>15.2f}{b['first_visit_s']:>9.2f}{f['filter_change_s']:>17.2f}"
            f"{b['filter_change_s']:>9.2f}{f['filter_change_s'] / b['filter_change_s']:>15.2f}x"
        )
    return {"this": this, "base": before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="a SQLite file to fill, or to reuse if it holds cases")
    parser.add_argument("--pages", help=f"comma-separated pages to measure (default all: {', '.join(PAGES)})")
    parser.add_argument("--changes", type=int, default=1, choices=range(1, len(REASONS_PICKED) + 1), help="filter changes a page")
    parser.add_argument(
        "--base",
        type=Path,
        help="another checkout of the app (e.g. `git worktree add /tmp/base main`): measure this one beside it instead "
        "of beside the plain app",
    )
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
            pages = {name: PAGES[name] for name in args.pages.split(",")} if args.pages else PAGES
            if args.base:
                print(json.dumps(against_base(browser, store, pages, args.changes, args.base.resolve())))
                browser.close()
                return
            floor = measure(browser, "benchmarks/floor_app.py", store, {"Floor": ""}, args.changes)
            dash = measure(browser, "app.py", store, pages, args.changes)
            plain = measure(browser, "benchmarks/plain_app.py", store, {"Plain app": ""}, args.changes)
            browser.close()
        load_after = os.getloadavg()

    base = plain["pages"]["Plain app"]
    print(
        f"{rows:,} cases (store filled or checked in {fill_s:.0f} s); load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after, on {os.cpu_count()} cores"
    )
    print(f"{'page':<18}{'first visit s':>15}{'filter change s':>17}{'after script s':>16}{'vs plain (change)':>19}")
    print(
        f"{'(cold server)':<18}{dash['cold_first_visit_s']:>15.2f}{'':>17}"
        f"{'':>16}{dash['cold_first_visit_s'] / plain['cold_first_visit_s']:>18.2f}x (first visit)"
    )
    for name, f in dash["pages"].items():
        print(
            f"{name:<18}{f['first_visit_s']:>15.2f}{f['filter_change_s']:>17.2f}{f['after_script_s']:>16.2f}"
            f"{f['filter_change_s'] / base['filter_change_s']:>18.2f}x"
        )
    print(f"{'Plain app':<18}{base['first_visit_s']:>15.2f}{base['filter_change_s']:>17.2f}{base['after_script_s']:>16.2f}{1:>18.2f}x")
    print(f"{'(plain cold)':<18}{plain['cold_first_visit_s']:>15.2f}")
    low = floor["pages"]["Floor"]
    print(f"{'Floor (no data)':<18}{low['first_visit_s']:>15.2f}{low['filter_change_s']:>17.2f}{low['after_script_s']:>16.2f}")
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
                "floor": floor,
                "cold_first_visit_vs_plain": dash["cold_first_visit_s"] / plain["cold_first_visit_s"],
                "ratios": ratios,
                "memory_vs_plain": dash["peak_memory_mb"] / plain["peak_memory_mb"],
            }
        )
    )


if __name__ == "__main__":
    main()
