"""The rows behind a view: text search over the fields a person quotes (case, order, SKU, product, reason, comment)
and the order the Cases page lists them in."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests

SEARCHED: tuple[str, ...] = ("case_id", "order_id", "sku", "product_name", "reason", "reason_raw", "comment")


def search(cases: pd.DataFrame, text: str) -> pd.DataFrame:
    """The cases where every word of `text` appears (any case, anywhere) in one of the `SEARCHED` columns.

    >>> cases = pd.DataFrame({"case_id": ["C1", "C2"], "sku": ["TEE-RED", "MUG"], "comment": ["Zipper broke", None]})
    >>> search(cases, "zipper")["case_id"].tolist(), search(cases, "tee broke")["case_id"].tolist(), len(search(cases, " "))
    (['C1'], ['C1'], 2)
    """
    words = text.lower().split()
    if not words or cases.empty:
        return cases
    columns = [c for c in SEARCHED if c in cases.columns]
    texts = [cases[c].astype("string").str.lower() for c in columns]
    keep = np.ones(len(cases), dtype=bool)
    for word in words:
        hit = np.zeros(len(cases), dtype=bool)
        for values in texts:
            hit |= values.str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)
        keep &= hit
    return cases.loc[keep]


def listed(cases: pd.DataFrame, text: str = "", limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The buyer requests matching `text`, latest request first (the first `limit`), and how many match in all.

    >>> cases = pd.DataFrame({"case_id": ["C1", "C2", "C3"], "request_date": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-01"]),
    ...                       "courier_return": [False, False, True]})
    >>> rows, total = listed(cases, limit=1)
    >>> rows["case_id"].tolist(), total
    (['C2'], 2)
    """
    found = search(buyer_requests(cases), text)
    total = len(found)
    if limit is not None and total > limit:
        order = np.argsort(-found["request_date"].to_numpy(dtype="datetime64[ns]").astype(np.int64), kind="stable")[:limit]
        return found.iloc[order], total
    return found.sort_values("request_date", ascending=False, kind="stable"), total
