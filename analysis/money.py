"""Money: the one rule for refund figures, refund value by reason, SKU, request type or week, and the money lost
to slowness and missing proof.

A refund is the case's `refund_amount` on a case not rejected, cancelled or still requested: many marketplace
exports fill the amount asked for even when it was never paid (an unpaid case is a known 0; a paid case with no
amount is unknown, never 0). Refund totals include courier returns (the money left the shop either way); the
losses to auto-approval and to refunds without proof are about buyer requests and leave courier returns out.

Amounts in different currencies are never added. The shop's main currency is a setting (the most common
currency of all stored cases until the shop picks one); amounts with no currency count as the main currency
only when the shop says so, otherwise they are shown apart, per source: two files that name no currency may
be in two currencies (a rupee payments sheet, a pound sales log), so their amounts are never added together
either. When no case names a currency, the source with the most amounts is the main one and the others are
shown apart. `refund_figure` applies that rule and every card, chart, table and download goes through it
(`CurrencyRule`, `main_currency_cases`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from analysis.common import NO_DAY, buyer_requests, date_column, equals, one_of, rows_where, sorted_codes, week_days
from analysis.coverage import Coverage, carries, coverage_where, source_coverage
from analysis.knowledge import currency_sources, knows

NOT_PAID: tuple[str, ...] = ("rejected", "cancelled", "requested")


@dataclass(frozen=True)
class CurrencyRule:
    """The shop's currency settings: its `main` currency (None when no case names one) and whether amounts with
    no currency are taken as the main currency. With no main currency, `unnamed` is the source (`currency_sources`)
    whose amounts are the main ones (None: the one with the most cases of the frame at hand). `named` holds the
    currency the shop gave a source whose files name none: its amounts are in that currency."""

    main: str | None = None
    no_currency_as_main: bool = False
    unnamed: str | None = None
    named: tuple[tuple[str, str], ...] = ()  # (source, currency) the shop named for sources whose files name none


def case_currency(cases: pd.DataFrame, named: tuple[tuple[str, str], ...] = ()) -> pd.Series:
    """Per case, its currency code in upper case: the one its file gives, else the one the shop `named` for its
    source (`currency_sources`), else missing.

    >>> frame = pd.DataFrame({"currency": ["idr", None, None], "source_file": ["a.csv", "pay.xlsx", "uk.csv"]})
    >>> case_currency(frame, (("pay.xlsx", "INR"),)).tolist()
    ['IDR', 'INR', <NA>]
    """
    currency = (
        cases["currency"].astype("string").str.upper()
        if "currency" in cases.columns
        else pd.Series(pd.NA, index=cases.index, dtype="string")
    )
    missing = currency.isna()
    if named and missing.any():
        given = currency_sources(cases).astype(object).map(dict(named))
        currency = currency.where(~missing, given.astype("string"))
    return currency


def most_common_currency(cases: pd.DataFrame, named: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The currency most cases use (None when no case names one); ties go to the first in alphabetical order.

    >>> most_common_currency(pd.DataFrame({"currency": ["USD", "IDR", "IDR", "USD", "VND", None]}))
    'IDR'
    """
    if "currency" not in cases.columns and not named:
        return None
    counts = case_currency(cases, named).dropna().value_counts()
    if counts.empty:
        return None
    return str(sorted(counts[counts == counts.max()].index)[0])


def unnamed_sources(cases: pd.DataFrame) -> list[str]:
    """The sources (`currency_sources`) with amounts whose files name no currency, most amounts first: the ones the
    shop can name a currency for.

    >>> unnamed_sources(pd.DataFrame({"source_file": ["pay.xlsx", "uk.csv", "uk.csv", "id.csv"],
    ...     "currency": [None, None, None, "IDR"], "refund_amount": [5.0, 3.0, 1.0, 2.0]}))
    ['uk.csv', 'pay.xlsx']
    """
    if "refund_amount" not in cases.columns:
        return []
    blank = cases["refund_amount"].notna().to_numpy(dtype=bool, copy=True)
    if "currency" in cases.columns:
        blank &= cases["currency"].isna().to_numpy(dtype=bool)
    if not blank.any():
        return []
    counts = currency_sources(cases)[blank].astype(str).value_counts()
    return sorted(counts.index, key=lambda name: (-counts[name], name))


