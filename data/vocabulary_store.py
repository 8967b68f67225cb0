"""The learned vocabulary in the store: what the user taught the reader, shared by everyone on the store.

Part of `data.store.Store` (a mixin: it uses the store's engine, error wording, write lock and import
machinery). A reason, request-type or status wording given a tag, and a header mapped by hand, is one row
of `learned_wordings` (see `data.vocabulary`); `learned()` gives them all in the form `read_sheet(learned=)`
takes, so every later import (Upload page and command line) applies them.

`retag` also applies a reason to the cases already stored: the cases holding the wording get the tag as one
new data version, recorded in the import history like an import, so `undo` restores their old tags (and
forgets the wording, which it had saved).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa

from data import bulk
from data.rules import Learned
from data.tables import imports, inserted_id, learned_wordings
from data.vocabulary import check, folded, for_reader, other_wordings, retagged

UNSTORED_HEADER_ROLES = ("", "_personal")  # an ignored column or personal data is kept per header row only


@dataclass(frozen=True)
class Retag:
    """What a re-tag did: the import that recorded it (None when no stored case changed) and the cases changed."""

    import_id: int | None
    cases: int
    wording: str
    tag: str


class VocabularyMixin:
    """`learned()`, `learn()`, `learn_headers()`, `forget_wording()`, `learned_table()`, `other_reasons()`, `retag()`."""

    if TYPE_CHECKING:  # provided by `data.store.Store`
        engine: sa.Engine
        where: str

        def _errors(self, action: str) -> AbstractContextManager[None]: ...
        def _write(self, conn: sa.Connection) -> AbstractContextManager[sa.Connection]: ...

        def load_cases(self) -> pd.DataFrame: ...
        def _current(self, conn: sa.Connection) -> pd.DataFrame: ...
        def _merge(self, conn: sa.Connection, frame: pd.DataFrame, import_id: int) -> list[str]: ...
        def _save_snapshot(self, conn: sa.Connection, frame: pd.DataFrame) -> None: ...

    def learned(self) -> Learned:
        """Every learned wording and header as `read_sheet(learned=)` takes them: {"reasons" | "request_types" |
        "statuses" | "headers": {folded wording: tag}} (see `data.vocabulary.for_reader`)."""
        with self._errors("read the learned wordings"), self.engine.connect() as conn:
            rows = conn.execute(sa.select(learned_wordings.c.vocabulary, learned_wordings.c.wording, learned_wordings.c.tag)).all()
        return for_reader([tuple(r) for r in rows])

    def learned_table(self) -> pd.DataFrame:
        """The learned wordings as a table, newest first: vocabulary, wording, raw, tag, saved_by, saved_at, import_id."""
        with self._errors("read the learned wordings"), self.engine.connect() as conn:
            rows = conn.execute(sa.select(learned_wordings).order_by(learned_wordings.c.saved_at.desc())).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in learned_wordings.columns])

    def learn(self, vocabulary: str, raw: str, tag: str, *, by: str | None = None) -> str:
        """Save `raw` as meaning `tag` in `vocabulary` for every later import; returns the folded wording.

        A ValueError for an unknown vocabulary or tag, or a wording that is blank once folded.
        """
        wording = check(vocabulary, raw, tag)
        with self._errors("save the learned wording"), self.engine.connect() as conn, self._write(conn):
            self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, None)
        return wording

    def learn_headers(self, mapping: dict[str, str], *, by: str | None = None) -> int:
        """Save each header the user mapped by hand ({raw header: column}) for any later header row that has it;
        ignored columns and personal data are left to the header row's own saved mapping. Returns how many were saved."""
        rows = [("header", check("header", raw, column), column, raw) for raw, column in mapping.items()
                if column not in UNSTORED_HEADER_ROLES and str(raw).strip()]
        if rows:
            with self._errors("save the learned headers"), self.engine.connect() as conn, self._write(conn):
                self._save_learned(conn, rows, by, None)
        return len(rows)

    def forget_wording(self, vocabulary: str, raw: str) -> bool:
        """Forget a learned wording (later imports go back to the rules); True when there was one."""
        wording = folded(vocabulary, raw)
        with self._errors("forget the learned wording"), self.engine.connect() as conn, self._write(conn):
            gone = conn.execute(learned_wordings.delete().where(learned_wordings.c.vocabulary == vocabulary,
                                                                learned_wordings.c.wording == wording))
        return bool(gone.rowcount)

    def other_reasons(self) -> pd.DataFrame:
        """The raw reasons of the stored cases filed under Other, most cases first (see `data.vocabulary.other_wordings`)."""
        return other_wordings(self.load_cases())

    def retag(self, raw: str, tag: str, *, vocabulary: str = "reason", by: str | None = None) -> Retag:
        """Give a reason wording a tag: saved for every later import, and applied to the stored cases holding it.

        The changed cases are one new data version, recorded in the import history as "Tagged …": `undo` of that
        import puts their old tags back and forgets the wording. When no stored case changes, only the wording is saved.
        """
        wording = check(vocabulary, raw, tag)
        label = f"Tagged {vocabulary.replace('_', ' ')} “{raw}” as {tag}"
        with self._errors(f"tag the {vocabulary.replace('_', ' ')} “{raw}” as {tag}"), self.engine.connect() as conn, \
                self._write(conn):
            before = self._current(conn)
            changed = retagged(before, vocabulary, wording, tag)
            if changed.empty:
                self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, None)
                return Retag(None, 0, raw, tag)
            digest = hashlib.sha256(f"retag|{vocabulary}|{wording}|{tag}|{uuid.uuid4()}".encode()).hexdigest()
            import_id = inserted_id(conn.execute(imports.insert().values(
                file_name=label, file_hash=digest, sheets="[]", imported_at=_now(), rows_read=len(changed), rows_new=0,
                rows_updated=0, rows_unchanged=0, rows_duplicate=0, rows_rejected=0,
                mapping=json.dumps({}))))
            changed["import_id"] = pd.array([import_id] * len(changed), dtype="Int64")
            replaced = self._merge(conn, changed, import_id)
            conn.execute(imports.update().where(imports.c.import_id == import_id).values(rows_updated=len(replaced)))
            kept = before[~bulk.key_in(before["case_id"], replaced)]
            self._save_snapshot(conn, pd.concat([kept, changed[bulk.key_in(changed["case_id"], replaced)]], ignore_index=True))
            self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, import_id)
        return Retag(import_id, len(replaced), raw, tag)

    def _forget_retag(self, conn: sa.Connection, import_id: int) -> None:
        """Inside `undo`: a wording saved by the re-tag being undone is forgotten with it."""
        conn.execute(learned_wordings.delete().where(learned_wordings.c.import_id == import_id))

    def _save_learned(self, conn: sa.Connection, rows: list[tuple[str, str, str, str]], by: str | None,
                      import_id: int | None) -> None:
        """Replace the rows (vocabulary, folded wording, tag, raw) in this write transaction."""
        now = _now()
        for vocabulary, wording, _, _ in rows:
            conn.execute(learned_wordings.delete().where(learned_wordings.c.vocabulary == vocabulary,
                                                         learned_wordings.c.wording == wording))
        conn.execute(learned_wordings.insert(), [
            {"vocabulary": v, "wording": w, "tag": t, "raw": str(r), "saved_by": by, "saved_at": now, "import_id": import_id}
            for v, w, t, r in dict(((v, w), (v, w, t, r)) for v, w, t, r in rows).values()])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
