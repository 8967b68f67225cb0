"""`read_sheet`: a tracking sheet (path or uploaded file) -> canonical cases, a problem list and a
per-sheet report of what was read, skipped and how each column was mapped.

The steps live in small modules: `formats` (bytes -> text cells per sheet), `layout` (header row,
legend and totals rows), `headers` (column mapping), `values` (typed values), `privacy` (buyer ids).
This module wires them together and turns every doubtful cell into a row of `problems`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from data import case_steps as steps
from data import headers as hdr
from data import layout, values
from data.case_steps import ID_COLUMNS, TEXT_COLUMNS, with_category
from data.errors import ReadError
from data.formats import WORKERS, RawTable, read_tables, source_bytes, source_name
from data.header_words import header_currency
from data.phrases import N_, Phrase, Share, counted, filled, joined
from data.privacy import hash_ids
from data.rules import Learned, classify
from data.schema import conform
from data.split_rows import MESSAGE as SPLIT_MESSAGE
from data.split_rows import split_rows
from data.vocabulary import header_mapping
from data.zones import check_zone

__all__ = ["PROBLEM_COLUMNS", "ReadError", "SheetInfo", "SheetRead", "read_sheet"]

PROBLEM_COLUMNS = ("file", "sheet", "row", "column", "value", "message")
SUMMARY_COLUMNS = ("sheet", "status", "rows read", "to import", "rejected", "skipped")
SAMPLE_ROWS = 60  # rows under the header whose cells are content evidence for the mapping
PREVIEW_ROWS = 10  # rows kept for the mapping editor's preview
FIELD_LABELS = {"sku": N_("SKU (or product name)"), "request_date": N_("request date")}
PARALLEL_ROWS = 20_000  # smaller tables are parsed column after column: threads would cost more than they save
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")  # description or formula-legend rows looked for right under the header


@dataclass
class SheetInfo:
    """How one sheet was read. `status` is "read", "skipped-hidden" or "skipped-no-table"."""

    name: str
    status: str
    header_row: int | None = None  # Excel row number
    group_row: int | None = None  # the row of group labels above the header row, if any (`layout.group_row`)
    columns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(hdr.MATCH_COLUMNS)))
    signature: str = ""  # stable id of the header row: save a corrected mapping under it
    # Under a group row, the header row's own names (`Amount`, not `Refund · Amount`): how the sheet read before.
    plain_names: list[str] = field(default_factory=list)
    preset: str | None = None  # marketplace layout recognised from the header row
    rows_read: int = 0  # non-blank rows under the header
    rows_imported: int = 0
    rows_rejected: int = 0  # missing a required field: listed in problems
    rows_skipped: int = 0  # not cases: legend and totals rows, plain sales in an order ledger
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required fields not found ("sku", "request_date"): ask the user
    # For each missing field, the headers most likely to hold it, best first, with a score 0..1.
    candidates: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)  # the first rows under the header, as text, by header

    def signatures(self) -> list[str]:
        """The signatures a mapping saved for this sheet is looked up by, first found first: its header names as read,
        then (under a group row) the header row's own names, so a mapping saved before the group row was read is kept."""
        plain = hdr.signature(self.plain_names) if self.plain_names else ""
        return [self.signature] + ([plain] if plain and plain != self.signature else [])

    def saved_mapping(self, lookup: Callable[[str], dict[str, Any] | None]) -> tuple[str, dict[str, str]] | None:
        """The first mapping `lookup` (such as `Store.saved_mapping`) holds for this sheet's `signatures`, and the
        signature it was found under; one found under the header row's own names is given by this sheet's names
        (`Amount` -> `Refund · Amount`, column by column). None when no mapping was saved for it."""
        for found in self.signatures():
            mapping = lookup(found)
            if mapping:
                if found != self.signature:
                    names = dict(zip(self.plain_names, self.columns["raw"], strict=True))
                    mapping = {names.get(raw, raw): column for raw, column in mapping.items()}
                return found, {str(raw): str(column) for raw, column in mapping.items()}
        return None


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


