"""`read_orders`: an orders or sales sheet (Shopify, TikTok Shop, Tokopedia, Shopee, any daily sales report)
-> one row per sale line: `date`, `sku`, `units`, `order_id`, the denominator of a return rate.

Built on the case reader's parts: `formats` (bytes -> text cells), `layout` (header row, totals rows),
`values` (dates, counts, cleaning) and rule files: the header synonyms are lines of
`data/rules/order_headers.csv`, the wordings of a cancelled order lines of `data/rules/order_statuses.csv`.
Only the matched columns are read: buyer names, phones and addresses in an export are never kept.

- Without a units column every row is one unit (one order line), said in a note.
- An order's later lines often leave the order-level date empty (Shopify's `Paid at`): they take the
  date of their order.
- Rows whose status is a cancelled or unpaid order are skipped and counted in a note.
- Rows without a date or SKU, or with units that are not a whole number >= 0, are listed as problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from data import layout, values
from data.errors import ReadError
from data.formats import RawTable, read_tables, source_bytes, source_name
from data.reader import PROBLEM_COLUMNS, zone_error
from data.rules import classify, key, table

ORDER_COLUMNS: tuple[str, ...] = ("date", "sku", "units", "order_id")
ROLES: tuple[str, ...] = (*ORDER_COLUMNS, "status")


@dataclass
class OrdersRead:
    """What a read produced: the sale lines, one row per problem, and notes on how the sheet was read."""

    orders: pd.DataFrame  # date (day), sku, units (float), order_id (missing when the sheet has none)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(PROBLEM_COLUMNS)))
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # sheet header -> role

    def summary(self) -> str:
        """One sentence: lines, units and dates read.

        >>> OrdersRead(pd.DataFrame({"date": pd.to_datetime(["2026-08-01", "2026-08-09"]), "sku": ["A", "B"],
        ...                          "units": [2.0, 1.0], "order_id": [None, None]})).summary()
        '2 sale lines, 3 units of 2 SKUs, from 1 Aug 2026 to 9 Aug 2026'
        """
        frame = self.orders
        if frame.empty:
            return "no sale lines"
        first, last = frame["date"].min(), frame["date"].max()
        return (f"{len(frame):,} sale line{'s' if len(frame) != 1 else ''}, {frame['units'].sum():,.0f} units of "
                f"{frame['sku'].nunique():,} SKU{'s' if frame['sku'].nunique() != 1 else ''}, "
                f"from {first.day} {first:%b %Y} to {last.day} {last:%b %Y}")


@cache
def synonyms() -> dict[str, tuple[str, float]]:
    """Header key -> (role, weight) from `rules/order_headers.csv`."""
    out: dict[str, tuple[str, float]] = {}
    for row in table("order_headers"):
        if row["column"] not in ROLES:
            raise ValueError(f"rules/order_headers.csv: unknown column {row['column']!r}")
        out[key(row["synonym"])] = (row["column"], float(row["weight"] or 1))
    return out


def match_order_headers(headers: list[str]) -> dict[str, int]:
    """Role -> position of the header that fills it: the highest weight, then the leftmost.

    >>> match_order_headers(["Name", "Email", "Created at", "Paid at", "Lineitem quantity", "Lineitem sku"])
    {'order_id': 0, 'date': 3, 'units': 4, 'sku': 5}
    >>> match_order_headers(["No. Pesanan", "Waktu Pesanan Dibuat", "Nomor Referensi SKU", "Jumlah"])
    {'order_id': 0, 'date': 1, 'sku': 2, 'units': 3}
    """
    best: dict[str, tuple[float, int]] = {}
    for position, header in enumerate(headers):
        found = synonyms().get(key(header))
        if found and (found[0] not in best or found[1] > best[found[0]][0]):
            best[found[0]] = (found[1], position)
    return {role: position for role, (_, position) in sorted(best.items(), key=lambda item: item[1][1])}


def read_orders(source: str | Path | IO[bytes] | bytes, *, sheet: str | None = None, tz: str | None = None) -> OrdersRead:
    """Read the sale lines of an orders or sales sheet; raises `ReadError` (and nothing else) when there are none.

    `source` is a path, bytes or a file-like object with `.name` and `.read()` (Streamlit's UploadedFile); `tz`
    is the shop's time zone, as for `read_sheet` (an unknown one is a `ReadError`).
    """
    name = source_name(source)
    zone_error(name, tz)
    from data.sandbox import inside, run  # imported here: the reader's own imports stay as they were

    if not inside():  # parsed in a worker with memory and time limits, as `read_sheet`
        read: OrdersRead = run("data.orders", "read_orders", source, name, sheet=sheet, tz=tz)
        return read
    try:
        return _read(source_bytes(source, name), name, sheet, tz)
    except ReadError:
        raise
    except Exception as error:  # a reader bug must still reach the user as a clear, file-named message
        raise ReadError(f"{name} could not be read as an orders sheet: {type(error).__name__}: {str(error)[:200]}") from error


def _read(data: bytes, name: str, sheet: str | None, tz: str | None) -> OrdersRead:
    found, problems, notes, mapping, seen = [], [], [], {}, []
    tables = read_tables(data, name, sheet)
    for raw in tables:
        if not raw.visible and sheet is None:
            continue
        result = _read_table(raw, name, tz)
        if isinstance(result, str):
            seen.append(result)
            continue
        orders, bad, sheet_notes, sheet_mapping = result
        found.append(orders)
        problems += bad
        prefix = f"sheet {raw.sheet!r}: " if raw.sheet and len(tables) > 1 else ""
        notes += [prefix + n for n in sheet_notes]
        mapping.update(sheet_mapping)
    if not found:
        raise ReadError(f"{name}: no orders table found. An orders or sales sheet needs a date column (such as Paid at, "
                        "Created Time, Order Date, Tanggal Pesanan) and a SKU column (such as Lineitem sku, Seller SKU, SKU); "
                        "a quantity column (Lineitem quantity, Quantity, Jumlah) is optional. Columns found: "
                        + ("; ".join(seen) or "none"))
    orders = pd.concat(found, ignore_index=True)
    problem_frame = (pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=list(PROBLEM_COLUMNS)))
    return OrdersRead(orders, problem_frame.reset_index(drop=True), notes, mapping)


def _read_table(raw: RawTable, file: str, tz: str | None) -> tuple[pd.DataFrame, list[pd.DataFrame], list[str], dict[str, str]] | str:
    """One sheet's sale lines, problems, notes and mapping; or, when it holds no orders table, the headers it has."""
    rows = raw.rows
    header_row = layout.find_header(rows, frozenset(synonyms())) if len(rows) else None
    if header_row is None:
        return f"{raw.sheet or 'the table'}: no header row"
    position = int(rows.index.get_indexer(pd.Index([header_row]))[0])  # row numbers are unique
    names = layout.header_names(rows.iloc[position])
    where = match_order_headers(names)
    if "date" not in where or "sku" not in where:
        shown = [n for n in names if not n.startswith("column ")][:12]
        return f"{raw.sheet or 'the table'}: {', '.join(shown) or 'no headers'}"
    body = rows.iloc[position + 1:]
    body = body.loc[~layout.blank_rows(body)]
    label = {role: names[p] for role, p in where.items()}
    cell = {role: body[rows.columns[p]] for role, p in where.items()}
    notes: list[str] = []
    problems: list[pd.DataFrame] = []

    def problem(mask: pd.Series, role: str, message: str) -> None:
        if mask.any():
            hit = cell[role][mask]
            problems.append(pd.DataFrame({"file": file, "sheet": raw.sheet, "row": hit.index.astype("int64"), "column": label[role],
                                          "value": hit.fillna("").astype(str).to_numpy(), "message": message}))

    order_id = values.clean(cell["order_id"]) if "order_id" in cell else pd.Series(pd.NA, index=body.index, dtype="string")
    dates = values.parse_dates(cell["date"], tz)
    day = dates.values.dt.normalize()
    if "order_id" in cell and day.isna().any():  # later lines of an order without the order-level date
        filled = day.groupby(order_id).transform("first")
        day = day.fillna(filled)
    if "order_id" in cell and not _one_day_each(order_id, day):
        notes.append(f"{label['order_id']} is not an order id (the same value on several days): lines are counted per day and SKU")
        order_id = pd.Series(pd.NA, index=body.index, dtype="string")
        del label["order_id"], cell["order_id"]
    notes.insert(0, f"read as an orders sheet: {', '.join(f'{label[r]} → {r}' for r in ROLES if r in label)}")
    sku = values.clean(cell["sku"])
    if "units" in cell:
        units, bad_units = values.parse_counts(cell["units"])
        units = units.astype("Float64")
        bad_units = bad_units | (units < 0).fillna(False)
        units = units.where(~bad_units)
        missing_units = units.isna() & ~bad_units
        units = units.fillna(1.0).where(~bad_units)  # an empty quantity cell is one unit
    else:
        units = pd.Series(1.0, index=body.index, dtype="Float64")
        bad_units = missing_units = pd.Series(False, index=body.index)
        notes.append("no quantity column: each row counts as one unit sold")
    cancelled = pd.Series(False, index=body.index)
    if "status" in cell:
        distinct_status = values.clean(cell["status"])
        verdict = {s: classify(s, "order_statuses") is not None for s in distinct_status.dropna().unique()}
        cancelled = distinct_status.map(verdict).fillna(False).astype(bool)
        if cancelled.any():
            notes.append(f"{int(cancelled.sum()):,} cancelled or unpaid order row{'s' if cancelled.sum() != 1 else ''} "
                         f"({label['status']}) skipped: not sales")
    totals = [n for n in body.index[-3:] if pd.isna(day.at[n]) and layout.is_total(body.loc[n])]
    skip = cancelled.copy()
    if totals:  # a totals row at the bottom: no date and a totals word first
        skip.loc[totals] = True
        notes.append(f"totals row{'s' if len(totals) > 1 else ''} {', '.join(map(str, totals))}: skipped")
    live = ~skip
    problem(live & dates.bad & day.isna(), "date", f"expected {_DATE_HINT}; row not counted")
    problem(live & ~dates.bad & day.isna(), "date", "no date; row not counted")
    problem(live & sku.isna(), "sku", "no SKU; row not counted")
    if "units" in cell:
        problem(live & bad_units, "units", "expected a whole number of units (0 or more); row not counted")
        if (live & missing_units).any():
            notes.append(f"{int((live & missing_units).sum()):,} row(s) with an empty {label['units']} counted as one unit")
    good = live & day.notna() & sku.notna() & units.notna()
    orders = pd.DataFrame({"date": day[good].astype("datetime64[ns]").to_numpy(), "sku": sku[good].to_numpy(),
                           "units": units[good].to_numpy(dtype=float, na_value=np.nan),
                           "order_id": order_id[good].to_numpy()})
    orders = orders.astype({"sku": "string", "order_id": "string"})
    return orders, problems, notes, {label[r]: r for r in label}


def _one_day_each(ids: pd.Series, days: pd.Series) -> bool:
    """True when (nearly) every id is on a single day, as an order is; a product name or a status is not.

    >>> days = pd.to_datetime(pd.Series(["2026-08-01", "2026-08-01", "2026-08-02"]))
    >>> _one_day_each(pd.Series(["#1", "#1", "#2"]), days), _one_day_each(pd.Series(["Mug", "Mug", "Mug"]), days)
    (True, False)
    """
    pairs = pd.DataFrame({"id": ids, "day": days}).dropna()
    if pairs.empty:
        return True
    spread = pairs.drop_duplicates().groupby("id").size()
    return bool((spread > 1).mean() <= 0.01)


_DATE_HINT = "a date such as 2026-08-03, 03/08/2026, 2026-08-03 10:15:00 or an Excel date"
