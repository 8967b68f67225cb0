"""How well `recurring_causes` finds planted recurring causes, against a naive baseline, over 20 seeded shops.

Each shop: 200 SKUs with Pareto popularity, a year of weekly volumes (seasonal, noisy), each SKU's own
reason mix drawn around the shop mix (Dirichlet with concentration 1000: a reason's share differs by
about 8-13% between SKUs by nature), one shop-wide week
of courier trouble, and 12 planted causes: a SKU whose share of one reason is multiplied by 1.5 to 6,
either all year or from 2 to 10 weeks before the end. A discovery is false when the pair was not planted.

Strong causes are the planted ones with at least 10 cases and at least 3 times the shop-wide share in
their weeks; the rest are weak. Goals: recall >= 0.9 on strong, false-discovery rate <= 0.1, and more
weak causes found than the baseline (one binomial test per pair over the last 8 weeks, Benjamini-Hochberg).
FDR is the mean over shops of false discoveries / discoveries (0 for a shop with none); recall pools the
planted causes of all shops.

Run: `.venv/bin/python benchmarks/recurring_quality.py` (a few seconds). Last line: one JSON object.
`--seeds 100:140` runs other shops (held out: the method was tuned on the default 20).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.recurring import binomial_naive, recurring_causes  # noqa: E402
from data.demo import REASON_WEIGHTS  # noqa: E402

SEEDS = range(20)
N_SKUS, WEEKS, PLANTS = 200, 52, 12
END = pd.Timestamp("2026-11-22")  # a Sunday
REASONS = np.array(list(REASON_WEIGHTS))
BASE = np.array(list(REASON_WEIGHTS.values()))
STRENGTHS = (1.5, 2.0, 3.0, 4.0, 6.0)


def make_shop(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A year of cases (sku, reason, request_date) and the planted causes with their observed strength."""
    rng = np.random.default_rng(seed)
    popularity = rng.pareto(1.6, N_SKUS) + 0.2
    popularity /= popularity.sum()
    mixes = rng.dirichlet(1000 * BASE, size=N_SKUS)  # SKUs differ a little by nature
    season = 1 + 0.25 * np.sin(np.arange(WEEKS) / 8.0 + rng.uniform(0, 6))
    volumes = rng.poisson(rng.integers(150, 300) * season * rng.gamma(20, 1 / 20, WEEKS))
    week = np.repeat(np.arange(WEEKS), volumes)  # 0 = first week, WEEKS - 1 = the last
    n = len(week)
    sku = rng.choice(N_SKUS, size=n, p=popularity)
    probs = mixes[sku].copy()
    trouble = rng.integers(0, WEEKS)  # one week of courier trouble, shop-wide
    late = list(REASONS).index("Late or not delivered")
    probs[week == trouble, late] *= 3

    planted = []
    chosen = rng.choice(N_SKUS, size=PLANTS, replace=False, p=popularity)
    for s in chosen:
        r = int(rng.integers(len(REASONS)))
        strength = float(rng.choice(STRENGTHS))
        start = 0 if rng.random() < 0.4 else WEEKS - int(rng.integers(2, 11))
        rows = (sku == s) & (week >= start)
        target = min(0.85, strength * BASE[r])
        others = np.delete(np.arange(len(REASONS)), r)
        rest = probs[rows][:, others]
        probs[np.ix_(rows, others)] = rest / rest.sum(axis=1, keepdims=True) * (1 - target)
        probs[rows, r] = target
        planted.append((s, r, start, strength))
    probs /= probs.sum(axis=1, keepdims=True)
    reason = (rng.random(n)[:, None] > probs.cumsum(axis=1)).sum(axis=1).clip(0, len(REASONS) - 1)

    first_monday = END - pd.Timedelta(days=7 * WEEKS - 1)
    offsets = week * 7 * 86400 + rng.integers(0, 7 * 86400, n)
    cases = pd.DataFrame(
        {
            "sku": pd.array([f"SK-{i:04d}" for i in sku], dtype="string"),
            "reason": pd.Categorical.from_codes(reason, categories=list(REASONS)),
            "request_date": first_monday + pd.to_timedelta(offsets, unit="s"),
        }
    )
    truth = []
    for s, r, start, strength in planted:
        in_weeks = week >= start
        count = int(((sku == s) & (reason == r) & in_weeks).sum())
        volume = int(((sku == s) & in_weeks).sum())
        shop = float((reason[in_weeks & (sku != s)] == r).mean())
        truth.append(
            {
                "sku": f"SK-{s:04d}",
                "reason": REASONS[r],
                "count": count,
                "ratio": (count / volume / shop) if volume and shop else 0.0,
                "weeks": WEEKS - start,
                "strength": strength,
            }
        )
    truth = pd.DataFrame(truth).drop_duplicates(["sku", "reason"])
    truth["strong"] = (truth["count"] >= 10) & (truth["ratio"] >= 3)
    return cases, truth