def read_sheet(
    source: str | Path | IO[bytes],
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    tz: str | None = None,
    no_sku: bool = False,
    learned: Learned | None = None,
) -> SheetRead:
    """Read a file's case tables into canonical cases; rows missing a required field go to `problems`.

    `source` is a path or a file-like object with `.name` and `.read()` (Streamlit's UploadedFile);
    `sheet` picks one sheet of a workbook; `mapping` ({raw header: canonical column, "" = ignore})
    overrides the automatic mapping; `tz` (an IANA zone such as `Asia/Jakarta`) is the shop's time zone: times
    written with an offset are converted to it (to UTC when None), times without one are kept as written.
    `learned` holds the user's own tags per vocabulary (`reasons`, `request_types`, `statuses` -> {fold(raw
    wording): value}, keys made with `data.rules.fold`): they win over the wording rules; and the headers the user
    mapped by hand (`headers` -> {key(raw header): column}, keys made with `data.rules.key`), which win over the
    automatic mapping (`mapping` wins over them). `Store.learned()` gives all of them.
    `no_sku` imports a sheet that has no SKU or product column: every case gets the SKU `NO_SKU`.

    Raises `ReadError` (and nothing else) for files that cannot be read and for an unknown `tz`. When no sheet
    has the required columns (without a mapping: found with confidence), the error names the missing field and
    the best candidate headers, and carries the sheets (`SheetInfo.missing`, `.candidates`, `.preview`, the
    best-guess `.columns`) so a caller can ask the user and read again with `mapping=`.
    """
    name = source_name(source)
    zone_error(name, tz)
    unknown = sorted({c for c in (mapping or {}).values() if c and c not in hdr.CHOICES})
    if unknown:
        raise ReadError(
            counted(
                '{file}: the mapping names unknown column {columns}; expected one of {choices} (or "" to ignore a column)',
                '{file}: the mapping names unknown columns {columns}; expected one of {choices} (or "" to ignore a column)',
                len(unknown),
                file=name,
                columns=", ".join(unknown),
                choices=", ".join(hdr.CHOICES),
            )
        )
    from data.sandbox import inside, run  # imported here: the reader's own imports stay as they were

    if not inside():  # parsed in a worker with memory and time limits: a hostile file cannot hurt this process
        read: SheetRead = run(
            "data.reader", "read_sheet", source, name, sheet=sheet, mapping=mapping, tz=tz, no_sku=no_sku, learned=learned
        )
        return read
    try:
        return _read(source_bytes(source, name), name, sheet, mapping, tz, no_sku, learned)
    except ReadError:
        raise
    except Exception as error:  # a reader bug must still reach the user as a clear, file-named message
        raise ReadError(
            Phrase("{file} could not be read: {error}", file=name, error=type(error).__name__ + ": " + str(error)[:200])
        ) from error


def zone_error(name: str, tz: str | None) -> None:
    """A ReadError naming the file and the zone when `tz` is not a known time zone."""
    if tz is not None:
        try:
            check_zone(tz)
        except ValueError as err:
            raise ReadError(Phrase("{file}: {error}", file=name, error=str(err))) from err


def _read(
    data: bytes,
    name: str,
    sheet: str | None,
    mapping: dict[str, str] | None,
    tz: str | None,
    no_sku: bool = False,
    learned: Learned | None = None,
) -> SheetRead:
    tables = read_tables(data, name, sheet)
    frames, problems, infos = [], [], []
    notes: list[str] = []
    suffix = Path(name).suffix.lower()
    if tables and tables[0].kind == "text" and suffix in WORKBOOK_SUFFIXES:
        notes.append(Phrase("{file} is named {suffix} but holds delimited text, not a workbook: read as text", file=name, suffix=suffix))
    for raw in tables:
        if not raw.visible and sheet is None:
            infos.append(SheetInfo(raw.sheet, "skipped-hidden", notes=[Phrase("hidden sheet: not read")]))
            notes.append(Phrase("sheet {sheet} is hidden and was not read", sheet=repr(raw.sheet)))
            continue
        cases, found, info = _read_table(raw, name, mapping, tz, no_sku, learned)
        infos.append(info)
        if info.status == "read":
            frames.append(cases)
            problems += found
        notes += [
            Phrase("sheet {sheet}: {note}", sheet=repr(raw.sheet), note=n) if raw.sheet and len(tables) > 1 else n for n in info.notes
        ]
    if not any(info.status == "read" for info in infos):
        raise ReadError(_no_table_message(name, infos), sheets=infos)
    cases = conform(frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True) if frames else pd.DataFrame())
    problem_frame = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    problem_frame["row"] = problem_frame["row"].astype("int64")
    used = {
        info.name: {r: c for r, c in zip(info.columns.raw, info.columns.column, strict=True) if c}
        for info in infos
        if info.status == "read"
    }
    return SheetRead(cases, problem_frame.reset_index(drop=True), used, infos, notes)


