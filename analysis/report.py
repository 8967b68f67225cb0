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
from analysis.not_products import left_out, split_products
from analysis.phrases import N_, Day, Phrase, Word, counted, joined
from analysis.recurring import now_and_earlier, recurring_causes
from analysis.skus import sku_pareto
from analysis.sla import latest_moment, open_cases
from analysis.sources import left_out_words
from analysis.summary import NO_CURRENCY, refund_columns, weekly_summary
from data.clock import DEFAULT_CLOCK, Clock
from data.column_labels import label
from data.summary_book import Chart, Headline, SummaryBook, Table, money_format

WEEKS, HISTORY_WEEKS = 8, 52  # the Recurring causes page's windows
TOP_SKUS = 15  # as on the SKUs page
DEADLINE_COLUMNS = ["case_id", "order_id", "sku", "request_type", "reason", "handled_by", "channel", "request_date"]


def coverage_words(cover: Coverage) -> Phrase | str:
    """What a figure's coverage says beside it: the column that would provide it, or how much of the data informs it.

    >>> coverage_words(Coverage("refund amount", 0, 4)), coverage_words(Coverage("proof", 3, 4)), coverage_words(Coverage("proof", 4, 4))
    ('Not in your files: add a refund amount column', 'based on 3 of 4 cases', '')
    """
    return cover.words


def _days(window: tuple[pd.Timestamp, pd.Timestamp]) -> Phrase:
    return Phrase("{first} – {last}", first=Day(window[0]), last=Day(window[1]))


def compared_words(figures: Overview) -> Phrase:
    """What the changes compare with, as the Overview's caption says it."""
    if figures.previous_window:
        if figures.left_out:
            return Phrase(
                "Changes: against {days}; they leave out data that does not cover both periods: {sources}.",
                days=_days(figures.previous_window), sources=left_out_words(list(figures.left_out)),
            )  # fmt: skip
        return Phrase("Changes: against {days}.", days=_days(figures.previous_window))
    if figures.left_out:
        return Phrase(
            "No changes: no data covers both this period and the one before ({sources}).", sources=left_out_words(list(figures.left_out))
        )
    return (
        Phrase("No changes: there is no earlier data to compare with.") if figures.window else Phrase("No changes: the view is all time.")
    )


def _money_kind(currency: str | None) -> str:
    return f"money:{currency}" if currency else "money"


def _with_unit(name: Phrase, currency: str | None) -> Phrase:
    return Phrase("{name} ({currency})", name=name, currency=currency) if currency else name


def _apart(name: Phrase, refunds: Refunds) -> list[Headline]:
    """The amounts a refund figure keeps apart, one line each: other currencies, amounts with no currency."""
    lines = [
        Headline(_with_unit(name, code), value, kind=_money_kind(code), note=Phrase("another currency: listed apart, never added in"))
        for code, value in refunds.others
    ]
    lines += [
        Headline(
            Phrase("{name} (no currency: {source})", name=name, source=source) if source else Phrase("{name} (no currency)", name=name),
            value,
            kind="money",
            note=Phrase("amounts with no currency: listed apart, never added in"),
        )
        for source, value in refunds.no_currency
    ]
    return lines


def _span(clock: Clock) -> Phrase:
    """The clock's length: `2 working days`."""
    unit = N_("calendar day") if clock.weekends_count else N_("working day")
    units = N_("calendar days") if clock.weekends_count else N_("working days")
    return Phrase("{days} {unit}", days=format(clock.days, "g"), unit=Phrase(unit if clock.days == 1 else units))


def _notes(*notes: object) -> Phrase | str:
    kept = [n if isinstance(n, Phrase) else Phrase(str(n)) for n in notes if n]
    return joined(kept) if kept else ""


