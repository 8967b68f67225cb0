"""Comments: the words and phrases buyers use most per reason (and in `Other`), to suggest new reason rules.

Method: comments are NFC-normalised and lower-cased, split on anything that is not a letter or digit
(any script: Vietnamese and Indonesian as well as English), and stop words are removed using the lists
in `analysis/stopwords/{en,id,vi}.txt` (data, one word a line). Terms are single words and phrases of
two neighbouring words (once stop words are out); one-letter words and numbers are dropped. `count` is
how many times a term appears in the group's comments, `share` that count over the group's comments
with text, and `lift` the group's share over the rest of the shop's share: a term buyers use mainly
for one reason is a good rule candidate. Tokenising runs in Arrow compute kernels (no per-row Python).
Courier returns are left out.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.common import buyer_requests

STOPWORDS_DIR = Path(__file__).parent / "stopwords"
LANGUAGES: tuple[str, ...] = ("en", "id", "vi")
MAX_COMMENTS = 100_000  # beyond this, a seeded sample: tokenising is about 3 µs a comment


@cache
def stopwords(languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """The stop words of the given languages, from the data files.

    >>> {"the", "yang", "của"} <= stopwords()
    True
    """
    words: set[str] = set()
    for lang in languages:
        for line in (STOPWORDS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
            word = line.strip().lower()
            if word and not word.startswith("#"):
                words.add(word)
    return frozenset(words)


def terms(comments: pd.Series, languages: tuple[str, ...] = LANGUAGES) -> pd.DataFrame:
    """Every term of every comment: `row` (position in `comments`), `term`, `words` (1 or 2).

    >>> terms(pd.Series(["The box was CRUSHED", "Kardusnya penyok dan basah"])).term.tolist()
    ['box', 'crushed', 'kardusnya', 'penyok', 'basah', 'box crushed', 'kardusnya penyok', 'penyok basah']
    """
    text = pa.array(comments.array, type=pa.string(), from_pandas=True)
    text = pc.utf8_lower(pc.utf8_normalize(text, form="NFC"))
    lists = pc.split_pattern_regex(text, pattern=r"[^\p{L}\p{N}]+")  # empty pieces go with the one-letter words
    flat, parent = pc.list_flatten(lists), pc.list_parent_indices(lists)
    stop = pa.array(sorted(stopwords(tuple(languages))), type=pa.string())
    keep = pc.and_(
        pc.and_(pc.greater_equal(pc.utf8_length(flat), 2), pc.invert(pc.is_in(flat, value_set=stop))),
        pc.invert(pc.match_substring_regex(flat, pattern=r"^\p{N}+$")),
    )
    words, rows = pc.filter(flat, keep), pc.filter(parent, keep).to_numpy()
    same = rows[1:] == rows[:-1] if len(rows) > 1 else np.zeros(0, dtype=bool)
    pairs = pc.binary_join_element_wise(words[:-1], words[1:], " ") if len(rows) > 1 else pa.array([], type=pa.string())
    pairs, pair_rows = pc.filter(pairs, pa.array(same)), rows[:-1][same] if len(rows) > 1 else rows[:0]
    return pd.DataFrame(
        {
            "row": np.concatenate([rows, pair_rows]).astype(np.int64),
            "term": pd.array(
                pa.concat_arrays(
                    [
                        words.combine_chunks() if isinstance(words, pa.ChunkedArray) else words,
                        pairs.combine_chunks() if isinstance(pairs, pa.ChunkedArray) else pairs,
                    ]
                ),
                dtype=pd.ArrowDtype(pa.string()),
            ),
            "words": np.concatenate([np.ones(len(rows), dtype=np.int8), np.full(len(pair_rows), 2, dtype=np.int8)]),
        }
    )


def frequent_terms(
    cases: pd.DataFrame,
    *,
    by: str = "reason",
    top: int = 10,
    min_count: int = 3,
    languages: tuple[str, ...] = LANGUAGES,
    max_comments: int = MAX_COMMENTS,
    seed: int = 0,
) -> pd.DataFrame:
    """The `top` most frequent terms per value of `by` (at least `min_count` times), with `share` and `lift`.

    Most frequent first; at equal counts phrases come before single words, then alphabetical order.
    `lift` is infinite for a term never used outside the group. With more than `max_comments`
    comments, a seeded random sample of that many is read, `min_count` applies to the sample and
    `count` is scaled up to all comments (shares and lifts are estimates then).

    >>> cases = pd.DataFrame({"reason": ["Other"] * 3 + ["Defective"] * 3,
    ...     "comment": ["gift not wanted", "a gift, not wanted", "Gift!", "does not turn on", "not working", None]})
    >>> frequent_terms(cases, top=3, min_count=2)[["reason", "term", "count", "share"]].values.tolist()
    [['Defective', 'not', 2, 1.0], ['Other', 'gift', 3, 1.0], ['Other', 'gift not', 2, 0.667], ['Other', 'not wanted', 2, 0.667]]
    """
    frame = buyer_requests(cases)
    frame = frame.loc[frame[by].notna().to_numpy() & frame["comment"].notna().to_numpy()]
    columns = [by, "term", "words", "count", "share", "lift"]
    scale = 1.0
    if len(frame) > max_comments:
        scale = len(frame) / max_comments
        frame = frame.iloc[np.sort(np.random.default_rng(seed).choice(len(frame), max_comments, replace=False))]
    comment, distinct = pd.factorize(frame["comment"])  # each distinct comment is tokenised once
    found = terms(pd.Series(distinct), languages) if len(frame) else None
    if found is None or found.empty:
        return pd.DataFrame({c: [] for c in columns})
    group_codes, groups = pd.factorize(frame[by], sort=True)
    n_groups = len(groups)
    term_codes, vocabulary = pd.factorize(found["term"])
    row, pick = _every_comment(found["row"].to_numpy(), comment)
    term_codes, term_words = term_codes[pick], found["words"].to_numpy()[pick]
    key, counts = np.unique(term_codes.astype(np.int64) * n_groups + group_codes[row], return_counts=True)
    t, g = key // n_groups, key % n_groups
    per_term = np.bincount(term_codes, minlength=len(vocabulary))
    words = np.bincount(term_codes, weights=term_words, minlength=len(vocabulary)) / np.maximum(per_term, 1)
    comments = np.bincount(group_codes, minlength=n_groups).astype(float)
    kept = counts >= min_count  # in the sample, when sampled: a term seen once or twice there is not frequent
    t, g, counts = t[kept], g[kept], counts[kept]
    rest = comments.sum() - comments[g]
    share = counts / comments[g]
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = share / np.where(rest > 0, (per_term[t] - counts) / rest, np.nan)
    text = np.asarray(vocabulary, dtype=object)[t]
    order = np.lexsort((text.astype(str), -words[t], -counts, g))
    table = pd.DataFrame(
        {
            "g": g,
            "term": text,
            "words": words[t].astype(int),
            "count": np.round(counts * scale).astype(np.int64),
            "share": share.round(3),
            "lift": lift.round(2),
        }
    ).iloc[order]
    table = table.groupby("g", sort=False).head(top)
    table.insert(0, by, np.asarray(groups, dtype=object)[table.pop("g").to_numpy()])
    return table.reset_index(drop=True)[columns]


def _every_comment(distinct_rows: np.ndarray, comment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The terms of the distinct comments (`distinct_rows`: each term's distinct comment) repeated for every comment
    that reads the same (`comment`: each comment's distinct one): each term's comment, and its term's position.

    >>> _every_comment(np.array([0, 1, 0]), np.array([1, 0, 1]))
    (array([0, 1, 1, 2]), array([1, 0, 2, 1]))
    """
    order = np.argsort(distinct_rows, kind="stable")
    per_distinct = np.bincount(distinct_rows, minlength=int(comment.max()) + 1 if len(comment) else 0)
    first = np.cumsum(per_distinct) - per_distinct  # where each distinct comment's terms start in `order`
    n = per_distinct[comment]
    row = np.repeat(np.arange(len(comment)), n)
    within = np.arange(len(row)) - np.repeat(np.cumsum(n) - n, n)
    return row, order[np.repeat(first[comment], n) + within]
