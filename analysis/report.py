"""The weekly summary workbook's contents, computed with the very functions the pages call, so every figure in the
file is the one the dashboard shows for the same view.

- front sheet: the Overview's headline figures and their change (`kpis.overview`: coverage, comparable sources),
  the Money page's losses (`money.money_summary`), each other currency on its own line, never added in;
- Recurring causes: the pairs that stand out now, with their evidence sentence (`recurring.recurring_causes`, the
  Recurring causes page's SKU × reason test, narrowed like the page);
- Top SKUs by cases and by refund (`skus.sku_pareto`, as on the SKUs page);
- Deadlines: every open request with its time left, most urgent first (`sla.open_cases`, as on the Deadlines page);
- the weekly tables by reason, request type and refunds in each currency (`summary.weekly_summary`).
"""

from __future__ import annotations

import pandas as pd

from analysis.attention import RECURRING_BY
from analysis.coverage import Coverage
from analysis.filters import FilterSpec, narrow_for_test, pick_rows
from analysis.knowledge import with_knowledge
from analysis.kpis import Figure, Overview, overview
from analysis.money import CurrencyRule, Refunds, currency_rule, money_summary
from analysis.recurring import now_and_earlier, recurring_causes
from analysis.skus import sku_pareto
from analysis.sla import latest_moment, open_cases
from analysis.sources import left_out_words
from analysis.summary import refund_columns, weekly_summary
from data.clock import DEFAULT_CLOCK, Clock
from data.column_labels import label
from data.summary_book import Chart, Headline, SummaryBook, Table, money_format

WEEKS, HISTORY_WEEKS = 8, 52  # the Recurring causes page's windows
TOP_SKUS = 15  # as on the SKUs page
DEADLINE_COLUMNS = ["case_id", "order_id", "sku", "request_type", "reason", "handled_by", "channel", "request_date"]


def coverage_words(cover: Coverage) -> str:
    """What a figure's coverage says beside it: the column that would provide it, or how much of the data informs it.

    >>> coverage_words(Coverage("refund amount", 0, 4)), coverage_words(Coverage("proof", 3, 4)), coverage_words(Coverage("proof", 4, 4))
    ('Not in your files: add a refund amount column', 'based on 3 of 4 cases', '')
    """
    return cover.words


