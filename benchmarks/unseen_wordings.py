"""Sheets nobody wrote a rule for: how often the reader maps their headers and tags their wordings right
(not a timed test).

Generates sheets from pools of header paraphrases (`benchmarks/header_pools.py`) and of reason, request-type
and status wordings (`benchmarks/wording_pools.py`), in English, Indonesian and Vietnamese, every pool split in
two halves before any rule was written: the rules were tuned on the first half only. Layouts vary: title rows
above the header, a description row under it, .xlsx (openpyxl) or CSV with `;` or `,`. Each sheet is read
twice: as a new user would (no mapping) for the header figures and the refusals, and with its true mapping for
the wording figures (so a header miss does not count as a wording miss).

Prints, for the held-out half and beside it the tuning half: headers mapped right (goal >= 95% held out),
reason wordings tagged right (>= 90%), request types (>= 95%), statuses (>= 90%) and sheets refused (goal 0).
Decoy headers (shipping, payment, weight...) count as right when ignored.
The last line printed is one JSON object with the figures.

    .venv/bin/python -m benchmarks.unseen_wordings [--sheets N] [--rows N] [--seed N] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from benchmarks.header_pools import header_halves
from benchmarks.wording_pools import REASONS, REQUEST_TYPES, STATUSES, halves
from data.errors import ReadError
from data.reader import read_sheet
from data.rules import key

GOALS = {"headers": 0.95, "reasons": 0.90, "request_types": 0.95, "statuses": 0.90, "refused": 0}
WORDING_COLUMNS = {"reason_raw": ("reasons", REASONS), "request_type": ("request_types", REQUEST_TYPES), "status": ("statuses", STATUSES)}
OPTIONAL = (
    "case_id",
    "order_id",
    "product_name",
    "request_type",
    "reason_raw",
    "comment",
    "response_date",
    "resolved_date",
    "status",
    "quantity",
    "refund_amount",
    "currency",
    "proof_provided",
    "channel",
    "handled_by",
    "_buyer_id",
    "_personal",
)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%b-%Y", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M")
PRODUCTS = (
    "Kaos Polos Hitam",
    "Áo thun cotton",
    "Cotton crew tee",
    "Celana Jeans Slim",
    "Tai nghe bluetooth",
    "Wireless earbuds",
    "Sepatu lari",
    "Giày thể thao",
    "Phone case",
    "Power bank 10000mAh",
)
COMMENTS = (
    "please process quickly",
    "Barang datang kemarin sore",
    "Tôi muốn đổi sang size khác",
    "see photos attached",
    "kurir bilang sudah diantar",
    "Shop phản hồi chậm",
    "Bought as a gift",
    "Mohon dicek lagi",
)
TITLES = ("Returns report", "Laporan Retur Toko", "Báo cáo đơn hoàn", "Export date: 2026-05-31", "Shop: Toko Maju Jaya")
TRUTH_TO_DESCRIPTION = "what this column holds"


@dataclass
class Tally:
    headers: Counter = field(default_factory=Counter)  # right, total
    wordings: dict[str, Counter] = field(default_factory=lambda: {n: Counter() for n, _ in WORDING_COLUMNS.values()})
    refused: int = 0
    sheets: int = 0
    seen: set = field(default_factory=set)  # distinct header wordings used
    misses: list[str] = field(default_factory=list)


def _cycle(rng: random.Random, pool: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = [(tag, wording) for tag, wordings in pool.items() for wording in wordings]
    rng.shuffle(pairs)
    return pairs


def _value(column: str, rng: random.Random, fmt: str, day: int, currency: str) -> str:
    when = dt.datetime(2026, 5, 1 + day % 28) + dt.timedelta(hours=rng.randint(8, 20), minutes=rng.randint(0, 59))
    if column == "request_date":
        return when.strftime(fmt)
    if column in ("response_date", "resolved_date"):
        return (when + dt.timedelta(days=1 if column == "response_date" else 4)).strftime(fmt)
    if column == "sku":
        return f"{rng.choice(['KAOS', 'AO', 'TEE', 'JNS', 'EAR'])}-{rng.choice('SMLX')}{rng.randint(1, 99):02d}"
    if column == "case_id":
        return f"RT{rng.randint(10**8, 10**9)}"
    if column == "order_id":
        return str(rng.randint(10**11, 10**12))
    if column == "product_name":
        return rng.choice(PRODUCTS)
    if column == "comment":
        return rng.choice(COMMENTS)
    if column == "quantity":
        return str(rng.randint(1, 3))
    if column == "refund_amount":
        if currency == "USD":
            return f"{rng.randint(5, 90)}.{rng.randint(0, 99):02d}"
        return f"{rng.randint(20, 900)}.{rng.choice(['000', '500'])}"
    if column == "currency":
        return currency
    if column == "proof_provided":
        return rng.choice(["Yes", "No", "Ya", "Tidak", "Có", "Không"])
    if column == "channel":
        return rng.choice(["Shopee", "Tokopedia", "TikTok Shop", "Lazada"])
    if column == "handled_by":
        return rng.choice(["Dewi", "Minh", "Anna", "Budi"])
    if column == "_buyer_id":
        return f"user{rng.randint(1000, 9999)}"
    if column == "":
        return rng.choice(["JNE", "J&T Express", "1,250", "SPX-99812", "2026-04-28", "Gudang A", "COD", "0"])
    return rng.choice(["Nguyễn Văn An", "Siti Aminah", "John Carter", "0812-3456-789", "Jl. Melati 5, Bandung"])


def make_sheet(
    rng: random.Random, headers: dict[str, list[str]], queues: dict[str, list[tuple[str, str]]], rows: int
) -> tuple[list[str], list[str], list[list[str]], dict[str, list[str]]]:
    """(headers, true columns, data rows, true tag per row for each wording column) of one generated sheet."""
    columns = ["sku", "request_date"] + [c for c in OPTIONAL if rng.random() < 0.55] + [""] * rng.randint(0, 2)
    rng.shuffle(columns)
    names, used = [], set()
    for column in columns:  # every header wording of the half in turn
        queue = headers[column]
        name = next(h for h in queue if key(h) not in used)
        queue.remove(name)
        queue.append(name)
        used.add(key(name))
        names.append(name)
    fmt, currency = rng.choice(DATE_FORMATS), rng.choice(["IDR", "VND", "USD"])
    data, tags = [], {c: [] for c in WORDING_COLUMNS if c in columns}
    for r in range(rows):
        line = []
        for column in columns:
            if column in WORDING_COLUMNS:
                queue = queues[column]  # every wording of the half in turn
                tag, wording = queue[0]
                queue.append(queue.pop(0))
                tags[column].append(tag)
                line.append(wording)
            else:
                line.append(_value(column, rng, fmt, r, currency))
        data.append(line)
    return names, columns, data, tags


def write(path: Path, rng: random.Random, names: list[str], data: list[list[str]]) -> Path:
    """The sheet under 0-2 title rows, with a description row under the header one time in three."""
    top = [[rng.choice(TITLES)] + [""] * (len(names) - 1) for _ in range(rng.randint(0, 2))]
    if top:
        top.append([""] * len(names))
    described = [[TRUTH_TO_DESCRIPTION if i == 0 else "" for i in range(len(names))]] if rng.random() < 0.33 else []
    lines = top + [names] + described + data
    kind = rng.choice(["xlsx", "csv;", "csv,"])
    if kind == "xlsx":
        path = path.with_suffix(".xlsx")
        book = openpyxl.Workbook()
        for line in lines:
            book.active.append(line)
        book.save(path)
    else:
        path = path.with_suffix(".csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=kind[-1]).writerows(lines)
    return path


def run_half(half: int, sheets: int, rows: int, seed: int, folder: Path) -> Tally:
    """Generate and read `sheets` sheets from one half (0 = tuning, 1 = held out) of every pool."""
    rng = random.Random(seed * 7919 + half)
    headers = {column: rng.sample(pool, len(pool)) for column, pool in header_halves()[half].items()}
    queues = {c: _cycle(rng, halves(pool)[half]) for c, (_, pool) in WORDING_COLUMNS.items()}
    tally = Tally()
    for n in range(sheets):
        names, truth, data, tags = make_sheet(rng, headers, queues, rows)
        path = write(folder / f"half{half}_{n}", rng, names, data)
        tally.sheets += 1
        try:
            read = read_sheet(path)
            got = dict(zip(read.sheets[0].columns.raw, read.sheets[0].columns.column, strict=True))
        except ReadError as error:
            tally.refused += 1
            tally.misses.append(f"refused {path.name}: {names} ({str(error)[:160]})")
            got = (
                dict(zip(error.sheets[0].columns.raw, error.sheets[0].columns.column, strict=True))
                if error.sheets and len(error.sheets[0].columns)
                else {}
            )
        for name, column in zip(names, truth, strict=True):
            tally.seen.add(name)
            tally.headers["total"] += 1
            if (got.get(name) or "") == column:
                tally.headers["right"] += 1
            else:
                tally.misses.append(f"header {name!r}: expected {column}, read {got.get(name) or 'nothing'}")
        _wordings(tally, path, names, truth, data, tags)
    return tally


def _wordings(tally: Tally, path: Path, names: list[str], truth: list[str], data: list[list[str]], tags: dict[str, list[str]]) -> None:
    """Read the sheet with its true mapping and count each wording column's rows read as their tag."""
    if not tags:
        return
    cases = read_sheet(path, mapping=dict(zip(names, truth, strict=True))).cases.sort_values("source_row")
    read_as = {"reason_raw": "reason", "request_type": "request_type", "status": "status"}
    for column, expected in tags.items():
        vocabulary = WORDING_COLUMNS[column][0]
        position = truth.index(column)
        got = cases[read_as[column]].astype(object).tolist()
        for row, (tag, value) in enumerate(zip(expected, got, strict=True)):
            tally.wordings[vocabulary]["total"] += 1
            if tag == value:
                tally.wordings[vocabulary]["right"] += 1
            else:
                tally.misses.append(f"{vocabulary} {data[row][position]!r}: expected {tag}, read {value}")


