"""Saved views in the store: a name for a page and its filters and choices, listed for everyone on the store.

Each method is one transaction on a `Database`. A view is its page's
address path and query string, exactly as the page's link carries them, so opening one is following that link.
Names are unique, compared ignoring case and surrounding spaces. Only the person who saved a view may replace or
delete it; without sign-in (`saved_by` None) everyone is the same person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlencode

import sqlalchemy as sa

from data.database import Database, now
from data.phrases import Phrase
from data.tables import saved_views

MAX_NAME = 80


class ViewError(ValueError):
    """A view that cannot be saved or deleted; `message` is a `data.phrases.Phrase` the interface says in its language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotYours(ViewError):
    """A view saved by someone else: only they may replace or delete it."""


@dataclass(frozen=True)
class SavedView:
    """One saved view: its name, page path, query (parameter -> values), who saved it and when (UTC)."""

    view_id: int
    name: str
    page: str
    query: dict[str, list[str]]
    saved_by: str | None
    saved_at: datetime

    def may_delete(self, person: str | None) -> bool:
        """Whether `person` (a signed-in e-mail, None without sign-in) may delete or replace this view.

        >>> view = SavedView(1, "x", "", {}, "ana@shop.id", datetime(2026, 1, 1))
        >>> view.may_delete("ana@shop.id"), view.may_delete("ANA@shop.id "), view.may_delete("budi@shop.id")
        (True, True, False)
        """
        return _person(self.saved_by) == _person(person)


def _person(who: str | None) -> str | None:
    return who.strip().casefold() if who and who.strip() else None


def check_name(name: str) -> str:
    """A view name as stored: trimmed, not empty, at most 80 characters (a `ViewError`, a ValueError, otherwise).

    >>> check_name("  Defective, last 4 weeks ")
    'Defective, last 4 weeks'
    """
    text = " ".join(name.split())
    if not text:
        raise ViewError(Phrase("Give the view a name."))
    if len(text) > MAX_NAME:
        raise ViewError(Phrase("A view name holds at most {most} characters; this one has {n}.", most=MAX_NAME, n=len(text)))
    return text


class ViewStore:
    """The store's saved views, on one `Database`: `saved_views()`, `save_view()`, `delete_view()`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def saved_views(self) -> list[SavedView]:
        """Every saved view, by name (ignoring case)."""
        with self.db.errors("read the saved views"), self.db.connect() as conn:
            rows = conn.execute(sa.select(saved_views)).all()
        views = [
            SavedView(
                r.view_id,
                r.name,
                r.page,
                {k: list(v) for k, v in parse_qs(r.query, keep_blank_values=False).items()},
                r.saved_by,
                r.saved_at,
            )
            for r in rows
        ]
        return sorted(views, key=lambda v: (v.name.casefold(), v.view_id))

    def save_view(self, name: str, page: str, query: dict[str, list[str]], saved_by: str | None = None) -> SavedView:
        """Save a view for everyone on this store. The same name saved again by the same person replaces it; a name
        another person saved is refused (`NotYours`, a ValueError), as is an empty or over-long name."""
        text = check_name(name)
        with self.db.errors("save the view"), self.db.connect() as conn, self.db.write(conn):
            for row in conn.execute(sa.select(saved_views.c.view_id, saved_views.c.name, saved_views.c.saved_by)).all():
                if row.name.casefold() == text.casefold():
                    if _person(row.saved_by) != _person(saved_by):
                        raise NotYours(
                            Phrase("“{name}” is a view {person} saved: choose another name.", name=row.name, person=row.saved_by)
                            if row.saved_by
                            else Phrase("“{name}” is a view someone else saved: choose another name.", name=row.name)
                        )
                    conn.execute(saved_views.delete().where(saved_views.c.view_id == row.view_id))
            view_id = conn.execute(
                saved_views.insert()
                .values(name=text, page=page.strip("/"), query=urlencode(query, doseq=True), saved_by=saved_by, saved_at=now())
                .returning(saved_views.c.view_id)
            ).scalar_one()
        return next(v for v in self.saved_views() if v.view_id == view_id)

    def delete_view(self, view_id: int, person: str | None = None) -> bool:
        """Delete a saved view; only the person who saved it may (`NotYours` otherwise). False if it is gone."""
        with self.db.errors("delete the view"), self.db.connect() as conn, self.db.write(conn):
            row = conn.execute(sa.select(saved_views.c.name, saved_views.c.saved_by).where(saved_views.c.view_id == view_id)).first()
            if row is None:
                return False
            if _person(row.saved_by) != _person(person):
                raise NotYours(
                    Phrase("“{name}” was saved by {person}: only they can delete it.", name=row.name, person=row.saved_by)
                    if row.saved_by
                    else Phrase("“{name}” was saved by someone else: only they can delete it.", name=row.name)
                )
            conn.execute(saved_views.delete().where(saved_views.c.view_id == view_id))
        return True
