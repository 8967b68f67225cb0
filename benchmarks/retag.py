"""How long tagging a wording filed under Other takes on a large store, and its undo, on SQLite.

    .venv/bin/python benchmarks/retag.py [--cases 1000000] [--share 0.05]

A store of N cases (the vectorised generator of `benchmarks/store.py`) where a share of them holds a reason no rule
knows, filed under Other. Timed: `Store.retag` of that wording (the cases change as one data version) and `undo` of
it; the baseline in the same run is the import of the very same changed cases as a weekly file of updates
(`Store.import_read`), which does the same writes through the import path. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.store import generate  # noqa: E402
from benchmarks.timing import timed  # noqa: E402
from data.reader import SheetRead  # noqa: E402
from data.store import Store  # noqa: E402

WORDING = "Kode Q7"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--share", type=float, default=0.05, help="share of the cases holding the wording")
    args = parser.parse_args()
    cases = generate(args.cases)
    held = np.random.default_rng(3).random(len(cases)) < args.share
    cases.loc[held, "reason"] = "Other"
    cases.loc[held, "reason_raw"] = WORDING
    figures: dict[str, float | int] = {"cases": len(cases), "tagged": int(held.sum())}
    with tempfile.TemporaryDirectory() as folder:
        with Store(f"sqlite:///{Path(folder) / 'retag.db'}") as store:
            figures["import_s"] = round(timed(lambda: store.import_read(SheetRead(cases), file_name="all.xlsx", data=b"all"))[0], 2)
            seconds, done = timed(lambda: store.retag(WORDING, "Quality"))
            figures["retag_s"], figures["retag_cases"] = round(seconds, 2), done.cases
            figures["undo_s"] = round(timed(lambda: store.undo(done.import_id))[0], 2)
            updates = cases[held].copy()
            updates["reason"] = "Quality"
            figures["baseline_import_of_the_same_updates_s"] = round(
                timed(lambda: store.import_read(SheetRead(updates), file_name="updates.xlsx", data=b"updates"))[0], 2
            )
    figures["retag_vs_baseline"] = round(figures["retag_s"] / figures["baseline_import_of_the_same_updates_s"], 2)
    print(
        f"{figures['cases']:,} cases, {figures['tagged']:,} holding {WORDING!r}: retag {figures['retag_s']} s "
        f"({figures['retag_vs_baseline']}x the import of the same updates, {figures['baseline_import_of_the_same_updates_s']} s), "
        f"undo {figures['undo_s']} s"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