def currency_rule(
    all_cases: pd.DataFrame, main: str | None = None, no_currency_as_main: bool = False, named: tuple[tuple[str, str], ...] = ()
) -> CurrencyRule:
    """The rule for a shop: its saved `main` currency, else the most common one of `all_cases` (every stored case,
    not the filtered view, so the headline currency does not change with the filters).

    >>> currency_rule(pd.DataFrame({"currency": ["IDR", "IDR", "USD"]})).main
    'IDR'
    >>> rule = currency_rule(pd.DataFrame({"currency": ["IDR"]}), "usd", True)
    >>> rule.main, rule.no_currency_as_main
    ('USD', True)

    With no currency anywhere, the source with the most known amounts holds the main figures, until the shop names
    the currency of a source:

    >>> cases = pd.DataFrame({"source_file": ["pay.xlsx", "uk.csv", "uk.csv"], "refund_amount": [5.0, 3.0, None]})
    >>> currency_rule(cases).main, currency_rule(cases).unnamed, currency_rule(cases, named=(("uk.csv", "GBP"),)).main
    (None, 'pay.xlsx', 'GBP')
    """
    named = tuple(sorted(named))
    chosen = main.strip().upper() if main and main.strip() else most_common_currency(all_cases, named)
    if chosen is not None or not len(all_cases):
        return CurrencyRule(chosen, bool(no_currency_as_main), named=named)
    return CurrencyRule(None, bool(no_currency_as_main), _largest_source(all_cases), named)


def _largest_source(cases: pd.DataFrame) -> str | None:
    """The source (`currency_sources`) with the most cases carrying an amount, else with the most cases; ties go to
    the first name in alphabetical order."""
    names = currency_sources(cases)
    if "refund_amount" in cases.columns and cases["refund_amount"].notna().any():
        names = names[cases["refund_amount"].notna().to_numpy()]
    counts = names.value_counts(sort=False)
    counts = counts[counts > 0]
    if counts.empty:
        return None
    return str(sorted(counts[counts == counts.max()].index.astype(str))[0])


def in_main_currency(cases: pd.DataFrame, rule: CurrencyRule) -> np.ndarray:
    """Per case, whether its amount is in the main currency: the main currency's code, or no currency when the
    shop takes those as its own. When no case names a currency, the amounts of one source are the main ones
    (`rule.unnamed`, else the source with the most cases here), never those of every source together.

    >>> frame = pd.DataFrame({"currency": ["IDR", None, "USD"]})
    >>> in_main_currency(frame, CurrencyRule("IDR")).tolist(), in_main_currency(frame, CurrencyRule("IDR", True)).tolist()
    ([True, False, False], [True, True, False])
    >>> unnamed = pd.DataFrame({"source_file": ["pay.xlsx", "uk.csv", "pay.xlsx"]})
    >>> in_main_currency(unnamed, CurrencyRule()).tolist(), in_main_currency(unnamed, CurrencyRule(unnamed="uk.csv")).tolist()
    ([True, False, True], [False, True, False])
    """
    return _in_main(cases, rule, case_currency(cases, rule.named))


def _in_main(cases: pd.DataFrame, rule: CurrencyRule, currency: pd.Series) -> np.ndarray:
    """`in_main_currency` given the cases' `case_currency` (read once by callers that need it too)."""
    missing = currency.isna().to_numpy(dtype=bool)
    if rule.main is None:
        if not missing.any():
            return missing
        names = currency_sources(cases)
        unnamed = rule.unnamed if rule.unnamed is not None else _largest_source(cases.loc[missing])
        return missing & (names == unnamed).to_numpy(dtype=bool, na_value=False)
    same = (currency == rule.main).to_numpy(dtype=bool, na_value=False)
    return same | (missing & rule.no_currency_as_main)


def main_currency_cases(cases: pd.DataFrame, rule: CurrencyRule) -> pd.DataFrame:
    """The cases whose amounts are in the main currency: what money charts and tables draw."""
    return rows_where(cases, in_main_currency(cases, rule))


KNOWN_REFUND = "known_refund"  # `known_refund` per case, worked out once for the loaded cases (`with_known_refunds`)


def with_known_refunds(cases: pd.DataFrame) -> pd.DataFrame:
    """`cases` with their `known_refund` as a column, so that every figure of every view reads it instead of working it
    out again from amounts, statuses and sources (the caller's frame is not changed). Pass cases that carry what their
    sources can say (`analysis.knowledge.with_knowledge`): a view's sources alone may know less than all of them.

    >>> cases = pd.DataFrame({"refund_amount": [5.0, 7.0], "status": ["refunded", "rejected"]})
    >>> with_known_refunds(cases)[KNOWN_REFUND].tolist(), KNOWN_REFUND in cases.columns
    ([5.0, 0.0], False)
    """
    return cases.assign(**{KNOWN_REFUND: _known_refund(cases)}) if "refund_amount" in cases.columns else cases


