"""Every analysis function on 1,000,000 cases: seconds each, against a plain group-by measured in the same run.

The cases are the seeded demo shop scaled to a million requests over a year, its 200 products spread
over 5,000 SKUs (variants), in the canonical dtypes (`conform`). The orders sheet has one row per SKU
and day. Each function runs 3 times in this process; the median is reported. The baseline is
`cases.groupby([week, "reason"]).size()`, the simplest weekly chart. Goal: every function under 1 s.

Run: `.venv/bin/python benchmarks/analysis_speed.py` (about 2 minutes, most of it making the data).
Last line: one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import comments, fixes, money, proof, recurring, return_rate, sla, spikes, weekly  # noqa: E402
from analysis.common import week_start  # noqa: E402
from benchmarks.timing import median_seconds  # noqa: E402
from data.clock import Clock  # noqa: E402
from data.demo import generate  # noqa: E402
from data.schema import conform  # noqa: E402

N = 1_000_000
REPEATS = 3


def make_cases() -> pd.DataFrame:
    cases = generate(per_week=N // 52 + 1).iloc[:N]
    rng = np.random.default_rng(7)
    variant = pd.Series(rng.integers(0, 25, len(cases))).map(lambda v: f"-{v:02d}")
    cases = cases.assign(sku=cases["sku"].astype(str).to_numpy() + variant.to_numpy())
    return conform(cases)


def make_orders(cases: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(8)
    skus = cases["sku"].unique()
    days = pd.date_range(cases["request_date"].min().normalize(), cases["request_date"].max().normalize(), freq="D")
    picks = rng.integers(0, len(skus), N)
    return pd.DataFrame(
        {"date": days[rng.integers(0, len(days), N)], "sku": pd.array(skus[picks], dtype="string"), "units": rng.integers(1, 30, N)}
    )


def main() -> None:
    t = time.perf_counter()
    cases = make_cases()
    orders = make_orders(cases)
    print(f"made {len(cases):,} cases ({cases['sku'].nunique():,} SKUs) and {len(orders):,} order rows in {time.perf_counter() - t:.1f} s")
    as_of = cases["request_date"].max()
    clock = Clock(holidays=("2026-08-17", "2026-12-25"))
    rule = money.currency_rule(cases)
    fix = fixes.Fix("HM-0042-03", "Damaged packaging", "2026-09-07", "new packaging")
    work = {
        "sla.working_days": lambda: sla.working_days(cases["request_date"], cases["response_date"], clock=clock),
        "sla.share_answered_within": lambda: sla.share_answered_within(cases, clock=clock),
        "sla.on_time_by week": lambda: sla.on_time_by(cases, "week"),
        "sla.on_time_by handled_by": lambda: sla.on_time_by(cases, "handled_by"),
        "sla.response_time": lambda: sla.response_time(cases),
        "sla.due_at": lambda: sla.due_at(cases["request_date"], clock=clock),
        "sla.open_cases": lambda: sla.open_cases(cases, as_of=as_of),
        "sla.due_within": lambda: sla.due_within(cases, as_of=as_of),
        "sla.response_coverage": lambda: sla.response_coverage(cases, clock=clock),
        "sla.awaiting_receipt": lambda: sla.awaiting_receipt(cases),
        "weekly.weekly_counts": lambda: weekly.weekly_counts(cases),
        "weekly.weekly_counts reason": lambda: weekly.weekly_counts(cases, ["reason"]),
        "weekly.weekly_counts sku": lambda: weekly.weekly_counts(cases, ["sku"]),
        "weekly.weekly_counts handled_by resolved": lambda: weekly.weekly_counts(cases, ["handled_by"], basis="resolved"),
        "spikes.weekly_grid reason": lambda: spikes.weekly_grid(cases, "reason"),
        "recurring.recurring_causes sku×reason": lambda: recurring.recurring_causes(cases),
        "recurring.recurring_causes sku×request_type": lambda: recurring.recurring_causes(cases, by=("sku", "request_type")),
        "recurring.recurring_causes handled_by×reason": lambda: recurring.recurring_causes(cases, by=("handled_by", "reason")),
        "recurring.recurring_causes channel×reason": lambda: recurring.recurring_causes(cases, by=("channel", "reason")),
        "recurring.binomial_naive": lambda: recurring.binomial_naive(cases),
        "spikes.spike_table reason": lambda: spikes.spike_table(cases),
        "spikes.spikes reason": lambda: spikes.spikes(cases, week="2026-10-12"),
        "spikes.spikes request_type": lambda: spikes.spikes(cases, "request_type", week="2026-10-12"),
        "money.refunds_by reason": lambda: money.refunds_by(cases, "reason"),
        "money.refunds_by sku": lambda: money.refunds_by(cases, "sku"),
        "money.refunds_by week": lambda: money.refunds_by(cases, "week"),
        "money.money_summary": lambda: money.money_summary(cases, rule),
        "money.refund_figure": lambda: money.refund_figure(cases, rule),
        "proof.proof_share request_type": lambda: proof.proof_share(cases),
        "proof.proof_share reason": lambda: proof.proof_share(cases, "reason"),
        "proof.refunds_without_proof": lambda: proof.refunds_without_proof(cases),
        "return_rate.return_rates": lambda: return_rate.return_rates(cases, orders),
        "return_rate.return_rates weekly": lambda: return_rate.return_rates(cases, orders, weekly=True),
        "return_rate.return_rates counts": lambda: return_rate.return_rates(cases),
        "comments.frequent_terms": lambda: comments.frequent_terms(cases),
        "fixes.evaluate_fix": lambda: fixes.evaluate_fix(cases, fix),
        "fixes.evaluate_fix orders": lambda: fixes.evaluate_fix(cases, fix, orders=orders),
    }
    baseline = median_seconds(lambda: cases.groupby([week_start(cases["request_date"]), "reason"], observed=True).size(), REPEATS)
    print(f"{'baseline groupby(week, reason).size()':50s} {baseline:7.3f} s")
    seconds = {}
    for name, fn in work.items():
        seconds[name] = median_seconds(fn, REPEATS)
        flag = "" if seconds[name] < 1 else "  <-- over 1 s"
        print(f"{name:50s} {seconds[name]:7.3f} s  {seconds[name] / baseline:6.1f}× baseline{flag}")
    slowest = max(seconds, key=seconds.get)
    print(
        json.dumps(
            {
                "cases": len(cases),
                "repeats": REPEATS,
                "baseline_seconds": round(baseline, 4),
                "seconds": {k: round(v, 4) for k, v in seconds.items()},
                "ratio_to_baseline": {k: round(v / baseline, 2) for k, v in seconds.items()},
                "slowest": slowest,
                "max_seconds": round(seconds[slowest], 4),
                "all_under_1s": all(v < 1 for v in seconds.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
