"""Coverage: how many of the cases behind a figure carry the data the figure needs.

Unknown is never zero: a figure none of whose cases carry its data is "not in your files", and one
that only some cases inform says "based on N of M cases". Every analysis result that feeds a card
carries a `Coverage`; the pages word it with `ui.format`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# need -> (the canonical column that carries it, the one line telling the shop which column would provide it)
NEEDS: dict[str, tuple[str, str]] = {
    "response time": ("response_date", "Add a first-response date column"),
    "proof": ("proof_provided", "Add a column saying whether the buyer sent a photo or video"),
    "status": ("status", "Add a status column"),
    "refund amount": ("refund_amount", "Add a refund amount column"),
    "currency": ("currency", "Add a currency column"),
}


@dataclass(frozen=True)
class Coverage:
    """`known` of `total` cases carry the data `need` names."""

    need: str
    known: int
    total: int

    @property
    def none(self) -> bool:
        """There are cases and none carries the data: the figure is not in the files (no cases at all is a plain 0)."""
        return self.known == 0 and self.total > 0

    @property
    def partial(self) -> bool:
        """Some cases carry it, some do not."""
        return 0 < self.known < self.total

    @property
    def hint(self) -> str:
        """Which column would provide the data.

        >>> Coverage("proof", 0, 10).hint
        'Add a column saying whether the buyer sent a photo or video'
        """
        return NEEDS[self.need][1]


def carries(cases: pd.DataFrame, need: str) -> np.ndarray:
    """Per case, whether it carries the data `need` names (a value in its column; a missing column carries nothing).

    >>> carries(pd.DataFrame({"status": ["refunded", None]}), "status").tolist()
    [True, False]
    """
    column = NEEDS[need][0]
    if column not in cases.columns:
        return np.zeros(len(cases), dtype=bool)
    return cases[column].notna().to_numpy(dtype=bool)


def coverage(cases: pd.DataFrame, need: str, known: np.ndarray | None = None) -> Coverage:
    """How many of `cases` carry the data `need` names; `known` overrides the per-case rule (a bool per case)
    where a figure decides it itself (an unpaid case has a known refund of 0, say).

    >>> coverage(pd.DataFrame({"currency": ["IDR", None, "USD"]}), "currency")
    Coverage(need='currency', known=2, total=3)
    >>> coverage(pd.DataFrame({"currency": ["IDR", None]}), "currency").partial
    True
    """
    if need not in NEEDS:
        raise ValueError(f"need must be one of {', '.join(NEEDS)}, not {need!r}")
    mask = carries(cases, need) if known is None else np.asarray(known, dtype=bool)
    return Coverage(need, int(mask.sum()), len(cases))