def headlines(figures: Overview, money: dict[str, Refunds], clock: Clock) -> list[Headline]:
    """The front sheet's figures: the Overview's three cards with their change, then the Money page's losses."""
    currency = figures.refunds.currency

    def change_note(figure: Figure, cover: Coverage | None = None) -> Phrase | str:
        partial = figure.before is not None and figure.compared != figure.now
        both = Phrase("the change counts only the data that covers both periods") if partial else ""
        return _notes(coverage_words(cover) if cover is not None else "", both)

    cases = figures.cases
    courier = (
        counted("{n} courier return not counted as a case", "{n} courier returns not counted as cases", figures.courier_returns)
        if figures.courier_returns
        else ""
    )
    lines = [Headline(Phrase("Cases"), cases.now, cases.before, cases.change, "count", _notes(change_note(cases), courier))]
    refund = figures.refund_total
    lines.append(
        Headline(
            _with_unit(Phrase("Refund total"), currency),
            refund.now,
            refund.before,
            refund.change,
            _money_kind(currency),
            change_note(refund, figures.refunds.coverage),
        )
    )
    lines += _apart(Phrase("Refund total"), figures.refunds)
    sla = figures.answered_in_time
    points = Phrase("change in percentage points") if sla.change is not None else ""
    lines.append(
        Headline(
            Phrase("Answered within {span}", span=_span(clock)),
            sla.now,
            sla.before,
            sla.change,
            "share",
            _notes(change_note(sla, figures.answered_coverage), points),
        )
    )
    for key, name in (("auto_approved", Phrase("Lost to auto-approval")), ("without_proof", Phrase("Refunded without proof"))):
        figure = money[key]
        lines.append(Headline(_with_unit(name, currency), figure.main, kind=_money_kind(currency), note=coverage_words(figure.coverage)))
        lines += _apart(name, figure)
    return lines


CASES_RECENTLY = Phrase("Cases (last {weeks} weeks)", weeks=WEEKS)
EXPECTED, LIFT, JUDGED, EVIDENCE = Phrase("Expected"), Phrase("Times the shop's rate"), Phrase("Judged as of"), Phrase("Evidence")


def _labels(values: pd.Series) -> list[object]:
    """Canonical values (reasons, statuses) as cells the workbook shows by their label."""
    return [Phrase("{value}", value=Word(str(v))) for v in values]


