"""The learned vocabulary in the store: what the user taught the reader, shared by everyone on the store.

Each method is one transaction on a `Database`; a re-tag writes cases through the `CaseStore`. A reason, request-type
or status wording given a tag, and a header mapped by hand, is one row of `learned_wordings` (see `data.vocabulary`);
`learned()` gives them all in the form `read_sheet(learned=)` takes, so every later import (Upload page and command
line) applies them.

`retag` also applies a reason to the cases already stored: the cases holding the wording get the tag as one
new data version, recorded in the import history like an import, so `undo` restores their old tags (and
forgets the wording, which it had saved).

A column mapping the user corrected for a whole header row is kept by the row's signature (`save_mapping`), so the
same export is read the same way next time.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data import bulk
from data.case_store import CaseStore
from data.database import Database, now
from data.rules import Learned
from data.tables import learned_wordings, mappings
from data.vocabulary import check, folded, for_reader, other_wordings, retagged

UNSTORED_HEADER_ROLES = ("", "_personal")  # an ignored column or personal data is kept per header row only


@dataclass(frozen=True)
class Retag:
    """What a re-tag did: the import that recorded it (None when no stored case changed) and the cases changed."""

    import_id: int | None
    cases: int
    wording: str
    tag: str


class VocabularyStore:
    """What the user taught the reader, on one `Database`: `learned()`, `learn()`, `learn_headers()`, `forget_wording()`,
    `learned_table()`, `other_reasons()`, `retag()`, and the saved column mappings (`save_mapping()`, `saved_mapping()`,
    `saved_mapping_at()`)."""

    def __init__(self, db: Database, cases: CaseStore) -> None:
        self.db = db
        self.cases = cases

    def learned(self) -> Learned:
        """Every learned wording and header as `read_sheet(learned=)` takes them: {"reasons" | "request_types" |
        "statuses" | "headers": {folded wording: tag}} (see `data.vocabulary.for_reader`)."""
        with self.db.errors("read the learned wordings"), self.db.connect() as conn:
            rows = conn.execute(sa.select(learned_wordings.c.vocabulary, learned_wordings.c.wording, learned_wordings.c.tag)).all()
        return for_reader([tuple(r) for r in rows])

    def learned_table(self) -> pd.DataFrame:
        """The learned wordings as a table, newest first: vocabulary, wording, raw, tag, saved_by, saved_at, import_id."""
        with self.db.errors("read the learned wordings"), self.db.connect() as conn:
            rows = conn.execute(sa.select(learned_wordings).order_by(learned_wordings.c.saved_at.desc())).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in learned_wordings.columns])

    def learn(self, vocabulary: str, raw: str, tag: str, *, by: str | None = None) -> str:
        """Save `raw` as meaning `tag` in `vocabulary` for every later import; returns the folded wording.

        A ValueError for an unknown vocabulary or tag, or a wording that is blank once folded.
        """
        wording = check(vocabulary, raw, tag)
        with self.db.errors("save the learned wording"), self.db.connect() as conn, self.db.write(conn):
            self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, None)
        return wording

    def learn_headers(self, mapping: dict[str, str], *, by: str | None = None) -> int:
        """Save each header the user mapped by hand ({raw header: column}) for any later header row that has it;
        ignored columns and personal data are left to the header row's own saved mapping. Returns how many were saved."""
        rows = [
            ("header", check("header", raw, column), column, raw)
            for raw, column in mapping.items()
            if column not in UNSTORED_HEADER_ROLES and str(raw).strip()
        ]
        if rows:
            with self.db.errors("save the learned headers"), self.db.connect() as conn, self.db.write(conn):
                self._save_learned(conn, rows, by, None)
        return len(rows)

    def forget_wording(self, vocabulary: str, raw: str) -> bool:
        """Forget a learned wording (later imports go back to the rules); True when there was one."""
        wording = folded(vocabulary, raw)
        with self.db.errors("forget the learned wording"), self.db.connect() as conn, self.db.write(conn):
            gone = conn.execute(
                learned_wordings.delete().where(learned_wordings.c.vocabulary == vocabulary, learned_wordings.c.wording == wording)
            )
        return bool(gone.rowcount)

    def other_reasons(self) -> pd.DataFrame:
        """The raw reasons of the stored cases filed under Other, most cases first (see `data.vocabulary.other_wordings`)."""
        return other_wordings(self.cases.load_cases())

    def retag(self, raw: str, tag: str, *, vocabulary: str = "reason", by: str | None = None) -> Retag:
        """Give a reason wording a tag: saved for every later import, and applied to the stored cases holding it.

        The changed cases are one new data version, recorded in the import history as "Tagged …": `undo` of that
        import puts their old tags back and forgets the wording. When no stored case changes, only the wording is saved.
        """
        wording = check(vocabulary, raw, tag)
        label = f"Tagged {vocabulary.replace('_', ' ')} “{raw}” as {tag}"
        with self.db.errors(f"tag the {vocabulary.replace('_', ' ')} “{raw}” as {tag}"), self.db.connect() as conn, self.db.write(conn):
            before = self.cases.current(conn)
            changed = retagged(before, vocabulary, wording, tag)
            if changed.empty:
                self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, None)
                return Retag(None, 0, raw, tag)
            digest = hashlib.sha256(f"retag|{vocabulary}|{wording}|{tag}|{uuid.uuid4()}".encode()).hexdigest()
            import_id = self.cases.new_import(
                conn, file_name=label, file_hash=digest, sheets="[]", mapping=json.dumps({}), rows_read=len(changed)
            )
            changed["import_id"] = pd.array([import_id] * len(changed), dtype="Int64")
            replaced = self.cases.merge(conn, changed, import_id)
            self.cases.count_updated(conn, import_id, len(replaced))
            kept = before[~bulk.key_in(before["case_id"], replaced)]
            self.cases.save_snapshot(conn, pd.concat([kept, changed[bulk.key_in(changed["case_id"], replaced)]], ignore_index=True))
            self._save_learned(conn, [(vocabulary, wording, tag, raw)], by, import_id)
        return Retag(import_id, len(replaced), raw, tag)

    def forget_retag(self, conn: sa.Connection, import_id: int) -> None:
        """Inside an undo's transaction: a wording saved by the re-tag being undone is forgotten with it."""
        conn.execute(learned_wordings.delete().where(learned_wordings.c.import_id == import_id))

    def _save_learned(self, conn: sa.Connection, rows: list[tuple[str, str, str, str]], by: str | None, import_id: int | None) -> None:
        """Replace the rows (vocabulary, folded wording, tag, raw) in this write transaction."""
        saved_at = now()
        for vocabulary, wording, _, _ in rows:
            conn.execute(
                learned_wordings.delete().where(learned_wordings.c.vocabulary == vocabulary, learned_wordings.c.wording == wording)
            )
        conn.execute(
            learned_wordings.insert(),
            [
                {"vocabulary": v, "wording": w, "tag": t, "raw": str(r), "saved_by": by, "saved_at": saved_at, "import_id": import_id}
                for v, w, t, r in dict(((v, w), (v, w, t, r)) for v, w, t, r in rows).values()
            ],
        )

    # -- saved column mappings -------------------------------------------------------------------

    def save_mapping(self, signature: str, mapping: dict[str, Any]) -> None:
        """Remember a user's corrected column mapping for sheets whose headers have this signature."""
        text = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
        with self.db.errors("save the column mapping"), self.db.connect() as conn, self.db.write(conn):
            conn.execute(mappings.delete().where(mappings.c.signature == signature))
            conn.execute(mappings.insert().values(signature=signature, mapping=text, saved_at=now()))

    def saved_mapping(self, signature: str) -> dict[str, Any] | None:
        """The mapping saved for this header signature, or None."""
        with self.db.errors("read the saved column mapping"), self.db.connect() as conn:
            text = conn.execute(sa.select(mappings.c.mapping).where(mappings.c.signature == signature)).scalar()
        return None if text is None else dict(json.loads(text))

    def saved_mapping_at(self, signature: str) -> datetime | None:
        """When the mapping for this header signature was saved (UTC), or None: "using the mapping you saved on ..."."""
        with self.db.errors("read the saved column mapping"), self.db.connect() as conn:
            saved: datetime | None = conn.execute(sa.select(mappings.c.saved_at).where(mappings.c.signature == signature)).scalar()
        return saved
