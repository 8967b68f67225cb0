"""Orders in the store: the units sold behind a return rate. Each method is one transaction on a `Database`.

How orders never double-count:
  - The same file twice (same SHA-256) changes nothing.
  - Lines with an order id are keyed by the order: an order in a newer export replaces every stored line of
    that order (a quantity corrected or a line cancelled since is taken as the newer file says).
  - Lines without an order id (a daily sales report) are summed per day and SKU; a newer report replaces
    the stored id-less lines over the days it covers, first to last, for every SKU.
An order export and a sales report covering the same days would both count: use one kind per period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from data.case_store import file_hash
from data.database import Database, driver, now
from data.errors import UndoError
from data.orders import OrdersRead
from data.phrases import Day, Phrase, counted
from data.tables import meta, order_imports, orders


@dataclass(frozen=True)
class OrdersImportResult:
    """What one orders import did."""

    import_id: int
    file_name: str
    lines: int  # sale lines stored (after summing repeats of an order's SKU, or a day's SKU)
    units: float
    replaced: int  # stored lines an earlier file had given, replaced by this one
    first: date | None
    last: date | None
    already_imported_on: datetime | None = None

    @property
    def message(self) -> str:
        """One sentence for the user.

        >>> OrdersImportResult(2, "orders.csv", 120, 180.0, 30, date(2026, 8, 1), date(2026, 8, 31)).message
        'orders.csv: 120 sale lines, 180 units sold from 1 Aug 2026 to 31 Aug 2026; 30 lines of earlier files replaced (orders import 2).'
        """
        if self.already_imported_on is not None:
            return Phrase(
                "{file}: already imported on {moment} UTC (orders import {id}); nothing changed.",
                file=self.file_name,
                moment=self.already_imported_on.strftime("%Y-%m-%d %H:%M"),
                id=str(self.import_id),
            )
        lines = counted("{n} sale line", "{n} sale lines", self.lines)
        units = counted("{n} unit sold", "{n} units sold", round(self.units))
        said = (
            Phrase("{lines}, {units} from {first} to {last}", lines=lines, units=units, first=Day(self.first), last=Day(self.last))
            if self.first and self.last
            else Phrase("{lines}, {units}", lines=lines, units=units)
        )
        if self.replaced:
            said = Phrase(
                "{said}; {replaced}",
                said=said,
                replaced=counted("{n} line of earlier files replaced", "{n} lines of earlier files replaced", self.replaced),
            )
        return Phrase("{file}: {said} (orders import {id}).", file=self.file_name, said=said, id=str(self.import_id))


def lines_to_store(frame: pd.DataFrame) -> pd.DataFrame:
    """Sale lines as stored: summed per order and SKU (first date), or per day and SKU without an order id.

    >>> f = pd.DataFrame({"date": pd.to_datetime(["2026-08-01", "2026-08-02", "2026-08-01", "2026-08-01"]),
    ...                   "sku": ["A", "A", "B", "B"], "units": [1.0, 2.0, 1.0, 3.0], "order_id": ["#1", "#1", None, None]})
    >>> lines_to_store(f).values.tolist()
    [['#1', 'A', '2026-08-01', 3.0], [None, 'B', '2026-08-01', 4.0]]
    """
    order_id = frame["order_id"].astype("string") if "order_id" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    frame = frame.assign(order_id=order_id)
    keyed = frame[frame["order_id"].notna()]
    loose = frame[frame["order_id"].isna()]
    by_order = keyed.groupby(["order_id", "sku"], sort=True).agg(date=("date", "min"), units=("units", "sum")).reset_index()
    by_day = loose.groupby(["date", "sku"], sort=True).agg(units=("units", "sum")).reset_index().assign(order_id=None)
    out = pd.concat([by_order, by_day], ignore_index=True)[["order_id", "sku", "date", "units"]]
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")  # ISO text: how SQLite keeps a date, and COPY reads one
    out = out.astype({"order_id": object, "sku": object, "units": float})
    out["order_id"] = out["order_id"].where(out["order_id"].notna(), None)
    return out


class OrderStore:
    """The stored sale lines and their imports, on one `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def import_orders(self, read: OrdersRead, *, file_name: str, data: bytes) -> OrdersImportResult:
        """Store the sale lines of one orders sheet in one transaction (see the module docstring for the keys)."""
        digest = file_hash(data)
        lines = lines_to_store(read.orders)
        loose = lines[lines["order_id"].isna()]
        with self.db.errors("import the orders of " + file_name), self.db.connect() as conn, self.db.write(conn):
            seen = conn.execute(sa.select(order_imports).where(order_imports.c.file_hash == digest)).first()
            if seen:
                return OrdersImportResult(
                    seen.import_id,
                    file_name,
                    seen.lines,
                    seen.units,
                    0,
                    seen.first_date,
                    seen.last_date,
                    already_imported_on=seen.imported_at,
                )
            first, last = (date.fromisoformat(min(lines["date"])), date.fromisoformat(max(lines["date"]))) if len(lines) else (None, None)
            import_id = conn.execute(
                order_imports.insert()
                .values(
                    file_name=file_name,
                    file_hash=digest,
                    imported_at=now(),
                    first_date=first,
                    last_date=last,
                    lines=len(lines),
                    units=float(lines["units"].sum()),
                    lines_replaced=0,
                )
                .returning(order_imports.c.import_id)
            ).scalar_one()
            self._insert_lines(conn, lines, import_id)
            older = orders.c.import_id != import_id
            mine = sa.select(orders.c.order_id).where(orders.c.import_id == import_id, orders.c.order_id.is_not(None))
            replaced = conn.execute(orders.delete().where(older, orders.c.order_id.in_(mine))).rowcount
            if len(loose):
                span = date.fromisoformat(min(loose["date"])), date.fromisoformat(max(loose["date"]))
                replaced += conn.execute(orders.delete().where(older, orders.c.order_id.is_(None), orders.c.date.between(*span))).rowcount
            conn.execute(order_imports.update().where(order_imports.c.import_id == import_id).values(lines_replaced=replaced))
            conn.execute(meta.update().where(meta.c.key == "orders_version").values(value=meta.c.value + 1))
        return OrdersImportResult(import_id, file_name, len(lines), float(lines["units"].sum()), replaced, first, last)

    def _insert_lines(self, conn: sa.Connection, lines: pd.DataFrame, import_id: int) -> None:
        """The lines on the transaction's own DBAPI connection: executemany on SQLite, COPY on PostgreSQL (bulk, no per-row ORM work)."""
        rows = zip(
            lines["order_id"].tolist(),
            lines["sku"].tolist(),
            lines["date"].tolist(),
            lines["units"].tolist(),
            [import_id] * len(lines),
            strict=True,
        )
        raw = driver(conn)
        if self.db.backend == "sqlite":
            raw.executemany("INSERT INTO orders (order_id, sku, date, units, import_id) VALUES (?, ?, ?, ?, ?)", rows)
        else:
            with raw.cursor() as cur, cur.copy("COPY orders (order_id, sku, date, units, import_id) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def load_orders(self) -> pd.DataFrame:
        """Units sold per day and SKU: columns `date` (datetime64), `sku`, `units` (what `analysis.return_rate` takes)."""
        day = sa.type_coerce(orders.c.date, sa.Text).label("date")  # ISO text or a driver date: converted at once below
        query = (
            sa.select(day, orders.c.sku, sa.func.sum(orders.c.units).label("units"))
            .group_by(orders.c.date, orders.c.sku)
            .order_by(orders.c.date, orders.c.sku)
        )
        with self.db.errors("load the orders"), self.db.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame["date"] = pd.to_datetime(frame["date"].astype(str), format="%Y-%m-%d")
        return frame.astype({"date": "datetime64[ns]", "sku": "string", "units": float})

    def orders_version(self) -> int:
        """A number that changes with every orders import (the dashboard caches the loaded orders by it)."""
        with self.db.errors("read the orders version"), self.db.connect() as conn:
            return int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "orders_version")).scalar_one())

    def order_history(self) -> pd.DataFrame:
        """One row per orders import, newest first, with `lines_stored` (its lines no later file replaced) and
        `can_undo` where `undo_orders` would take it back."""
        stored = sa.select(orders.c.import_id, sa.func.count().label("lines_stored")).group_by(orders.c.import_id).subquery()
        query = (
            sa.select(order_imports, sa.func.coalesce(stored.c.lines_stored, 0).label("lines_stored"))
            .outerjoin(stored, stored.c.import_id == order_imports.c.import_id)
            .order_by(order_imports.c.import_id.desc())
        )
        with self.db.errors("read the orders history"), self.db.connect() as conn:
            rows = conn.execute(query).mappings().all()
        frame = pd.DataFrame([dict(r) for r in rows], columns=[*(c.name for c in order_imports.columns), "lines_stored"])
        return frame.assign(can_undo=frame["lines_replaced"].eq(0).astype(bool))

    def undo_orders(self, import_id: int) -> None:
        """Take an orders import back: its sale lines disappear and the same file can be imported again.

        Refused (UndoError) when the import replaced lines of earlier files: those lines are not kept, so
        taking it back would lose sales. A corrected export then does the job: its orders replace the stored ones.
        """
        with self.db.errors(f"undo orders import {import_id}"), self.db.connect() as conn, self.db.write(conn):
            row = conn.execute(sa.select(order_imports).where(order_imports.c.import_id == int(import_id))).first()
            if row is None:
                raise UndoError(
                    Phrase(
                        "There is no orders import {id} in {where}; it may have been undone already.",
                        id=str(import_id),
                        where=self.db.place,
                    )
                )
            if row.lines_replaced:
                raise UndoError(
                    counted(
                        "Orders import {id} ({file}) cannot be undone: it replaced {n} sale line of earlier files, which are "
                        "not kept. Import a corrected export instead: each order in it replaces the stored one.",
                        "Orders import {id} ({file}) cannot be undone: it replaced {n} sale lines of earlier files, which are "
                        "not kept. Import a corrected export instead: each order in it replaces the stored one.",
                        row.lines_replaced,
                        id=str(import_id),
                        file=row.file_name,
                    )
                )
            conn.execute(orders.delete().where(orders.c.import_id == row.import_id))
            conn.execute(order_imports.delete().where(order_imports.c.import_id == row.import_id))
            conn.execute(meta.update().where(meta.c.key == "orders_version").values(value=meta.c.value + 1))
