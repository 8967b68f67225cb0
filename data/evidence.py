"""Content evidence for the header mapping: what a sample of a column's cells look like (dates, money, whole
numbers, SKU codes, reason / request-type / status wordings, free text), and how that raises or lowers a
header's score for each column. Only a sample of rows is looked at: the mapping runs once per sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.rules import classify
from data.values import parse_dates, parse_money

SAMPLE_ROWS = 60
DATE_COLUMNS = ("request_date", "response_date", "resolved_date")
MONEY_COLUMNS = ("refund_amount", "_unit_price")
ID_LIKE = ("case_id", "order_id", "sku", "_order_item", "_buyer_id")
VOCABULARIES = {"reason_raw": "reasons", "request_type": "request_types", "status": "statuses"}
_SKU = re.compile(r"^(?=.*[\d\-_/.])[A-Za-z0-9][A-Za-z0-9\-_/.]{1,39}$")
# Cells that may be dates (checked by parse_dates only when most cells look so: parsing free text is slow).
_DATE_LIKE = re.compile(
    r"(?i)^\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}|^\d{1,2}[-/. ]?[a-z]{3,9}[-/. ]?\d{2,4}|"
    r"^[a-z]{3,9}\.? \d{1,2},? \d{2,4}|^\d{5}(\.\d+)?$|^\d{8}(t|\b)"
)
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")  # thousands written in groups (`89.000`, `1,250`): an amount, not a count
_SAMPLE_RULES = 30  # distinct values classified per vocabulary
# A column read by its cells alone (`Evidence.by_content`): enough short wordings, each repeated, nearly all known to
# one vocabulary and clearly fewer to the others. Its score sits between ACCEPT and a header match's.
CONTENT_SCORE = 0.45
CONTENT_CELLS = 8  # non-empty sampled cells at least
CONTENT_WORDS = 4.0  # mean words per cell at most: comments are longer
CONTENT_SHARE = 0.9  # of distinct wordings known to the vocabulary
CONTENT_MARGIN = 0.25  # the next vocabulary knows at most this much less
CONTRADICT_CELLS = 3  # non-empty sampled cells at least before the cells may overrule a trusted header


@dataclass(frozen=True)
class Evidence:
    """Shares (0..1) of a column's sampled non-empty cells that look like each kind of value."""

    present: int = 0
    dates: float = 0.0
    money: float = 0.0
    whole_small: float = 0.0  # whole numbers from 0 to 999 not written in thousands groups: counts
    sku_like: float = 0.0
    words: float = 0.0  # mean words per cell
    vocab: tuple[tuple[str, float], ...] = ()  # (column, share of distinct wordings a vocabulary knows)
    distinct: int = 0  # distinct wordings among the sampled cells

    def share(self, column: str) -> float:
        return dict(self.vocab).get(column, 0.0)

    def adjust(self, column: str, score: float) -> float:
        """A header's score for `column`, raised when the cells fit and lowered when they clearly do not.

        >>> Evidence(present=10, dates=0.0, money=1.0, whole_small=1.0).adjust("request_date", 0.9)
        0.27
        """
        if not self.present:
            return score
        if column in DATE_COLUMNS:
            return _fit(score, self.dates, 0.6, 0.3)
        if column in MONEY_COLUMNS:
            score = _fit(score, self.money, 0.6, 0.5)
            return round(score * 0.75, 3) if self.whole_small >= 0.95 else score
        if column == "quantity":
            score = _fit(score, self.whole_small, 0.9, 0.5)
            return round(score * 0.3, 3) if self.money < 0.5 else score
        if column in ID_LIKE:
            if self.words > 3 or self.dates >= 0.9:
                return round(score * 0.4, 3)
            return _fit(score, self.sku_like, 0.6, 1.1) if column == "sku" else score
        if column in VOCABULARIES:
            return _fit(score, self.share(column), 0.5, 0.2)
        if column == "comment":
            return round(min(1.0, score + 0.05), 3) if self.words >= 3 else score
        return score

    def contradicts(self, column: str) -> bool:
        """The cells clearly are not what `column` holds, whatever the header says: a date column with next to no
        dates, an amount column with next to no amounts, a wording column of plain numbers or dates (a `Status`
        header over the refund amounts of a sheet whose columns were shifted).

        >>> Evidence(present=10, money=1.0, whole_small=0.0).contradicts("status")
        True
        >>> Evidence(present=10, money=0.0, words=1.0).contradicts("refund_amount"), Evidence(present=2).contradicts("request_date")
        (True, False)
        >>> content_evidence(pd.Series(["125000", "89.000", "1.250.000"])).contradicts("quantity")
        True
        >>> content_evidence(pd.Series(["1", "2", "12"])).contradicts("quantity")
        False
        """
        if self.present < CONTRADICT_CELLS:
            return False
        if column in DATE_COLUMNS:
            return self.dates < 0.2
        if column in MONEY_COLUMNS:
            return self.money < 0.2
        if column == "quantity":  # amounts (`125000`, `89.000`) under a header that also means a count (`Jumlah`)
            return self.money >= 0.9 and self.whole_small < 0.2
        if column in VOCABULARIES:
            return (self.money >= 0.9 and self.whole_small < 0.5) or self.dates >= 0.9
        return False

    def guess(self, column: str) -> float:
        """A low score from the cells alone (header says nothing): a candidate to show the user, never mapped alone."""
        if self.present < 2:
            return 0.0
        if column == "request_date" and self.dates >= 0.8:
            return 0.35
        if column == "sku" and self.sku_like >= 0.8 and self.dates < 0.5 and self.money < 0.5:
            return 0.3
        if column in VOCABULARIES and self.share(column) >= 0.6:
            return 0.35
        return 0.0

    def by_content(self) -> str | None:
        """The one wording column (reason, request type, status) the cells alone show, or None: at least
        CONTENT_CELLS short cells, 2 or more distinct wordings each seen twice on average (free-text comments are
        long and varied), nearly all known to one vocabulary and clearly fewer to any other.

        >>> Evidence(present=60, words=1.0, distinct=2, vocab=(("reason_raw", 0.0), ("status", 1.0))).by_content()
        'status'
        >>> Evidence(present=60, words=1.0, distinct=2, vocab=(("request_type", 1.0), ("status", 1.0))).by_content() is None
        True
        >>> Evidence(present=60, money=1.0, whole_small=1.0, distinct=3).by_content() is None  # quantities: no wordings
        True
        """
        if self.present < CONTENT_CELLS or self.words > CONTENT_WORDS or not 2 <= self.distinct <= self.present // 2:
            return None
        ranked = sorted(self.vocab, key=lambda pair: pair[1], reverse=True) + [("", 0.0), ("", 0.0)]
        (column, best), (_, runner_up) = ranked[0], ranked[1]
        return column if column and best >= CONTENT_SHARE and runner_up <= best - CONTENT_MARGIN else None


