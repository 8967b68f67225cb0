"""Where the table is inside a sheet: the header row under titles, preambles and group headers,
and the rows that are not cases (legend rows under the header, totals at the bottom, blank rows).
"""

from __future__ import annotations

import re
import string

import pandas as pd

from data.header_words import GROUP_SEPARATOR, best_meaning
from data.headers import known_keys
from data.rules import fold, key

PROBE_ROWS = 40  # the header is looked for in the first rows of a sheet
HEADER_MEANING = 0.7  # a cell whose words mean a column at least this much counts as a header
MEANING_HIT = 0.75
LONGEST_HEADER = 60  # longer cells are data, not headers
_NUMBER = re.compile(r"^[+-]?[\d.,\s]+$")
_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]")
_DATA_DIGITS = re.compile(r"\d{3}|\d[-/.]\d")  # ids, amounts and dates; a header's digits sit in brackets (`GMT+0700`)
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
    rows below it. None when the sheet has no row that could be a header. When the row found is a group
    row (`group_row`), the header row is the one under it.

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
    table = [[c.strip() for c in row] for row in probe.values.tolist()]
    lines: list[tuple[int, list[str]]] = [(number, [c for c in row if c]) for number, row in zip(probe.index, table, strict=True)]
    best: int | None = None
    best_hits = 0.0
    for number, cells in lines:
        hits = sum(_hit(c, known, by_meaning) for c in cells)
        if hits > best_hits:
            best, best_hits = number, hits
    if best_hits < 1.5:
        width = max(len(cells) for _, cells in lines)
        best = next((n for n, cells in lines if len(cells) >= max(2, 0.6 * width) and not any(_NUMBER.match(c) for c in cells)), best)
    if best is None:
        return None
    at = int(probe.index.get_indexer(pd.Index([best]))[0])  # row numbers are unique
    if at + 1 < len(table) and _is_group(table[at], table[at + 1], known, by_meaning):
        return int(probe.index[at + 1])
    return best


def group_row(rows: pd.DataFrame, header_row: int, known: frozenset[str] | None = None) -> int | None:
    """The Excel row number of the group row right above the header row, or None.

    A group row names runs of header cells: a merged cell over `Jumlah | Mata Uang` reads as `Pengembalian Dana`
    then a blank, in a workbook and in a text export alike; an export that does not merge writes the label in each
    cell of its run (`Refund | Refund`, case and spaces aside). Its labels are short text, at least one runs over
    two header cells or more, and a single label over the whole header is a title, not a group. A row of distinct
    labels, one per column, groups nothing (it may be the header itself, with a description row under it). A label over an
    empty header cell names that column (merged down over both rows). The header row under it holds no data
    (amounts, ids, dates), and its columns read as headers under their groups better than the group row alone does.

    >>> rows = pd.DataFrame([["Pengembalian Dana", "", "Tanggal", "", "Pembeli"],
    ...                      ["Jumlah", "Mata Uang", "Permintaan", "Respons", ""],
    ...                      ["125000", "IDR", "2026-05-02", "2026-05-03", "Budi"]], index=[4, 5, 6])
    >>> find_header(rows), group_row(rows, 5), group_row(rows.loc[[5, 6]], 5)
    (5, 4, None)
    """
    at = int(rows.index.get_indexer(pd.Index([header_row]))[0])  # row numbers are unique
    if at == 0:
        return None
    by_meaning = known is None
    known = known_keys() if known is None else known
    upper, lower = ([str(c).strip() for c in rows.iloc[p].fillna("")] for p in (at - 1, at))
    return int(rows.index[at - 1]) if _is_group(upper, lower, known, by_meaning) else None


def _hit(cell: str, known: frozenset[str], by_meaning: bool) -> float:
    """How much a cell counts as a header: 1 for a known header, MEANING_HIT for one known by meaning. A header known
    by meaning counts a little less than a known one: a description row under a known header row (`Platform unique
    order ID.`) never wins over it."""
    return 1.0 if key(cell) in known else MEANING_HIT if by_meaning and _means_column(cell) else 0.0


