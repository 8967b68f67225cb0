"""Rule files under `data/rules/` and the text folding every rule matches against.

Header synonyms, presets and boolean wordings are CSV files; reason, request-type and status wordings are
concept rules by meaning (`<name>.toml`, read by `data.wordings`). Rules are written in *folded* form (see
`fold`): lower case, no diacritics, punctuation turned into single spaces, so one line covers
`Return-Reason`, `return_reason` and `RETURN REASON`.

Learned wordings (a user's own tags) are passed as `Learned`: vocabulary name (`reasons`, `request_types`,
`statuses`) -> {fold(raw wording): value}; they win over every rule. Keys must be made with `fold`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from data import wordings
from data.schema import REASONS, REQUEST_TYPES, STATUSES

RULES = Path(__file__).parent / "rules"
# The vocabularies a user can teach, and the values each accepts.
VOCABULARIES: dict[str, tuple[str, ...]] = {"reasons": REASONS, "request_types": REQUEST_TYPES, "statuses": STATUSES}
Learned = Mapping[str, Mapping[str, str]]  # vocabulary name -> {fold(raw wording): value}
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


def classify(text: object, name: str, learned: Mapping[str, str] | None = None) -> Rule | wordings.Tag | None:
    """How `text` reads in vocabulary `name` (its `.value` and `.extra` mark), or None when nothing matched.

    `reasons`, `request_types` and `statuses` are read by meaning (`data.wordings`); `learned` ({fold(raw
    wording): value}, the user's own tags) wins over their rules; a learned value outside the vocabulary is
    ignored. Other vocabularies (`booleans`, `order_statuses`) use their CSV regex rules, first match wins.

    >>> classify("Pengembalian Dana Saja", "request_types").value
    'Refund Only'
    >>> classify("Won't charge", "reasons").value, classify("Won't charge", "reasons", {"won t charge": "Quality"}).value
    ('Defective', 'Quality')
    """
    folded = fold(text)
    if not folded:
        return None
    if wordings.has_rules(name):
        taught = learned.get(folded) if learned else None
        if taught and taught in VOCABULARIES.get(name, (taught,)):
            return wordings.read(folded, name, {folded: taught})
        return wordings.read(folded, name)
    for rule in rules(name):
        if rule.pattern.search(folded):
            return rule
    return None