def _no_table_message(name: str, infos: list[SheetInfo]) -> Phrase:
    found = [
        Phrase(
            "{sheet}: {columns}",
            sheet=i.name or Phrase("the table"),
            columns=", ".join(i.columns.raw) if len(i.columns.raw) else Phrase("no header row"),
        )
        for i in infos
        if i.status == "skipped-no-table"
    ]
    hidden = [i.name for i in infos if i.status == "skipped-hidden"]
    parts = [
        Phrase(
            "{file}: no case table found. Required columns: SKU (or, where a sheet has none, the product name, with colour and "
            "size if present) and the request date. Columns found: {found}",
            file=name,
            found=joined(found) if found else Phrase("none"),
        ),
        *(_missing_message(i) for i in infos if i.missing),
    ]
    if hidden:
        parts.append(Phrase(". Hidden sheets not read: {sheets}", sheets=", ".join(hidden)))
    return joined(parts, "")


def _missing_message(info: SheetInfo) -> Phrase:
    """`. In sheet 'X' (header row 2) missing: the request date (best candidates: 'Return Initiated On' 42%, ...).`"""
    parts = []
    for field_ in info.missing:
        best = [Phrase("{header} {share}", header=repr(raw), share=Share(score)) for raw, score in info.candidates.get(field_, [])]
        what = Phrase(FIELD_LABELS[field_])
        parts.append(
            Phrase("the {field} (best candidates: {best})", field=what, best=joined(best, ", "))
            if best
            else Phrase("the {field} (no candidate column)", field=what)
        )
    message = (
        Phrase(
            ". In sheet {sheet} (header row {row}) missing: {fields}.",
            sheet=repr(info.name),
            row=str(info.header_row),
            fields=joined(parts),
        )
        if info.name
        else Phrase(". In the table (header row {row}) missing: {fields}.", row=str(info.header_row), fields=joined(parts))
    )
    advice = (
        Phrase(" Map the missing column by hand, or import the sheet with no SKU if it has no product column")
        if "sku" in info.missing
        else Phrase(" Map the missing column by hand")
    )
    return joined([message, advice], "")


# ---------------------------------------------------------------- one sheet


class _Problems:
    """Collects doubtful cells as problem rows, vectorised per column."""

    def __init__(self, file: str, sheet: str) -> None:
        self.file, self.sheet = file, sheet
        self.frames: list[pd.DataFrame] = []

    def add(self, mask: pd.Series, column: str, cells: pd.Series, message: str) -> None:
        if not mask.any():
            return
        hit = cells[mask]
        self.frames.append(
            pd.DataFrame(
                {
                    "file": self.file,
                    "sheet": self.sheet,
                    "row": hit.index.astype("int64"),
                    "column": column,
                    "value": hit.fillna("").astype(str).to_numpy(),
                    "message": filled(message, len(hit)),  # the phrase itself: said in the reader's language
                }
            )
        )


