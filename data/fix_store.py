"""Fix notes in the store: the changes a user notes (a new supplier, better packaging) so that the Fixes page can show
whether returns fell after each one. Each method is one transaction on a `Database`.

A fix is dated, and names one SKU and one reason, or none of them for all; its table came with the orders
(migration 0002), as fixes are judged against the orders sold since.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data.database import Database, now
from data.errors import StoreError
from data.phrases import Phrase
from data.tables import fixes


class FixStore:
    """The noted fixes, on one `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, day: date | str | pd.Timestamp, note: str, sku: str | None = None, reason: str | None = None) -> int:
        """Note a change (from `day`, to one SKU or all, against one reason or all); its id."""
        values = {
            "sku": (sku or "").strip() or None,
            "reason": (reason or "").strip() or None,
            "date": pd.Timestamp(day).date(),
            "note": (note or "").strip(),
            "created_at": now(),
        }
        with self.db.errors("save the fix"), self.db.connect() as conn, self.db.write(conn):
            return int(conn.execute(fixes.insert().values(**values).returning(fixes.c.fix_id)).scalar_one())

    def table(self) -> pd.DataFrame:
        """Every noted fix, latest fix date first: fix_id, sku, reason, date (datetime64), note, created_at."""
        with self.db.errors("read the fixes"), self.db.connect() as conn:
            rows = conn.execute(sa.select(fixes).order_by(fixes.c.date.desc(), fixes.c.fix_id.desc())).all()
        frame = pd.DataFrame(rows, columns=[c.name for c in fixes.columns])
        return frame.astype(
            {"fix_id": "int64", "sku": object, "reason": object, "date": "datetime64[ns]", "note": object, "created_at": "datetime64[us]"}
        )

    def delete(self, fix_id: int) -> None:
        """Forget a noted fix; a StoreError when there is no such fix."""
        with self.db.errors("delete the fix"), self.db.connect() as conn, self.db.write(conn):
            if conn.execute(fixes.delete().where(fixes.c.fix_id == int(fix_id))).rowcount == 0:
                raise StoreError(
                    Phrase("There is no fix {id} in {where}; it may have been deleted already.", id=str(fix_id), where=self.db.place)
                )
