"""Small hand-made case tables for the store tests (imported by the test modules, not collected)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.knowledge import import_layouts, with_knowledge
from data.reader import SheetRead
from data.schema import conform
from data.store import Store


def cases(ids: range | list[int], **values) -> pd.DataFrame:
    """Canonical cases RR0001... with plain, known values; `values` overrides whole columns."""
    ids = list(ids)
    frame = pd.DataFrame(
        {
            "case_id": [f"RR{i:04d}" for i in ids],
            "order_id": [f"58{i:010d}" for i in ids],
            "sku": [f"AP-{i % 7:04d}" for i in ids],
            "product_name": ["Apparel item"] * len(ids),
            "request_type": ["Refund Only", "Exchange"] * (len(ids) // 2) + ["Reshipment"] * (len(ids) % 2),
            "reason": ["Defective"] * len(ids),
            "reason_raw": ["Tidak berfungsi"] * len(ids),
            "comment": [None if i % 3 == 0 else f"comment {i}" for i in ids],
            "request_date": [pd.Timestamp("2026-10-01 09:30:15.250") + pd.Timedelta(hours=i) for i in ids],
            "response_date": [pd.NaT if i % 4 == 0 else pd.Timestamp("2026-10-05 10:00") for i in ids],
            "status": ["requested"] * len(ids),
            "quantity": [None if i % 5 == 0 else 1 + i % 3 for i in ids],
            "refund_amount": [None if i % 6 == 0 else 1000.5 * i for i in ids],
            "currency": ["IDR"] * len(ids),
            "proof_provided": [None if i % 5 == 1 else i % 2 == 0 for i in ids],
            "courier_return": [False] * len(ids),
            "channel": ["TikTok Shop"] * len(ids),
            "handled_by": ["Dewi"] * len(ids),
            "source_file": ["week.xlsx"] * len(ids),
            "source_sheet": ["Returns"] * len(ids),
            "source_row": [i + 2 for i in ids],
        }
    )
    for name, value in values.items():
        frame[name] = value
    return conform(frame)


def read_of(frame: pd.DataFrame, problems: pd.DataFrame | None = None) -> SheetRead:
    read = SheetRead(frame)
    if problems is not None:
        read.problems = problems
    return read


def sorted_cases(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("case_id").reset_index(drop=True)


def stored(frame: pd.DataFrame, import_id: int) -> pd.DataFrame:
    """What the store should hand back for `frame` written by `import_id`."""
    out = frame.copy()
    out["import_id"] = pd.array([import_id] * len(out), dtype="Int64")
    return sorted_cases(out)


def imported(url: str, paths: list[Path]) -> str:
    """The store at `url` with each file of `paths` imported as the Upload page does (one import each); its url."""
    with Store(url) as store:
        for path in paths:
            store.import_file(path)
    return url


def known(url: str) -> tuple[pd.DataFrame, tuple]:
    """The store's cases as the dashboard reads them (what each source can say, `with_knowledge`) and its currency
    settings (`Store.currency_settings`)."""
    with Store(url) as store:
        return with_knowledge(store.load_cases(), import_layouts(store.history())), store.currency_settings()