def _read_table(
    raw: RawTable, file: str, mapping: dict[str, str] | None, tz: str | None, no_sku: bool = False, learned: Learned | None = None
) -> tuple[pd.DataFrame, list[pd.DataFrame], SheetInfo]:
    rows = raw.rows
    info = SheetInfo(raw.sheet, "skipped-no-table")
    header_row = layout.find_header(rows) if len(rows) else None
    if header_row is None:
        info.notes.append(Phrase("no header row found"))
        return pd.DataFrame(), [], info
    group = layout.group_row(rows, header_row)
    names, plain, body = _table_body(rows, header_row, group)
    # Headers the user mapped by hand on other sheets (`learned["headers"]`) count as mapped by the user; `mapping` wins.
    taught = {n: c for n, c in header_mapping(names, (learned or {}).get("headers")).items() if n not in (mapping or {})}
    found = hdr.choose(names, {**taught, **(mapping or {})} or None, [body[p].head(SAMPLE_ROWS) for p in range(len(names))])
    matches, preset = found.matches, found.preset
    if taught:
        matches.loc[matches["raw"].isin(taught), "matched"] = "learned"
    info.header_row, info.group_row, info.columns, info.signature, info.preset = header_row, group, matches, hdr.signature(names), preset
    info.plain_names = plain if group is not None else []
    info.preview = body.head(PREVIEW_ROWS).set_axis(_unique(names), axis=1)
    where = {c: p for p, c in enumerate(matches.column) if c and c != "_personal"}
    info.missing = _missing(found, where, mapping is not None, no_sku)
    if info.missing:
        info.candidates = {f: found.candidates(f) for f in info.missing}
        fields = [Phrase(FIELD_LABELS[f]) for f in info.missing]
        info.notes.append(
            Phrase("no case table: the required {first} and {second} columns were not found", first=fields[0], second=fields[1])
            if len(fields) > 1
            else Phrase("no case table: the required {field} column was not found", field=fields[0])
        )
        return pd.DataFrame(), [], info
    for first, second in hdr.duplicates(names):
        raise ReadError(
            Phrase(
                "{file}, sheet {sheet}: the header row (row {row}) has two columns named {first} and {second}; expected each "
                "column once. Rename or delete one of them.",
                file=file,
                sheet=repr(raw.sheet),
                row=str(header_row),
                first=repr(first),
                second=repr(second),
            )
            if raw.sheet
            else Phrase(
                "{file}: the header row (row {row}) has two columns named {first} and {second}; expected each column once. "
                "Rename or delete one of them.",
                file=file,
                row=str(header_row),
                first=repr(first),
                second=repr(second),
            )
        )
    info.status = "read"
    info.rows_read = len(body)
    if preset:
        info.notes.append(Phrase("layout recognised from the header row: {layout}", layout=preset))
    problems = _Problems(file, raw.sheet)
    cut = split_rows(rows, header_row, body.index, group) if raw.kind == "text" else None
    cases, skipped = _cases(body, names, where, matches, info, problems, file, raw.sheet, tz, no_sku, learned, cut)
    info.rows_skipped = skipped
    info.rows_imported = len(cases)
    info.rows_rejected = info.rows_read - info.rows_imported - skipped
    return cases, problems.frames, info


def _table_body(rows: pd.DataFrame, header_row: int, group: int | None = None) -> tuple[list[str], list[str], pd.DataFrame]:
    """The header names (under the group row `group`, if any: `layout.header_names`), the header row's names alone,
    and the rows under the header (blank rows and blank unnamed columns left out), its columns numbered by position."""
    position = rows.index.get_loc(header_row)
    assert isinstance(position, int), "sheet rows are numbered once each"
    above = rows.iloc[position - 1] if group is not None else None  # the group row is right above the header
    names = layout.header_names(rows.iloc[position], above)
    plain = layout.header_names(rows.iloc[position]) if above is not None else names
    body = rows.iloc[position + 1 :]  # a slice, not a copy
    blank = layout.blank_rows(body)
    if blank.any():
        body = body.loc[~blank]
    header_cells = rows.iloc[position].tolist()
    group_cells = above.tolist() if above is not None else [None] * len(header_cells)
    # Blank columns (no header, no value) are dropped; an unnamed column with values is kept as `column C`.
    keep = [
        p
        for p in range(len(names))
        if not (_empty(header_cells[p]) and _empty(group_cells[p]) and layout.blank_rows(body[[rows.columns[p]]]).all())
    ]
    names, plain = [names[p] for p in keep], [plain[p] for p in keep]
    if len(keep) < body.shape[1]:
        body = body[[rows.columns[p] for p in keep]]
    return names, plain, body.set_axis(range(len(keep)), axis=1)


def _missing(found: hdr.Mapping, where: dict[str, int], mapped_by_user: bool, no_sku: bool) -> list[str]:
    """Required fields not found: with the user's mapping, those it leaves out; otherwise those not found with confidence.
    The SKU is not required of a sheet imported with no SKU (`no_sku`) that has no product column."""
    if mapped_by_user:
        missing = [
            f for f, present in (("sku", {"sku", "product_name"} & set(where)), ("request_date", "request_date" in where)) if not present
        ]
    else:
        missing = found.missing()
    if no_sku and "sku" in missing and not {"sku", "product_name"} & set(where):
        missing.remove("sku")
    return missing