def _days(window: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    return f"{window[0]:%-d %b %Y} – {window[1]:%-d %b %Y}"


def compared_words(figures: Overview) -> str:
    """What the changes compare with, as the Overview's caption says it."""
    if figures.previous_window:
        words = f"Changes: against {_days(figures.previous_window)}"
        if figures.left_out:
            words += f"; they leave out data that does not cover both periods: {left_out_words(list(figures.left_out))}"
        return words + "."
    if figures.left_out:
        return f"No changes: no data covers both this period and the one before ({left_out_words(list(figures.left_out))})."
    return "No changes: there is no earlier data to compare with." if figures.window else "No changes: the view is all time."


def _money_kind(currency: str | None) -> str:
    return f"money:{currency}" if currency else "money"


def _apart(name: str, refunds: Refunds) -> list[Headline]:
    """The amounts a refund figure keeps apart, one line each: other currencies, amounts with no currency."""
    lines = [
        Headline(f"{name} ({code})", value, kind=_money_kind(code), note="another currency: listed apart, never added in")
        for code, value in refunds.others
    ]
    if refunds.no_currency:
        lines.append(
            Headline(
                f"{name} (no currency)", refunds.no_currency, kind="money", note="amounts with no currency: listed apart, never added in"
            )
        )
    return lines


def headlines(figures: Overview, money: dict[str, Refunds], clock: Clock) -> list[Headline]:
    """The front sheet's figures: the Overview's three cards with their change, then the Money page's losses."""
    currency = figures.refunds.currency
    unit = f" ({currency})" if currency else ""

    def change_note(figure: Figure, cover: Coverage | None = None) -> str:
        notes = [coverage_words(cover)] if cover is not None else []
        if figure.before is not None and figure.compared != figure.now:
            notes.append("the change counts only the data that covers both periods")
        return "; ".join(n for n in notes if n)

    cases = figures.cases
    lines = [
        Headline(
            "Cases",
            cases.now,
            cases.before,
            cases.change,
            "count",
            "; ".join(
                n
                for n in (
                    change_note(cases),
                    f"{figures.courier_returns:,} courier returns not counted as cases" if figures.courier_returns else "",
                )
                if n
            ),
        )
    ]
    refund = figures.refund_total
    lines.append(
        Headline(
            f"Refund total{unit}",
            refund.now,
            refund.before,
            refund.change,
            _money_kind(currency),
            change_note(refund, figures.refunds.coverage),
        )
    )
    lines += _apart("Refund total", figures.refunds)
    sla = figures.answered_in_time
    lines.append(
        Headline(
            f"Answered within {clock.span}",
            sla.now,
            sla.before,
            sla.change,
            "share",
            "; ".join(
                n
                for n in (change_note(sla, figures.answered_coverage), "change in percentage points" if sla.change is not None else "")
                if n
            ),
        )
    )
    for key, name in (("auto_approved", "Lost to auto-approval"), ("without_proof", "Refunded without proof")):
        figure = money[key]
        lines.append(Headline(f"{name}{unit}", figure.main, kind=_money_kind(currency), note=coverage_words(figure.coverage)))
        lines += _apart(name, figure)
    return lines


def recurring_table(cases: pd.DataFrame, spec: FilterSpec, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """The SKU × reason pairs that stand out now, as the Recurring causes page lists them for the view `spec`
    (`found`: the page's cached `recurring_causes` result, computed here when not given)."""
    tested, rows = narrow_for_test(cases, spec, RECURRING_BY)
    if found is None:
        found = recurring_causes(tested, as_of=cases["request_date"].max(), weeks=WEEKS, history_weeks=HISTORY_WEEKS, by=RECURRING_BY)
    now, _ = now_and_earlier(pick_rows(found, rows))
    return pd.DataFrame(
        {
            "SKU": now["sku"].astype(str),
            "Reason": now["reason"].astype(str),
            "Status": now["status"].astype(str),
            f"Cases (last {WEEKS} weeks)": now["count"].astype("int64"),
            "Expected": now["expected"].astype(float),
            "Times the shop's rate": now["lift"].astype(float),
            "Judged as of": pd.to_datetime(now["as_of"]),
            "Evidence": now["evidence"].astype(str),
        }
    )


def deadline_table(selected: pd.DataFrame, clock: Clock, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every open request of the view with its time left, most urgent first (negative: past the deadline)."""
    waiting = open_cases(selected, clock=clock, as_of=as_of)
    table = pd.DataFrame({f"Time left ({clock.unit}s)": waiting["time_left"].astype(float).round(2), "Auto-approved at": waiting["due"]})
    for column in DEADLINE_COLUMNS:
        table[label(column)] = waiting[column] if column in waiting.columns else pd.NA
    return table


def summary_book(
    cases: pd.DataFrame,
    spec: FilterSpec,
    *,
    clock: Clock = DEFAULT_CLOCK,
    rule: CurrencyRule | None = None,
    found: pd.DataFrame | None = None,
) -> SummaryBook:
    """The weekly summary workbook of the view `spec` over all the shop's `cases`, under the response `clock` and the
    shop's currency `rule` (decided on all `cases` when left out); `found` reuses the Recurring causes page's result."""
    cases = with_knowledge(cases)  # what each source can say, over all of them (not the view)
    rule = currency_rule(cases) if rule is None else rule
    selected = spec.apply(cases)
    figures = overview(cases, spec, clock=clock, rule=rule)
    main = _money_kind(rule.main)
    unit = f" ({rule.main})" if rule.main else ""
    as_of = latest_moment(cases)

    weekly = weekly_summary(selected, rule)
    sheets: dict[str, Table] = {}
    sheets["Recurring causes"] = Table(
        "SKU × reason pairs that stand out beyond chance",
        recurring_table(cases, spec, found),
        {
            f"Cases (last {WEEKS} weeks)": "count",
            "Expected": "decimal",
            "Times the shop's rate": "ratio",
            "Judged as of": "date",
            "Evidence": "wide",
        },
        empty="Nothing stands out beyond chance lately.",
    )
    by_cases = sku_pareto(selected, "cases", top=TOP_SKUS)
    sheets["Top SKUs"] = Table(
        f"The {TOP_SKUS} SKUs with most cases",
        by_cases.set_axis(["SKU", "Cases", "Share of cases", "Running share"], axis=1),
        {"Cases": "count", "Share of cases": "share", "Running share": "share"},
    )
    by_refund = sku_pareto(selected, "refund", rule, top=TOP_SKUS)
    refund_header = f"Refund{unit}"
    sheets["Top SKUs by refund"] = Table(
        f"The {TOP_SKUS} SKUs with most refund value{unit}",
        by_refund.set_axis(["SKU", refund_header, "Share of refunds", "Running share"], axis=1),
        {refund_header: main, "Share of refunds": "share", "Running share": "share"},
        empty="No refund in the main currency in this view.",
    )
    deadlines = deadline_table(selected, clock, as_of)
    sheets["Deadlines"] = Table(
        f"Open requests and their time left, clock read at {as_of:%-d %b %Y %H:%M}",
        deadlines,
        {deadlines.columns[0]: "decimal", "Auto-approved at": "datetime", "Requested": "datetime"},
        empty="No open request in this view.",
    )
    for name in ("By reason", "By request type"):
        table = weekly[name].reset_index()
        sheets[name] = Table(
            f"Cases per week {name.lower()}", table, {"Week": "date"} | {c: "count" for c in table.columns[1:]}, totals=True
        )
    refunds = weekly["Refunds"].reset_index()
    kinds = {"Week": "date", "Refunded cases": "count", "Cases with a known refund": "count"}
    for column in refund_columns(weekly["Refunds"]):
        code = column.removeprefix("Refund (").removesuffix(")") if "(" in column else None
        kinds[column] = _money_kind(code if code and code != "no currency" else None)
    sheets["Refunds"] = Table("Refunds per week, each currency in its own column, never added", refunds, kinds, totals=True)

    reasons = [c for c in weekly["By reason"].columns if c != "Total"]
    types = [c for c in weekly["By request type"].columns if c != "Total"]
    main_column = refund_columns(weekly["Refunds"])[:1]
    charts = [
        Chart("Cases per week by reason", "By reason", reasons, "stacked", "Cases"),
        Chart(f"Refunds per week{unit}", "Refunds", main_column, "column", f"Refund{unit}", money_format(rule.main)),
        Chart("Cases per week by request type", "By request type", types, "stacked", "Cases"),
        Chart(f"Top {TOP_SKUS} SKUs by cases", "Top SKUs", ["Cases"], "bar", "Cases"),
    ]

    period = _days(figures.window) if figures.window else "all time"
    view = f"{spec.describe()} · {period} · weeks start on Monday, by request date"
    notes = [
        f"Amounts are in {rule.main}; other currencies are listed apart and never added in."
        if rule.main
        else "No case names a currency: amounts are as the files give them.",
        "A blank cell is unknown (no file gave the data), never 0.",
    ]
    return SummaryBook(
        title="Returns Radar · weekly summary",
        view=view,
        compared=compared_words(figures),
        headlines=headlines(figures, money_summary(selected, rule), clock),
        notes=notes,
        sheets=sheets,
        charts=charts,
    )