def _is_group(upper: list[str], lower: list[str], known: frozenset[str], by_meaning: bool) -> bool:
    """Whether `upper` is a group row over the header row `lower` (cells as stripped text, "" empty; see `group_row`)."""
    labels = [p for p, c in enumerate(upper) if c]
    named = [p for p, c in enumerate(lower) if c]
    if not labels or not named:
        return False
    if any(len(upper[p]) > LONGEST_HEADER or _looks_data(upper[p]) or upper[p].endswith(":") for p in labels):
        return False  # a preamble (`Shop: | Toko Maju`), a title with a date, or data
    if any(_looks_data(lower[p]) for p in named):
        return False
    runs = _runs(upper, lower)
    if not any(runs[p] >= 0 and runs[p] != p for p in named):
        return False  # no label runs on over a second header cell: nothing is grouped
    starts = sorted({runs[p] for p in labels})  # each run once, where its label is first written
    if len(starts) == 1 and all(runs[p] == starts[0] for p in named):
        return False  # one label over the whole header: a title
    names = header_names(pd.Series(lower), pd.Series(upper))
    columns = [p for p in range(len(names)) if upper[p] or lower[p]]
    hits = sum(max(_hit(lower[p], known, by_meaning), _hit(names[p].replace(GROUP_SEPARATOR, " "), known, by_meaning)) for p in columns)
    # Read under their groups, the columns must read as headers, and better than the upper row alone does: a header row
    # with an unnamed column over a first row of data text is no group.
    return hits >= max(1.0, len(columns) / 2) and hits > sum(_hit(upper[p], known, by_meaning) for p in starts)


def _looks_data(cell: str) -> bool:
    """A cell that holds a value rather than a header: a number, an id, an amount or a date."""
    return bool(_NUMBER.match(cell) or _DATA_DIGITS.search(_BRACKETED.sub(" ", cell)))


def _runs(upper: list[str], lower: list[str]) -> list[int]:
    """Per column, the position of the group label over it (-1 for none): a label is carried right across the blanks
    after it and the cells repeating it (`Refund | Refund`, compared folded), up to the next label. A label over a
    blank header cell names its own column only (merged down over both rows, as `Pembeli` above), so it is not carried.

    >>> _runs(["Refund", "", "Dates", "dates ", "Buyer"], ["Amount", "Currency", "Asked", "Answered", ""])
    [0, 0, 2, 2, 4]
    """
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    runs, current = [], -1
    for p in range(width):
        if upper[p] and current >= 0 and fold(upper[p]) == fold(upper[current]):
            runs.append(current)
        elif upper[p]:
            current = p if lower[p] else -1
            runs.append(p)
        else:
            runs.append(current)
    return runs


def _means_column(cell: str) -> bool:
    """A cell that reads as a header by meaning (never a number or a long text)."""
    if len(cell) > LONGEST_HEADER or _NUMBER.match(cell):
        return False
    return best_meaning(cell)[1] >= HEADER_MEANING


def header_names(row: pd.Series, group: pd.Series | None = None) -> list[str]:
    """Header cells as text; an empty header is named after its column letter (`column A`). Under a group row
    (`group_row`), a header is named with the group label over it (`Pengembalian Dana · Jumlah`), and an empty header
    under a label of its own takes the label (a cell merged down over both rows).

    >>> header_names(pd.Series(["Refund", "", "Buyer", None]), pd.Series(["", "", "", ""]))
    ['Refund', 'column B', 'Buyer', 'column D']
    >>> header_names(pd.Series(["Order ID", "Amount", "Currency", None]), pd.Series(["", "Refund", None, "Buyer"]))
    ['Order ID', 'Refund · Amount', 'Refund · Currency', 'Buyer']
    """
    cells = [str(c).strip() for c in row.fillna("")]
    labels = [str(c).strip() for c in group.fillna("")] if group is not None else []
    runs = _runs(labels, cells) if labels else [-1] * len(cells)
    names = []
    for position, text in enumerate(cells):
        run = runs[position]
        label = labels[run] if run >= 0 else ""
        if text:
            names.append(f"{label}{GROUP_SEPARATOR}{text}" if label else text)
        else:
            names.append(label if run == position else f"column {column_letter(position)}")
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
