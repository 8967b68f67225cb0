"""Raw header row -> canonical columns, with a confidence and how each column was matched.

Fixed first: buyer personal data (dropped), the user's saved or corrected mapping, a marketplace preset
recognised from the header row. The other headers are scored for every column: exact synonyms
(`data/rules/headers.csv`, trusted most), meaning (`data/header_words.py`: the concepts a header's words
carry, in English, Indonesian and Vietnamese), fuzzy near-misses of synonyms, and content evidence from a
sample of the cells (`data/evidence.py`). The whole mapping is then chosen at once, one column per field,
for the best total score; a header still unmapped whose cells alone plainly hold a wording field no header took
is then given it "by content". Each canonical column is taken by one header at most.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from data.column_labels import LABELS
from data.evidence import CONTENT_SCORE, VOCABULARIES, Evidence, content_evidence
from data.header_words import concepts, meaning_scores, split_group
from data.lazy import Lazy
from data.rules import key, table
from data.schema import COLUMN_NAMES, REQUIRED_COLUMNS

linear_sum_assignment = Lazy("scipy.optimize", "linear_sum_assignment")  # imported on first use (data.lazy)

# Internal roles a header can take besides the canonical columns (see headers.csv).
ROLES = ("_personal", "_buyer_id", "_order_item", "_colour", "_size", "_unit_price")
MULTI = {"_personal"}  # roles that several headers may share
# What a user may map a header to in the mapping editor ("" ignores the column).
CHOICES: tuple[str, ...] = (
    tuple(
        c
        for c in COLUMN_NAMES
        if c not in ("source_file", "source_sheet", "source_row", "import_id", "reason", "courier_return", "buyer_hash")
    )
    + ROLES
)
MATCH_COLUMNS = ("raw", "column", "confidence", "matched")
FUZZY_CUTOFF = 86
PRESET_SHARE = 0.6  # share of a preset's headers that must be present to recognise it
# Fields the assignment fills (one header each); _personal is fixed before it.
FIELDS: tuple[str, ...] = tuple(c for c in CHOICES if c not in MULTI)
FIELD_INDEX = {column: i for i, column in enumerate(FIELDS)}
EXACT_BONUS = 1.1  # an exact synonym of weight 1 beats any meaning score; a fallback synonym (weight < 0.8) does not
TRUSTED = 0.8  # exact synonyms of at least this weight are not second-guessed by the cells
GROUP_CLEAR = 0.7  # a header under a group label whose whole name means a column this much is read by it (`readings`)
OVERRULED = 0.3  # what the header alone says and its whole name does not keeps this share of its weight
OWN_LABEL_WEIGHT = 0.79  # the weight of a header the product itself writes (data.column_labels)
ACCEPT = 0.4  # lowest score mapped without asking
CONFIDENT = 0.5  # a required column mapped below this is reported missing (the user is asked)
REQUIRED = REQUIRED_COLUMNS
VOCABULARY_COLUMNS = frozenset(VOCABULARIES)


@dataclass
class Mapping:
    """A header row's mapping (`matches`: raw, column, confidence, matched), the preset recognised, and every
    header's score per field (`scores`, headers x FIELDS) from which the best candidates for a field are read."""

    matches: pd.DataFrame
    preset: str | None
    scores: pd.DataFrame
    headers: list[str]

    def missing(self) -> list[str]:
        """Required fields not mapped with confidence: the SKU (or, standing in, the product name) and the request date."""
        confident = {
            c
            for c, conf, how in self.matches[["column", "confidence", "matched"]].itertuples(index=False)
            if c and (conf >= CONFIDENT or how in ("user", "preset", "exact synonym"))
        }
        out = []
        if not {"sku", "product_name"} & confident:
            out.append("sku")
        if "request_date" not in confident:
            out.append("request_date")
        return out

    def candidates(self, column: str, limit: int = 3) -> list[tuple[str, float]]:
        """The headers most likely to hold `column`, best first, with their scores (only those scoring above 0)."""
        if column not in self.scores:
            return []
        ranked = self.scores[column].sort_values(ascending=False, kind="stable")
        top = ranked.head(limit)
        return [(self.headers[int(p)], round(min(1.0, float(s)), 2)) for p, s in zip(top.index, top.to_numpy(), strict=True) if s > 0]