def recurring_table(cases: pd.DataFrame, spec: FilterSpec, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """The SKU × reason pairs that stand out now, as the Recurring causes page lists them for the view `spec`
    (`found`: the page's cached `recurring_causes` result, computed here when not given)."""
    tested, rows = narrow_for_test(cases, spec, RECURRING_BY)
    if found is None:
        found = recurring_causes(tested, as_of=cases["request_date"].max(), weeks=WEEKS, history_weeks=HISTORY_WEEKS, by=RECURRING_BY)
    now, _ = now_and_earlier(pick_rows(found, rows))
    columns = {
        Phrase("SKU"): now["sku"].astype(str),
        Phrase("Reason"): pd.Series(_labels(now["reason"]), index=now.index, dtype=object),
        Phrase("Status"): pd.Series(_labels(now["status"]), index=now.index, dtype=object),
        CASES_RECENTLY: now["count"].astype("int64"),
        EXPECTED: now["expected"].astype(float),
        LIFT: now["lift"].astype(float),
        JUDGED: pd.to_datetime(now["as_of"]),
        EVIDENCE: now["evidence"].astype(object),
    }
    return _headed(pd.concat(list(columns.values()), axis=1), list(columns))


def deadline_table(selected: pd.DataFrame, clock: Clock, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every open request of the view with its time left, most urgent first (negative: past the deadline)."""
    waiting = open_cases(selected, clock=clock, as_of=as_of)
    left = Phrase("Time left ({unit})", unit=Phrase(N_("calendar days") if clock.weekends_count else N_("working days")))
    columns: dict[object, pd.Series] = {left: waiting["time_left"].astype(float).round(2), AUTO_APPROVED: waiting["due"]}
    for column in DEADLINE_COLUMNS:
        values = waiting[column] if column in waiting.columns else pd.Series(pd.NA, index=waiting.index, dtype=object)
        if column in ("request_type", "reason"):
            values = pd.Series(_labels(values), index=waiting.index, dtype=object).where(values.notna().to_numpy(), None)
        columns[Phrase(label(column))] = values
    return _headed(pd.concat(list(columns.values()), axis=1), list(columns))


AUTO_APPROVED, WEEK = Phrase("Auto-approved at"), Phrase("Week")


def _headed(frame: pd.DataFrame, headers: list[object]) -> pd.DataFrame:
    """`frame` under `headers` (phrases kept: an object index, not a str one)."""
    return frame.set_axis(pd.Index(headers, dtype=object), axis=1)


def _weekly(table: pd.DataFrame, vocabulary: bool) -> pd.DataFrame:
    """A weekly table with its week column and its value columns said in the reader's language."""
    table = table.reset_index()
    heads: list[object] = [WEEK]
    for column in table.columns[1:]:
        if column == "Total":
            heads.append(Phrase("Total"))
        elif vocabulary:
            heads.append(Phrase("{value}", value=Word(str(column))))
        else:
            heads.append(_refund_header(str(column)))
    return _headed(table, heads)


def _refund_header(column: str) -> Phrase:
    """A column of the weekly refunds table: `Refund (IDR)`, `Refund (no currency: own.csv)`, `Refunded cases`..."""
    inside = column.removeprefix("Refund (").removesuffix(")")
    if inside == NO_CURRENCY:
        return Phrase("{name} (no currency)", name=Phrase("Refund"))
    if column.startswith(f"Refund ({NO_CURRENCY}: "):
        return Phrase("{name} (no currency: {source})", name=Phrase("Refund"), source=inside.removeprefix(f"{NO_CURRENCY}: "))
    if column.startswith("Refund ("):
        return Phrase("{name} ({currency})", name=Phrase("Refund"), currency=inside)
    return Phrase({"Refund": N_("Refund")}.get(column, column))


SHOWN_FEES = 5  # fee SKUs a note names before "…"


def summary_book(
    cases: pd.DataFrame,
    spec: FilterSpec,
    *,
    clock: Clock = DEFAULT_CLOCK,
    rule: CurrencyRule | None = None,
    found: pd.DataFrame | None = None,
    view_words: str | None = None,
    fee_lines: pd.DataFrame | None = None,
) -> SummaryBook:
    """The weekly summary workbook of the view `spec` over all the shop's `cases`, under the response `clock` and the
    shop's currency `rule` (decided on all `cases` when left out); `found` reuses the Recurring causes page's result;
    `view_words`: the view's filters as the interface says them (`spec.describe()` by default); `fee_lines`: the lines
    already taken out of `cases` as no product (`analysis.not_products.split_products`), else they are taken out here."""
    cases = with_knowledge(cases)  # what each source can say, over all of them (not the view)
    if fee_lines is None:
        cases, fee_lines = split_products(cases)
    rule = currency_rule(cases) if rule is None else rule
    selected = spec.apply(cases)
    figures = overview(cases, spec, clock=clock, rule=rule)
    main = _money_kind(rule.main)
    as_of = latest_moment(cases)

    weekly = weekly_summary(selected, rule)
    sheets: dict[str, Table] = {}
    sheets[Phrase("Recurring causes")] = Table(
        Phrase("SKU × reason pairs that stand out beyond chance"),
        recurring_table(cases, spec, found),
        {CASES_RECENTLY: "count", EXPECTED: "decimal", LIFT: "ratio", JUDGED: "date", EVIDENCE: "wide"},
        empty=Phrase("Nothing stands out beyond chance lately."),
    )
    by_cases = sku_pareto(selected, "cases", top=TOP_SKUS)
    cases_head, share, running = Phrase("Cases"), Phrase("Share of cases"), Phrase("Running share")
    top_skus = Phrase("Top SKUs")
    sheets[top_skus] = Table(
        Phrase("The {n} SKUs with most cases", n=TOP_SKUS),
        _headed(by_cases, [Phrase("SKU"), cases_head, share, running]),
        {cases_head: "count", share: "share", running: "share"},
    )
    by_refund = sku_pareto(selected, "refund", rule, top=TOP_SKUS)
    refund_header = _with_unit(Phrase("Refund"), rule.main)
    refund_share = Phrase("Share of refunds")
    sheets[Phrase("Top SKUs by refund")] = Table(
        _with_unit(Phrase("The {n} SKUs with most refund value", n=TOP_SKUS), rule.main),
        _headed(by_refund, [Phrase("SKU"), refund_header, refund_share, running]),
        {refund_header: main, refund_share: "share", running: "share"},
        empty=Phrase("No refund in the main currency in this view."),
    )
    deadlines = deadline_table(selected, clock, as_of)
    sheets[Phrase("Deadlines")] = Table(
        Phrase("Open requests and their time left, clock read at {day} {time}", day=Day(as_of), time=as_of.strftime("%H:%M")),
        deadlines,
        {deadlines.columns[0]: "decimal", AUTO_APPROVED: "datetime", Phrase(label("request_date")): "datetime"},
        empty=Phrase("No open request in this view."),
    )
    tabs = {"By reason": Phrase("By reason"), "By request type": Phrase("By request type")}
    titles = {"By reason": Phrase("Cases per week by reason"), "By request type": Phrase("Cases per week by request type")}
    for name, tab in tabs.items():
        table = _weekly(weekly[name], vocabulary=True)
        sheets[tab] = Table(titles[name], table, {WEEK: "date"} | {c: "count" for c in table.columns[1:]}, totals=True)
    refunds = _weekly(weekly["Refunds"], vocabulary=False)
    kinds: dict[str, str] = {WEEK: "date", Phrase("Refunded cases"): "count", Phrase("Cases with a known refund"): "count"}
    amount_columns = refund_columns(weekly["Refunds"])
    for column in amount_columns:
        code = column.removeprefix("Refund (").removesuffix(")") if "(" in column else None
        kinds[_refund_header(column)] = _money_kind(code if code and not code.startswith(NO_CURRENCY) else None)
    refunds_tab = Phrase("Refunds")
    sheets[refunds_tab] = Table(Phrase("Refunds per week, each currency in its own column, never added"), refunds, kinds, totals=True)

    reasons = [h for c, h in zip(weekly["By reason"].columns, _weekly(weekly["By reason"], True).columns[1:], strict=True) if c != "Total"]
    types = [
        h
        for c, h in zip(weekly["By request type"].columns, _weekly(weekly["By request type"], True).columns[1:], strict=True)
        if c != "Total"
    ]
    main_column = [_refund_header(c) for c in amount_columns[:1]]
    charts = [
        Chart(titles["By reason"], tabs["By reason"], reasons, "stacked", cases_head),
        Chart(
            _with_unit(Phrase("Refunds per week"), rule.main), refunds_tab, main_column, "column", refund_header, money_format(rule.main)
        ),
        Chart(titles["By request type"], tabs["By request type"], types, "stacked", cases_head),
        Chart(Phrase("Top {n} SKUs by cases", n=TOP_SKUS), top_skus, [cases_head], "bar", cases_head),
    ]

    period = _days(figures.window) if figures.window else Phrase("all time")
    view = Phrase(
        "{filters} · {period} · weeks start on Monday, by request date",
        filters=spec.describe() if view_words is None else view_words,
        period=period,
    )
    notes = [
        Phrase("Amounts are in {currency}; other currencies are listed apart and never added in.", currency=rule.main)
        if rule.main
        else Phrase(
            "No file names a currency: amounts are those of {source}; other files' amounts are listed apart, never added in.",
            source=rule.unnamed,
        )
        if rule.unnamed and any(c.startswith("Refund (" + NO_CURRENCY) for c in weekly["Refunds"].columns)
        else Phrase("No case names a currency: amounts are as the files give them."),
        Phrase("A blank cell is unknown (no file gave the data), never 0."),
    ]
    fees = left_out(fee_lines.loc[spec.rows_within(fee_lines, figures.window)], rule) if len(fee_lines) else None
    if fees and fees.lines:
        notes.append(
            counted(
                "{n} line of fees, postage or adjustments is left out, not a product: {skus}",
                "{n} lines of fees, postage or adjustments are left out, not products: {skus}",
                fees.lines,
                skus=", ".join(fees.skus[:SHOWN_FEES]) + (" …" if len(fees.skus) > SHOWN_FEES else ""),
            )
        )
    return SummaryBook(
        title=Phrase("Returns Radar · weekly summary"),
        view=view,
        compared=compared_words(figures),
        headlines=headlines(figures, money_summary(selected, rule), clock),
        notes=notes,
        sheets=sheets,
        charts=charts,
        front=Phrase("Summary"),
        front_headers=(Phrase("Figure"), Phrase("This period"), Phrase("Period before"), Phrase("Change"), Phrase("Note")),
        total=Phrase("Total"),
    )
