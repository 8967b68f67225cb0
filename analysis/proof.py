"""Proof: how often buyers send a photo or video, and the refunds paid without one.

Cases whose proof is unknown (the sheet had no such column, or the cell was empty) are left out of
the shares and counted apart. Courier returns are not buyer requests and are left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, sorted_codes
from analysis.money import without_proof_mask


def proof_share(cases: pd.DataFrame, by: str = "request_type") -> pd.DataFrame:
    """Per value of `by`: `cases` with known proof, `with_proof`, `share`, and `unknown` (proof not recorded).

    >>> cases = pd.DataFrame({"reason": ["Defective", "Defective", "Defective", "Quality"],
    ...     "proof_provided": pd.array([True, False, None, True], dtype="boolean")})
    >>> proof_share(cases, "reason").values.tolist()
    [['Defective', 2, 1, 0.5, 1], ['Quality', 1, 1, 1.0, 0]]
    """
    frame = buyer_requests(cases)
    proof = frame["proof_provided"].astype("boolean")
    known = proof.notna().to_numpy()
    key, labels = sorted_codes(frame[by])  # groups of the values' text, in their sorted order
    table = pd.DataFrame(
        {
            "key": key,
            "cases": known.astype(np.int64),
            "with_proof": proof.to_numpy(dtype=bool, na_value=False).astype(np.int64),
            "unknown": (~known).astype(np.int64),
        }
    )
    grouped = table.loc[key >= 0].groupby("key", sort=True).sum()
    grouped.index = pd.Index(labels[grouped.index.to_numpy()], name="key")
    grouped["share"] = grouped["with_proof"] / grouped["cases"].where(grouped["cases"] > 0)
    return grouped.reset_index().rename(columns={"key": by})[[by, "cases", "with_proof", "share", "unknown"]]


def refunds_without_proof(cases: pd.DataFrame) -> pd.DataFrame:
    """The buyer requests refunded with no photo or video, largest refund first.

    >>> cases = pd.DataFrame({"case_id": ["a", "b", "c"], "status": ["refunded", "auto-approved", "refunded"],
    ...     "refund_amount": [10.0, 25.0, 5.0], "proof_provided": pd.array([False, False, True], dtype="boolean")})
    >>> refunds_without_proof(cases).case_id.tolist()
    ['b', 'a']
    """
    frame = buyer_requests(cases)
    return frame.loc[without_proof_mask(frame)].sort_values("refund_amount", ascending=False, kind="stable")
