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
from data.header_words import split_group
from data.phrases import Day, Phrase, counted, filled, joined
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
            return Phrase("no sale lines")
        skus = frame["sku"].nunique()
        return Phrase(
            "{lines}, {units} of {skus}, from {first} to {last}",
            lines=counted("{n} sale line", "{n} sale lines", len(frame)),
            units=counted("{n} unit", "{n} units", round(float(frame["units"].sum()))),
            skus=counted("{n} SKU", "{n} SKUs", int(skus)),
            first=Day(frame["date"].min()),
            last=Day(frame["date"].max()),
        )


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
    """Role -> position of the header that fills it: the highest weight, then the leftmost. A header under a group label
    (`Pesanan · Tanggal`) is known by its whole name or, failing that, by itself.

    >>> match_order_headers(["Name", "Email", "Created at", "Paid at", "Lineitem quantity", "Lineitem sku"])
    {'order_id': 0, 'date': 3, 'units': 4, 'sku': 5}
    >>> match_order_headers(["No. Pesanan", "Waktu Pesanan Dibuat", "Nomor Referensi SKU", "Jumlah"])
    {'order_id': 0, 'date': 1, 'sku': 2, 'units': 3}
    """
    best: dict[str, tuple[float, int]] = {}
    for position, header in enumerate(headers):
        found = synonyms().get(key(header)) or synonyms().get(key(split_group(header)[1]))
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
        raise ReadError(
            Phrase("{file} could not be read as an orders sheet: {error}", file=name, error=type(error).__name__ + ": " + str(error)[:200])
        ) from error


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
        notes += [
            Phrase("sheet {sheet}: {note}", sheet=repr(raw.sheet), note=n) if raw.sheet and len(tables) > 1 else n for n in sheet_notes
        ]
        mapping.update(sheet_mapping)
    if not found:
        raise ReadError(
            Phrase(
                "{file}: no orders table found. An orders or sales sheet needs a date column (such as Paid at, Created Time, "
                "Order Date, Tanggal Pesanan) and a SKU column (such as Lineitem sku, Seller SKU, SKU); a quantity column "
                "(Lineitem quantity, Quantity, Jumlah) is optional. Columns found: {found}",
                file=name,
                found=joined(seen) if seen else Phrase("none"),
            )
        )
    orders = pd.concat(found, ignore_index=True)
    problem_frame = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    return OrdersRead(orders, problem_frame.reset_index(drop=True), notes, mapping)


@dataclass
class OrdersTable:
    """One sheet's orders table: the rows under its header row, and per role the header's text and its cells."""

    file: str
    sheet: str
    body: pd.DataFrame
    label: dict[str, str]  # role -> header text
    cell: dict[str, pd.Series]  # role -> the body's cells of that column

    def drop(self, role: str) -> None:
        """Forget a column matched to `role` (its values turned out not to be what the header said)."""
        del self.label[role], self.cell[role]

    def problems(self, mask: pd.Series, role: str, message: str) -> list[pd.DataFrame]:
        """The rows of `mask` as problems of the `role` column (none when no row is hit)."""
        if not mask.any():
            return []
        hit = self.cell[role][mask]
        return [
            pd.DataFrame(
                {
                    "file": self.file,
                    "sheet": self.sheet,
                    "row": hit.index.astype("int64"),
                    "column": self.label[role],
                    "value": hit.fillna("").astype(str).to_numpy(),
                    "message": filled(message, len(hit)),  # the phrase itself: said in the reader's language
                }
            )
        ]


SheetOrders = tuple[pd.DataFrame, list[pd.DataFrame], list[str], dict[str, str]]


