"""Raw header row -> canonical columns, with a confidence and how each column was matched.

Order of trust: the user's saved or corrected mapping, then a marketplace preset recognised from the
header row, then exact synonyms (`data/rules/headers.csv`), then fuzzy suggestions (rapidfuzz) with a
lower confidence. Each canonical column is taken by one header at most.
"""

from __future__ import annotations

import hashlib
from functools import cache

import pandas as pd
from rapidfuzz import fuzz, process

from data.rules import key, table
from data.schema import COLUMN_NAMES

# Internal roles a header can take besides the canonical columns (see headers.csv).
ROLES = ("_personal", "_buyer_id", "_order_item", "_colour", "_size", "_unit_price")
MULTI = {"_personal"}  # roles that several headers may share
# What a user may map a header to in the mapping editor ("" ignores the column).
CHOICES: tuple[str, ...] = tuple(c for c in COLUMN_NAMES if c not in ("source_file", "source_sheet", "source_row", "import_id",
                                                                       "reason", "courier_return", "buyer_hash")) + ROLES
MATCH_COLUMNS = ("raw", "column", "confidence", "matched")
FUZZY_CUTOFF = 86
PRESET_SHARE = 0.6  # share of a preset's headers that must be present to recognise it


@cache
def synonyms() -> dict[str, list[tuple[str, float]]]:
    """Header key -> [(column, weight)] from `rules/headers.csv`."""
    out: dict[str, list[tuple[str, float]]] = {}
    for row in table("headers"):
        column = row["column"]
        if column not in COLUMN_NAMES and column not in ROLES:
            raise ValueError(f"rules/headers.csv: unknown column {column!r}")
        out.setdefault(key(row["synonym"]), []).append((column, float(row["weight"] or 1)))
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


def detect_preset(headers: list[str]) -> str | None:
    """The marketplace layout a header row belongs to, recognised from the headers (never the file name).

    >>> detect_preset(["Return ID", "Order ID", "Order Item ID", "Return Type", "Return Requested Date",
    ...                "Completed Date", "Return Status", "Return Reason", "Return Sub-reason"])
    'Flipkart returns'
    """
    keys = {key(h) for h in headers}
    best, best_share = None, 0.0
    for name, mapping in presets().items():
        hits = len(keys & set(mapping))
        share = hits / len(mapping)
        if hits >= 4 and share >= PRESET_SHARE and share > best_share:
            best, best_share = name, share
    return best


def match_headers(headers: list[str], user: dict[str, str] | None = None) -> tuple[pd.DataFrame, str | None]:
    """One row per raw header: canonical column ("" = ignored), confidence 0..1 and how it was matched.

    >>> m, _ = match_headers(["Tanggal Pengajuan", "SKU Penjual", "Alasan", "Jumlah"])
    >>> m.column.tolist(), m.matched.tolist()[0]
    (['request_date', 'sku', 'reason_raw', 'quantity'], 'exact synonym')
    """
    keys = [key(h) for h in headers]
    user_keys = {key(raw): column for raw, column in (user or {}).items()}
    preset = detect_preset(headers)
    layout = presets().get(preset, {}) if preset else {}
    candidates: list[tuple[int, float, int, str, str]] = []  # (rank, confidence, position, column, how)
    fixed: dict[int, tuple[str, float, str]] = {}
    for pos, (raw, k) in enumerate(zip(headers, keys, strict=True)):
        if any(column == "_personal" for column, _ in synonyms().get(k, [])):
            fixed[pos] = ("_personal", 1.0, "exact synonym")  # buyer personal data: never stored, whatever the mapping says
        elif raw in (user or {}) or k in user_keys:
            fixed[pos] = ((user or {}).get(raw, user_keys.get(k)) or "", 1.0, "user")
        elif k in layout:
            if layout[k]:
                candidates.append((0, 1.0, pos, layout[k], "preset"))
            else:
                fixed[pos] = ("", 1.0, "preset")
        elif k in synonyms():
            candidates += [(1, weight, pos, column, "exact synonym") for column, weight in synonyms()[k]]
        elif k:
            candidates += _fuzzy(pos, k)
    taken = {column for column, _, _ in fixed.values() if column and column not in MULTI}
    chosen = dict(fixed)
    for _, confidence, pos, column, how in sorted(candidates, key=lambda c: (c[0], -c[1], c[2])):
        if pos in chosen or (column in taken and column not in MULTI):
            continue
        chosen[pos] = (column, confidence, how)
        taken.add(column)
    rows = [(raw, *chosen.get(pos, ("", 0.0, "not recognised"))) for pos, raw in enumerate(headers)]
    return pd.DataFrame(rows, columns=list(MATCH_COLUMNS)), preset


def _fuzzy(pos: int, k: str) -> list[tuple[int, float, int, str, str]]:
    found = process.extract(k, list(synonyms()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
    out = []
    for synonym, score, _ in found:
        for column, weight in synonyms()[synonym]:
            if column != "_personal":  # a near-miss of a personal-data header is still not stored
                out.append((2, round(0.7 * weight * score / 100, 2), pos, column, "fuzzy suggestion"))
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
