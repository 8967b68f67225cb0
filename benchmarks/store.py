"""How fast the store takes in and hands back a million cases, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/store.py [--cases 1000000] [--skip-postgres]

Each step runs in a fresh process that reports its own seconds and peak memory (ru_maxrss), so
steps never share caches or memory. Steps: the store's import of N new cases, the dashboard's
load of them, a weekly import of N/10 cases (half of them updates) into the full store, and the
same load again; a baseline in the same run: pandas `to_sql` into one transaction and `read_sql`
of the table back. The PostgreSQL server is a throwaway one (fsync on) in a temporary folder.
The last line printed is one JSON object with every figure and the ratios against the baseline.
Goal (issue 4) for 1,000,000 cases on SQLite: import <= 30 s, load <= 3 s, peak memory <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data.demo import CHANNELS, COMMENTS, HANDLERS, REASON_TEXT, TYPE_WEIGHTS  # noqa: E402
from data.schema import conform  # noqa: E402


def generate(n: int, start_id: int = 0, seed: int = 7) -> pd.DataFrame:
    """N canonical cases drawn in vectorised steps (data.demo.generate is built for a year of one shop, ~15 s per million)."""
    rng = np.random.default_rng(seed + start_id)
    ids = np.arange(start_id, start_id + n)
    reasons = np.array(list(REASON_TEXT))
    reason = rng.integers(0, len(reasons), n)
    variant = rng.integers(0, 3, n)
    raw = np.array([[REASON_TEXT[r][k] for k in range(3)] for r in reasons], dtype=object)
    comment = np.array([[COMMENTS[r][k] for k in range(3)] for r in reasons], dtype=object)
    sku = rng.integers(1, 2001, n)
    request = pd.Timestamp("2025-11-24") + pd.to_timedelta(rng.integers(0, 365 * 24 * 60, n), unit="min")
    respond = rng.random(n) < 0.9
    frame = pd.DataFrame(
        {
            "case_id": pd.Series(ids).map("RR{:08d}".format),
            "order_id": pd.Series(rng.integers(10**13, 10**14, n)).map("58{}".format),
            "sku": pd.Series(sku).map("AP-{:04d}".format),
            "product_name": pd.Series(sku).map("Apparel item {:04d}".format),
            "request_type": rng.choice(list(TYPE_WEIGHTS), n, p=list(TYPE_WEIGHTS.values())),
            "reason": reasons[reason],
            "reason_raw": raw[reason, variant],
            "comment": comment[reason, variant],
            "request_date": request,
            "response_date": np.where(respond, request + pd.to_timedelta(rng.integers(30, 3000, n), unit="min"), pd.NaT),
            "status": rng.choice(["requested", "approved", "refunded", "rejected"], n),
            "quantity": rng.integers(1, 4, n),
            "refund_amount": rng.integers(29, 1500, n) * 1000.0,
            "currency": "IDR",
            "proof_provided": rng.random(n) < 0.5,
            "courier_return": False,
            "channel": rng.choice(CHANNELS, n),
            "handled_by": rng.choice(HANDLERS, n),
            "source_file": "benchmark.xlsx",
            "source_sheet": "Returns",
            "source_row": ids - start_id + 2,
        }
    )
    return conform(frame)


# -- steps, each run in its own process ----------------------------------------------------------


def step(name: str, url: str, data: Path) -> dict:
    import sqlalchemy as sa

    from data.reader import SheetRead
    from data.store import Store

    started = time.perf_counter()
    detail: dict = {}
    if name in ("import", "weekly_import"):
        frame = pd.read_parquet(data)
        started = time.perf_counter()  # the sheet is already read: time the store alone
        with Store(url) as store:
            result = store.import_read(SheetRead(frame), file_name=data.name, data=data.read_bytes())
        detail = {"new": result.new, "updated": result.updated, "unchanged": result.unchanged}
    elif name == "load":
        with Store(url) as store:
            detail = {"rows": len(store.load_cases())}
    elif name == "baseline_to_sql":
        frame = pd.read_parquet(data)
        started = time.perf_counter()
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            frame.to_sql("baseline_cases", conn, index=False, chunksize=50_000)
        engine.dispose()
    elif name == "baseline_read_sql":
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as conn:
            detail = {"rows": len(pd.read_sql(sa.text("SELECT * FROM baseline_cases"), conn))}
        engine.dispose()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), **detail}


def run_step(name: str, url: str, data: Path, label: str | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, "--db", url, "--data", str(data)], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode:
        raise SystemExit(f"step {name} on {url} failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"  {label or name:<20} {figures['seconds']:>7.2f} s  {figures['peak_mb']:>6} MB  "
        + " ".join(f"{k}={v:,}" for k, v in figures.items() if k not in ("seconds", "peak_mb")),
        flush=True,
    )
    return figures


def measure(url: str, full: Path, week: Path) -> dict:
    out = {name: run_step(name, url, data) for name, data in (("import", full), ("load", full), ("weekly_import", week))}
    out["load_after_weekly"] = run_step("load", url, full, "load_after_weekly")
    out["baseline_to_sql"] = run_step("baseline_to_sql", url, full)
    out["baseline_read_sql"] = run_step("baseline_read_sql", url, full)
    out["import_vs_to_sql"] = round(out["import"]["seconds"] / out["baseline_to_sql"]["seconds"], 2)
    out["load_vs_read_sql"] = round(out["load"]["seconds"] / out["baseline_read_sql"]["seconds"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--step")
    parser.add_argument("--db")
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.db, args.data)))
        return

    folder = Path(tempfile.mkdtemp(prefix="rr-bench-"))
    full, week = folder / "cases.parquet", folder / "week.parquet"
    started = time.perf_counter()
    generate(args.cases).to_parquet(full)
    weekly = args.cases // 10  # half of them cases already stored, with a new status
    updates = generate(weekly // 2, start_id=args.cases - weekly // 2).assign(status="refunded")
    pd.concat([updates, generate(weekly - weekly // 2, start_id=args.cases)], ignore_index=True).to_parquet(week)
    print(f"{args.cases:,} cases generated in {time.perf_counter() - started:.1f} s", flush=True)

    report: dict = {"cases": args.cases, "weekly_cases": weekly}
    try:
        print("SQLite", flush=True)
        report["sqlite"] = measure(f"sqlite:///{folder / 'returns.db'}", full, week)
        if not args.skip_postgres:
            from tests.pg_server import PostgresServer

            server = PostgresServer(durable=True)
            try:
                print("PostgreSQL", flush=True)
                report["postgres"] = measure(server.new_database(), full, week)
            finally:
                server.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sqlite = report["sqlite"]
    report["goal_met_sqlite"] = (
        sqlite["import"]["seconds"] <= 30
        and sqlite["load"]["seconds"] <= 3
        and max(sqlite[k]["peak_mb"] for k in ("import", "load", "weekly_import", "load_after_weekly")) <= 1536
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