def _read_table(raw: RawTable, file: str, tz: str | None) -> SheetOrders | str:
    """One sheet's sale lines, problems, notes and mapping; or, when it holds no orders table, the headers it has.

    Steps: find the table (`find_orders_table`), the order ids and days (`order_days`), the units (`units_sold`),
    the rows that are no sales (`rows_to_skip`), the problems of the rest (`row_problems`), then the sale lines.
    """
    found = find_orders_table(raw, file)
    if isinstance(found, str):
        return found
    notes: list[str] = []
    order_id, dates, day = order_days(found, tz, notes)
    notes.insert(
        0, Phrase("read as an orders sheet: {columns}", columns=", ".join(f"{found.label[r]} → {r}" for r in ROLES if r in found.label))
    )
    sku = values.clean(found.cell["sku"])
    units, bad_units, missing_units = units_sold(found, notes)
    live = ~rows_to_skip(found, day, notes)
    problems = row_problems(found, live, dates, day, sku, bad_units)
    if "units" in found.cell and (live & missing_units).any():
        notes.append(
            counted(
                "{n} row with an empty {column} counted as one unit",
                "{n} rows with an empty {column} counted as one unit each",
                int((live & missing_units).sum()),
                column=found.label["units"],
            )
        )
    good = live & day.notna() & sku.notna() & units.notna()
    orders = pd.DataFrame(
        {
            "date": day[good].astype("datetime64[ns]").to_numpy(),
            "sku": sku[good].to_numpy(),
            "units": units[good].to_numpy(dtype=float, na_value=np.nan),
            "order_id": order_id[good].to_numpy(),
        }
    )
    orders = orders.astype({"sku": "string", "order_id": "string"})
    return orders, problems, notes, {found.label[r]: r for r in found.label}


def find_orders_table(raw: RawTable, file: str) -> OrdersTable | str:
    """The sheet's header row, its columns matched to roles and the non-blank rows under it; or, when there is no
    header row with a date and a SKU column, the sheet's headers in words (for the "no orders table" message).

    >>> rows = pd.DataFrame([["Orders of August", "", ""], ["Paid at", "Lineitem sku", "Notes"], ["2026-08-01", "A", ""],
    ...                      ["", "", ""]], index=[1, 2, 3, 4])
    >>> table = find_orders_table(RawTable("Sheet1", rows), "o.csv")
    >>> table.label, table.body.index.tolist()
    ({'date': 'Paid at', 'sku': 'Lineitem sku'}, [3])
    >>> find_orders_table(RawTable("Sheet1", rows.iloc[1:, [0, 2]]), "o.csv")
    'Sheet1: Paid at, Notes'
    """
    rows = raw.rows
    header_row = layout.find_header(rows, frozenset(synonyms())) if len(rows) else None
    if header_row is None:
        return Phrase("{sheet}: {columns}", sheet=raw.sheet or Phrase("the table"), columns=Phrase("no header row"))
    position = int(rows.index.get_indexer(pd.Index([header_row]))[0])  # row numbers are unique
    group = layout.group_row(rows, header_row, frozenset(synonyms()))
    names = layout.header_names(rows.iloc[position], rows.iloc[position - 1] if group is not None else None)
    where = match_order_headers(names)
    if "date" not in where or "sku" not in where:
        shown = [n for n in names if not n.startswith("column ")][:12]
        return Phrase("{sheet}: {columns}", sheet=raw.sheet or Phrase("the table"), columns=", ".join(shown) or Phrase("no headers"))
    body = rows.iloc[position + 1 :]
    body = body.loc[~layout.blank_rows(body)]
    return OrdersTable(
        file, raw.sheet, body, {role: names[p] for role, p in where.items()}, {role: body[rows.columns[p]] for role, p in where.items()}
    )


def order_days(table: OrdersTable, tz: str | None, notes: list[str]) -> tuple[pd.Series, values.Dates, pd.Series]:
    """The order ids, the parsed dates and the day of each row. A later line of an order without the order-level
    date takes its order's day; an "order id" column whose values span several days is no order id: it is dropped
    (lines are then counted per day and SKU) with a note.

    >>> rows = pd.DataFrame({"a": ["#1", "#1", "#2"], "b": ["2026-08-01 10:00", "", "2026-08-02"]}, index=[2, 3, 4])
    >>> table = OrdersTable("o.csv", "", rows, {"order_id": "Name", "date": "Paid at"}, {"order_id": rows["a"], "date": rows["b"]})
    >>> ids, dates, day = order_days(table, None, notes := [])
    >>> day.dt.strftime("%d").tolist(), ids.tolist(), notes
    (['01', '01', '02'], ['#1', '#1', '#2'], [])
    """
    index = table.body.index
    order_id = values.clean(table.cell["order_id"]) if "order_id" in table.cell else pd.Series(pd.NA, index=index, dtype="string")
    dates = values.parse_dates(table.cell["date"], tz)
    day = dates.values.dt.normalize()
    if "order_id" in table.cell and day.isna().any():  # later lines of an order without the order-level date
        day = day.fillna(day.groupby(order_id).transform("first"))
    if "order_id" in table.cell and not _one_day_each(order_id, day):
        notes.append(
            Phrase(
                "{column} is not an order id (the same value on several days): lines are counted per day and SKU",
                column=table.label["order_id"],
            )
        )
        order_id = pd.Series(pd.NA, index=index, dtype="string")
        table.drop("order_id")
    return order_id, dates, day