def share(counter: Counter) -> float | None:
    return round(counter["right"] / counter["total"], 3) if counter["total"] else None


def figures(tally: Tally) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {"headers": share(tally.headers)}
    out.update({name: share(c) for name, c in tally.wordings.items()})
    out["refused"] = tally.refused
    out["sheets"] = tally.sheets
    out["header_wordings"] = len(tally.seen)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=120, help="sheets per half")
    parser.add_argument("--rows", type=int, default=12, help="rows per sheet")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", action="store_true", help="list every miss (tuning half only: never tune on held out)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tune = run_half(0, args.sheets, args.rows, args.seed, Path(folder))
        held = run_half(1, args.sheets, args.rows, args.seed, Path(folder))
    held_figures, tune_figures = figures(held), figures(tune)
    if args.misses:
        print("\n".join(tune.misses))
    print(f"{'':24}{'held out':>10}{'tuning':>10}{'goal':>8}")
    for name, goal in GOALS.items():
        h, t = held_figures[name], tune_figures[name]
        show = (lambda v: "n/a" if v is None else f"{v:.1%}") if name != "refused" else str
        print(f"{name:24}{show(h):>10}{show(t):>10}{(str(goal) if name == 'refused' else f'{goal:.0%}'):>8}")
    print(f"{'sheets':24}{held.sheets:>10}{tune.sheets:>10}")
    print(f"{'header wordings used':24}{len(held.seen):>10}{len(tune.seen):>10}")
    print(json.dumps({"held_out": held_figures, "tuning": tune_figures, "goals": GOALS}))


if __name__ == "__main__":
    main()