def known_refund(frame: pd.DataFrame) -> npt.NDArray[np.float64]:
    """The refund paid per case: the amount, or 0 where the status says nothing was paid; NaN where the amount is unknown.

    >>> known_refund(pd.DataFrame({"refund_amount": [5.0, None, 7.0], "status": ["refunded", "refunded", "rejected"]})).tolist()
    [5.0, nan, 0.0]

    Zeros read from statuses alone are no refund figure: a case whose source gives no refund amount at all (a file
    with no refund column, see `analysis.knowledge`) has an unknown refund whatever its status says, so a total over
    such files reads "Not in your files", never 0, and mixed with files that have amounts it is left out of coverage.

    >>> known_refund(pd.DataFrame({"refund_amount": [None, None], "status": ["approved", "rejected"]})).tolist()
    [nan, nan]
    >>> known_refund(pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"], "refund_amount": [5.0, None, None],
    ...     "status": ["refunded", "rejected", "rejected"]})).tolist()
    [5.0, 0.0, nan]
    """
    if KNOWN_REFUND in frame.columns:
        return frame[KNOWN_REFUND].to_numpy(dtype=float)
    return _known_refund(frame)


def _known_refund(frame: pd.DataFrame) -> npt.NDArray[np.float64]:
    amount = frame["refund_amount"].to_numpy(dtype=float, na_value=np.nan)
    if "status" in frame.columns:
        unpaid = one_of(frame["status"], NOT_PAID) & knows(frame, "refund amount")
        amount = np.where(unpaid, 0.0, amount)
    return amount


def paid_refund(frame: pd.DataFrame) -> npt.NDArray[np.float64]:
    """The refund paid per case for sums (an unknown amount adds nothing); `known_refund` keeps unknown apart."""
    return np.nan_to_num(known_refund(frame), nan=0.0)


@dataclass(frozen=True)
class Refunds:
    """A refund figure under the shop's currency rule.

    `main` is the amount in `currency` (None when no case carries an amount); `others` lists the amounts in
    other currencies, largest first, never added in; `no_currency` the amounts with no currency shown apart, per
    source (`currency_sources`), largest first (none when the rule counts them as main). `cases` is how many
    cases the figure is about, `refunded` how many of them paid a refund in the main currency; `coverage` how many
    of them carry the data the figure needs. `source` names the source `main` is from when no currency is named.
    """

    currency: str | None
    main: float | None
    others: tuple[tuple[str, float], ...]
    no_currency: tuple[tuple[str, float], ...]
    cases: int
    refunded: int
    coverage: Coverage
    source: str | None = None


def refund_figure(cases: pd.DataFrame, rule: CurrencyRule, *, covered: Coverage | None = None) -> Refunds:
    """The refunds paid on `cases`, per the shop's currency `rule`. `covered` replaces the default coverage
    (cases whose refund is known) where the figure needs other data too (a status, a proof flag).

    >>> frame = pd.DataFrame({"refund_amount": [100.0, 50.0, None, 7.0, 9.0, 3.0],
    ...     "currency": ["IDR", None, "IDR", "USD", "IDR", "VND"],
    ...     "status": ["refunded", "refunded", "refunded", "refunded", "rejected", "refunded"]})
    >>> r = refund_figure(frame, CurrencyRule("IDR"))
    >>> r.main, r.others, r.no_currency, r.refunded, r.coverage
    (100.0, (('USD', 7.0), ('VND', 3.0)), (('', 50.0),), 1, Coverage(need='refund amount', known=5, total=6))
    >>> refund_figure(frame, CurrencyRule("IDR", no_currency_as_main=True)).main
    150.0
    """
    paid = known_refund(cases)
    known = ~np.isnan(paid)
    cover = covered if covered is not None else source_coverage(cases, "refund amount", known)
    amount = np.where(known, paid, 0.0)
    currency = case_currency(cases, rule.named)
    main = _in_main(cases, rule, currency)
    no_currency_mask = currency.isna().to_numpy(dtype=bool) & ~main
    rest = ~main & ~no_currency_mask
    unknown = cover.none or (len(cases) > 0 and not known.any())
    apart = _sums(amount, no_currency_mask, currency_sources(cases)) if no_currency_mask.any() else ()
    return Refunds(
        currency=rule.main,
        main=None if unknown else float(amount[main].sum()),
        others=_sums(amount, rest, currency),
        no_currency=tuple((name, value) for name, value in apart if value),
        cases=len(cases),
        refunded=int((amount[main] > 0).sum()),
        coverage=cover,
        source=_main_source(cases, rule, main),
    )


