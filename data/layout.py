"""Where the table is inside a sheet: the header row under titles, preambles and group headers,
and the rows that are not cases (legend rows under the header, totals at the bottom, blank rows).
"""

from __future__ import annotations

import re
import string

import pandas as pd

from data.header_words import best_meaning
from data.headers import known_keys
from data.rules import fold, key

PROBE_ROWS = 40  # the header is looked for in the first rows of a sheet
HEADER_MEANING = 0.7  # a cell whose words mean a column at least this much counts as a header
MEANING_HIT = 0.75
LONGEST_HEADER = 60  # longer cells are data, not headers
_NUMBER = re.compile(r"^[+-]?[\d.,\s]+$")
TOTAL_WORDS = re.compile(r"^(grand )?(total|totals|sum|subtotal|jumlah|total keseluruhan|tong|tong cong|합계|총계)\b")


def column_letter(position: int) -> str:
    """Excel's letter for a 0-based column position.

    >>> column_letter(0), column_letter(25), column_letter(27)
    ('A', 'Z', 'AB')
    """
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def find_header(rows: pd.DataFrame, known: frozenset[str] | None = None) -> int | None:
    """The Excel row number of the header row: the early row with the most known headers.

    `known` is the set of header keys to look for; by default the case headers, where a header is also
    known by meaning (a wording no rule lists, such as `Tanggal Diajukan`, see `data.header_words`).

    Without any known header, the first row whose cells are all text and at least as wide as most
    rows below it. None when the sheet has no row that could be a header.

    >>> rows = pd.DataFrame([["Returns report", "", ""], ["", "", ""], ["Order ID", "SKU", "Return Date"],
    ...                      ["1", "A", "2024-01-01"]], index=[1, 2, 3, 4])
    >>> find_header(rows)
    3
    """
    probe = rows.head(PROBE_ROWS).fillna("").astype(str)
    if probe.empty:
        return None
    by_meaning = known is None
    known = known_keys() if known is None else known
    lines: list[tuple[int, list[str]]] = [
        (number, [c for c in row if c.strip()]) for number, row in zip(probe.index, probe.values.tolist(), strict=True)
    ]
    best: int | None = None
    best_hits = 0.0
    for number, cells in lines:
        # A header known by meaning counts a little less than a known one: a description row under a known
        # header row (`Platform unique order ID.`) never wins over it.
        hits = sum(1.0 if key(c) in known else MEANING_HIT if by_meaning and _means_column(c) else 0.0 for c in cells)
        if hits > best_hits:
            best, best_hits = number, hits
    if best_hits >= 1.5:
        return best
    width = max(len(cells) for _, cells in lines)
    for number, cells in lines:
        if len(cells) >= max(2, 0.6 * width) and not any(_NUMBER.match(c) for c in cells):
            return number
    return best


def _means_column(cell: str) -> bool:
    """A cell that reads as a header by meaning (never a number or a long text)."""
    if len(cell) > LONGEST_HEADER or _NUMBER.match(cell):
        return False
    return best_meaning(cell)[1] >= HEADER_MEANING


def header_names(row: pd.Series) -> list[str]:
    """Header cells as text; an empty header is named after its column letter (`column A`)."""
    names = []
    for position, cell in enumerate(row.fillna("").astype(str)):
        text = cell.strip()
        names.append(text or f"column {column_letter(position)}")
    return names


def blank_rows(rows: pd.DataFrame) -> pd.Series:
    """Rows with no cell filled (cells holding only spaces count as filled: the row is then listed, not lost)."""
    if rows.shape[1] == 0:
        return pd.Series(True, index=rows.index)
    first = rows[rows.columns[0]]
    empty_first = (first.isna() | (first == "")).to_numpy(dtype=bool)  # only rows with an empty first cell can be blank
    blank = pd.Series(False, index=rows.index)
    if not empty_first.any():
        return blank
    candidates = rows[empty_first]
    if len(candidates):
        filled = pd.Series(False, index=candidates.index)
        for column in candidates.columns[1:]:
            values = candidates[column]
            filled |= values.notna() & (values != "")
        blank[filled.index[~filled.to_numpy()]] = True
    return blank


def is_total(row: pd.Series) -> bool:
    """A totals row: its first filled cell starts with a totals word (Total, Jumlah, Tổng...).

    >>> is_total(pd.Series(["", "Grand Total", "125"])), is_total(pd.Series(["A-1", "Total comfort tee"]))
    (True, False)
    """
    for cell in row.fillna("").astype(str):
        if cell.strip():
            return bool(TOTAL_WORDS.match(fold(cell)))
    return False
