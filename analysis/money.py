"""Money: refund value by reason, SKU, request type or week, and the money lost to slowness and missing proof.

A refund is the case's `refund_amount` (missing counts as 0) on a case not rejected, cancelled or still
requested: many marketplace exports fill the amount asked for even when it was never paid. Refund totals include courier returns
(the money left the shop either way); the losses to auto-approval and to refunds without proof are
about buyer requests and leave courier returns out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, date_column, equals, week_start

NOT_PAID: tuple[str, ...] = ("rejected", "cancelled", "requested")


def paid_refund(frame: pd.DataFrame) -> np.ndarray:
    """The refund paid per case: the amount, or 0 where missing or where the status says nothing was paid."""
    amount = frame["refund_amount"].to_numpy(dtype=float, na_value=0.0)
    if "status" in frame.columns:
        amount = np.where(frame["status"].isin(NOT_PAID).to_numpy(dtype=bool, na_value=False), 0.0, amount)
    return amount


def refunds_by(cases: pd.DataFrame, by: str = "reason", *, basis: str = "request", start: str = "MON") -> pd.DataFrame:
    """Refund value per value of `by` (a column, or "week" for the request week): `refund`, `refunded_cases`, `share`.

    Largest first; weeks in calendar order. `share` is the part of all refunds in the view.

    >>> cases = pd.DataFrame({"reason": ["Defective", "Quality", "Defective", "Quality"], "refund_amount": [30.0, 10.0, None, 8.0],
    ...     "status": ["refunded", "refunded", "refunded", "rejected"]})
    >>> refunds_by(cases).values.tolist()
    [['Defective', 30.0, 1, 0.75], ['Quality', 10.0, 1, 0.25]]
    """
    refund = paid_refund(cases)
    key = week_start(cases[date_column(basis)], start).rename("week") if by == "week" else cases[by]
    table = pd.DataFrame({"key": key.to_numpy(), "refund": refund, "refunded_cases": (refund > 0).astype(np.int64)})
    grouped = table.groupby("key", observed=True, sort=True)[["refund", "refunded_cases"]].sum()
    total = grouped["refund"].sum()
    grouped["share"] = grouped["refund"] / total if total else np.nan
    if by != "week":
        grouped = grouped.sort_values("refund", ascending=False, kind="stable")
    return grouped.reset_index().rename(columns={"key": by})


def lost_to_auto_approval(cases: pd.DataFrame) -> float:
    """Refund value of cases the marketplace approved because nobody answered in time.

    >>> lost_to_auto_approval(pd.DataFrame({"status": ["auto-approved", "refunded"], "refund_amount": [10.0, 5.0]}))
    10.0
    """
    frame = buyer_requests(cases)
    return float(paid_refund(frame)[equals(frame["status"], "auto-approved")].sum())


def without_proof_mask(frame: pd.DataFrame) -> np.ndarray:
    """Refund paid (amount > 0, status not rejected, cancelled or still requested) and proof known to be missing."""
    paid = paid_refund(frame) > 0
    no_proof = (frame["proof_provided"].astype("boolean") == False).to_numpy(dtype=bool, na_value=False)  # noqa: E712
    return paid & no_proof


def refunded_without_proof(cases: pd.DataFrame) -> float:
    """Refund value paid on buyer requests that came with no photo or video (unknown proof is not counted).

    >>> refunded_without_proof(pd.DataFrame({"status": ["refunded", "refunded", "rejected"], "refund_amount": [10.0, 5.0, 7.0],
    ...     "proof_provided": pd.array([False, True, False], dtype="boolean")}))
    10.0
    """
    frame = buyer_requests(cases)
    return float(paid_refund(frame)[without_proof_mask(frame)].sum())


def money_summary(cases: pd.DataFrame) -> dict[str, float]:
    """Total refunds, and the parts lost to auto-approval and paid without proof.

    >>> money_summary(pd.DataFrame({"status": ["auto-approved", "refunded"], "refund_amount": [10.0, 5.0],
    ...     "proof_provided": pd.array([True, False], dtype="boolean")}))
    {'refunds': 15.0, 'auto_approved': 10.0, 'without_proof': 5.0}
    """
    return {"refunds": float(paid_refund(cases).sum()), "auto_approved": lost_to_auto_approval(cases),
            "without_proof": refunded_without_proof(cases)}
