"""Lines that are no product: postage, marketplace fees and commissions, manual adjustments, discounts, bank charges,
samples, bad-debt write-offs. Marketplace and accounting exports list them beside the products ("AMAZON FEE",
"Ongkos kirim", "Phí vận chuyển"); a fee reversed is no money refunded to a buyer for a product.

`is_not_product` is the one rule, read from `data/rules/not_products.toml`. The dashboard applies it once, where it
loads the cases (`split_products`): every figure, ranking and test reads the products alone, the Money page says
what was left out and how much (`left_out`), and downloads of rows keep the lines, marked (`marked`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.common import Mask, codes, rows_where
from analysis.money import CurrencyRule, Refunds, refund_figure
from data.rules import RULES, fold
from data.schema import NO_SKU, NOT_PRODUCT

Words = tuple[str, ...]


@dataclass(frozen=True)
class _Vocabulary:
    phrases: frozenset[Words]  # fee words: a line needs at least one
    qualifiers: frozenset[Words]  # words that may stand beside them
    longest: int
    pieces: tuple[tuple[str, bool], ...]  # every phrase and qualifier in one piece ("shippingfee"), and whether a phrase
    screen: str  # a regex any text holding a fee phrase matches, once lower-cased with no accents (see `_may_be_fees`)


@cache
def _vocabulary() -> _Vocabulary:
    with open(RULES / "not_products.toml", "rb") as handle:
        spec = tomllib.load(handle)["not_products"]
    phrases = frozenset(tuple(fold(p).split()) for p in spec["phrases"])
    qualifiers = frozenset(tuple(fold(q).split()) for q in spec["qualifiers"])
    pieces = {"".join(words): words in phrases for words in qualifiers | phrases}
    longest_words = sorted({max(words, key=len) for words in phrases}, key=len, reverse=True)
    screen = "|".join(re.escape(word).replace("d", "[dđ]") for word in longest_words)
    return _Vocabulary(phrases, qualifiers, max(len(w) for w in phrases | qualifiers), tuple(sorted(pieces.items())), screen)


def _may_be_fees(labels: np.ndarray) -> np.ndarray:
    """Per text, whether it holds the longest word of some fee phrase anywhere (lower case, accents dropped): the texts
    `is_not_product` can catch are among these. One vectorised pass, so a catalogue of 100,000 product names costs
    no Python call per name."""
    if not len(labels):
        return np.zeros(0, dtype=bool)
    text = pc.utf8_lower(
        pc.replace_substring_regex(pc.utf8_normalize(pa.array(labels.astype(str), pa.large_string()), "NFKD"), r"\p{Mn}+", "")
    )
    return np.asarray(pc.match_substring_regex(text, _vocabulary().screen).to_numpy(zero_copy_only=False), dtype=bool)


def _only_fee_words(words: Words, own: Words = ()) -> bool:
    """Whether `words` are fee phrases alone (at least one), beside qualifiers and the line's own SKU `own`."""
    vocabulary = _vocabulary()

    def steps(start: int) -> Iterator[tuple[int, bool]]:
        for end in range(start + 1, min(len(words), start + max(vocabulary.longest, len(own))) + 1):
            part = words[start:end]
            fee = part in vocabulary.phrases
            if fee or part in vocabulary.qualifiers or (own and part == own):
                yield end, fee

    return len(words) > 0 and _read_through(len(words), steps)


def _one_piece(text: str) -> bool:
    """Whether `text` (no spaces: a SKU such as "amazonfee") runs fee phrases and qualifiers together, one phrase at least."""

    def steps(start: int) -> Iterator[tuple[int, bool]]:
        return ((start + len(piece), fee) for piece, fee in _vocabulary().pieces if text.startswith(piece, start))

    return _read_through(len(text), steps)


def _read_through(length: int, steps: Callable[[int], Iterable[tuple[int, bool]]]) -> bool:
    """Whether positions 0 to `length` can be walked with `steps` (from a position, the next ones reachable, and
    whether the step is a fee phrase) taking one fee phrase at least."""
    # reached[i]: None when position i cannot be reached, else whether a fee phrase was taken on the way
    reached: list[bool | None] = [False] + [None] * length
    for start in range(length):
        seen = reached[start]
        if seen is None:
            continue
        for end, fee in steps(start):
            reached[end] = bool(reached[end]) or seen or fee
    return bool(reached[-1])


def is_not_product(sku: object, name: object = None) -> bool:
    """Whether a line with this SKU and product name is a fee, postage or an adjustment, not a product: its product
    name is fee words alone (beside a marketplace's name and the line's own SKU); with no product name, its SKU is.

    >>> is_not_product("AMAZONFEE", "AMAZON FEE"), is_not_product("CRUK", "CRUK Commission"), is_not_product("X1", "Ongkos kirim")
    (True, True, True)
    >>> is_not_product("POST", "Postage stamp album"), is_not_product("D", "Discount Tire gauge"), is_not_product("POST")
    (False, False, False)
    >>> is_not_product("SHIPPINGFEE"), is_not_product("Phí vận chuyển"), is_not_product(None, None)
    (True, True, False)
    """
    name_words = _words(name)
    sku_words = () if _blank(sku) or sku == NO_SKU else _words(sku)
    if name_words:
        return _only_fee_words(name_words, sku_words)
    if not sku_words:
        return False
    return _only_fee_words(sku_words) or (len(sku_words) == 1 and _one_piece(sku_words[0]))


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _words(value: object) -> Words:
    return () if _blank(value) else tuple(fold(value).split())


