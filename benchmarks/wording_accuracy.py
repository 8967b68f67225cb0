"""How well the wording rules read reasons, request types, statuses and courier-return wordings they were not
written from (not a timed test).

The pools of `benchmarks/wording_pools.py` are split in two by a stable hash; the rules in `data/rules/` were
tuned on the first half only. This prints, for the held-out half and, beside it, the tuning half:
reason wordings tagged right (goal >= 90% held out), request types (>= 95%), statuses (>= 90%) and
courier-return wordings read as courier returns in each of the three columns, with every miss listed.
It also times reading distinct wordings never seen before (each is read once per file; a reading is cached),
against folding the same text alone, the least any rule must do, in the same run.
The last line printed is one JSON object with the figures.

    .venv/bin/python -m benchmarks.wording_accuracy [--quiet] [--distinct N]
"""

from __future__ import annotations

import argparse
import json
import random

from benchmarks.timing import seconds
from benchmarks.wording_pools import COURIER, REASONS, REQUEST_TYPES, STATUSES, halves
from data.rules import classify, fold

GOALS = {"reasons": 0.90, "request_types": 0.95, "statuses": 0.90, "courier": 0.90}
POOLS = {"reasons": REASONS, "request_types": REQUEST_TYPES, "statuses": STATUSES}
UNMATCHED = {"reasons": "Other"}  # what the reader files an unmatched wording under


def score(name: str, pool: dict[str, list[str]]) -> tuple[int, int, list[str]]:
    """(right, total, misses) of one vocabulary on one half: a wording is right when it reads as its tag and
    is not taken for a courier return."""
    right, total, misses = 0, 0, []
    for tag, wordings in pool.items():
        for wording in wordings:
            found = classify(wording, name)
            got = found.value if found else UNMATCHED.get(name)
            courier = bool(found and found.extra == "courier")
            total += 1
            if got == tag and not courier:
                right += 1
            else:
                misses.append(f"{wording!r}: expected {tag}, read {got}{' (courier return)' if courier else ''}")
    return right, total, misses


def courier_score(wordings: list[str]) -> tuple[int, int, list[str]]:
    """(right, total, misses) of courier-return wordings, each read in the reason, request-type and status column."""
    right, total, misses = 0, 0, []
    for wording in wordings:
        for name in POOLS:
            found = classify(wording, name)
            total += 1
            if found and found.extra == "courier":
                right += 1
            else:
                misses.append(f"{wording!r} as {name}: read {found.value if found else None}, not a courier return")
    return right, total, misses


def speed(distinct: int) -> dict[str, float]:
    """Seconds to read `distinct` new reason wordings (two pool wordings and a number joined), and to fold them."""
    pool = [w for words in REASONS.values() for w in words]
    rng = random.Random(7)
    texts = [f"{rng.choice(pool)}, {rng.choice(pool)} {n}" for n in range(distinct)]
    folding = seconds(lambda: [fold(text) for text in texts])
    reading = seconds(lambda: [classify(text, "reasons") for text in texts])
    return {
        "distinct": distinct,
        "read_s": round(reading, 3),
        "fold_s": round(folding, 3),
        "per_wording_us": round(reading / distinct * 1e6, 1),
        "ratio_to_fold": round(reading / folding, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the figures only, not the misses")
    parser.add_argument("--distinct", type=int, default=20_000, help="new wordings read for the timing (0: no timing)")
    args = parser.parse_args()
    figures: dict[str, dict[str, float | int]] = {}
    for half, label in ((1, "held_out"), (0, "tuning")):
        results = {name: score(name, halves(pool)[half]) for name, pool in POOLS.items()}
        results["courier"] = courier_score(halves(COURIER)[half])
        for name, (right, total, misses) in results.items():
            share = right / total if total else 0.0
            figures.setdefault(name, {})[label] = round(share, 4)
            figures[name][f"{label}_n"] = total
            goal = f" (goal {GOALS[name]:.0%})" if label == "held_out" else ""
            print(f"{label:9} {name:14} {right:4}/{total:<4} {share:6.1%}{goal}")
            if not args.quiet:
                for miss in misses:
                    print(f"          miss: {miss}")
    if args.distinct:
        figures["speed"] = speed(args.distinct)
        timing = figures["speed"]
        print(
            f"speed     {timing['distinct']} new reason wordings read in {timing['read_s']} s "
            f"({timing['per_wording_us']} µs each, {timing['ratio_to_fold']}x folding them alone)"
        )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