def _unique(names: list[str]) -> list[str]:
    """Header names made unique for a preview table (`SKU`, `SKU (2)`)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _empty(cell: str | float | None) -> bool:
    return pd.isna(cell) or not str(cell).strip()


def _cases(
    body: pd.DataFrame,
    names: list[str],
    where: dict[str, int],
    matches: pd.DataFrame,
    info: SheetInfo,
    problems: _Problems,
    file: str,
    sheet: str,
    tz: str | None,
    no_sku: bool = False,
    learned: Learned | None = None,
    cut: pd.Series | None = None,
) -> tuple[pd.DataFrame, int]:
    """Run the named steps of `data.case_steps` over one sheet's table; returns the cases and the rows skipped. Rows
    of a text file that an unquoted separator `cut` (`data.split_rows`) are left out with a problem."""
    label = {c: names[p] for c, p in where.items()}
    parsed = _parse_columns(_cells(body, where, label), tz, learned)
    legend = steps.legend_rows(body, parsed["request_date"].values)
    totals = steps.totals_rows(body, parsed["request_date"].values, len(legend))
    info.notes.extend(steps.skipped_notes(legend, totals))
    drop = set(legend) | set(totals)
    if drop:
        body = body.drop(index=list(drop))
        parsed = _parse_columns(_cells(body, where, label), tz, learned)
    dates = parsed["request_date"]
    cell = {c: body[p] for c, p in where.items()}
    out = pd.DataFrame(index=body.index)
    out["request_date"] = dates.values
    info.notes.extend(steps.date_note(dates, label["request_date"]))
    personal = [raw for raw, column in zip(matches.raw, matches.column, strict=True) if column == "_personal"]
    done = [steps.other_dates(parsed, cell, label), steps.ids_and_text(parsed, cell, label)]
    _apply(done, out, problems, info.notes)
    done = [
        steps.item(dict(out.items()), parsed, label, out.index, no_sku),
        steps.request_types(parsed, cell, label, out.index),
        steps.statuses(parsed, out.index),
        steps.reasons(parsed),
        steps.money(parsed, cell, label, "currency" in out),
        steps.proof_and_buyer(parsed, cell, label, personal),
    ]
    _apply(done, out, problems, info.notes)
    courier = done[1].marks["courier"] | done[2].marks["courier"] | done[3].marks.get("courier", False)
    ledger_case = (
        done[1].marks["ledger_case"]
        | done[2].marks["ledger_case"]
        | done[3].marks.get("courier", False)
        | done[4].marks.get("ledger_case", False)
    )
    unknown_status = done[2].marks["unknown_status"]
    out["courier_return"] = courier
    skipped = len(drop)
    if hdr.is_order_date(label["request_date"]) and "case_id" not in cell:
        sales, note = steps.ledger_sales(ledger_case, label["request_date"])
        skipped += int(sales.sum())
        info.notes.append(note)
        out, body, dates, unknown_status = out[~sales], body[~sales], steps.subset_dates(dates, ~sales), unknown_status[~sales]
        cell = {c: body[p] for c, p in where.items()}
    if "status" in cell:
        problems.add(
            unknown_status,
            label["status"],
            cell["status"],
            Phrase(
                "unknown status; expected one of the statuses (requested, approved, rejected, item received, refunded, ...): left empty"
            ),
        )
    reject, flags = steps.required_rows(out, dates, cell, label)
    for flag in flags:
        problems.add(flag.mask, flag.column, flag.cells, flag.message)
    if cut is not None and cut.any():
        moved = cut.reindex(out.index, fill_value=False)
        first = next(iter(where.values()))
        problems.add(moved, names[first], body[first], SPLIT_MESSAGE)
        reject = reject | moved.to_numpy(dtype=bool)
    if reject.any():
        out = out[~reject]
    couriers = int(out["courier_return"].sum())
    if couriers:
        info.notes.append(
            counted(
                "{n} line read as a courier return (parcel never reached the buyer): not counted as a buyer request",
                "{n} lines read as courier returns (parcel never reached the buyer): not counted as buyer requests",
                couriers,
            )
        )
    fill_case_ids(out)
    for column, series in steps.source_columns(out, file, sheet).items():
        out[column] = series
    return out, skipped


def _cells(body: pd.DataFrame, where: dict[str, int], label: dict[str, str]) -> dict[str, pd.Series]:
    """Each mapped column's cells; amounts under a header that names their currency (`Refunded (IDR)`) are read in it,
    and plain amounts beside a currency column naming one written without decimals (`89.000` in a row of `IDR`) in
    that one, so the dot groups thousands."""
    cells = {c: body[p] for c, p in where.items()}
    row_codes = _no_decimal_codes(cells["currency"]) if "currency" in cells else None
    for column in ("refund_amount", "_unit_price"):
        if column not in cells:
            continue
        code = header_currency(label[column])
        text = cells[column].astype("string").str.strip()
        if code:
            cells[column] = text.str.replace(r"^(\(?)", rf"\g<1>{code} ", regex=True).where(text.fillna("") != "")
        elif row_codes is not None:
            plain = text.str.fullmatch(r"\(?[+-]?[\d.,]+\)?").fillna(False).astype(bool) & row_codes.notna()
            if plain.any():
                opened = text.str.startswith("(").fillna(False).astype(bool)
                named = ("(" + row_codes + " " + text.str[1:]).where(opened, row_codes + " " + text)
                cells[column] = text.where(~plain, named)
    return cells


def _no_decimal_codes(currencies: pd.Series) -> pd.Series | None:
    """Per row, the currency code a currency column names when that currency is written without decimals (IDR, VND...),
    else <NA>; None when no row names one."""
    codes = currencies.astype("string").str.strip().str.lower().map(values.CURRENCY_SIGNS)
    codes = codes.where(codes.isin(values.NO_DECIMALS)).astype("string")
    return codes if codes.notna().any() else None


def _apply(done: list[steps.Step], out: pd.DataFrame, problems: _Problems, notes: list[str]) -> None:
    """Write the steps' columns into `out`, their flags into `problems` and their notes into `notes`."""
    for step in done:
        for column, series in step.columns.items():
            out[column] = series
        for flag in step.flags:
            problems.add(flag.mask, flag.column, flag.cells, flag.message)
        notes.extend(step.notes)