@cache
def synonyms() -> dict[str, list[tuple[str, float]]]:
    """Header key -> [(column, weight)] from `rules/headers.csv`."""
    out: dict[str, list[tuple[str, float]]] = {}
    for row in table("headers"):
        column = row["column"]
        if column not in COLUMN_NAMES and column not in ROLES:
            raise ValueError(f"rules/headers.csv: unknown column {column!r}")
        out.setdefault(key(row["synonym"]), []).append((column, float(row["weight"] or 1)))
    # The product's own download headers read back as their columns, so a rows download is a valid upload. Below
    # TRUSTED: a hand-made sheet that happens to use one of these words still has its cells heard.
    for column, text in LABELS.items():
        if column in FIELDS and not any(known == column for known, _ in out.get(key(text), [])):
            out.setdefault(key(text), []).append((column, OWN_LABEL_WEIGHT))
    return out


@cache
def presets() -> dict[str, dict[str, str]]:
    """Preset name -> {header key: column or ""} from `rules/presets.csv`."""
    out: dict[str, dict[str, str]] = {}
    for row in table("presets"):
        out.setdefault(row["preset"], {})[key(row["header"])] = row["column"]
    return out


def known_keys() -> frozenset[str]:
    """Every header key some rule knows: used to find the header row."""
    keys = set(synonyms())
    for mapping in presets().values():
        keys.update(mapping)
    return frozenset(keys)


def signature(headers: list[str]) -> str:
    """A stable id of a header row (same headers, same order -> same id), to save and reuse a mapping.

    >>> signature(["Order ID", "SKU"]) == signature(["order-id", " sku "])
    True
    """
    return hashlib.sha256("|".join(key(h) for h in headers).encode()).hexdigest()[:16]


def name_forms(header: str) -> tuple[str, ...]:
    """The names a header is looked up by, in order: as read (under its group row: `Refund · Amount`), then as written in
    its own row (`Amount`), which is how a sheet read before its group row was: a layout or a mapping named by the
    header row alone is still found.

    >>> name_forms("Refund · Amount"), name_forms("Amount")
    (('Refund · Amount', 'Amount'), ('Amount',))
    """
    group, alone = split_group(header)
    return (header, alone) if group else (header,)


def lookup_keys(header: str) -> list[str]:
    """The keys of a header's `name_forms`, first found first."""
    return [key(form) for form in name_forms(header)]


def detect_preset(headers: list[str]) -> str | None:
    """The marketplace layout a header row belongs to, recognised from the headers (never the file name).

    >>> detect_preset(["Return ID", "Order ID", "Order Item ID", "Return Type", "Return Requested Date",
    ...                "Completed Date", "Return Status", "Return Reason", "Return Sub-reason"])
    'Flipkart returns'

    Under a group row each header is recognised by its whole name or by its own (`name_forms`).
    """
    keys = {k for h in headers for k in lookup_keys(h)}
    best, best_share = None, 0.0
    for name, mapping in presets().items():
        hits = len(keys & set(mapping))
        share = hits / len(mapping)
        if hits >= 4 and share >= PRESET_SHARE and share > best_share:
            best, best_share = name, share
    return best


def match_headers(
    headers: list[str], user: dict[str, str] | None = None, cells: list[pd.Series] | None = None
) -> tuple[pd.DataFrame, str | None]:
    """One row per raw header: canonical column ("" = ignored), confidence 0..1 and how it was matched.

    `cells` (optional) holds a sample of each column's cells, in header order: content evidence.

    >>> m, _ = match_headers(["Tanggal Pengajuan", "SKU Penjual", "Alasan", "Jumlah"])
    >>> m.column.tolist(), m.matched.tolist()[0]
    (['request_date', 'sku', 'reason_raw', 'quantity'], 'exact synonym')
    """
    found = choose(headers, user, cells)
    return found.matches, found.preset


Choice = tuple[str, float, str]  # column ("" = ignored), confidence 0..1, how it was matched


def choose(headers: list[str], user: dict[str, str] | None = None, cells: list[pd.Series] | None = None) -> Mapping:
    """The whole mapping of a header row at once: fixed choices first (buyer personal data, the user's mapping,
    a recognised marketplace preset), then one column per field for the best total score
    (`scipy.optimize.linear_sum_assignment`) over exact synonyms, meaning and cell contents.

    Steps: `score_headers` (fixed choices, and scores per field for the other headers), then `assign_fields`.
    """
    preset = detect_preset(headers)
    fixed, scores, how = score_headers(headers, user or {}, presets().get(preset, {}) if preset else {}, cells)
    chosen = assign_fields(scores, how, fixed)
    rows_out = [(raw, *chosen.get(pos, ("", 0.0, "not recognised"))) for pos, raw in enumerate(headers)]
    frame = pd.DataFrame(rows_out, columns=list(MATCH_COLUMNS))
    return Mapping(frame, preset, pd.DataFrame(scores, index=range(len(headers)), columns=list(FIELDS)), list(headers))