def score(found: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float]:
    keys = set(zip(found["sku"].astype(str), found["reason"].astype(str), strict=True))
    hit = np.array([(s, r) in keys for s, r in zip(truth["sku"], truth["reason"], strict=True)])
    truth["hit"] = hit
    planted = set(zip(truth["sku"], truth["reason"], strict=True))
    false = len(keys - planted)
    return {
        "found": len(keys),
        "false": false,
        "strong": int(truth["strong"].sum()),
        "strong_hit": int(hit[truth["strong"]].sum()),
        "weak": int((~truth["strong"]).sum()),
        "weak_hit": int(hit[~truth["strong"]].sum()),
        "fdp": false / len(keys) if keys else 0.0,
    }


def summarise(rows: list[dict]) -> dict[str, float]:
    total = {k: sum(r[k] for r in rows) for k in ("found", "false", "strong", "strong_hit", "weak", "weak_hit")}
    return {
        "recall_strong": round(total["strong_hit"] / max(total["strong"], 1), 3),
        "recall_weak": round(total["weak_hit"] / max(total["weak"], 1), 3),
        "weak_found": total["weak_hit"],
        "fdr": round(float(np.mean([r["fdp"] for r in rows])), 3),  # mean false-discovery proportion per shop
        "fdr_pooled": round(total["false"] / max(total["found"], 1), 3),
        "discoveries": total["found"],
    }


def main(seeds: range = SEEDS) -> None:
    method, naive, hits = [], [], []
    seconds = {"method": 0.0, "naive": 0.0}
    strong = weak = 0
    for seed in seeds:
        cases, truth = make_shop(seed)
        strong += int(truth["strong"].sum())
        weak += int((~truth["strong"]).sum())
        t = time.perf_counter()
        method.append(score(recurring_causes(cases), truth))
        seconds["method"] += time.perf_counter() - t
        by_method = truth.assign(method=truth["hit"])
        t = time.perf_counter()
        naive.append(score(binomial_naive(cases), truth))
        seconds["naive"] += time.perf_counter() - t
        hits.append(by_method.assign(naive=truth["hit"]))
        print(
            f"seed {seed:2d}: {len(cases):6d} cases, planted {len(truth)} ({int(truth['strong'].sum())} strong); "
            f"method found {method[-1]['found']} ({method[-1]['false']} false), naive {naive[-1]['found']} ({naive[-1]['false']} false)"
        )
    m, b = summarise(method), summarise(naive)
    found = pd.concat(hits, ignore_index=True)
    found["kind"] = np.where(found["weeks"] == WEEKS, "all year", "recent")
    print("planted causes found, by planted strength and duration (method / naive / planted):")
    table = found.groupby(["kind", "strength"]).agg(method=("method", "sum"), naive=("naive", "sum"), planted=("hit", "size"))
    print(table.to_string())
    print(f"planted causes: {strong} strong, {weak} weak over {len(seeds)} shops")
    for name, s in (("recurring_causes", m), ("naive baseline", b)):
        print(
            f"{name:17s} recall strong {s['recall_strong']:.3f}  recall weak {s['recall_weak']:.3f}  "
            f"FDR {s['fdr']:.3f} (pooled {s['fdr_pooled']:.3f})  discoveries {s['discoveries']}"
        )
    goals = {
        "recall_strong>=0.9": m["recall_strong"] >= 0.9,
        "fdr<=0.1": m["fdr"] <= 0.1,
        "more_weak_than_naive": m["weak_found"] > b["weak_found"],
    }
    print(
        json.dumps(
            {
                "seeds": len(seeds),
                "method": m,
                "naive": b,
                "goals_met": goals,
                "seconds": {k: round(v, 2) for k, v in seconds.items()},
                "weak_found_ratio": round(m["weak_found"] / max(b["weak_found"], 1), 2),
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        first, last = map(int, sys.argv[2].split(":"))
        main(range(first, last))
    else:
        main()
