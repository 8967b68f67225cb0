"""What one rerun of a page costs the server at a million cases, without a browser: its CPU time and what it sends.

Starts `streamlit run app.py` on `--store` (a SQLite file holding cases; never written to), and for each page opens a
browser-less session (benchmarks/st_client.py, the page's own websocket protocol) on it, then changes the sidebar's
Reason filter `--changes` times (each adds a reason), then reruns once with nothing changed. Per rerun it reads the
server process's CPU time (user + system, every thread: /proc, so the rerun's serialising and sending count too), the
wall-clock time to the script's end, and the messages and bytes sent (large elements the client already holds are
sent as references, as to a browser). CPU seconds are steadier than wall-clock ones on a shared machine; the load
average is printed beside them.

Usage: `.venv/bin/python benchmarks/reruns.py --store PATH [--pages money,deadlines] [--changes 3] [--kinds] [--language id]`.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.st_client import Outcome, Session  # noqa: E402
from tests.app_server import AppServer  # noqa: E402

PAGES = ("money", "deadlines", "trends", "return_rate")
REASONS_PICKED = ("Defective", "Wrong item", "Quality", "Damaged item", "Changed mind")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process `pid` so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rerun(server: AppServer, session: Session, **kwargs) -> dict:
    """One rerun's figures: server CPU seconds, wall seconds, messages and bytes sent, bytes by kind."""
    before = cpu_seconds(server.pid)
    outcome: Outcome = session.run(**kwargs)
    if outcome.errors:
        raise RuntimeError(f"the page failed: {outcome.errors}")
    return {
        "cpu_s": cpu_seconds(server.pid) - before,
        "wall_s": outcome.seconds,
        "messages": outcome.messages,
        "bytes": outcome.sent_bytes,
        "kinds": dict(outcome.bytes_by_kind.most_common()),
    }


def measure(server: AppServer, page: str, changes: int, query: str = "") -> dict:
    session = Session(server.url)
    try:
        first = rerun(server, session, page=page, query=query)
        picked: list[str] = []
        changed = []
        for reason in REASONS_PICKED[:changes]:
            picked.append(reason)
            changed.append(rerun(server, session, lists={"reason": list(picked)}))
        same = rerun(server, session, lists={"reason": list(picked)})
    finally:
        session.close()
    return {"first_visit": first, "filter_changes": changed, "same_view": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a SQLite file holding cases (only read)")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated url paths")
    parser.add_argument("--changes", type=int, default=3, choices=range(1, len(REASONS_PICKED) + 1))
    parser.add_argument("--kinds", action="store_true", help="print the bytes sent by element kind")
    parser.add_argument("--language", default="", help="the language the pages are opened in (lang=... in the address), e.g. id")
    args = parser.parse_args()
    load_before = os.getloadavg()
    server = AppServer({"RETURNS_RADAR_DB": f"sqlite:///{args.store.resolve()}"}, timeout=120)
    try:
        warm = Session(server.url)  # loads the store once, so no page's first visit counts the load
        query = f"lang={args.language}" if args.language else ""
        warm.run(query=query)
        warm.close()
        results = {page: measure(server, page, args.changes, query) for page in args.pages.split(",")}
    finally:
        server.stop()
    load_after = os.getloadavg()
    print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores")
    print(f"{'page':<14}{'run':<16}{'cpu s':>8}{'wall s':>8}{'messages':>10}{'kB sent':>10}")
    for page, runs in results.items():
        rows = [("first visit", runs["first_visit"]), *[(f"change {i + 1}", r) for i, r in enumerate(runs["filter_changes"])]]
        rows.append(("same view", runs["same_view"]))
        for name, r in rows:
            print(f"{page:<14}{name:<16}{r['cpu_s']:>8.2f}{r['wall_s']:>8.2f}{r['messages']:>10}{r['bytes'] / 1000:>10.1f}")
            if args.kinds:
                print("    " + ", ".join(f"{k} {v / 1000:.1f} kB" for k, v in r["kinds"].items()))
        runs["median_change_cpu_s"] = statistics.median(r["cpu_s"] for r in runs["filter_changes"])
        print(f"{page:<14}{'median change':<16}{runs['median_change_cpu_s']:>8.2f}")
    print(json.dumps({"load_average": [load_before[0], load_after[0]], "pages": results}))


if __name__ == "__main__":
    main()