def fixed_choice(
    raw: str, user: dict[str, str], layout: dict[str, str], exact: list[tuple[str, float]], meaning: dict[str, float]
) -> Choice | None:
    """A header's column decided before any scoring, in this order: buyer personal data by an exact synonym (never
    stored, whatever a mapping says), the user's mapping (by the header as written or its key), the recognised
    preset's (by the header's `name_forms`), a header that reads as personal data; None when the header is to be scored.

    >>> fixed_choice("Buyer Phone", {"Buyer Phone": "sku"}, {}, [("_personal", 1.0)], {})
    ('_personal', 1.0, 'exact synonym')
    >>> fixed_choice("kode barang", {"Kode Barang": "sku"}, {}, [], {})
    ('sku', 1.0, 'user')
    >>> fixed_choice("Alasan", {}, {}, [("reason_raw", 1.0)], {"reason_raw": 0.9}) is None
    True
    """
    k = key(raw)
    user_keys = {key(given): column for given, column in user.items()}
    if any(column == "_personal" for column, _ in exact):
        return ("_personal", 1.0, "exact synonym")
    if raw in user or k in user_keys:
        return (user.get(raw, user_keys.get(k)) or "", 1.0, "user")
    in_layout = next((form for form in lookup_keys(raw) if form in layout), None)
    if in_layout is not None:
        return (layout[in_layout], 1.0, "preset")
    if not exact and _personal_first(meaning):
        return ("_personal", round(meaning["_personal"], 2), "by meaning")
    return None


def score_headers(
    headers: list[str], user: dict[str, str], layout: dict[str, str], cells: list[pd.Series] | None
) -> tuple[dict[int, Choice], np.ndarray, np.ndarray]:
    """The fixed choices by header position (`fixed_choice`), and for every other header a score and how it was
    matched per field (headers x FIELDS; see `_fill`). In a recognised preset, the headers it does not list are read
    by their synonyms only.

    >>> fixed, scores, how = score_headers(["Alasan", "Nama Pembeli"], {}, {}, None)
    >>> fixed, round(float(scores[0, FIELD_INDEX["reason_raw"]]), 2), how[0, FIELD_INDEX["reason_raw"]]
    ({1: ('_personal', 1.0, 'exact synonym')}, 1.1, 'exact synonym')
    """
    scores = np.zeros((len(headers), len(FIELDS)))
    how = np.full((len(headers), len(FIELDS)), "", dtype=object)
    fixed: dict[int, Choice] = {}
    for pos, raw in enumerate(headers):
        exact, meaning = readings(raw)
        choice = fixed_choice(raw, user, layout, exact, meaning)
        if choice is not None:
            fixed[pos] = choice
        else:
            fuzzy_key = key(split_group(raw)[1])  # a near-miss is of the header as written, not of its group's words
            _fill(scores[pos], how[pos], exact, {} if layout else meaning, _evidence(cells, pos, exact, meaning, layout), fuzzy_key)
    return fixed, scores, how


def readings(raw: str) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """A header's exact synonyms [(column, weight)] and its meaning scores {column: score}.

    Under a group label (`Pengembalian Dana · Jumlah`, see `data.layout.header_names`) the whole name and the header
    alone are both read, and each column keeps its best. Where the whole name clearly means something (an exact
    synonym, or a meaning of at least GROUP_CLEAR), what the header alone says and the whole name does not is
    overruled (its weight and score times OVERRULED): `Jumlah` alone is a quantity, under `Pengembalian Dana` (refund)
    it is the refund amount. A group that means nothing clear (`Order` over `Request Date`) changes nothing. Buyer
    personal data read from the header alone is never overruled.

    >>> readings("Jumlah")[0], readings("Pengembalian Dana · Jumlah")[0]
    ([('quantity', 1.0)], [('quantity', 0.3)])
    >>> readings("Pengembalian Dana · Jumlah")[1]["refund_amount"], readings("Order · Request Date")[0]
    (0.9, [('request_date', 1.0)])
    """
    group, alone = split_group(raw)
    exact = _synonyms_of(raw)
    meaning = meaning_scores(raw)
    if not group:
        return exact, meaning
    clear = any(weight >= TRUSTED for _, weight in exact) or max(meaning.values(), default=0.0) >= GROUP_CLEAR
    whole = {column for column, _ in exact} | set(meaning)

    def kept(column: str, value: float) -> float:
        return value if not clear or column in whole or column == "_personal" else round(value * OVERRULED, 3)

    best: dict[str, float] = {}
    for column, weight in [*exact, *((c, kept(c, w)) for c, w in _synonyms_of(alone))]:
        best[column] = max(best.get(column, 0.0), weight)
    merged = dict(meaning)
    for column, score in meaning_scores(alone).items():
        merged[column] = max(merged.get(column, 0.0), kept(column, score))
    return list(best.items()), merged


