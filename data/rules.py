"""Rule files under `data/rules/` and the text folding every rule matches against.

Header synonyms, presets, request-type, reason, status and boolean wordings are data: adding a
wording is one line in a CSV file. Rules are written in *folded* form (see `fold`): lower case,
no diacritics, punctuation turned into single spaces, so one line covers `Return-Reason`,
`return_reason` and `RETURN REASON`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES = Path(__file__).parent / "rules"
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Letters that Unicode does not decompose into a base letter plus a mark.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: object) -> str:
    """Fold text for matching: NFC or NFD alike, no accents, lower case, words split by single spaces.

    Hangul and other scripts keep their letters (only combining marks are removed).

    >>> fold("  Chỉ hoàn tiền ") == fold(unicodedata.normalize("NFD", "chi HOAN-tien"))
    True
    >>> fold("RETURN_AND_REFUND"), fold("ReturnDate"), fold("고객변심")
    ('return and refund', 'return date', '고객변심')
    """
    text = _CAMEL.sub(" ", str(text).translate(_LETTERS))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _PUNCT.sub(" ", unicodedata.normalize("NFC", stripped).casefold()).strip()


def key(text: object) -> str:
    """A header's matching key: its folded words run together (`Return-Date` -> `returndate`).

    >>> key("Return-date") == key("return_date") == key("ReturnDate") == key(" RETURN DATE ")
    True
    """
    return fold(text).replace(" ", "")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/rules/<name>.csv` (lines starting with `#` are comments)."""
    with open(RULES / f"{name}.csv", encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    value: str
    extra: str = ""


@cache
def rules(name: str) -> tuple[Rule, ...]:
    """Ordered regex rules from `data/rules/<name>.csv` (columns `pattern,value[,extra]`); first match wins."""
    return tuple(Rule(re.compile(row["pattern"]), row["value"], row.get("extra", "")) for row in table(name))


def classify(text: object, name: str) -> Rule | None:
    """The first rule of `name` whose pattern is found in the folded text, or None.

    >>> classify("Pengembalian Dana Saja", "request_types").value
    'Refund Only'
    """
    folded = fold(text)
    if not folded:
        return None
    for rule in rules(name):
        if rule.pattern.search(folded):
            return rule
    return None
