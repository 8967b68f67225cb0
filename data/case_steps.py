"""The named steps that turn one sheet's parsed columns into canonical cases (`reader._cases` runs them in order).

Each step is pure: it takes the parsed columns (see `reader._parse_columns`), the raw cells and the header
labels, and returns a `Step`: the output columns it fills, the doubtful cells to list as problems (`Flag`)
and notes for the sheet report. Nothing is changed in place.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from data import layout, values
from data.phrases import Phrase, counted
from data.schema import NO_SKU

LEGEND_ROWS = 3
TEXT_COLUMNS = ("product_name", "reason_raw", "comment", "currency", "channel", "handled_by")
ID_COLUMNS = ("case_id", "order_id", "_order_item", "sku")


@dataclass(frozen=True)
class Flag:
    """Doubtful cells of one column: the mask of rows, the header as the user wrote it, the cells, what was expected."""

    mask: pd.Series
    column: str
    cells: pd.Series
    message: str


@dataclass
class Step:
    """What one step produced: output columns, doubtful cells, report notes and row marks (courier, ledger_case)."""

    columns: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    marks: dict[str, pd.Series] = field(default_factory=dict)


def legend_rows(body: pd.DataFrame, dates: pd.Series) -> list[int]:
    """Description or formula-legend rows right under the header: no date while rows below have one.

    A row holding an id or an amount (a run of 3+ digits) is data, even with a mistyped date: it is listed, not skipped.

    >>> body = pd.DataFrame({0: ["Order number", "58", "59"], 1: ["When", "2026-01-02", "x"]}, index=[2, 3, 4])
    >>> legend_rows(body, pd.Series([pd.NaT, pd.Timestamp("2026-01-02"), pd.NaT], index=[2, 3, 4]))
    [2]
    """
    legend = []
    undated = dates.isna()
    for number in body.index[:LEGEND_ROWS]:
        cells = body.loc[number].dropna().astype(str).str.strip()
        if undated.at[number] and dates.loc[number:].notna().any() and not cells.str.match(r"^[-+(]?\d{3,}").any():
            legend.append(int(number))
        else:
            break
    return legend


def totals_rows(body: pd.DataFrame, dates: pd.Series, after: int = 0) -> list[int]:
    """Totals rows at the bottom (below the first `after` rows): no date and a totals word first.

    >>> body = pd.DataFrame({0: ["A-1", "Total"], 1: ["2026-01-02", ""]}, index=[2, 3])
    >>> totals_rows(body, pd.Series([pd.Timestamp("2026-01-02"), pd.NaT], index=[2, 3]))
    [3]
    """
    totals = []
    undated = dates.isna()
    for number in reversed(body.index[after:]):
        if undated.at[number] and layout.is_total(body.loc[number]):
            totals.append(int(number))
        else:
            break
    return sorted(totals)


def skipped_notes(legend: list[int], totals: list[int]) -> list[str]:
    """Report lines for the legend and totals rows skipped.

    >>> skipped_notes([2], [9, 10])
    ['row 2 under the header describes the columns (no date): skipped', 'totals rows 9, 10: skipped']
    """
    notes: list[str] = []
    if legend:
        notes.append(
            counted(
                "row {rows} under the header describes the columns (no date): skipped",
                "rows {rows} under the header describe the columns (no date): skipped",
                len(legend),
                rows=", ".join(map(str, legend)),
            )
        )
    if totals:
        notes.append(
            counted("totals row {rows}: skipped", "totals rows {rows}: skipped", len(totals), rows=", ".join(map(str, sorted(totals))))
        )
    return notes


def date_flags(dates: values.Dates, label: str, cells: pd.Series, outcome: Phrase) -> list[Flag]:
    """Unreadable dates and dates outside the plausible years, as flags."""
    first, last = values.PLAUSIBLE_YEARS
    return [
        Flag(
            dates.bad & ~dates.implausible,
            label,
            cells,
            Phrase("expected a date such as 2026-04-29, 29/04/2026, 08-Aug-24 or an Excel date; {outcome}", outcome=outcome),
        ),
        Flag(
            dates.implausible,
            label,
            cells,
            Phrase(
                "expected a date between {first} and {last} (an empty Excel date cell reads as 1899-12-31); {outcome}",
                first=str(first),
                last=str(last),
                outcome=outcome,
            ),
        ),
    ]


def date_note(dates: values.Dates, label: str) -> list[str]:
    return [Phrase("column {column} is ambiguous day/month; read as day-first", column=label)] if dates.ambiguous else []


def other_dates(parsed: dict[str, Any], cell: dict[str, pd.Series], label: dict[str, str]) -> Step:
    """The response and resolved dates; unreadable ones are left empty and listed."""
    step = Step()
    for column in ("response_date", "resolved_date"):
        if column in cell:
            dates = parsed[column]
            step.columns[column] = dates.values
            step.flags += date_flags(dates, label[column], cell[column], Phrase("left empty"))
            step.notes += date_note(dates, label[column])
    return step


def ids_and_text(parsed: dict[str, Any], cell: dict[str, pd.Series], label: dict[str, str]) -> Step:
    """Ids (those Excel turned into scientific notation are left empty and listed) and the plain text columns."""
    step = Step()
    for column in ID_COLUMNS:
        if column in cell:
            text, damaged = parsed[column]
            step.flags.append(
                Flag(
                    damaged,
                    label[column],
                    cell[column],
                    Phrase(
                        "this id was turned into scientific notation by Excel and its digits are lost; export again with the "
                        "column formatted as text (left empty)"
                    ),
                )
            )
            step.columns[column] = text.where(~damaged)
    for column in TEXT_COLUMNS:
        if column in cell:
            step.columns[column] = parsed[column][0] if column == "reason_raw" else parsed[column]
    return step


def item(columns: Mapping[Hashable, pd.Series], parsed: dict[str, Any], label: dict[str, str], index: pd.Index, no_sku: bool) -> Step:
    """The item when the sheet has no SKU column: the product name with colour and size (`Henley tee / Navy / 3`),
    or, for a sheet with no product column at all that the user imports anyway (`no_sku`), NO_SKU on every case.

    >>> item({}, {}, {}, pd.RangeIndex(2), True).columns["sku"].tolist()
    ['No SKU', 'No SKU']
    """
    if "sku" in columns:
        return Step()
    if "product_name" not in columns:
        if not no_sku:
            return Step()
        return Step(
            {"sku": values.repeated(NO_SKU, index)},
            notes=[Phrase("no SKU or product column: every case is kept under {sku} (left out of SKU-level figures)", sku=repr(NO_SKU))],
        )
    parts = [columns["product_name"]] + [parsed[c] for c in ("_colour", "_size") if c in parsed]
    text = parts[0].astype(object)
    for part in parts[1:]:
        text = text.where(part.isna(), text + " / " + part.astype(object))
    used = [label[c] for c in ("product_name", "_colour", "_size") if c in label]
    return Step(
        {"sku": text.where(parts[0].notna())},
        notes=[Phrase("no SKU column: the item is identified by {columns}", columns=" + ".join(used))],
    )


def request_types(parsed: dict[str, Any], cell: dict[str, pd.Series], label: dict[str, str], index: pd.Index) -> Step:
    """Request types (Unknown where a wording is not known, listed) and the rows they mark as courier returns or cases.

    >>> cells = pd.Series(["Refund only", "RTO", "??"])
    >>> s = request_types({"request_type": values.parse_vocabulary(cells, "request_types")}, {"request_type": cells},
    ...                   {"request_type": "Type"}, cells.index)
    >>> s.columns["request_type"].tolist(), s.marks["courier"].tolist(), int(s.flags[0].mask.sum())
    (['Refund Only', 'Unknown', 'Unknown'], [False, True, False], 1)
    """
    if "request_type" not in cell:
        return Step(
            {"request_type": "Unknown"}, marks={"courier": pd.Series(False, index=index), "ledger_case": pd.Series(False, index=index)}
        )
    kind, extra, bad = parsed["request_type"]
    flag = Flag(
        bad,
        label["request_type"],
        cell["request_type"],
        Phrase("unknown request type; expected Refund Only, Return + Refund, Reshipment or Exchange in any wording (read as Unknown)"),
    )
    courier = pd.Series((extra == "courier").to_numpy(dtype=bool, na_value=False), index=index)
    return Step(
        {"request_type": with_category(kind, "Unknown").fillna("Unknown")},
        [flag],
        marks={"courier": courier, "ledger_case": pd.Series(kind.notna().to_numpy(), index=index)},
    )


def statuses(parsed: dict[str, Any], index: pd.Index) -> Step:
    """Statuses, the rows they mark as courier returns or cases, and (mark `unknown_status`) wordings not known."""
    if "status" not in parsed:
        false = pd.Series(False, index=index)
        return Step(marks={"courier": false, "ledger_case": false, "unknown_status": false})
    status, extra, bad = parsed["status"]
    return Step(
        {"status": status},
        marks={
            "courier": pd.Series((extra == "courier").to_numpy(dtype=bool, na_value=False), index=index),
            "ledger_case": pd.Series(extra.isin(["return", "courier"]).to_numpy(dtype=bool, na_value=False), index=index),
            "unknown_status": bad,
        },
    )


def reasons(parsed: dict[str, Any]) -> Step:
    """Reason tags, a note naming the wordings no rule matched (filed under Other, raw text kept) and the rows whose
    reason says the parcel never reached the buyer (mark `courier`)."""
    if "reason_raw" not in parsed:
        return Step()
    raw, tags, unmatched, courier = parsed["reason_raw"]
    return Step(
        {"reason": tags}, notes=[reason_note(unmatched)] if unmatched else [], marks={"courier": pd.Series(courier, index=raw.index)}
    )


def reason_note(wordings: list[str]) -> str:
    """A note naming the reason wordings no rule matched (the first five).

    >>> reason_note(["a"])
    "1 reason wording matched no rule and was filed under Other (raw text kept): 'a'"
    """
    shown = ", ".join(repr(w) for w in wordings[:5]) + (" ..." if len(wordings) > 5 else "")
    return counted(
        "{n} reason wording matched no rule and was filed under Other (raw text kept): {wordings}",
        "{n} reason wordings matched no rule and were filed under Other (raw text kept): {wordings}",
        len(wordings),
        wordings=shown,
    )


def money(parsed: dict[str, Any], cell: dict[str, pd.Series], label: dict[str, str], has_currency: bool) -> Step:
    """Quantities (1 where unreadable), refund amounts (from unit price x quantity where a sheet has no refund
    column) with the currency written in the amounts, and the rows a negative quantity marks as returns."""
    step = Step()
    quantity = amount = None
    if "quantity" in cell:
        quantity, bad = parsed["quantity"]
        step.flags.append(Flag(bad, label["quantity"], cell["quantity"], Phrase("expected a whole number of units; read as 1")))
        step.columns["quantity"] = quantity.abs().fillna(1)
    if "refund_amount" in cell:
        amount, currency, bad = parsed["refund_amount"]
        step.flags.append(
            Flag(
                bad,
                label["refund_amount"],
                cell["refund_amount"],
                Phrase("expected an amount such as 1,250.50, 1.250,50, Rp 1.250.000 or $12.50; left empty"),
            )
        )
        step.columns["refund_amount"] = amount.abs()
        if not has_currency and currency.notna().any():
            step.columns["currency"] = currency
    if "_unit_price" in cell and quantity is not None:
        price, currency, _ = parsed["_unit_price"]
        step.marks["ledger_case"] = (quantity < 0).fillna(False).astype(bool) & price.fillna(0).ne(0)
        if amount is None:
            step.columns["refund_amount"] = (price * quantity.astype("float64")).abs()
            if not has_currency and currency.notna().any():
                step.columns["currency"] = currency
    return step


def proof_and_buyer(parsed: dict[str, Any], cell: dict[str, pd.Series], label: dict[str, str], personal: list[str]) -> Step:
    """Proof flags, the buyer id as a salted hash, and a note naming the personal-data columns dropped."""
    step = Step()
    if "proof_provided" in cell:
        flags, bad = parsed["proof_provided"]
        step.flags.append(Flag(bad, label["proof_provided"], cell["proof_provided"], Phrase("expected yes or no; left empty")))
        step.columns["proof_provided"] = flags
    if "_buyer_id" in cell:
        step.columns["buyer_hash"] = parsed["_buyer_id"]
        step.notes.append(Phrase("buyer id column {column} kept only as a salted hash", column=repr(label["_buyer_id"])))
    if personal:
        step.notes.append(
            counted(
                "buyer personal data not stored: column {columns} dropped",
                "buyer personal data not stored: columns {columns} dropped",
                len(personal),
                columns=", ".join(personal),
            )
        )
    return step


def ledger_sales(ledger_case: pd.Series, date_label: str) -> tuple[pd.Series, str]:
    """In an order ledger (one row per sale), the rows that are plain sales (no return, refund or RTO mark), and a note.

    >>> sales, note = ledger_sales(pd.Series([True, False, False]), "Order Date"); sales.tolist(), note[:46]
    ([False, True, True], "order ledger (dates from 'Order Date'): 2 of 3")
    """
    sales = ~ledger_case
    note = Phrase(
        "order ledger (dates from {column}): {x} of {n} rows are plain sales without a return, refund or courier-return mark "
        "and were not imported",
        column=repr(date_label),
        x=int(sales.sum()),
        n=len(sales),
    )
    return sales, note


def required_rows(
    out: pd.DataFrame, dates: values.Dates, cell: dict[str, pd.Series], label: dict[str, str]
) -> tuple[pd.Series, list[Flag]]:
    """The rows missing a required field (the SKU or the request date): not imported, each listed."""
    missing_sku = out["sku"].isna() if "sku" in out else pd.Series(True, index=out.index)
    missing_date = out["request_date"].isna()
    sku_label = label.get("sku") or label.get("product_name", "SKU")
    sku_cells = cell["sku"] if "sku" in cell else cell.get("product_name", pd.Series("", index=out.index))
    flags = [
        Flag(missing_sku, sku_label, sku_cells, Phrase("required SKU (or product name) is missing or damaged; row not imported")),
        *date_flags(dates, label["request_date"], cell["request_date"], Phrase("row not imported")),
        Flag(
            missing_date & ~dates.bad,
            label["request_date"],
            cell["request_date"],
            Phrase("required request date is missing; row not imported"),
        ),
    ]
    return missing_sku | missing_date, flags


def subset_dates(dates: values.Dates, keep: pd.Series) -> values.Dates:
    return values.Dates(dates.values[keep], dates.bad[keep], dates.day_first, dates.ambiguous, dates.implausible[keep])


def source_columns(out: pd.DataFrame, file: str, sheet: str) -> dict[str, pd.Series]:
    """Where each case came from: file, sheet and the row number as the user sees it in Excel."""
    return {
        "source_file": values.repeated(file, out.index),
        "source_sheet": values.repeated(sheet, out.index),
        "source_row": pd.Series(np.asarray(out.index, dtype=np.int64), index=out.index, copy=False),
    }


def with_category(series: pd.Series, category: str) -> pd.Series:
    """A categorical that can also hold `category`."""
    return series if category in series.cat.categories else series.cat.add_categories([category])