def units_sold(table: OrdersTable, notes: list[str]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Units per row (Float64; missing where the cell is not a whole number >= 0), the bad cells, and the empty cells
    (counted as one unit). Without a units column every row is one unit, said in a note.

    >>> rows = pd.DataFrame({"q": ["2", "", "-1", "1.5"]})
    >>> units, bad, empty = units_sold(OrdersTable("o.csv", "", rows, {"units": "Qty"}, {"units": rows["q"]}), [])
    >>> units.tolist(), bad.tolist(), empty.tolist()
    ([2.0, 1.0, <NA>, <NA>], [False, False, True, True], [False, True, False, False])
    """
    index = table.body.index
    if "units" not in table.cell:
        notes.append(Phrase("no quantity column: each row counts as one unit sold"))
        return pd.Series(1.0, index=index, dtype="Float64"), pd.Series(False, index=index), pd.Series(False, index=index)
    counts, bad = values.parse_counts(table.cell["units"])
    units = counts.astype("Float64")
    bad = bad | (units < 0).fillna(False)
    units = units.where(~bad)
    missing = units.isna() & ~bad
    return units.fillna(1.0).where(~bad), bad, missing  # an empty quantity cell is one unit


def rows_to_skip(table: OrdersTable, day: pd.Series, notes: list[str]) -> pd.Series:
    """Rows that are no sales, each kind said in a note: cancelled or unpaid orders (by the status rules), and a
    totals row at the bottom (no date and a totals word first).

    >>> rows = pd.DataFrame({"s": ["paid", "cancelled", "Total"]}, index=[2, 3, 4])
    >>> day = pd.Series(pd.to_datetime(["2026-08-01", "2026-08-01", None]), index=rows.index)
    >>> rows_to_skip(OrdersTable("o.csv", "", rows, {"status": "Status"}, {"status": rows["s"]}), day, notes := []).tolist()
    [False, True, True]
    >>> notes
    ['1 cancelled or unpaid order row (Status) skipped: not sales', 'totals row 4: skipped']
    """
    body = table.body
    skip = pd.Series(False, index=body.index)
    if "status" in table.cell:
        status = values.clean(table.cell["status"])
        verdict = {s: classify(s, "order_statuses") is not None for s in status.dropna().unique()}
        skip = status.map(verdict).fillna(False).astype(bool)
        if skip.any():
            notes.append(
                counted(
                    "{n} cancelled or unpaid order row ({column}) skipped: not sales",
                    "{n} cancelled or unpaid order rows ({column}) skipped: not sales",
                    int(skip.sum()),
                    column=table.label["status"],
                )
            )
    no_day = day.isna()
    totals = [n for n in body.index[-3:] if bool(no_day.at[n]) and layout.is_total(body.loc[n])]
    if totals:
        skip = skip.copy()
        skip.loc[totals] = True
        notes.append(counted("totals row {rows}: skipped", "totals rows {rows}: skipped", len(totals), rows=", ".join(map(str, totals))))
    return skip


def row_problems(
    table: OrdersTable, live: pd.Series, dates: values.Dates, day: pd.Series, sku: pd.Series, bad_units: pd.Series
) -> list[pd.DataFrame]:
    """The rows not counted, one problem each: a date that is no date, no date, no SKU, units that are no count."""
    found = [
        *table.problems(
            live & dates.bad & day.isna(),
            "date",
            Phrase("expected a date such as 2026-08-03, 03/08/2026, 2026-08-03 10:15:00 or an Excel date; row not counted"),
        ),
        *table.problems(live & ~dates.bad & day.isna(), "date", Phrase("no date; row not counted")),
        *table.problems(live & sku.isna(), "sku", Phrase("no SKU; row not counted")),
    ]
    if "units" in table.cell:
        found += table.problems(live & bad_units, "units", Phrase("expected a whole number of units (0 or more); row not counted"))
    return found


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
