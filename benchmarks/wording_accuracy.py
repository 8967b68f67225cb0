"""How well the wording rules read reasons, request types, statuses and courier-return wordings they were not
written from (not a timed test).

The pools of `benchmarks/wording_pools.py` are split in two by a stable hash; the rules in `data/rules/` were
tuned on the first half only. This prints, for the held-out half and, beside it, the tuning half:
reason wordings tagged right (goal >= 90% held out), request types (>= 95%), statuses (>= 90%) and
courier-return wordings read as courier returns in each of the three columns, with every miss listed.
The last line printed is one JSON object with the figures.

    .venv/bin/python -m benchmarks.wording_accuracy [--quiet]
"""

from __future__ import annotations

import argparse
import json

from benchmarks.wording_pools import COURIER, REASONS, REQUEST_TYPES, STATUSES, halves
from data.rules import classify

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the figures only, not the misses")
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
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
