"""The Money, Deadlines, SKUs and Trends pages' figures, computed once per data version, view and setting and shared by
every session (bounded caches).

A rerun that leaves the view as it was (a toggle, an expander, the currency or clock form opened, a teammate on the
same view, a shared link) reads them instead of recomputing them over the view's cases. Keyed like `ui.cached`: the
store's URL and data version (an import or an undo changes it), the FilterSpec and each setting the figures depend on
(the response clock, the currency rule), never the frame. The same analysis functions compute them; the frames kept are
narrowed to the columns the pages show and shared, never copied: pages only read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.common import buyer_requests
from analysis.coverage import Coverage, coverage
from analysis.filters import FilterSpec
from analysis.knowledge import CURRENCY_SOURCE, SAYS, SOURCE_KEY, knows_column
from analysis.money import CurrencyRule, Refunds, lost_to_auto_approval, money_summary, refunded_without_proof, without_proof_mask
from analysis.not_products import LeftOut, left_out
from analysis.proof import proof_share, refunds_without_proof
from analysis.refund_breakdown import RefundRanking, part_of_refunds, refund_ranking, weekly_refunds
from analysis.skus import sku_pareto, sku_reason_counts
from analysis.sla import (
    ClockReading,
    awaiting_receipt,
    due_among,
    on_time_by,
    open_cases,
    open_coverage,
    overdue_coverage,
    past_deadline,
    read_clock,
    receipt_in_earlier_data,
    response_coverage,
)
from analysis.sources import SourceEnd
from analysis.weekly import weekly_counts
from data.clock import Clock
from ui import cached, rows, state

CASE_COLUMNS = ["case_id", "order_id", "sku", "request_type", "reason", "handled_by", "channel", "request_date"]
OPEN_COLUMNS = ["time_left", "due", *CASE_COLUMNS]
RECEIPT_COLUMNS = ["days_waiting", "response_date", *CASE_COLUMNS, "refund_amount"]
NO_PROOF_COLUMNS = ["refund_amount", "currency", "case_id", "sku", "request_type", "reason", "status", "handled_by", "request_date"]
# Long texts no figure of these pages reads: the copies of cases the analyses make inside leave them out. Every other
# column stays, so a column a figure looks for (or a missing one, meaning unknown data) reads as in the loaded cases.
UNREAD = ("comment", "product_name", "reason_raw", "buyer_hash")
# What the Money figures never read either, once the source columns' knowledge is worked out (`with_knowledge`):
# fewer columns for each of the many copies of the view its figures make.
MONEY_UNREAD = (
    *("order_id", "response_date", "resolved_date", "quantity", "channel"),
    *("source_file", "source_sheet", "source_row", "import_id"),
)


def _narrow(cases: pd.DataFrame, unread: tuple[str, ...] = ()) -> pd.DataFrame:
    """`cases` without the `UNREAD` columns (no rows copied), nor the `unread` ones when the cases carry what their
    sources can say (`analysis.knowledge`: else it is worked out from the source columns)."""
    knowing = {SOURCE_KEY, CURRENCY_SOURCE} <= set(cases.columns) and all(knows_column(need) in cases.columns for need in SAYS)
    dropped = (*UNREAD, *unread) if knowing else UNREAD
    return cases.drop(columns=[c for c in dropped if c in cases.columns])


def _view(spec: FilterSpec, unread: tuple[str, ...] = ()) -> pd.DataFrame:
    """The view's rows of the loaded cases in the columns `_narrow` keeps: narrowed first, so the rows are copied from
    those columns alone (at a million cases, copying every column took most of a filter change)."""
    cases = _narrow(state.cases().frame, unread)
    picked = rows.picked(spec)
    return cases if picked.all() else cases.loc[picked]


@state.per_version
@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=state.KEYS)
def _shared_view(url: str, version: int, is_demo: bool, spec: FilterSpec, unread: tuple[str, ...]) -> pd.DataFrame:
    # Money's and Deadlines' figures are worked out one part at a time, as the page draws them: the parts of one view
    # share one copy of its rows (`_view`). Deadlines' parts share one reading of its clock too (`_clock_reading`).
    return _view(spec, unread)


def _money_view(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    """The shared copy of the view's rows every part of the Money page reads (`_shared_view` without `MONEY_UNREAD`)."""
    return _shared_view(url=url, version=version, is_demo=is_demo, spec=spec, unread=MONEY_UNREAD)