def _fit(score: float, share: float, good: float, bad: float) -> float:
    """+0.05 when at least `good` of the cells fit, x0.3 when fewer than `bad` do."""
    if share >= good:
        return round(min(1.0, score + 0.05), 3)
    if share < bad:
        return round(score * 0.3, 3)
    return score


def _amount(text: str) -> float | None:
    try:
        return parse_money(text)[0]
    except ValueError:  # text that looks like a number but is not one (`29.04.2026`)
        return None


def content_evidence(cells: pd.Series, vocab: bool = True) -> Evidence:
    """Look at up to SAMPLE_ROWS non-empty cells of a column (text as read from the file); `vocab` also tries the
    reason, request-type and status vocabularies on its distinct wordings (the slowest part), as it does anyway
    for a column of few short wordings (one that may be read by its cells alone).

    >>> e = content_evidence(pd.Series(["2026-01-02", "03/01/2026", None, "2026-01-05"]))
    >>> e.present, e.dates
    (3, 1.0)
    """
    head = cells.head(SAMPLE_ROWS * 2).tolist()  # plain Python on a few cells: pandas' per-call cost would dominate
    sample = [t for t in (str(v).strip() for v in head if v is not None and v == v) if t][:SAMPLE_ROWS]
    if not sample:
        return Evidence()
    present = len(sample)
    dates = sum(bool(_DATE_LIKE.match(v)) for v in sample) / present
    if dates >= 0.5:
        dates = float(parse_dates(pd.Series(sample, dtype=object)).values.notna().mean())
    numbers = np.array([np.nan if (a := _amount(v)) is None else a for v in sample], dtype="float64")
    money = float(np.isfinite(numbers).mean())
    grouped = np.array([bool(_GROUPED.match(v)) for v in sample], dtype=bool)
    whole_small = float(((numbers >= 0) & (numbers < 1000) & (np.round(numbers) == numbers) & ~grouped).mean())
    sku_like = sum(bool(_SKU.match(v)) for v in sample) / present
    words = sum(len(v.split()) for v in sample) / present
    wordings = list(dict.fromkeys(sample))
    distinct = wordings[:_SAMPLE_RULES]
    vocab = vocab or (len(wordings) * 2 <= present and words <= CONTENT_WORDS)
    vocab_shares = (
        tuple((column, sum(classify(v, rules) is not None for v in distinct) / len(distinct)) for column, rules in VOCABULARIES.items())
        if vocab and money < 0.5 and dates < 0.5
        else ()
    )
    return Evidence(present, dates, money, whole_small, sku_like, words, vocab_shares, len(wordings))