def _synonyms_of(header: str) -> list[tuple[str, float]]:
    """The exact synonyms of a header (`Order #` is `Order No`, `Customer #` no customer)."""
    return synonyms().get(key(header.replace("#", " no ")), [])


def assign_fields(scores: np.ndarray, how: np.ndarray, fixed: dict[int, Choice]) -> dict[int, Choice]:
    """The fixed choices, plus one field for each other header so that the total score is the highest
    (`linear_sum_assignment`) over the fields no fixed choice took; a header is given its field only when it scores
    at least `ACCEPT`. Confidence: an exact synonym's weight (the bonus taken off), else the score up to 0.95.
    Columns read by their cells alone wait until then (`_by_content`), so they never take a header match's field.

    >>> scores = np.zeros((2, len(FIELDS)))
    >>> scores[0, FIELD_INDEX["sku"]], scores[1, FIELD_INDEX["sku"]], scores[1, FIELD_INDEX["reason_raw"]] = 0.9, 0.8, 0.3
    >>> how = np.full(scores.shape, "by meaning", dtype=object)
    >>> assign_fields(scores, how, {})
    {0: ('sku', 0.9, 'by meaning')}
    >>> assign_fields(scores, how, {0: ("sku", 1.0, "user")})
    {0: ('sku', 1.0, 'user')}
    """
    taken = {column for column, _, _ in fixed.values() if column and column not in MULTI}
    chosen = dict(fixed)
    free = [p for p in range(len(scores)) if p not in fixed]
    open_fields = [f for f, column in enumerate(FIELDS) if column not in taken]
    if free and open_fields:
        grid = scores[np.ix_(free, open_fields)]
        grid = np.where(how[np.ix_(free, open_fields)] == "by content", np.minimum(grid, ACCEPT - 0.05), grid)
        rows, cols = linear_sum_assignment(grid, maximize=True)
        for r, c in zip(rows, cols, strict=True):
            if grid[r, c] >= ACCEPT:
                pos, field_ = free[r], open_fields[c]
                confidence = min(1.0, grid[r, c] / EXACT_BONUS) if how[pos, field_] == "exact synonym" else min(0.95, grid[r, c])
                chosen[pos] = (FIELDS[field_], round(float(confidence), 2), str(how[pos, field_]))
    chosen.update(_by_content(scores, how, chosen))
    return chosen


def _by_content(scores: np.ndarray, how: np.ndarray, chosen: dict[int, Choice]) -> dict[int, Choice]:
    """Headers left unmapped whose cells alone show a field (`Evidence.by_content`) that no header took, each field
    given only when a single such header shows it (two columns of statuses: neither is guessed).

    >>> scores, how = np.zeros((2, len(FIELDS))), np.full((2, len(FIELDS)), "", dtype=object)
    >>> scores[:, FIELD_INDEX["status"]], how[:, FIELD_INDEX["status"]] = 0.45, "by content"
    >>> _by_content(scores, how, {}), _by_content(scores, how, {0: ("comment", 0.9, "by meaning")})
    ({}, {1: ('status', 0.45, 'by content')})
    """
    taken = {column for column, _, _ in chosen.values() if column}
    shown: dict[int, list[int]] = {}
    for pos in range(len(scores)):
        if pos not in chosen:
            for f in np.flatnonzero((how[pos] == "by content") & (scores[pos] >= ACCEPT)):
                if FIELDS[f] not in taken:
                    shown.setdefault(int(f), []).append(pos)
    return {found[0]: (FIELDS[f], round(float(scores[found[0], f]), 2), "by content") for f, found in shown.items() if len(found) == 1}


