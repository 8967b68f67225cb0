"""How fast an orders export is read and stored, against plain pandas in the same run.

    .venv/bin/python benchmarks/orders.py [--lines 1000000]

A TikTok-style CSV export (Order ID, Seller SKU, Quantity, Created Time, Recipient) of N order lines over a
year and 2,000 SKUs is written to a temporary folder. Timed: `read_orders` (baseline: `pandas.read_csv` of the
same file), `Store.import_orders` into a new SQLite store (baseline: pandas `to_sql` of the same lines into one
transaction), a re-import of an overlapping export holding the last tenth of the orders again, and
`Store.load_orders` (units per day and SKU, what the Return rate page loads). The last line printed is one JSON
object with the seconds and the ratios against the baselines.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import timed  # noqa: E402
from data.orders import read_orders  # noqa: E402
from data.store import Store  # noqa: E402


def export(n: int, seed: int = 3) -> pd.DataFrame:
    """N order lines, about 1.5 lines an order, in a TikTok Shop export's columns."""
    rng = np.random.default_rng(seed)
    order = np.sort(rng.integers(0, int(n / 1.5), n))
    when = pd.Timestamp("2025-11-24") + pd.to_timedelta(np.sort(rng.integers(0, 365 * 24 * 60, int(n / 1.5)))[order], unit="min")
    return pd.DataFrame(
        {
            "Order ID": pd.Series(order).map("58{:010d}".format),
            "Seller SKU": pd.Series(rng.integers(1, 2001, n)).map("AP-{:04d}".format),
            "Quantity": rng.integers(1, 4, n),
            "Created Time": when.strftime("%d/%m/%Y %H:%M:%S"),
            "Recipient": "Buyer Name",
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="orders-bench-"))
    frame = export(args.lines)
    path = folder / "orders.csv"
    frame.to_csv(path, index=False)
    tail = folder / "orders-last-tenth.csv"
    # An overlapping export holds whole orders: cut where an order starts, else the re-import replaces the
    # straddling order with only its later lines.
    cut = len(frame) - len(frame) // 10
    cut = int(frame.index[frame["Order ID"] == frame["Order ID"].iloc[cut]][0])
    frame.iloc[cut:].to_csv(tail, index=False)
    print(f"{args.lines:,} order lines, {path.stat().st_size / 1e6:.0f} MB")

    t_csv, _ = timed(lambda: pd.read_csv(path, dtype=str))
    t_read, read = timed(lambda: read_orders(path))
    print(
        f"read:   read_orders {t_read:.2f} s   pandas.read_csv {t_csv:.2f} s   ({len(read.orders):,} lines, {len(read.problems)} problems)"
    )

    store = Store(f"sqlite:///{folder / 'returns.db'}")
    t_import, result = timed(lambda: store.import_orders(read, file_name=path.name, data=path.read_bytes()))
    plain = read.orders.assign(date=read.orders["date"].dt.date)
    with sqlite3.connect(folder / "baseline.db") as conn:
        t_sql, _ = timed(lambda: plain.to_sql("orders", conn, index=False, chunksize=50_000))
    print(f"store:  import_orders {t_import:.2f} s   pandas to_sql {t_sql:.2f} s   ({result.lines:,} lines stored)")
    again = read_orders(tail)
    t_again, second = timed(lambda: store.import_orders(again, file_name=tail.name, data=tail.read_bytes()))
    print(f"        overlapping export of {len(again.orders):,} lines {t_again:.2f} s   ({second.replaced:,} lines replaced)")
    t_load, loaded = timed(store.load_orders)
    print(f"load:   load_orders {t_load:.2f} s   ({len(loaded):,} day × SKU rows, {loaded['units'].sum():,.0f} units)")
    assert loaded["units"].sum() == frame["Quantity"].sum()  # the overlap counted once
    store.close()
    print(
        json.dumps(
            {
                "lines": args.lines,
                "read_orders_s": round(t_read, 3),
                "read_csv_baseline_s": round(t_csv, 3),
                "read_ratio": round(t_read / t_csv, 2),
                "import_orders_s": round(t_import, 3),
                "to_sql_baseline_s": round(t_sql, 3),
                "import_ratio": round(t_import / t_sql, 2),
                "overlapping_import_s": round(t_again, 3),
                "load_orders_s": round(t_load, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