def not_product_mask(cases: pd.DataFrame) -> Mask:
    """Per case, whether it is a fee, postage or adjustment line (`is_not_product`); each SKU and name pair that may
    be one (`_may_be_fees`) read once.

    >>> not_product_mask(pd.DataFrame({"sku": ["M", "M", "22827"], "product_name": ["Manual", "Manual", "Rustic sideboard"]})).tolist()
    [True, True, False]
    """
    if not len(cases) or ("sku" not in cases.columns and "product_name" not in cases.columns):
        return np.zeros(len(cases), dtype=bool)
    none = pd.Series([None] * len(cases), index=cases.index, dtype=object)
    sku, skus = codes(cases["sku"] if "sku" in cases.columns else none)
    name, names = codes(cases["product_name"] if "product_name" in cases.columns else none)
    # a line with a product name is judged by it, one with none by its SKU: only those that may hold fee words are read
    maybe = np.where(name >= 0, np.append(_may_be_fees(names), False)[name], np.append(_may_be_fees(skus), False)[sku])
    found = np.zeros(len(cases), dtype=bool)
    if not maybe.any():
        return found
    rows = np.flatnonzero(maybe)
    pairs, first, back = np.unique((sku[rows] + 1) * (len(names) + 1) + (name[rows] + 1), return_index=True, return_inverse=True)
    verdict = np.array(
        [is_not_product(skus[sku[row]] if sku[row] >= 0 else None, names[name[row]] if name[row] >= 0 else None) for row in rows[first]],
        dtype=bool,
    )
    found[rows] = verdict[back.reshape(-1)]
    return found


def split_products(cases: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The product lines of `cases` (the frame itself when there is no other) and the lines that are no product.

    >>> products, fees = split_products(pd.DataFrame({"sku": ["A-1", "POST"], "product_name": ["Linen shirt", "POSTAGE"]}))
    >>> products["sku"].tolist(), fees["sku"].tolist()
    (['A-1'], ['POST'])
    """
    fees = not_product_mask(cases)
    return rows_where(cases, ~fees), cases.loc[fees]


def products_sold(orders: pd.DataFrame, fee_skus: pd.Series) -> pd.DataFrame:
    """The lines of an orders sheet (`date`, `sku`, `units`) that sell products: a SKU the cases show as a fee line
    (`fee_skus`, the `sku` of the lines `split_products` left out) or whose SKU alone reads as one (`is_not_product`)
    is no unit sold (the frame itself when there is none).

    >>> orders = pd.DataFrame({"sku": ["A-1", "POST", "SHIPPINGFEE"], "units": [3, 1, 1]})
    >>> products_sold(orders, pd.Series(["POST"]))["sku"].tolist()
    ['A-1']
    """
    if not len(orders) or "sku" not in orders.columns:
        return orders
    fees = not_product_mask(orders[["sku"]]) | orders["sku"].isin(pd.unique(fee_skus.dropna())).to_numpy(dtype=bool)
    return rows_where(orders, ~fees)


@dataclass(frozen=True)
class LeftOut:
    """The lines of a view left out as no product: how many, their SKUs (most lines first) and what the money rule
    would have counted as refunds on them (`refund_figure`: currencies kept apart)."""

    lines: int
    skus: tuple[str, ...]
    refunds: Refunds


def left_out(lines: pd.DataFrame, rule: CurrencyRule) -> LeftOut:
    """What the view's lines that are no product (`split_products`) hold.

    >>> fees = pd.DataFrame({"sku": ["AMAZONFEE", "M", "AMAZONFEE"], "refund_amount": [1.0, 549.34, 8286.22],
    ...     "currency": "GBP", "status": "refunded"})
    >>> found = left_out(fees, CurrencyRule("GBP"))
    >>> found.lines, found.skus, round(found.refunds.main, 2)
    (3, ('AMAZONFEE', 'M'), 8836.56)
    """
    labels = lines["sku"].astype(object) if "sku" in lines.columns else pd.Series([None] * len(lines), index=lines.index, dtype=object)
    if "product_name" in lines.columns:
        unnamed = labels.isna() | (labels == NO_SKU)
        labels = labels.where(~unnamed, lines["product_name"].astype(object))
    counts = labels.dropna().astype(str).value_counts(sort=False)
    skus = tuple(sorted(counts.index, key=lambda sku: (-counts[sku], sku)))
    return LeftOut(len(lines), skus, refund_figure(lines, rule))


def marked(products: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Rows for a download: the products, then the lines that are no product, with a `NOT_PRODUCT` column saying which
    (the products alone, unmarked, when no line was left out).

    >>> marked(pd.DataFrame({"sku": ["A"]}), pd.DataFrame({"sku": ["POST"]})).values.tolist()
    [['A', False], ['POST', True]]
    """
    if not len(lines):
        return products
    return pd.concat([products.assign(**{NOT_PRODUCT: False}), lines.assign(**{NOT_PRODUCT: True})], ignore_index=True)