def _fill(
    row: np.ndarray, how: np.ndarray, exact: list[tuple[str, float]], meaning: dict[str, float], evidence: Evidence | None, k: str
) -> None:
    """One header's score per field: exact synonyms (trusted most), meaning and fuzzy suggestions, then contents
    (a wording field the cells alone plainly show scores CONTENT_SCORE, placed after the header matches)."""
    for column, weight in exact:
        if column in FIELD_INDEX:
            row[FIELD_INDEX[column]], how[FIELD_INDEX[column]] = weight * EXACT_BONUS, "exact synonym"
    if not exact:
        for column, confidence in _fuzzy_scores(k).items():
            row[FIELD_INDEX[column]], how[FIELD_INDEX[column]] = confidence, "fuzzy suggestion"
    for column, score in meaning.items():
        f = FIELD_INDEX.get(column)
        if f is not None and score > row[f] and how[f] != "exact synonym":
            row[f], how[f] = score, "by meaning"
    if evidence is None:
        return
    for f, column in enumerate(FIELDS):
        if row[f] > 0 and (how[f] != "exact synonym" or row[f] < TRUSTED * EXACT_BONUS):
            row[f] = evidence.adjust(column, row[f])
        elif row[f] > 0 and evidence.contradicts(column):  # a trusted header over cells that clearly are something else
            row[f] = round(row[f] * 0.3, 3)
        elif row[f] == 0:
            guess = evidence.guess(column)
            if guess:
                row[f], how[f] = guess, "by content"
    strong = evidence.by_content()
    if strong is not None and row[FIELD_INDEX[strong]] < CONTENT_SCORE:
        row[FIELD_INDEX[strong]], how[FIELD_INDEX[strong]] = CONTENT_SCORE, "by content"


def _evidence(
    cells: list[pd.Series] | None, pos: int, exact: list[tuple[str, float]], meaning: dict[str, float], layout: dict[str, str]
) -> Evidence | None:
    """The content evidence of one column, only where it can change the mapping: not in a recognised preset (a header
    whose exact synonyms are all trusted is only overruled by cells that clearly contradict it, `Evidence.contradicts`).
    Wording vocabularies are tried where the header may be a reason, request type or status column (or means nothing),
    and on any column of few short wordings."""
    if cells is None or layout:
        return None
    vocab = not meaning or bool(VOCABULARY_COLUMNS & set(meaning)) or any(c in VOCABULARY_COLUMNS for c, _ in exact)
    return content_evidence(cells[pos], vocab=vocab)


def _personal_first(meaning: dict[str, float]) -> bool:
    """A header that reads as buyer personal data (name, phone, address) more than as anything else."""
    personal = meaning.get("_personal", 0.0)
    return personal >= ACCEPT and personal >= max(meaning.values())


@lru_cache(maxsize=4096)
def _fuzzy_scores(k: str) -> dict[str, float]:
    """Near-misses of known synonyms (`Retrun Date`), at a lower confidence."""
    out: dict[str, float] = {}
    if not k:
        return out
    for synonym, score, _ in process.extract(k, list(synonyms()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3):
        for column, weight in synonyms()[synonym]:
            if column != "_personal":  # a near-miss of a personal-data header is still not stored
                out[column] = max(out.get(column, 0.0), round(0.7 * weight * score / 100, 2))
    return out


def duplicates(headers: list[str]) -> list[tuple[str, str]]:
    """Pairs of non-empty headers that fold to the same key (`SKU` and `sku `).

    >>> duplicates(["SKU", "Date", "sku "])
    [('SKU', 'sku ')]
    """
    seen: dict[str, str] = {}
    pairs = []
    for raw in headers:
        k = key(raw)
        if k and k in seen:
            pairs.append((seen[k], raw))
        seen.setdefault(k, raw)
    return pairs


def is_order_date(header: str) -> bool:
    """A header that stands for the order's date, not a request date: a sheet dated by it is an order ledger
    (one row per sale) whose rows are cases only where they say return, refund or RTO.

    >>> is_order_date("Order Date"), is_order_date("Paid at"), is_order_date("Order Created (GMT+7)"), is_order_date("Return Date")
    (True, True, True, False)
    """
    fallback = [weight for column, weight in synonyms().get(key(header), []) if column == "request_date"]
    if fallback:
        return max(fallback) < 0.7
    found, _ = concepts(header)
    return "order" in found and not ({"request", "case", "response", "resolved"} & found)
