"""Wordings by meaning: reason, request-type and status text -> a vocabulary value, from concept rules.

A vocabulary's rules live in `data/rules/<name>.toml` (shared word lists in `data/rules/concepts.toml`):
- `[concepts]`: named word lists in English, Indonesian and Vietnamese, written folded (see `data.rules.fold`:
  lower case, no accents, punctuation as spaces). A term is one or more words; a word ending in `*` matches any
  word it starts (`charg*`: charge, charging, charger), `*word*` any word holding it (Korean compounds).
- `[exact]`: whole folded wordings (marketplace codes such as `switcheroo`) -> value, checked first.
- `[[rule]]`: `value`, `when` (concepts that must all be present), `priority` (the highest matching rule wins),
  optional `near` (the concepts lie within that many words of each other), `ordered` (and come in the order
  listed), `extra` (a mark such as `courier`).
  In `when`, `concept` needs a plain mention and `not concept` a negated one ("won't charge": `not function`);
  a mention right after a negation word (within NEGATION_REACH words) is negated, so "not damaged" is no damage.

The text is cut into words; at each word the longest term of any concept is taken (a lexer's longest match), so
"hop rong" (an empty box) is not read as "rong" (loose). Words of five letters or more that no term knows are
matched to a known word one typo away ("pakaging", "varient"). Each distinct wording is classified once (cached).
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

RULES = Path(__file__).parent / "rules"
NEGATION = "negation"
NEGATION_REACH = 2  # words allowed between a negation and what it negates ("tidak bisa menyala", "doesn't hold a charge")
TYPO_MIN = 5  # shortest word that may carry a typo
MAX_WORDS = 60  # longer free text is cut: a reason cell is a phrase, not a letter


@dataclass(frozen=True)
class Tag:
    """A wording's reading: the vocabulary value, a mark (`courier`, `return` or ""), and what decided it."""

    value: str
    extra: str = ""
    why: str = ""


@dataclass(frozen=True)
class _Rule:
    value: str
    when: tuple[tuple[str, bool], ...]  # (concept, negated)
    needs: frozenset[tuple[str, bool]]
    priority: float
    near: int | None
    ordered: bool
    extra: str
    line: str


@dataclass(frozen=True)
class _Mention:
    concept: str
    start: int
    end: int  # exclusive
    negated: bool


@dataclass(frozen=True)
class Vocabulary:
    """A compiled rule file."""

    name: str
    exact: Mapping[str, str]
    rules: tuple[_Rule, ...]
    extras: Mapping[str, str]  # value -> the mark a learned wording of that value gets
    terms: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]  # first word pattern -> [(concept, word patterns)]
    words: frozenset[str]  # exact word patterns
    stems: frozenset[str]  # prefix patterns without the `*`
    inner: tuple[str, ...]  # `*x*` patterns without the stars
    typos: Mapping[str, tuple[tuple[str, bool, int], ...]]  # first letter -> (word or stem, is a stem, length)


@cache
def has_rules(name: str) -> bool:
    """True when `data/rules/<name>.toml` exists (a concept-rule vocabulary)."""
    return (RULES / f"{name}.toml").is_file()


@cache
def vocabulary(name: str) -> Vocabulary:
    """The compiled rules of `data/rules/<name>.toml`; a malformed file raises ValueError naming the rule."""
    with open(RULES / "concepts.toml", "rb") as handle:
        shared = tomllib.load(handle).get("concepts", {})
    with open(RULES / f"{name}.toml", "rb") as handle:
        spec = tomllib.load(handle)
    concepts: dict[str, list[str]] = {**shared}
    for concept, listed_terms in spec.get("concepts", {}).items():
        concepts[concept] = concepts.get(concept, []) + list(listed_terms)
    rules = []
    for number, row in enumerate(spec.get("rule", []), start=1):
        when = []
        for item in row["when"]:
            negated = item.startswith("not ")
            concept = item[4:].strip() if negated else item.strip()
            if concept not in concepts:
                raise ValueError(f"rules/{name}.toml rule {number} ({row['value']}): unknown concept {concept!r}")
            when.append((concept, negated))
        rules.append(
            _Rule(
                row["value"],
                tuple(when),
                frozenset(when),
                float(row.get("priority", 50)),
                row.get("near"),
                bool(row.get("ordered", False)),
                row.get("extra", ""),
                f"rule {number}: {' + '.join(row['when'])}",
            )
        )
    terms: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    patterns: set[str] = set()
    for concept, listed in concepts.items():
        for term in listed:
            term_words = tuple(term.split())
            if not term_words:
                continue
            terms.setdefault(term_words[0], []).append((concept, term_words))
            patterns.update(term_words)
    words = frozenset(p for p in patterns if "*" not in p)
    stems = frozenset(p[:-1] for p in patterns if p.endswith("*") and not p.startswith("*"))
    inner = tuple(sorted(p.strip("*") for p in patterns if p.startswith("*")))
    typos: dict[str, list[tuple[str, bool, int]]] = {}  # a typo in the first letter is rare: indexed by it
    for word, stem in sorted({(w, False) for w in words} | {(s, True) for s in stems}):
        if len(word) >= TYPO_MIN and word.isalpha():
            typos.setdefault(word[0], []).append((word, stem, len(word)))
    exact = {" ".join(k.split()): v for k, v in spec.get("exact", {}).items()}
    extras = dict(spec.get("extras", {}))
    return Vocabulary(
        name,
        exact,
        tuple(sorted(rules, key=lambda r: -r.priority)),
        extras,
        {k: tuple(v) for k, v in terms.items()},
        words,
        stems,
        inner,
        {k: tuple(v) for k, v in typos.items()},
    )