def _sums(amount: np.ndarray, mask: np.ndarray, by: pd.Series) -> tuple[tuple[str, float], ...]:
    """The amounts under `mask` added per value of `by`, largest first."""
    if not mask.any():
        return ()
    sums = pd.Series(amount[mask]).groupby(np.asarray(by, dtype=object)[mask]).sum().sort_values(ascending=False, kind="stable")
    return tuple((str(key), float(value)) for key, value in sums.items())


def _main_source(cases: pd.DataFrame, rule: CurrencyRule, main: np.ndarray) -> str | None:
    """The source the main amounts are from when no currency is named (None when a currency is, or no case is main)."""
    if rule.main is not None or not main.any():
        return None
    return rule.unnamed if rule.unnamed is not None else str(currency_sources(cases)[main].iloc[0])


def refunds_by(cases: pd.DataFrame, by: str = "reason", *, basis: str = "request", start: str = "MON") -> pd.DataFrame:
    """Refund value per value of `by` (a column, or "week" for the request week): `refund`, `refunded_cases`, `share`.

    Pass the cases of one currency (`main_currency_cases`): amounts are added as they are. Largest first;
    weeks in calendar order. `share` is the part of all refunds in the view. Unknown amounts add nothing, and a
    reason, type or SKU none of whose cases carries a refund amount is left out: its refund is unknown, not 0 (the
    zeros of rejected requests alone are no figure, as in `known_refund`).

    >>> cases = pd.DataFrame({"reason": ["Defective", "Quality", "Defective", "Quality", "Wrong item"],
    ...     "refund_amount": [30.0, 10.0, None, 8.0, None], "status": ["refunded", "refunded", "refunded", "rejected", "refunded"]})
    >>> refunds_by(cases).values.tolist()
    [['Defective', 30.0, 1, 0.75], ['Quality', 10.0, 1, 0.25]]
    """
    refund = np.nan_to_num(known_refund(cases), nan=0.0)
    if by == "week":
        days = week_days(cases[date_column(basis)], start)
        dated = days != NO_DAY
        first = int(days[dated].min()) if dated.any() else 0
        key = np.where(dated, (days - first) // 7, -1)  # weeks since the first one: a group per week
    else:
        key, labels = sorted_codes(cases[by])  # groups of the values' text, in their sorted order
    # one `np.bincount` per sum over the grouped cases (a case with no value or no date is in no group)
    grouped_cases = key >= 0
    group = key[grouped_cases]
    size = int(group.max()) + 1 if len(group) else 0

    def per_group(weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(group, weights=None if weights is None else weights[grouped_cases], minlength=size)

    found = per_group() > 0
    if by != "week":  # a reason, type or SKU none of whose cases carries an amount: unknown, not 0
        found &= per_group(cases["refund_amount"].notna().to_numpy(dtype=float)) > 0
    kept = np.flatnonzero(found)
    values = (first + 7 * kept).astype("datetime64[D]").astype("datetime64[ns]") if by == "week" else labels[kept]
    table = pd.DataFrame(
        {
            by: pd.Index(values),
            "refund": per_group(refund)[kept],
            "refunded_cases": per_group((refund > 0).astype(float))[kept].astype(np.int64),
        }
    )
    total = table["refund"].sum()
    table["share"] = table["refund"] / total if total else np.nan
    if by != "week":
        table = table.sort_values("refund", ascending=False, kind="stable", ignore_index=True)
    return table


def auto_approved_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """The buyer requests the marketplace approved because nobody answered in time."""
    frame = buyer_requests(cases)
    return frame.loc[equals(frame["status"], "auto-approved")]


def auto_approval_coverage(cases: pd.DataFrame) -> Coverage:
    """How many buyer requests of `cases` come from a source whose statuses can say a request was approved
    automatically (`analysis.knowledge`): a count of auto-approved cases is a figure of those sources only, and
    unknown where none can say it (a file with no status column, a marketplace that never words it), never 0.

    >>> auto_approval_coverage(pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"],
    ...     "status": ["auto-approved", "refunded", "refunded"]})).sources
    (1, 2)
    """
    requests = buyer_requests(cases)
    statuses = source_coverage(requests, "status")
    return statuses if statuses.none else source_coverage(requests, "auto-approval")  # no status at all: say to add one


def lost_to_auto_approval(cases: pd.DataFrame, rule: CurrencyRule) -> Refunds:
    """Refunds on cases the marketplace approved because nobody answered in time; `cases` is how many were.
    Covered by the buyer requests whose source can say so (`auto_approval_coverage`); unknown when none can.

    >>> r = lost_to_auto_approval(pd.DataFrame({"status": ["auto-approved", "refunded", "auto-approved"],
    ...     "refund_amount": [10.0, 5.0, 2.0], "currency": ["IDR", "IDR", "USD"]}), CurrencyRule("IDR"))
    >>> r.main, r.others, r.cases
    (10.0, (('USD', 2.0),), 2)
    >>> lost_to_auto_approval(pd.DataFrame({"status": ["approved", "refunded"], "refund_amount": [10.0, 5.0]}),
    ...     CurrencyRule("IDR")).coverage.none
    True
    """
    requests = buyer_requests(cases)
    status = auto_approval_coverage(requests)
    figure = refund_figure(auto_approved_cases(cases), rule, covered=status)
    amounts = amount_coverage(requests)
    if amounts.none:  # no amount anywhere in view: what auto-approval cost is unknown, whatever the statuses say
        return _unknown(figure, amounts)
    return figure if not status.none else _unknown(figure)


def without_proof_mask(frame: pd.DataFrame) -> np.ndarray:
    """Refund paid (amount > 0, status not rejected, cancelled or still requested) and proof known to be missing."""
    paid = paid_refund(frame) > 0
    no_proof = (frame["proof_provided"].astype("boolean") == False).to_numpy(dtype=bool, na_value=False)  # noqa: E712
    return paid & no_proof


def refunded_without_proof(cases: pd.DataFrame, rule: CurrencyRule) -> Refunds:
    """Refunds paid on buyer requests that came with no photo or video (unknown proof is not counted). Covered by
    the refunded buyer requests whose proof is known.

    >>> r = refunded_without_proof(pd.DataFrame({"status": ["refunded", "refunded", "rejected", "refunded"],
    ...     "refund_amount": [10.0, 5.0, 7.0, 4.0], "currency": "IDR",
    ...     "proof_provided": pd.array([False, True, False, None], dtype="boolean")}), CurrencyRule("IDR"))
    >>> r.main, r.coverage
    (10.0, Coverage(need='proof', known=2, total=3))
    """
    frame = buyer_requests(cases)
    proof = coverage_where(frame, "proof", paid_refund(frame) > 0)  # of the refunded requests
    figure = refund_figure(frame.loc[without_proof_mask(frame)], rule, covered=proof)
    amounts = amount_coverage(frame)
    if amounts.none:  # no amount anywhere in view: not "0 paid without proof"
        return _unknown(figure, amounts)
    return figure if not proof.none else _unknown(figure)


def amount_coverage(cases: pd.DataFrame) -> Coverage:
    """How many of `cases` have a known refund (an amount, or a status saying nothing was paid).

    >>> amount_coverage(pd.DataFrame({"refund_amount": [None, None], "status": ["refunded", None]}))
    Coverage(need='refund amount', known=0, total=2)
    """
    return source_coverage(cases, "refund amount", ~np.isnan(known_refund(cases)))


def _unknown(figure: Refunds, why: Coverage | None = None) -> Refunds:
    """The same figure with its amount unknown (its coverage, or `why`, says why)."""
    return Refunds(figure.currency, None, (), (), figure.cases, figure.refunded, why or figure.coverage, figure.source)


def money_summary(cases: pd.DataFrame, rule: CurrencyRule) -> dict[str, Refunds]:
    """The Money page's three figures: all refunds, the part lost to auto-approval and the part paid without proof."""
    return {
        "refunds": refund_figure(cases, rule),
        "auto_approved": lost_to_auto_approval(cases, rule),
        "without_proof": refunded_without_proof(cases, rule),
    }


def has_proof_data(cases: pd.DataFrame) -> bool:
    """Whether any buyer request says whether proof came (else proof charts have nothing to draw)."""
    return bool(carries(buyer_requests(cases), "proof").any())
