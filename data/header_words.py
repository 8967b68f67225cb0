"""What a header means, from its words: fold it, take out bracketed units, currencies and time zones, split
it into words, find the concepts the words carry (`rules/header_concepts.csv`, English, Indonesian and
Vietnamese) and score each canonical column with the recipes of `rules/header_recipes.csv`.

"Tanggal Diajukan" carries a date and a request: it scores high as the request date. "Refunded (IDR)"
carries a refund, and its bracketed currency is a money word: it scores as the refund amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from data.rules import fold, table
from data.values import CURRENCY_SIGNS

MAX_PHRASE = 4  # words in the longest concept phrase
COVERED = 0.5  # share of the score a header keeps when none of its words is explained (the rest scales with coverage)
_BRACKET = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_MONEY_SIGN = re.compile(r"[$₫€£₹¥₱฿₩]")
_CURRENCY = re.compile(
    r"^(rp|idr|vnd|vnđ|usd|us|inr|rs|eur|gbp|myr|rm|php|thb|sgd|krw|jpy|cny|rmb|aud|cad|dong|đồng|đ|"
    r"ribu|nghin|k)$"
)
_ZONE = re.compile(
    r"^(gmt|utc|z)?\s*([+-]\s*\d{1,2}(:?\d{2})?)?$|^(wib|wita|wit|ict|sgt|myt|pht|ist|pst|pdt|est|edt|"
    r"cet|cest|jst|kst|hkt|aest|bst|local time|gio dia phuong)$"
)
_DIGITS = re.compile(r"^\d+$")
GROUP_SEPARATOR = " · "  # between a group label and the header under it: `Pengembalian Dana · Jumlah`


@dataclass(frozen=True)
class Recipe:
    column: str
    needs: frozenset[str]
    excludes: frozenset[str]
    score: float


@cache
def phrases() -> dict[str, frozenset[str]]:
    """Folded word or phrase -> the concepts it carries."""
    out: dict[str, set[str]] = {}
    for row in table("header_concepts"):
        for word in row["words"].split("|"):
            if fold(word):
                out.setdefault(fold(word), set()).add(row["concept"])
    return {word: frozenset(concepts) for word, concepts in out.items()}


@cache
def recipes() -> tuple[Recipe, ...]:
    """The column recipes; an unknown concept name is an error in the rules, found at load time."""
    concepts = {c for found in phrases().values() for c in found}
    out = []
    for row in table("header_recipes"):
        needs, excludes = frozenset(row["all"].split()), frozenset(row["none"].split())
        unknown = (needs | excludes) - concepts
        if unknown:
            raise ValueError(f"rules/header_recipes.csv: unknown concept {sorted(unknown)} for {row['column']}")
        out.append(Recipe(row["column"], needs, excludes, float(row["score"])))
    return tuple(out)


def concepts(header: object) -> tuple[frozenset[str], float]:
    """The concepts a header carries and the share of its words they explain (fillers and numbers aside).

    >>> found, covered = concepts("Refunded (IDR)")
    >>> sorted(found), covered
    (['money', 'refund'], 1.0)
    >>> sorted(concepts("Request Time (GMT+7)")[0])
    ['date', 'request']
    """
    text = str(header)
    found: set[str] = set()
    if _MONEY_SIGN.search(text):
        found.add("money")

    def unit(match: re.Match[str]) -> str:
        inside = fold(match.group(1))
        if _MONEY_SIGN.search(match.group(1)) or _CURRENCY.match(inside):
            found.add("money")
        elif inside and _ZONE.match(match.group(1).strip().lower()):
            found.add("date")
        else:
            return f" {match.group(1)} "
        return " "

    text = _BRACKET.sub(unit, text.replace("#", " no "))
    words = [w for w in fold(text).split() if not _DIGITS.match(w)]
    known = phrases()
    explained = total = 0
    i = 0
    while i < len(words):
        for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            carried = known.get(" ".join(words[i : i + size]))
            if carried is not None:
                break
        else:
            size, carried = 1, None
        if carried == frozenset({"filler"}):
            i += size
            continue
        total += size
        if carried:
            found |= carried - {"filler"}
            explained += size
        i += size
    return frozenset(found), (explained / total if total else 1.0)


@lru_cache(maxsize=65536)
def meaning_scores(header: str) -> dict[str, float]:
    """Score 0..1 per column (internal roles included) from the header's words alone; columns scoring 0 are left out.

    >>> s = meaning_scores("Tanggal Diajukan"); max(s, key=s.get), s["request_date"] >= 0.8
    ('request_date', True)
    >>> "comment" in meaning_scores("Buyer Name")
    False
    """
    found, covered = concepts(header)
    if not found:
        return {}
    scale = COVERED + (1 - COVERED) * covered
    out: dict[str, float] = {}
    for recipe in recipes():
        if recipe.needs <= found and not (recipe.excludes & found):
            out[recipe.column] = max(out.get(recipe.column, 0.0), round(recipe.score * scale, 3))
    return out


def split_group(header: str) -> tuple[str, str]:
    """A header named under a group label (`data.layout.header_names`) as (group, header); ("", header) without one.

    >>> split_group("Pengembalian Dana · Jumlah"), split_group("Jumlah")
    (('Pengembalian Dana', 'Jumlah'), ('', 'Jumlah'))
    """
    group, _, sub = str(header).rpartition(GROUP_SEPARATOR)
    return (group, sub) if group and sub.strip() else ("", str(header))


def header_currency(header: str) -> str | None:
    """The currency a header names in brackets or by its sign (`Refunded (IDR)`, `Refund ($)`, `Tiền hoàn (₫)`), else None.

    >>> header_currency("Refunded (IDR)"), header_currency("Tiền hoàn (VNĐ)"), header_currency("Refund ($)"), header_currency("Qty (pcs)")
    ('IDR', 'VND', 'USD', None)
    """
    for inside in _BRACKET.findall(str(header)):
        code = CURRENCY_SIGNS.get(inside.strip().lower().rstrip("."))
        if code:
            return code
    sign = _MONEY_SIGN.search(str(header))
    return CURRENCY_SIGNS.get(sign.group(0)) if sign else None


def best_meaning(header: str) -> tuple[str, float]:
    """The column a header most likely means and its score ("", 0.0 when none)."""
    scores = meaning_scores(header)
    if not scores:
        return "", 0.0
    column = max(scores, key=lambda name: scores[name])
    return column, scores[column]
