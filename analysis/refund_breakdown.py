"""Where the refunds of a view go, as the Money page draws them: in the main currency only (other currencies are
listed beside, never added in), by week and by reason, request type or SKU, and each headline's part of all refunds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.common import rows_where, sku_level
from analysis.knowledge import knows
from analysis.money import CurrencyRule, Refunds, auto_approved_cases, main_currency_cases, refund_figure, refunds_by


def weekly_refunds(cases: pd.DataFrame, rule: CurrencyRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The refunds of `cases` in the main currency of `rule` per request week (`refunds_by(..., "week")`), and the same
    for the auto-approved cases among them.

    >>> cases = pd.DataFrame({"status": ["refunded", "refunded", "auto-approved", "refunded"],
    ...     "refund_amount": [30.0, 10.0, 20.0, 5.0], "currency": ["IDR", "IDR", "IDR", "USD"],
    ...     "request_date": pd.to_datetime(["2026-11-02", "2026-11-03", "2026-11-10", "2026-11-10"])})
    >>> weekly, lost = weekly_refunds(cases, CurrencyRule("IDR"))
    >>> weekly["refund"].tolist(), lost["refund"].tolist()
    ([40.0, 20.0], [20.0])
    """
    in_main = main_currency_cases(cases, rule)
    return refunds_by(in_main, "week"), refunds_by(auto_approved_cases(in_main), "week")


@dataclass(frozen=True)
class RefundRanking:
    table: pd.DataFrame  # `refunds_by` the ranked column in the main currency, largest first (SKUs: the `top` ones)
    ranked: int  # values with a known refund; cases with no SKU count in the totals, not in a SKU ranking
    share: float  # the part of all refunds the table holds


def refund_ranking(cases: pd.DataFrame, rule: CurrencyRule, by: str, top: int = 15) -> RefundRanking:
    """The refunds of `cases` in the main currency of `rule` per value of `by` (reason, request type or SKU), largest
    first: every reason or type, the `top` SKUs. A page computes the one ranking it draws.

    >>> cases = pd.DataFrame({"sku": ["A", "B", "C", "A"], "reason": ["Defective", "Quality", "Defective", "Other"],
    ...     "status": "refunded", "refund_amount": [30.0, 10.0, 20.0, 5.0], "currency": ["IDR", "IDR", "IDR", "USD"]})
    >>> refund_ranking(cases, CurrencyRule("IDR"), "reason").table["refund"].tolist()
    [50.0, 10.0]
    >>> got = refund_ranking(cases, CurrencyRule("IDR"), "sku", top=2)
    >>> got.table["sku"].tolist(), got.ranked, round(got.share, 3)
    (['A', 'C'], 3, 0.833)
    """
    in_main = main_currency_cases(cases, rule)
    ranked = refunds_by(sku_level(in_main) if by == "sku" else in_main, by)
    table = ranked.head(top) if by == "sku" else ranked
    return RefundRanking(table=table, ranked=len(ranked), share=float(table["share"].sum()))


def share_of_refunds(value: float | None, refunds: float | None) -> float | None:
    """`value`'s part of all `refunds` (a headline's "of refunds" line), or None where either is unknown or there are none.

    >>> share_of_refunds(25.0, 100.0), share_of_refunds(None, 100.0), share_of_refunds(5.0, 0.0)
    (0.25, None, None)
    """
    return value / refunds if value is not None and refunds else None


def part_of_refunds(
    cases: pd.DataFrame,
    rule: CurrencyRule,
    need: str,
    figure: Callable[[pd.DataFrame, CurrencyRule], Refunds],
    *,
    computed: tuple[Refunds, Refunds] | None = None,
) -> float | None:
    """`figure`'s part of the refunds paid by the sources that can say `need` (`analysis.knowledge`): a file whose
    statuses never word an auto-approval adds refunds but can add no loss, so it is left out of both sides.
    `computed` is `figure(cases, rule)` and `refund_figure(cases, rule)` where the caller has them already: when every
    source in view can say `need`, the part is read from them instead of being computed again.

    >>> from analysis.money import lost_to_auto_approval
    >>> cases = pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"], "status": ["auto-approved", "refunded", "refunded"],
    ...     "refund_amount": [30.0, 70.0, 900.0], "currency": "IDR"})
    >>> part_of_refunds(cases, CurrencyRule("IDR"), "auto-approval", lost_to_auto_approval)
    0.3
    >>> able = cases.iloc[:2]
    >>> part_of_refunds(able, CurrencyRule("IDR"), "auto-approval", lost_to_auto_approval,
    ...     computed=(lost_to_auto_approval(able, CurrencyRule("IDR")), refund_figure(able, CurrencyRule("IDR"))))
    0.3
    """
    able = knows(cases, need)
    if computed is not None and able.all():
        part, whole = computed
    else:
        narrowed = rows_where(cases, able)
        part, whole = figure(narrowed, rule), refund_figure(narrowed, rule)
    return share_of_refunds(part.main, whole.main)
