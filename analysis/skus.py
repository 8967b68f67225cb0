"""SKUs: which products the returns concentrate on, by reason (the SKU × reason matrix) and in a Pareto of cases or
refund value, and one SKU's reason mix against the shop's.

Buyer requests only for counts (courier returns are not a buyer's reason); refund value follows the money rule
(courier returns included, the main currency only: amounts in other currencies are never added). Cases with the
"No SKU" marker are left out: they name no product.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common import buyer_requests, codes, sku_level
from analysis.money import CurrencyRule, main_currency_cases, refunds_by
from analysis.weekly import NOT_GIVEN
from data.schema import REASONS

PARETO_BY: tuple[str, ...] = ("cases", "refund")


def sku_reason_counts(cases: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Buyer requests per SKU (rows, the `top` SKUs by cases, most first) and reason (columns, vocabulary order,
    reasons with no case left out). Requests whose file gives no reason count under `NOT_GIVEN`, last, so a row
    adds up to the SKU's requests as the other SKU charts count them.

    >>> cases = pd.DataFrame({"sku": ["A", "A", "B", "No SKU", "B"], "reason": ["Defective", "Other", "Defective", "Other", None]})
    >>> sku_reason_counts(cases).to_dict("index")
    {'A': {'Defective': 1, 'Other': 1, 'Not given': 0}, 'B': {'Defective': 1, 'Other': 0, 'Not given': 1}}
    """
    named = sku_level(buyer_requests(cases)).dropna(subset=["sku"])
    if named.empty:
        return pd.DataFrame(dtype=np.int64)
    sku, skus = codes(named["sku"])  # counted by codes, not by every value turned into text
    reason, reasons = codes(named["reason"].astype(object).where(named["reason"].notna(), NOT_GIVEN))
    counts = np.zeros((len(skus), len(reasons)), dtype=np.int64)
    np.add.at(counts, (sku, reason), 1)
    seen = counts.sum(axis=1) > 0
    table = pd.DataFrame(counts[seen], index=pd.Index([str(s) for s in skus[seen]]), columns=pd.Index([str(r) for r in reasons]))
    table = table[[r for r in (*REASONS, NOT_GIVEN) if r in table.columns and table[r].any()]]
    totals = table.sum(axis=1)
    order = sorted(totals.index, key=lambda sku: (-totals[sku], sku))[:top]
    table = table.loc[order].astype(np.int64)
    table.index.name, table.columns.name = "sku", "reason"
    return table


def sku_pareto(cases: pd.DataFrame, by: str = "cases", rule: CurrencyRule | None = None, top: int = 20) -> pd.DataFrame:
    """SKUs ranked by buyer requests (`by="cases"`) or by refund value in the main currency (`by="refund"`, which
    needs `rule`): columns `sku`, `value`, `share` (of all SKUs' total), `cumulative` (running share, most first);
    the `top` SKUs. SKUs whose refund is 0 are left out of the refund ranking.

    >>> cases = pd.DataFrame({"sku": ["A", "A", "A", "B", "C"], "reason": ["Other"] * 5})
    >>> sku_pareto(cases).round(2).values.tolist()
    [['A', 3, 0.6, 0.6], ['B', 1, 0.2, 0.8], ['C', 1, 0.2, 1.0]]
    """
    if by not in PARETO_BY:
        raise ValueError(f"rank by one of {PARETO_BY}, not {by!r}")
    if by == "cases":
        counts = sku_level(buyer_requests(cases))["sku"].dropna().astype(str).value_counts()
        table = pd.DataFrame({"sku": counts.index, "value": counts.to_numpy(dtype=np.int64)})
        table = table.sort_values(["value", "sku"], ascending=[False, True], kind="stable")
    else:
        if rule is None:
            raise ValueError("a refund ranking needs the shop's currency rule")
        money = refunds_by(main_currency_cases(sku_level(cases), rule), "sku")
        money = money[money["refund"] > 0]
        table = pd.DataFrame({"sku": money["sku"].astype(str), "value": money["refund"].to_numpy(dtype=float)})
        table = table.sort_values(["value", "sku"], ascending=[False, True], kind="stable")
    total = table["value"].sum()
    table["share"] = table["value"] / total if total else np.nan
    table["cumulative"] = table["share"].cumsum()
    return table.head(top).reset_index(drop=True)


def reason_mix(sku_cases: pd.DataFrame, shop_cases: pd.DataFrame) -> pd.DataFrame:
    """One SKU's reasons against the shop's: `reason`, `cases` (the SKU's), `share` (of the SKU's cases) and
    `shop_share` (of the shop's), for every reason either has; vocabulary order.

    >>> sku = pd.DataFrame({"reason": ["Defective", "Defective", "Other"]})
    >>> shop = pd.DataFrame({"reason": ["Defective", "Other", "Other", "Quality"]})
    >>> reason_mix(sku, shop).round(2).values.tolist()
    [['Defective', 2, 0.67, 0.25], ['Quality', 0, 0.0, 0.25], ['Other', 1, 0.33, 0.5]]
    """
    mine = buyer_requests(sku_cases)["reason"].dropna().astype(str).value_counts()
    shop = buyer_requests(shop_cases)["reason"].dropna().astype(str).value_counts()
    reasons = [r for r in REASONS if r in mine.index or r in shop.index]
    counts = mine.reindex(reasons, fill_value=0).astype(np.int64)
    return pd.DataFrame(
        {
            "reason": reasons,
            "cases": counts.to_numpy(),
            "share": (counts / counts.sum()).to_numpy() if counts.sum() else np.zeros(len(reasons)),
            "shop_share": (shop.reindex(reasons, fill_value=0) / max(int(shop.sum()), 1)).to_numpy(),
        }
    )


def sku_names(cases: pd.DataFrame) -> list[str]:
    """Every SKU named in the cases, sorted, for a SKU picker.

    >>> sku_names(pd.DataFrame({"sku": ["B", "A", None, "B"]}))
    ['A', 'B']
    """
    return sorted(sku_level(cases)["sku"].dropna().astype(str).unique())


def product_name(cases: pd.DataFrame) -> str | None:
    """The first product name the cases give (a SKU page's subtitle), or None where no file names the product.

    >>> product_name(pd.DataFrame({"product_name": [None, "Linen shirt", "Shirt"]}))
    'Linen shirt'
    >>> product_name(pd.DataFrame({"sku": ["A"]})) is None
    True
    """
    if "product_name" not in cases:
        return None
    names = cases["product_name"].dropna().astype(str)
    return names.iloc[0] if len(names) else None


def rows_of_sku(table: pd.DataFrame, sku: str) -> pd.DataFrame:
    """The rows of a table by SKU (recurring causes, say) that are about `sku`.

    >>> rows_of_sku(pd.DataFrame({"sku": ["A", "B", "A"], "reason": ["x", "y", "z"]}), "A")["reason"].tolist()
    ['x', 'z']
    """
    return table.loc[table["sku"].astype(str) == sku] if len(table) else table