def _parse_columns(cell: dict[str, pd.Series], tz: str | None = None, learned: Learned | None = None) -> dict[str, Any]:
    """Every mapped column parsed to typed values, the columns side by side in threads (Arrow's kernels,
    which do most of the work, release the GIL). Columns that need no parsing are left out."""
    dates = partial(values.parse_dates, tz=tz)
    taught = learned or {}
    jobs: dict[str, Callable[[pd.Series], Any]] = {
        "request_date": dates,
        "response_date": dates,
        "resolved_date": dates,
        "request_type": lambda c: values.parse_vocabulary(c, "request_types", taught.get("request_types")),
        "status": lambda c: values.parse_vocabulary(c, "statuses", taught.get("statuses")),
        "quantity": values.parse_counts,
        "refund_amount": values.parse_amounts,
        "_unit_price": values.parse_amounts,
        "proof_provided": values.parse_flags,
        "_buyer_id": lambda c: hash_ids(values.clean(c)),
        **{c: _clean_id for c in ID_COLUMNS},
        **{c: values.clean for c in (*TEXT_COLUMNS, "_colour", "_size")},
        "reason_raw": partial(_reasons, learned=taught.get("reasons")),
    }
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


def _reasons(cells: pd.Series, learned: Mapping[str, str] | None = None) -> tuple[pd.Series, pd.Series, list[str], np.ndarray]:
    """(the reason as written, cleaned; its reason tag; the wordings no rule matched, in file order; the mask of
    reasons that say the parcel never reached the buyer, a courier return). Each distinct wording is read once."""
    raw, codes, uniques = values.clean_encode(cells)
    found = [classify(v, "reasons", learned) for v in uniques]
    tags = with_category(values.categorical(codes, [r.value if r else None for r in found], raw.index), "Other")
    wordings = [v for v, r in zip(uniques, found, strict=True) if r is None]
    courier = np.append(np.array([bool(r and r.extra == "courier") for r in found], dtype=bool), False)[codes]
    return raw, tags.where(raw.isna() | tags.notna(), "Other"), wordings, courier


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
    parts = pd.DataFrame(
        {
            "order": order.astype(object).fillna(""),
            "sku": out["sku"].astype(object).fillna(""),
            "date": out["request_date"].dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).fillna(""),
            "type": out["request_type"].astype(object).fillna(""),
        }
    )
    hashed = pd.Series(pd.util.hash_pandas_object(parts, index=False, categorize=True).to_numpy(), index=out.index)
    # Identical rows are separate requests (two buyers, same day): number repeats in file order.
    repeat = hashed.groupby(hashed, sort=False).cumcount()
    generated = pd.Series([f"K{h:016x}" + (f"-{n + 1}" if n else "") for h, n in zip(hashed, repeat, strict=True)], index=out.index)
    out["case_id"] = out["case_id"].where(have, generated) if "case_id" in out else generated