def read(folded: str, name: str, learned: Mapping[str, str] | None = None) -> Tag | None:
    """The value of one folded wording in vocabulary `name`, or None when no rule applies.

    `learned` (folded wording -> value, as the user tagged it) wins over every rule.
    """
    if not folded:
        return None
    if learned:
        value = learned.get(folded)
        if value:
            return Tag(value, vocabulary(name).extras.get(value, ""), "learned")
    return _read(folded, name)


@lru_cache(maxsize=200_000)
def _read(folded: str, name: str) -> Tag | None:
    vocab = vocabulary(name)
    if folded in vocab.exact:
        return Tag(vocab.exact[folded], vocab.extras.get(vocab.exact[folded], ""), "exact")
    mentions = _mentions(folded.split()[:MAX_WORDS], vocab)
    if not mentions:
        return None
    found: dict[tuple[str, bool], list[_Mention]] = {}
    for mention in mentions:
        found.setdefault((mention.concept, mention.negated), []).append(mention)
    present = found.keys()
    for rule in vocab.rules:
        if rule.needs <= present and _near(rule, found):
            return Tag(rule.value, rule.extra or vocab.extras.get(rule.value, ""), rule.line)
    return None


def _near(rule: _Rule, found: dict[tuple[str, bool], list[_Mention]]) -> bool:
    """True when the rule sets no distance, or some choice of distinct mentions lies within it."""
    if rule.near is None or len(rule.when) < 2:
        return True
    for pick in itertools.islice(itertools.product(*(found[need] for need in rule.when)), 400):
        ordered = sorted(pick, key=lambda m: m.start)
        if rule.ordered and list(pick) != ordered:
            continue
        if len(set(ordered)) == len(ordered) and all(b.start - a.end <= rule.near for a, b in itertools.pairwise(ordered)):
            return True
    return False


def _mentions(tokens: list[str], vocab: Vocabulary) -> list[_Mention]:
    """Concept mentions, longest term first at each word, then negation marks."""
    known = [_token_patterns(t, vocab.name) for t in tokens]
    spans: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        best: list[tuple[str, int]] = []
        longest = 0
        for concept, words in _token_terms(tokens[i], vocab.name):
            size = len(words)
            if size < longest or i + size > len(tokens):
                continue
            if size > 1 and not all(words[j] in known[i + j] for j in range(1, size)):
                continue
            if size > longest:
                best, longest = [(concept, i + size)], size
            elif (concept, i + size) not in best:
                best.append((concept, i + size))
        if best:
            spans += [(concept, i, end) for concept, end in best]
            i += longest
        else:
            i += 1
    negations = [end for concept, _, end in spans if concept == NEGATION]
    return [
        _Mention(concept, start, end, concept != NEGATION and any(0 <= start - n <= NEGATION_REACH for n in negations))
        for concept, start, end in spans
    ]


@lru_cache(maxsize=200_000)
def _token_terms(token: str, name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The terms (concept, word patterns) whose first word this word matches, longest first."""
    vocab = vocabulary(name)
    terms = [term for pattern in _token_patterns(token, name) for term in vocab.terms.get(pattern, ())]
    return tuple(sorted(terms, key=lambda term: -len(term[1])))


@lru_cache(maxsize=200_000)
def _token_patterns(token: str, name: str) -> frozenset[str]:
    """The word patterns of a vocabulary that one word matches (exactly, by prefix, inside, or one typo away)."""
    vocab = vocabulary(name)
    found = {token} if token in vocab.words else set()
    found |= {token[:k] + "*" for k in range(1, len(token) + 1) if token[:k] in vocab.stems}
    found |= {f"*{part}*" for part in vocab.inner if part in token}
    if token.isdigit():
        found.add("#")
    if not found and len(token) >= TYPO_MIN and token.isalpha():  # one typo away from a known word or stem
        size = len(token)
        for word, stem, length in vocab.typos.get(token[0], ()):
            if stem:
                if size >= length - 1 and any(
                    Levenshtein.distance(token[:cut], word, score_cutoff=1) <= 1 for cut in (length - 1, length, length + 1) if cut <= size
                ):
                    found.add(word + "*")
            elif -1 <= size - length <= 1 and Levenshtein.distance(token, word, score_cutoff=1) <= 1:
                found.add(word)
    return frozenset(found)
