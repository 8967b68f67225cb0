"""`read_sheet`: a tracking sheet (path or uploaded file) -> canonical cases, a problem list and a
per-sheet report of what was read, skipped and how each column was mapped.

The steps live in small modules: `formats` (bytes -> text cells per sheet), `layout` (header row,
legend and totals rows), `headers` (column mapping), `values` (typed values), `privacy` (buyer ids).
This module wires them together and turns every doubtful cell into a row of `problems`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from data import headers as hdr
from data import layout, values
from data.errors import ReadError
from data.formats import WORKERS, RawTable, read_tables, source_bytes, source_name
from data.privacy import hash_ids
from data.rules import classify, key, table
from data.schema import conform
from data.zones import check_zone

__all__ = ["PROBLEM_COLUMNS", "ReadError", "SheetInfo", "SheetRead", "read_sheet"]

PROBLEM_COLUMNS = ("file", "sheet", "row", "column", "value", "message")
SUMMARY_COLUMNS = ("sheet", "status", "rows read", "to import", "rejected", "skipped")
TEXT_COLUMNS = ("product_name", "reason_raw", "comment", "currency", "channel", "handled_by")
ID_COLUMNS = ("case_id", "order_id", "_order_item", "sku")
DATE_HINT = "a date such as 2026-04-29, 29/04/2026, 08-Aug-24 or an Excel date"
RANGE_HINT = "a date between {} and {} (an empty Excel date cell reads as 1899-12-31)".format(*values.PLAUSIBLE_YEARS)
LEGEND_ROWS = 3
PARALLEL_ROWS = 20_000  # smaller tables are parsed column after column: threads would cost more than they save
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")  # description or formula-legend rows looked for right under the header


@dataclass
class SheetInfo:
    """How one sheet was read. `status` is "read", "skipped-hidden" or "skipped-no-table"."""

    name: str
    status: str
    header_row: int | None = None  # Excel row number
    columns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(hdr.MATCH_COLUMNS)))
    signature: str = ""  # stable id of the header row: save a corrected mapping under it
    preset: str | None = None  # marketplace layout recognised from the header row
    rows_read: int = 0  # non-blank rows under the header
    rows_imported: int = 0
    rows_rejected: int = 0  # missing a required field: listed in problems
    rows_skipped: int = 0  # not cases: legend and totals rows, plain sales in an order ledger
    notes: list[str] = field(default_factory=list)


@dataclass
class SheetRead:
    """What a read produced: canonical cases, one row per problem, the mapping used per sheet and a report."""

    cases: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(PROBLEM_COLUMNS)))
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    sheets: list[SheetInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> pd.DataFrame:
        """Rows read, to import, rejected and skipped, one line per sheet (for the upload page)."""
        rows = [(s.name, s.status, s.rows_read, s.rows_imported, s.rows_rejected, s.rows_skipped) for s in self.sheets]
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def read_sheet(source: str | Path | IO[bytes], *, sheet: str | None = None,
               mapping: dict[str, str] | None = None, tz: str | None = None) -> SheetRead:
    """Read a file's case tables into canonical cases; rows missing a required field go to `problems`.

    `source` is a path or a file-like object with `.name` and `.read()` (Streamlit's UploadedFile);
    `sheet` picks one sheet of a workbook; `mapping` ({raw header: canonical column, "" = ignore})
    overrides the automatic mapping; `tz` (an IANA zone such as `Asia/Jakarta`) is the shop's time zone: times
    written with an offset are converted to it (to UTC when None), times without one are kept as written.
    Raises `ReadError` (and nothing else) for files that cannot be read and for an unknown `tz`.
    """
    name = source_name(source)
    zone_error(name, tz)
    unknown = sorted({c for c in (mapping or {}).values() if c and c not in hdr.CHOICES})
    if unknown:
        raise ReadError(f"{name}: the mapping names unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                        f"expected one of {', '.join(hdr.CHOICES)} (or \"\" to ignore a column)")
    from data.sandbox import inside, run  # imported here: the reader's own imports stay as they were

    if not inside():  # parsed in a worker with memory and time limits: a hostile file cannot hurt this process
        return run("data.reader", "read_sheet", source, name, sheet=sheet, mapping=mapping, tz=tz)
    try:
        return _read(source_bytes(source, name), name, sheet, mapping, tz)
    except ReadError:
        raise
    except Exception as error:  # a reader bug must still reach the user as a clear, file-named message
        raise ReadError(f"{name} could not be read: {type(error).__name__}: {str(error)[:200]}") from error


def zone_error(name: str, tz: str | None) -> None:
    """A ReadError naming the file and the zone when `tz` is not a known time zone."""
    if tz is not None:
        try:
            check_zone(tz)
        except ValueError as err:
            raise ReadError(f"{name}: {err}") from err


def _read(data: bytes, name: str, sheet: str | None, mapping: dict[str, str] | None, tz: str | None) -> SheetRead:
    tables = read_tables(data, name, sheet)
    frames, problems, infos, notes = [], [], [], []
    suffix = Path(name).suffix.lower()
    if tables and tables[0].kind == "text" and suffix in WORKBOOK_SUFFIXES:
        notes.append(f"{name} is named {suffix} but holds delimited text, not a workbook: read as text")
    for raw in tables:
        if not raw.visible and sheet is None:
            infos.append(SheetInfo(raw.sheet, "skipped-hidden", notes=["hidden sheet: not read"]))
            notes.append(f"sheet {raw.sheet!r} is hidden and was not read")
            continue
        cases, found, info = _read_table(raw, name, mapping, tz)
        infos.append(info)
        if info.status == "read":
            frames.append(cases)
            problems += found
        notes += [f"sheet {raw.sheet!r}: {n}" if raw.sheet and len(tables) > 1 else n for n in info.notes]
    if not any(info.status == "read" for info in infos):
        raise ReadError(_no_table_message(name, infos), sheets=infos)
    cases = conform(frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True) if frames else pd.DataFrame())
    problem_frame = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    problem_frame["row"] = problem_frame["row"].astype("int64")
    used = {info.name: {r: c for r, c in zip(info.columns.raw, info.columns.column, strict=True) if c}
            for info in infos if info.status == "read"}
    return SheetRead(cases, problem_frame.reset_index(drop=True), used, infos, notes)


def _no_table_message(name: str, infos: list[SheetInfo]) -> str:
    found = [f"{i.name or 'the table'}: {', '.join(i.columns.raw) or 'no header row'}" for i in infos
             if i.status == "skipped-no-table"]
    hidden = [i.name for i in infos if i.status == "skipped-hidden"]
    message = (f"{name}: no case table found. Required columns: SKU (or, where a sheet has none, the product "
               "name, with colour and size if present) and the request date. Columns found: " + ("; ".join(found) or "none"))
    return message + (f". Hidden sheets not read: {', '.join(hidden)}" if hidden else "")


# ---------------------------------------------------------------- one sheet


class _Problems:
    """Collects doubtful cells as problem rows, vectorised per column."""

    def __init__(self, file: str, sheet: str):
        self.file, self.sheet, self.frames = file, sheet, []

    def add(self, mask: pd.Series, column: str, cells: pd.Series, message: str) -> None:
        if not mask.any():
            return
        hit = cells[mask]
        self.frames.append(pd.DataFrame({"file": self.file, "sheet": self.sheet, "row": hit.index.astype("int64"),
                                         "column": column, "value": hit.fillna("").astype(str).to_numpy(),
                                         "message": message}))


def _order_date_keys() -> frozenset[str]:
    """Headers that stand for an order date: a sheet whose request date is one of these is an order ledger."""
    return frozenset(key(r["synonym"]) for r in table("headers") if r["column"] == "request_date" and float(r["weight"]) < 0.7)


def _read_table(raw: RawTable, file: str, mapping: dict[str, str] | None,
                tz: str | None) -> tuple[pd.DataFrame, list[pd.DataFrame], SheetInfo]:
    rows = raw.rows
    info = SheetInfo(raw.sheet, "skipped-no-table")
    header_row = layout.find_header(rows) if len(rows) else None
    if header_row is None:
        info.notes.append("no header row found")
        return pd.DataFrame(), [], info
    names = layout.header_names(rows.loc[header_row])
    body = rows.iloc[rows.index.get_loc(header_row) + 1:]  # a slice, not a copy
    blank = layout.blank_rows(body)
    if blank.any():
        body = body.loc[~blank]
    header_cells = rows.loc[header_row]
    # Blank columns (no header, no value) are dropped; an unnamed column with values is kept as `column C`.
    keep = [p for p in range(len(names)) if not (_empty(header_cells.iloc[p]) and layout.blank_rows(body[[rows.columns[p]]]).all())]
    names = [names[p] for p in keep]
    if len(keep) < body.shape[1]:
        body = body[[rows.columns[p] for p in keep]]
    body = body.set_axis(range(len(keep)), axis=1)
    matches, preset = hdr.match_headers(names, mapping)
    info.header_row, info.columns, info.signature, info.preset = header_row, matches, hdr.signature(names), preset
    where = {c: p for p, c in enumerate(matches.column) if c and c != "_personal"}
    if "request_date" not in where or not ({"sku", "product_name"} & set(where)):
        info.notes.append("no case table: the required SKU (or product name) and request date columns were not found")
        return pd.DataFrame(), [], info
    for first, second in hdr.duplicates(names):
        raise ReadError(f"{file}{_in(raw.sheet)}: the header row (row {header_row}) has two columns named "
                        f"{first!r} and {second!r}; expected each column once. Rename or delete one of them.")
    info.status = "read"
    info.rows_read = len(body)
    if preset:
        info.notes.append(f"layout recognised from the header row: {preset}")
    problems = _Problems(file, raw.sheet)
    cases, skipped = _cases(body, names, where, matches, info, problems, file, raw.sheet, tz)
    info.rows_skipped = skipped
    info.rows_imported = len(cases)
    info.rows_rejected = info.rows_read - info.rows_imported - skipped
    return cases, problems.frames, info


def _empty(cell: object) -> bool:
    return pd.isna(cell) or not str(cell).strip()


def _in(sheet: str) -> str:
    return f", sheet {sheet!r}" if sheet else ""


def _cases(body: pd.DataFrame, names: list[str], where: dict[str, int], matches: pd.DataFrame, info: SheetInfo,
           problems: _Problems, file: str, sheet: str, tz: str | None) -> tuple[pd.DataFrame, int]:
    notes = info.notes
    label = {c: names[p] for c, p in where.items()}
    parsed = _parse_columns({c: body[p] for c, p in where.items()}, tz)
    dates = parsed["request_date"]
    # Description or formula-legend rows right under the header have no date while the rows below do.
    # A row holding an id or an amount (a run of 3+ digits) is data, even with a mistyped date: it is listed, not skipped.
    legend = []
    for number in body.index[:LEGEND_ROWS]:
        cells = body.loc[number].dropna().astype(str).str.strip()
        if (pd.isna(dates.values.at[number]) and dates.values.loc[number:].notna().any()
                and not cells.str.match(r"^[-+(]?\d{3,}").any()):
            legend.append(number)
        else:
            break
    # Totals rows at the bottom: no date, no item, a totals word first.
    totals = []
    for number in reversed(body.index[len(legend):]):
        if pd.isna(dates.values.at[number]) and layout.is_total(body.loc[number]):
            totals.append(number)
        else:
            break
    if legend:
        notes.append(f"row{'s' if len(legend) > 1 else ''} {', '.join(map(str, legend))} under the header "
                     "describe the columns (no date): skipped")
    if totals:
        notes.append(f"totals row{'s' if len(totals) > 1 else ''} {', '.join(map(str, sorted(totals)))}: skipped")
    drop = set(legend) | set(totals)
    if drop:
        body = body.drop(index=list(drop))
        parsed = _parse_columns({c: body[p] for c, p in where.items()}, tz)
        dates = parsed["request_date"]
    cell = {c: body[p] for c, p in where.items()}
    out = pd.DataFrame(index=body.index)
    out["request_date"] = dates.values
    _date_note(dates, label["request_date"], notes)

    for column in ("response_date", "resolved_date"):
        if column in cell:
            other = parsed[column]
            out[column] = other.values
            _date_problems(problems, other, label[column], cell[column], "left empty")
            _date_note(other, label[column], notes)
    for column in ID_COLUMNS:
        if column in cell:
            text, damaged = parsed[column]
            problems.add(damaged, label[column], cell[column], "this id was turned into scientific notation by Excel "
                         "and its digits are lost; export again with the column formatted as text (left empty)")
            out[column] = text.where(~damaged)
    for column in TEXT_COLUMNS:
        if column in cell:
            out[column] = parsed[column][0] if column == "reason_raw" else parsed[column]
    _item_fallback(out, parsed, label, notes)

    courier = pd.Series(False, index=body.index)
    ledger_case = pd.Series(False, index=body.index)
    if "request_type" in cell:
        kind, extra, bad = parsed["request_type"]
        problems.add(bad, label["request_type"], cell["request_type"], "unknown request type; expected Refund Only, "
                     "Return + Refund, Reshipment or Exchange in any wording (read as Unknown)")
        ledger_case |= kind.notna()
        out["request_type"] = _with(kind, "Unknown").fillna("Unknown")
        courier |= (extra == "courier").to_numpy(dtype=bool, na_value=False)
    else:
        out["request_type"] = "Unknown"
    if "status" in cell:
        status, extra, bad = parsed["status"]
        out["status"] = status
        courier |= (extra == "courier").to_numpy(dtype=bool, na_value=False)
        ledger_case |= extra.isin(["return", "courier"]).to_numpy(dtype=bool, na_value=False)
        unknown_status = bad
    else:
        unknown_status = pd.Series(False, index=body.index)
    out["courier_return"] = courier
    if "reason_raw" in cell:
        _, out["reason"], unmatched = parsed["reason_raw"]
        if unmatched:
            notes.append(_reason_note(unmatched))

    quantity = None
    if "quantity" in cell:
        quantity, bad = parsed["quantity"]
        problems.add(bad, label["quantity"], cell["quantity"], "expected a whole number of units; read as 1")
        out["quantity"] = quantity.abs().fillna(1)
    amount = None
    if "refund_amount" in cell:
        amount, currency, bad = parsed["refund_amount"]
        problems.add(bad, label["refund_amount"], cell["refund_amount"],
                     "expected an amount such as 1,250.50, 1.250,50, Rp 1.250.000 or $12.50; left empty")
        out["refund_amount"] = amount.abs()
        if "currency" not in out and currency.notna().any():
            out["currency"] = currency
    if "_unit_price" in cell:
        price, currency, _ = parsed["_unit_price"]
        if quantity is not None:
            ledger_case |= (quantity < 0).fillna(False).astype(bool) & price.fillna(0).ne(0)
            if amount is None:
                out["refund_amount"] = (price * quantity.astype("float64")).abs()
                if "currency" not in out and currency.notna().any():
                    out["currency"] = currency
    if "proof_provided" in cell:
        flags, bad = parsed["proof_provided"]
        problems.add(bad, label["proof_provided"], cell["proof_provided"], "expected yes or no; left empty")
        out["proof_provided"] = flags
    if "_buyer_id" in cell:
        out["buyer_hash"] = parsed["_buyer_id"]
        notes.append(f"buyer id column {label['_buyer_id']!r} kept only as a salted hash")
    personal = [raw for raw, column in zip(matches.raw, matches.column, strict=True) if column == "_personal"]
    if personal:
        notes.append(f"buyer personal data not stored: column{'s' if len(personal) > 1 else ''} {', '.join(personal)} dropped")

    skipped = len(drop)
    if key(label["request_date"]) in _order_date_keys() and "case_id" not in cell:
        # An order ledger: one row per sale; only rows that say return, refund or RTO are cases.
        sales = ~ledger_case
        skipped += int(sales.sum())
        notes.append(f"order ledger (dates from {label['request_date']!r}): {int(sales.sum())} of {len(out)} rows are "
                     "plain sales without a return, refund or courier-return mark and were not imported")
        out, body, dates, unknown_status = out[~sales], body[~sales], _subset(dates, ~sales), unknown_status[~sales]
        cell = {c: body[p] for c, p in where.items()}
    if "status" in cell:
        problems.add(unknown_status, label["status"], cell["status"], "unknown status; expected one of the statuses "
                     "(requested, approved, rejected, item received, refunded, ...): left empty")

    missing_sku = out["sku"].isna() if "sku" in out else pd.Series(True, index=out.index)
    missing_date = out["request_date"].isna()
    sku_label = label.get("sku") or label.get("product_name", "SKU")
    sku_cells = cell["sku"] if "sku" in cell else cell.get("product_name", pd.Series("", index=out.index))
    problems.add(missing_sku, sku_label, sku_cells, "required SKU (or product name) is missing or damaged; row not imported")
    _date_problems(problems, dates, label["request_date"], cell["request_date"], "row not imported")
    problems.add(missing_date & ~dates.bad, label["request_date"], cell["request_date"],
                 "required request date is missing; row not imported")
    if (missing_sku | missing_date).any():
        out = out[~(missing_sku | missing_date)]
    fill_case_ids(out)
    out["source_file"], out["source_sheet"] = values.repeated(file, out.index), values.repeated(sheet, out.index)
    out["source_row"] = pd.Series(np.asarray(out.index, dtype=np.int64), index=out.index, copy=False)
    return out, skipped


def _parse_columns(cell: dict[str, pd.Series], tz: str | None = None) -> dict[str, Any]:
    """Every mapped column parsed to typed values, the columns side by side in threads (Arrow's kernels,
    which do most of the work, release the GIL). Columns that need no parsing are left out."""
    dates = partial(values.parse_dates, tz=tz)
    jobs: dict[str, Callable[[pd.Series], Any]] = {
        "request_date": dates, "response_date": dates, "resolved_date": dates,
        "request_type": lambda c: values.parse_vocabulary(c, "request_types"),
        "status": lambda c: values.parse_vocabulary(c, "statuses"),
        "quantity": values.parse_counts, "refund_amount": values.parse_amounts, "_unit_price": values.parse_amounts,
        "proof_provided": values.parse_flags, "_buyer_id": lambda c: hash_ids(values.clean(c)),
        **{c: _clean_id for c in ID_COLUMNS}, **{c: values.clean for c in (*TEXT_COLUMNS, "_colour", "_size")},
        "reason_raw": _reasons}
    todo = [c for c in jobs if c in cell]  # the slowest (dates) first
    if len(next(iter(cell.values()), ())) < PARALLEL_ROWS:
        return {c: jobs[c](cell[c]) for c in todo}
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {c: pool.submit(jobs[c], cell[c]) for c in todo}
        return {c: future.result() for c, future in futures.items()}


def _clean_id(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Clean id text and the mask of ids Excel turned into scientific notation."""
    text = values.clean(cells)
    return text, values.scientific(text)


def _subset(dates: values.Dates, keep: pd.Series) -> values.Dates:
    return values.Dates(dates.values[keep], dates.bad[keep], dates.day_first, dates.ambiguous, dates.implausible[keep])


def _date_problems(problems: _Problems, dates: values.Dates, label: str, cells: pd.Series, outcome: str) -> None:
    problems.add(dates.bad & ~dates.implausible, label, cells, f"expected {DATE_HINT}; {outcome}")
    problems.add(dates.implausible, label, cells, f"expected {RANGE_HINT}; {outcome}")


def _date_note(dates: values.Dates, label: str, notes: list[str]) -> None:
    if dates.ambiguous:
        notes.append(f"column {label} is ambiguous day/month; read as day-first")


def _item_fallback(out: pd.DataFrame, parsed: dict[str, Any], label: dict[str, str], notes: list[str]) -> None:
    """Without a SKU column, the item is the product name with colour and size (`Henley tee / Navy / 3`)."""
    if "sku" in out or "product_name" not in out:
        return
    parts = [out["product_name"]] + [parsed[c] for c in ("_colour", "_size") if c in parsed]
    item = parts[0].astype(object)
    for part in parts[1:]:
        item = item.where(part.isna(), item + " / " + part.astype(object))
    out["sku"] = item.where(parts[0].notna())
    used = [label[c] for c in ("product_name", "_colour", "_size") if c in label]
    notes.append(f"no SKU column: the item is identified by {' + '.join(used)}")


def _reasons(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """(the reason as written, cleaned; its reason tag; the wordings no rule matched, in file order)."""
    raw, codes, uniques = values.clean_encode(cells)
    found = [classify(v, "reasons") for v in uniques]
    tags = _with(values.categorical(codes, [r.value if r else None for r in found], raw.index), "Other")
    wordings = [v for v, r in zip(uniques, found, strict=True) if r is None]
    return raw, tags.where(raw.isna() | tags.notna(), "Other"), wordings


def _reason_note(wordings: list[str]) -> str:
    shown = ", ".join(repr(w) for w in wordings[:5]) + (" ..." if len(wordings) > 5 else "")
    return (f"{len(wordings)} reason wording{'s' if len(wordings) > 1 else ''} matched no rule and "
            f"{'were' if len(wordings) > 1 else 'was'} filed under Other (raw text kept): {shown}")


def _with(series: pd.Series, category: str) -> pd.Series:
    """A categorical that can also hold `category`."""
    return series if category in series.cat.categories else series.cat.add_categories([category])


def fill_case_ids(out: pd.DataFrame) -> None:
    """Fill missing case ids, in place, with a stable key of order (or order item), SKU, request date and request type.

    >>> row = pd.DataFrame({"case_id": [None], "order_id": ["58"], "sku": ["A"], "request_date": [pd.Timestamp("2026-01-02")],
    ...                     "request_type": ["Exchange"]})
    >>> two = pd.concat([row, row], ignore_index=True)
    >>> fill_case_ids(two)
    >>> two["case_id"].str[:1].tolist(), two["case_id"][1] == two["case_id"][0] + "-2"
    (['K', 'K'], True)
    """
    have = out["case_id"].notna() if "case_id" in out else pd.Series(False, index=out.index)
    if have.all():
        return
    order = out["_order_item"] if "_order_item" in out else out.get("order_id", pd.Series(None, index=out.index))
    if "_order_item" in out and "order_id" in out:
        order = order.fillna(out["order_id"])
    parts = pd.DataFrame({"order": order.astype(object).fillna(""), "sku": out["sku"].astype(object).fillna(""),
                          "date": out["request_date"].dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).fillna(""),
                          "type": out["request_type"].astype(object).fillna("")})
    hashed = pd.Series(pd.util.hash_pandas_object(parts, index=False, categorize=True).to_numpy(), index=out.index)
    # Identical rows are separate requests (two buyers, same day): number repeats in file order.
    repeat = hashed.groupby(hashed, sort=False).cumcount()
    generated = pd.Series([f"K{h:016x}" + (f"-{n + 1}" if n else "") for h, n in zip(hashed, repeat, strict=True)],
                          index=out.index)
    out["case_id"] = out["case_id"].where(have, generated) if "case_id" in out else generated