@dataclass(frozen=True)
class MoneyTotals:
    totals: dict[str, Refunds]  # `money_summary`
    lost_part: float | None  # `part_of_refunds` lost to auto-approval, and refunded without proof
    bare_part: float | None
    proof: Coverage  # of the buyer requests' proof flag
    no_proof: int  # buyer requests refunded with proof known to be missing (`without_proof_mask`)
    left_out: LeftOut  # the view's lines that are fees, postage or adjustments, not products


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _money_totals(url: str, version: int, is_demo: bool, spec: FilterSpec, rule: CurrencyRule) -> MoneyTotals:
    selected = _money_view(url, version, is_demo, spec)
    totals = money_summary(selected, rule)
    refunds = totals["refunds"]
    requests = buyer_requests(selected)
    return MoneyTotals(
        totals=totals,
        lost_part=part_of_refunds(selected, rule, "auto-approval", lost_to_auto_approval, computed=(totals["auto_approved"], refunds)),
        bare_part=part_of_refunds(selected, rule, "proof", refunded_without_proof, computed=(totals["without_proof"], refunds)),
        proof=coverage(requests, "proof"),
        no_proof=int(without_proof_mask(requests).sum()),
        left_out=fee_lines(spec, rule),
    )


def money_totals(spec: FilterSpec, rule: CurrencyRule) -> MoneyTotals:
    """The Money page's headline figures of the view `spec` under the currency `rule`."""
    return _money_totals(**rows.key(), spec=spec, rule=rule)


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _weekly_refunds(url: str, version: int, is_demo: bool, spec: FilterSpec, rule: CurrencyRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    return weekly_refunds(_money_view(url, version, is_demo, spec), rule)


def money_weekly(spec: FilterSpec, rule: CurrencyRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`weekly_refunds` of the view `spec`: all refunds and the auto-approved ones, per week."""
    return _weekly_refunds(**rows.key(), spec=spec, rule=rule)


@state.per_version
@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=state.KEYS)
def _refund_ranking(url: str, version: int, is_demo: bool, spec: FilterSpec, rule: CurrencyRule, by: str, top: int) -> RefundRanking:
    return refund_ranking(_money_view(url, version, is_demo, spec), rule, by, top)


def money_ranking(spec: FilterSpec, rule: CurrencyRule, by: str, *, top: int) -> RefundRanking:
    """`refund_ranking` of the view `spec` by `by`, its `top` SKUs: worked out only for the ranking a page draws."""
    return _refund_ranking(**rows.key(), spec=spec, rule=rule, by=by, top=top)


@state.per_version
@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=state.KEYS)
def _proof_share(url: str, version: int, is_demo: bool, spec: FilterSpec, by: str) -> pd.DataFrame:
    return proof_share(_money_view(url, version, is_demo, spec), by)


def money_proof(spec: FilterSpec, by: str) -> pd.DataFrame:
    """`proof_share` of the view `spec` by request type or reason."""
    return _proof_share(**rows.key(), spec=spec, by=by)


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _no_proof(url: str, version: int, is_demo: bool, spec: FilterSpec) -> pd.DataFrame:
    return refunds_without_proof(_money_view(url, version, is_demo, spec))[NO_PROOF_COLUMNS]


def money_no_proof(spec: FilterSpec) -> pd.DataFrame:
    """`refunds_without_proof` of the view `spec`, largest first, the columns the page lists (built when listed)."""
    return _no_proof(**rows.key(), spec=spec)


@state.per_version
@st.cache_resource(max_entries=16, show_spinner=False, hash_funcs=state.KEYS)
def _fee_lines(url: str, version: int, is_demo: bool, spec: FilterSpec, rule: CurrencyRule) -> LeftOut:
    return left_out(cached.left_out(spec), rule)


def fee_lines(spec: FilterSpec, rule: CurrencyRule) -> LeftOut:
    """What the view's lines left out as fees, postage or adjustments hold (`analysis.not_products.left_out`), under
    the currency `rule`: the Overview and Money say it under their figures (`format.left_out`)."""
    return _fee_lines(**rows.key(), spec=spec, rule=rule)


@dataclass(frozen=True)
class DeadlineFigures:
    waiting: pd.DataFrame  # `open_cases`, most urgent first, the columns the page lists
    urgent: pd.DataFrame  # `due_within` one unit of the clock
    overdue: int  # `past_deadline` rows of `waiting`
    lost: Refunds  # `lost_to_auto_approval`
    status: Coverage  # `overdue_coverage`: a status that words waiting
    answering: Coverage  # `open_coverage`: a status or a first-response date
    answered: Coverage  # `response_coverage`
    receipt: pd.DataFrame  # `awaiting_receipt`, oldest first, the columns the page lists
    earlier: int  # `receipt_in_earlier_data`
    ends: list[SourceEnd]


@state.per_version
@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=state.KEYS)
def _clock_reading(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock, as_of: pd.Timestamp) -> ClockReading:
    return read_clock(_shared_view(url=url, version=version, is_demo=is_demo, spec=spec, unread=()), clock=clock, as_of=as_of)


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _deadlines(
    url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock, rule: CurrencyRule, as_of: pd.Timestamp
) -> DeadlineFigures:
    selected = _shared_view(url=url, version=version, is_demo=is_demo, spec=spec, unread=())
    waiting = open_cases(selected, clock=clock, as_of=as_of)
    reading = _clock_reading(url=url, version=version, is_demo=is_demo, spec=spec, clock=clock, as_of=as_of)
    earlier, ends = receipt_in_earlier_data(selected)  # both receipt lists read the sources loaded with the cases
    return DeadlineFigures(
        waiting=waiting[OPEN_COLUMNS],
        urgent=due_among(waiting, 1.0)[OPEN_COLUMNS],  # `due_within` of the open cases worked out above
        overdue=len(past_deadline(waiting)),
        lost=lost_to_auto_approval(selected, rule),
        status=overdue_coverage(selected),
        answering=open_coverage(selected),
        answered=response_coverage(selected, reading=reading),
        receipt=awaiting_receipt(selected, as_of=as_of)[RECEIPT_COLUMNS],
        earlier=earlier,
        ends=ends,
    )


def deadlines(spec: FilterSpec, clock: Clock, rule: CurrencyRule) -> DeadlineFigures:
    """The Deadlines page's figures of the view `spec` under the response `clock` and the currency `rule`, the clock
    read at `rows.latest_moment` (the latest moment anywhere in the data)."""
    return _deadlines(**rows.key(), spec=spec, clock=clock, rule=rule, as_of=rows.latest_moment())


@state.per_version
@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=state.KEYS)
def _on_time(url: str, version: int, is_demo: bool, spec: FilterSpec, clock: Clock, as_of: pd.Timestamp, by: str) -> pd.DataFrame:
    reading = _clock_reading(url=url, version=version, is_demo=is_demo, spec=spec, clock=clock, as_of=as_of)
    return on_time_by(reading.requests, by, reading=reading)


def on_time(spec: FilterSpec, clock: Clock, by: str) -> pd.DataFrame:
    """`on_time_by` week or person in charge of the view `spec` under the response `clock`: only the one a page draws."""
    return _on_time(**rows.key(), spec=spec, clock=clock, as_of=rows.latest_moment(), by=by)


@dataclass(frozen=True)
class SkuFigures:
    by_reason: pd.DataFrame  # `sku_reason_counts` of the top SKUs
    by_cases: pd.DataFrame  # `sku_pareto` by cases, the top SKUs
    by_refund: pd.DataFrame  # `sku_pareto` by refund value in the main currency, the top SKUs
    ranked: pd.DataFrame  # `sku_pareto` by cases, the longer list


@state.per_version
@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=state.KEYS)
def _skus(url: str, version: int, is_demo: bool, spec: FilterSpec, rule: CurrencyRule, top: int, listed: int) -> SkuFigures:
    selected = _view(spec)
    return SkuFigures(
        by_reason=sku_reason_counts(selected, top=top),
        by_cases=sku_pareto(selected, "cases", top=top),
        by_refund=sku_pareto(selected, "refund", rule, top=top),
        ranked=sku_pareto(selected, "cases", top=listed),
    )


def skus(spec: FilterSpec, rule: CurrencyRule, *, top: int, listed: int) -> SkuFigures:
    """The SKUs page's figures of the view `spec`: its charts' `top` SKUs and its table's `listed` SKUs."""
    return _skus(**rows.key(), spec=spec, rule=rule, top=top, listed=listed)


@state.per_version
@st.cache_resource(max_entries=8, show_spinner=False, hash_funcs=state.KEYS)
def _weekly(url: str, version: int, is_demo: bool, spec: FilterSpec, by: tuple[str, ...]) -> pd.DataFrame:
    return weekly_counts(rows.selected(spec), by=list(by))  # the slim columns hold what it reads


def weekly(spec: FilterSpec, by: tuple[str, ...]) -> pd.DataFrame:
    """`weekly_counts` of the view `spec` by the columns `by`."""
    return _weekly(**rows.key(), spec=spec, by=by)
