"""Coverage: how many of the cases behind a figure carry the data the figure needs.

Unknown is never zero: a figure none of whose cases carry its data is "not in your files", and one
that only some cases inform says "based on N of M cases". A figure some sources cannot express at all (see
`analysis.knowledge`) counts only the sources that can and says "from N of M sources". Every analysis result that
feeds a card carries a `Coverage`; the pages word it with `ui.format`, downloads with `words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.knowledge import knowledge_columns, knows, sources_knowing
from analysis.phrases import Phrase, Word

# need -> (the canonical column that carries it, the one line telling the shop which column would provide it)
NEEDS: dict[str, tuple[str, str]] = {
    "response time": ("response_date", "Add a first-response date column"),
    "proof": ("proof_provided", "Add a column saying whether the buyer sent a photo or video"),
    "status": ("status", "Add a status column"),
    "response": ("status", "Add a status column or a first-response date column"),
    "waiting": ("status", "No status in your files says a request is still waiting"),
    "auto-approval": ("status", "No status in your files says a request was approved automatically"),
    "refund amount": ("refund_amount", "Add a refund amount column"),
    "currency": ("currency", "Add a currency column"),
}


@dataclass(frozen=True)
class Coverage:
    """`known` of `total` cases carry the data `need` names."""

    need: str
    known: int
    total: int
    # (sources that can express the need, sources in view) when the figure counts only the sources that can
    sources: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def by_source(self) -> bool:
        """Some sources in view cannot express the figure at all: it is "from N of M sources", not "based on N of M cases"."""
        return self.sources is not None and 0 < self.sources[0] < self.sources[1]

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

    @property
    def words(self) -> Phrase | str:
        """What the coverage says beside a figure in a download (the pages say it translated, `ui.format.coverage_note`).

        >>> Coverage("refund amount", 0, 4).words, Coverage("proof", 3, 4).words, Coverage("proof", 4, 4).words
        ('Not in your files: add a refund amount column', 'based on 3 of 4 cases', '')
        >>> Coverage("auto-approval", 3, 9, sources=(1, 2)).words
        'from 1 of 2 sources (3 of 9 cases)'
        """
        if self.none:
            return Phrase("Not in your files: {hint}", hint=Word(self.hint, lower=True))
        if self.by_source and self.sources is not None:
            known, total = self.sources
            return Phrase(
                "from {known} of {total} sources ({cases} of {all_cases} cases)",
                known=known,
                total=total,
                cases=self.known,
                all_cases=self.total,
            )
        if self.partial:
            return Phrase("based on {known} of {total} cases", known=self.known, total=self.total)
        return ""


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
    where a figure decides it itself (an unpaid case has a known refund of 0, say). It also counts the sources in
    view that can express the need at all (`analysis.knowledge`), so a view mixing in a file without the column
    says "from N of M sources".

    >>> coverage(pd.DataFrame({"currency": ["IDR", None, "USD"]}), "currency")
    Coverage(need='currency', known=2, total=3)
    >>> coverage(pd.DataFrame({"currency": ["IDR", None]}), "currency").partial
    True
    """
    if need not in NEEDS:
        raise ValueError(f"need must be one of {', '.join(NEEDS)}, not {need!r}")
    mask = carries(cases, need) if known is None else np.asarray(known, dtype=bool)
    return Coverage(need, int(mask.sum()), len(cases), sources=sources_knowing(cases, need))


def coverage_where(cases: pd.DataFrame, need: str, rows: np.ndarray) -> Coverage:
    """`coverage` of the cases where `rows` holds (a bool per case), copying only the columns it reads.

    >>> frame = pd.DataFrame({"proof_provided": [True, None, False], "comment": ["a", "b", "c"]})
    >>> coverage_where(frame, "proof", np.array([True, True, False]))
    Coverage(need='proof', known=1, total=2)
    """
    read = {NEEDS[need][0], *knowledge_columns(need)}
    kept = cases[[c for c in cases.columns if c in read]]
    return coverage(kept if rows.all() else kept.loc[rows], need)


def source_coverage(cases: pd.DataFrame, need: str, known: np.ndarray | None = None) -> Coverage:
    """How many of `cases` come from a source that can express `need` (`analysis.knowledge.knows`), and of how many
    sources; `known` narrows it per case (a bool per case: the amount known too, say).

    >>> frame = pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"], "status": ["auto-approved", "refunded", "refunded"]})
    >>> c = source_coverage(frame, "auto-approval")
    >>> c, c.sources, c.by_source
    (Coverage(need='auto-approval', known=2, total=3), (1, 2), True)
    """
    mask = knows(cases, need)
    if known is not None:
        mask = mask & np.asarray(known, dtype=bool)
    return Coverage(need, int(mask.sum()), len(cases), sources=sources_knowing(cases, need))
