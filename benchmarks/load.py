"""Load on a team server: N sessions change filters and pages for a bounded time while an upload runs; and a soak of
upload-and-undo cycles that watches the server's memory.

The app runs as `streamlit run app.py` (one process, or `--processes 2` sharing the sessions) on a throwaway
PostgreSQL store (tests/pg_server.py; `--store sqlite` for a file) seeded with `--rows` demo cases. Each session is a
browser-less Streamlit client (benchmarks/st_client.py: the page's own websocket protocol), because ten chromium tabs
would measure chromium on a 2-core machine, not the server. A session's "time to settle" runs from its filter change to
the server's end of that rerun; the browser's drawing (a few hundred ms for a chart) comes on top.

The upload is the scheduled-import path (`python -m data import FILE`, another process on the same cores): it reads and
stores `--upload-rows` cases while the sessions work, and every session's next rerun then loads the new data version.

    python benchmarks/load.py [--sessions 10] [--seconds 60] [--rows 100000] [--think 1.0] [--processes 1]
    python benchmarks/load.py --soak [--cycles 200] [--rows 100000]

Prints the figures; the last line is one JSON object. Goal on 2 cores: 10 sessions, p95 <= 2 s, 0 errors; soak memory
within 10% of the start.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.st_client import Session  # noqa: E402
from data import demo  # noqa: E402
from data.reader import SheetRead  # noqa: E402
from data.schema import REASONS, REQUEST_TYPES  # noqa: E402
from data.store import Store  # noqa: E402
from tests.app_server import AppServer  # noqa: E402

PAGES = ["", "trends", "money", "deadlines", "causes"]
PERIODS = ["Last 4 weeks", "Last 12 weeks", "Last 26 weeks"]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95: the value 95% of the measurements are at or below)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(share * len(ordered) + 0.5)) - 1))] if ordered else float("nan")


def open_store(kind: str, folder: Path):
    """(url, closer) of an empty store: a fresh PostgreSQL server, or a SQLite file."""
    if kind == "postgres":
        from tests.pg_server import PostgresServer

        server = PostgresServer()
        return server.new_database(), server.close
    return f"sqlite:///{folder / 'load.db'}", lambda: None


def seed(url: str, rows: int) -> int:
    with Store(url) as store:
        store.import_read(SheetRead(demo.generate(per_week=max(1, rows // demo.WEEKS))), file_name="seed.csv", data=b"seed")
        return len(store.load_cases())


def actions(rng: random.Random):
    """What a manager does next: another page, period, reason or request type (sometimes none: all of them)."""
    while True:
        page = rng.choice(PAGES)
        lists = {
            "reason": rng.sample(REASONS, rng.choice([0, 1, 1, 2])),
            "request_type": rng.sample(REQUEST_TYPES[:4], rng.choice([0, 0, 1])),
        }
        yield {"page": page, "strings": {"period": rng.choice(PERIODS)}, "lists": lists}


def session_loop(url: str, index: int, until: float, think: float, results: dict, lock: threading.Lock) -> None:
    rng = random.Random(index)
    settle, errors, opened = [], [], None
    try:
        client = Session(url)
        first = client.run()
        opened = first.seconds
        errors += first.errors
        for action in actions(rng):
            if time.monotonic() >= until:
                break
            outcome = client.run(**action)
            settle.append(outcome.seconds)
            errors += outcome.errors
            time.sleep(think * rng.uniform(0.5, 1.5))
        client.close()
    except Exception as err:  # noqa: BLE001 - a dropped connection is an error to count, not a crash of the benchmark
        errors.append(f"session {index}: {type(err).__name__}: {err}")
    with lock:
        results["settle"] += settle
        results["errors"] += errors
        if opened is not None:
            results["open"].append(opened)


def upload(url: str, folder: Path, rows: int, seed_no: int) -> dict:
    """Import a new sheet of `rows` cases with the command line, as a scheduled import would; returns what it took."""
    path = folder / f"upload-{seed_no}.csv"
    demo.generate(seed=seed_no, per_week=max(1, rows // demo.WEEKS)).to_csv(path, index=False)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "data", "import", str(path), "--db", url, "--json"], cwd=ROOT, capture_output=True, text=True
    )
    figures = {"seconds": time.perf_counter() - start, "exit": done.returncode}
    if done.returncode == 0:
        figures["result"] = json.loads(done.stdout.strip().splitlines()[-1])
    else:
        figures["error"] = done.stderr[-500:]
    return figures


def load(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, close_store = open_store(args.store, folder)
        servers: list[AppServer] = []
        try:
            cases = seed(url, args.rows)
            print(
                f"store: {args.store}, {cases:,} cases; {args.processes} app process(es); {args.sessions} sessions for "
                f"{args.seconds:.0f} s, think time {args.think:.1f} s; upload of {args.upload_rows:,} cases",
                flush=True,
            )
            servers = [AppServer({"RETURNS_RADAR_DB": url}) for _ in range(args.processes)]
            for server in servers:  # the first load of the cases, as after a restart: not part of the measurement
                warm = Session(server.url)
                warm.run()
                warm.close()
            # Baseline in the same run: one session alone, the same kind of changes without pauses.
            alone = Session(servers[0].url)
            alone.run()
            steps = actions(random.Random(-1))
            baseline = statistics.median(alone.run(**next(steps)).seconds for _ in range(args.baseline))
            alone.close()
            print(f"one session alone: median {baseline:.2f} s per filter change", flush=True)
            results: dict = {"settle": [], "errors": [], "open": []}
            lock = threading.Lock()
            until = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=session_loop, args=(servers[i % len(servers)].url, i, until, args.think, results, lock))
                for i in range(args.sessions)
            ]
            for thread in threads:
                thread.start()
            time.sleep(min(5.0, args.seconds / 4))
            uploaded = upload(url, folder, args.upload_rows, 1000)
            print(f"upload: {uploaded['seconds']:.1f} s, exit {uploaded['exit']}", flush=True)
            for thread in threads:
                thread.join()
            settle = results["settle"]
            errors = results["errors"] + ([f"upload: {uploaded.get('error', '')}"] if uploaded["exit"] else [])
            figures = {
                "mode": "load",
                "store": args.store,
                "cases": cases,
                "processes": args.processes,
                "sessions": args.sessions,
                "seconds": args.seconds,
                "think_s": args.think,
                "reruns": len(settle),
                "median_s": statistics.median(settle) if settle else None,
                "p95_s": percentile(settle, 0.95),
                "max_s": max(settle) if settle else None,
                "open_median_s": statistics.median(results["open"]) if results["open"] else None,
                "baseline_one_session_median_s": baseline,
                "p95_vs_one_session": percentile(settle, 0.95) / baseline,
                "errors": len(errors),
                "upload_s": uploaded["seconds"],
                "upload_rows": args.upload_rows,
                "server_rss_mb": [round(s.rss_mb(), 1) for s in servers],
                "load_average_1min": os.getloadavg()[0],
            }
            for error in errors[:10]:
                print(f"  error: {error[:300]}")
            print(f"machine load average over the last minute: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(
                f"{len(settle):,} filter changes: median {figures['median_s']:.2f} s, p95 {figures['p95_s']:.2f} s, "
                f"max {figures['max_s']:.2f} s; {len(errors)} errors; first page of a session (median) "
                f"{figures['open_median_s']:.2f} s; p95 {figures['p95_vs_one_session']:.1f}x one session alone; "
                f"goal p95 <= 2 s: {'met' if figures['p95_s'] <= 2 else 'missed'}"
            )
            return figures
        finally:
            for server in servers:
                server.stop()
            close_store()


def soak(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, close_store = open_store(args.store, folder)
        server = None
        try:
            cases = seed(url, args.rows)
            server = AppServer({"RETURNS_RADAR_DB": url})
            client = Session(server.url)
            client.run()
            errors: list[str] = []
            small = [demo.generate(seed=2000 + i % 10, weeks=4, per_week=max(1, args.cycle_rows // 4)) for i in range(10)]
            rss = {"after_first_page": server.rss_mb()}
            start = time.perf_counter()
            with Store(url) as store:
                for cycle in range(1, args.cycles + 1):
                    frame = small[cycle % len(small)]
                    result = store.import_read(SheetRead(frame), file_name=f"cycle-{cycle}.csv", data=f"cycle {cycle}".encode())
                    errors += client.run().errors  # the server loads the new version
                    store.undo(result.import_id)
                    errors += client.run(page=PAGES[cycle % len(PAGES)]).errors
                    if cycle == 1:
                        rss["after_cycle_1"] = server.rss_mb()
                    if cycle % 50 == 0:
                        print(f"cycle {cycle}: server {server.rss_mb():.0f} MB, {time.perf_counter() - start:.0f} s", flush=True)
                left = len(store.load_cases())
            client.close()
            rss["end"] = server.rss_mb()
            figures = {
                "mode": "soak",
                "store": args.store,
                "cases": cases,
                "cases_at_end": left,
                "cycles": args.cycles,
                "cycle_rows": args.cycle_rows,
                "seconds": time.perf_counter() - start,
                "errors": len(errors),
                **{f"rss_{k}_mb": round(v, 1) for k, v in rss.items()},
                "end_vs_first_cycle": rss["end"] / rss["after_cycle_1"],
                "end_vs_first_page": rss["end"] / rss["after_first_page"],
                "load_average_1min": os.getloadavg()[0],
            }
            for error in errors[:10]:
                print(f"  error: {error[:300]}")
            print(
                f"{args.cycles} upload-and-undo cycles of {args.cycle_rows} cases on {cases:,} in {figures['seconds']:.0f} s: server "
                f"{rss['after_first_page']:.0f} MB after the first page, {rss['after_cycle_1']:.0f} MB after cycle 1, "
                f"{rss['end']:.0f} MB at the end ({figures['end_vs_first_cycle'] - 1:+.1%} since cycle 1); {len(errors)} errors; "
                f"cases at the end {left:,} (start {cases:,})"
            )
            return figures
        finally:
            if server is not None:
                server.stop()
            close_store()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the sessions change filters")
    parser.add_argument("--rows", type=int, default=100_000, help="cases in the store")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between one session's changes, in seconds")
    parser.add_argument("--processes", type=int, default=1, help="app processes sharing the sessions")
    parser.add_argument("--upload-rows", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=8, help="filter changes of one session alone, before the load")
    parser.add_argument("--store", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--soak", action="store_true", help="upload-and-undo cycles and the server's memory instead")
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--cycle-rows", type=int, default=500, help="cases in each soak upload")
    args = parser.parse_args()
    figures = soak(args) if args.soak else load(args)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
