"""Upload, step 2: what a file will bring in, shown before anything is stored.

Per file: the summary by sheet, the reader's notes, each column's mapping with its confidence and an
editor to correct it, a preview of the mapped cases and the problems (all of them downloadable).
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from data.downloads import file_name
from data.export import to_csv_bytes
from data.headers import CHOICES
from data.reader import SheetInfo
from ui import columns, format, i18n, upload_missing, upload_wordings
from ui.i18n import N_, _
from ui.upload_read import Upload, apply_mapping

PREVIEW_ROWS = 50
PROBLEM_ROWS = 200
IGNORE = ""
LABELS = {
    IGNORE: N_("(ignore)"),
    "case_id": N_("Case id"),
    "order_id": N_("Order id"),
    "sku": N_("SKU"),
    "product_name": N_("Product name"),
    "request_type": N_("Request type"),
    "reason": N_("Reason"),
    "reason_raw": N_("Reason as written"),
    "comment": N_("Buyer comment"),
    "request_date": N_("Request date"),
    "response_date": N_("First response"),
    "resolved_date": N_("Resolved"),
    "status": N_("Status"),
    "quantity": N_("Quantity"),
    "refund_amount": N_("Refund"),
    "currency": N_("Currency"),
    "proof_provided": N_("Proof provided"),
    "channel": N_("Channel"),
    "handled_by": N_("Person in charge"),
    "courier_return": N_("Courier return"),
    "source_sheet": N_("Sheet"),
    "source_row": N_("Row"),
    "_personal": N_("Buyer personal data (never stored)"),
    "_buyer_id": N_("Buyer id (kept as a hash)"),
    "_order_item": N_("Order item id"),
    "_colour": N_("Colour (part of the item)"),
    "_size": N_("Size (part of the item)"),
    "_unit_price": N_("Unit price"),
}
HIDDEN_IN_PREVIEW = ("source_file", "import_id", "buyer_hash")
DATE_FORMAT = "D MMM YYYY, HH:mm"


def preview_config() -> dict:
    """The preview's column settings, in the run's language."""
    return {
        "request_date": st.column_config.DatetimeColumn(_("Request date"), format=columns.when(DATE_FORMAT)),
        "response_date": st.column_config.DatetimeColumn(_("First response"), format=columns.when(DATE_FORMAT)),
        "resolved_date": st.column_config.DatetimeColumn(_("Resolved"), format=columns.when(DATE_FORMAT)),
        "refund_amount": st.column_config.NumberColumn(_("Refund"), format="localized"),
        "source_row": st.column_config.NumberColumn(_("Row"), format="plain"),
    }


def problem_config() -> dict:
    """The problems table's column settings, in the run's language."""
    return {
        "file": _("File"),
        "sheet": _("Sheet"),
        "row": st.column_config.NumberColumn(_("Row"), format="plain"),
        "column": _("Column"),
        "value": _("Value"),
        "message": st.column_config.TextColumn(_("Problem"), width="large"),
    }


def mapping_config() -> dict:
    """The mapping table's column settings, in the run's language."""
    return {
        "raw": _("Header in the file"),
        "column": _("Read as"),
        "confidence": st.column_config.ProgressColumn(_("Confidence"), format="percent", min_value=0, max_value=1),
        "matched": _("How it was matched"),
    }


STATUS = {"read": N_("read"), "skipped-hidden": N_("skipped: hidden sheet"), "skipped-no-table": N_("skipped: no case table")}
MATCHED = {  # how the reader matched a header (`data.headers`), shown translated
    "user": N_("user"),
    "learned": N_("learned"),
    "preset": N_("preset"),
    "exact synonym": N_("exact synonym"),
    "fuzzy suggestion": N_("fuzzy suggestion"),
    "by meaning": N_("by meaning"),
    "by content": N_("by content"),
    "not recognised": N_("not recognised"),
}


def matched(how: str) -> str:
    """How a header was matched, in the run's language."""
    return _(MATCHED[how]) if how in MATCHED else how


def label(column: str) -> str:
    """A canonical column as the user reads it."""
    return _(LABELS[column]) if column in LABELS else column.replace("_", " ").strip().capitalize()


def show(upload: Upload) -> None:
    """Everything about one chosen file, in reading order."""
    if upload.error and (sheets := upload_missing.needs_a_column(upload)):
        for index, sheet in enumerate(sheets):
            upload_missing.ask(upload, sheet, index)
        mapping_editor(upload, expanded=False)
        return
    if upload.error:
        reason = i18n.say(upload.error).removeprefix(f"{upload.name}: ")  # the reader names the file; the heading already does
        st.error(
            _("**{file} cannot be read.** {reason}").format(
                file=format.md(upload.name), reason=format.md(reason if reason.startswith(upload.name) else reason[:1].upper() + reason[1:])
            ),
            icon=":material/error:",
        )
        if upload.mapped_sheets:
            st.markdown(_("Tell which header holds which column, then **Apply**:"))
            mapping_editor(upload, expanded=True)
        return
    read = upload.read
    cases, problems = read.cases, read.problems
    with st.container(horizontal=True):
        st.metric(_("Rows read"), format.number(sum(s.rows_read for s in read.sheets)), border=True)
        st.metric(_("Rows to import"), format.number(len(cases)), border=True)
        st.metric(_("Rejected"), format.number(sum(s.rows_rejected for s in read.sheets)), border=True)
        st.metric(_("Problems"), format.number(len(problems)), border=True)
    st.caption(_("{size} read in {seconds} s.").format(size=format.size(len(upload.data)), seconds=format.decimal(upload.seconds)))
    for sheet in upload.mapped_sheets:
        when = upload.using_saved(sheet)
        if when is not None:
            text = (
                _("Using the column mapping you saved on {moment} UTC for sheet {sheet}.")
                if sheet.name
                else _("Using the column mapping you saved on {moment} UTC.")
            )
            st.info(text.format(moment=format.moment(when), sheet=format.md(sheet.name)), icon=":material/bookmark:")
    if upload.no_sku:
        st.info(
            _("Read without a product column, as you chose (to undo that, remove the file and choose it again)."), icon=":material/block:"
        )
    _summary(read.summary(), read.sheets)
    if read.notes:
        st.markdown("\n".join(f"- {format.md(note)}" for note in read.notes))
    mapping_editor(upload, expanded=False)
    upload_wordings.show(upload)
    if cases.empty:
        st.warning(_("No row of {file} can be imported.").format(file=format.md(upload.name)), icon=":material/warning:")
    else:
        _preview(cases, upload.key)
    if len(problems):
        _problems(problems, upload)


def _summary(summary: pd.DataFrame, sheets: list[SheetInfo]) -> None:
    """Only worth a table for a workbook with several sheets or a skipped one; one sheet reads in the metrics."""
    if len(sheets) < 2 and all(s.status == "read" for s in sheets):
        return
    notes = {s.name: "; ".join(map(i18n.say, s.notes)) for s in sheets if s.status != "read"}
    status = summary["status"].map(lambda s: _(STATUS[s]) if s in STATUS else s)
    table = summary.assign(status=status, why=summary["sheet"].map(notes))
    st.dataframe(table, hide_index=True, column_config={"sheet": _("Sheet"), "status": _("Status"), "why": _("Why")})


def mapping_table(sheet: SheetInfo) -> pd.DataFrame:
    """The sheet's columns as read: header, what it is read as, confidence (0..1) and how it was matched."""
    columns = sheet.columns
    return columns.assign(column=columns["column"].map(label), matched=columns["matched"].map(matched))


def mapping_editor(upload: Upload, *, expanded: bool) -> None:
    """Each column's mapping with its confidence, and a form of choices to correct it ("Apply" re-reads the file)."""
    sheets = upload.mapped_sheets
    with st.expander(_("Columns: how each header is read"), expanded=expanded, icon=":material/table_edit:"):
        for index, sheet in enumerate(sheets):
            if len(sheets) > 1:
                st.markdown(_("**Sheet {sheet}** (header on row {row})").format(sheet=format.md(sheet.name), row=sheet.header_row))
            if sheet.preset:
                st.caption(_("Layout recognised from the header row: {layout}.").format(layout=format.md(sheet.preset)))
            st.dataframe(mapping_table(sheet), hide_index=True, column_config=mapping_config())
            with st.form(f"upload_map_{upload.key}_{index}", border=False):
                st.caption(
                    _(
                        "Correct a column below and apply: the file is read again. The corrected mapping is saved "
                        "when you import, and used for the next file with the same header row."
                    )
                )
                choices = _choices(upload, sheet, index)
                if st.form_submit_button(_("Apply"), icon=":material/refresh:", key=f"upload_apply_{upload.key}_{index}"):
                    current = dict(zip(sheet.columns["raw"], sheet.columns["column"], strict=True))
                    changed = {raw: c for raw, c in choices.items() if c != current[raw]}
                    apply_mapping(upload, changed)
                    st.rerun()


def _choices(upload: Upload, sheet: SheetInfo, index: int) -> dict[str, str]:
    """One keyboard-friendly selectbox per header (type to filter the choices), three to a row."""
    picked = {}
    grid = st.columns(3)
    catalogue = i18n.translations(i18n.current())  # fixed now: Streamlit may call format_func outside this run

    def shown(column: str) -> str:
        return catalogue.gettext(LABELS[column]) if column in LABELS else column.replace("_", " ").strip().capitalize()

    for pos, (raw, column, confidence, how_found) in enumerate(sheet.columns.itertuples(index=False)):
        options = [IGNORE, *CHOICES] + ([column] if column not in CHOICES and column != IGNORE else [])
        personal = column == "_personal"
        how = (
            _("not recognised")
            if how_found == "not recognised"
            else _("{how}, confidence {share}").format(how=matched(how_found), share=format.whole_percent(confidence))
        )
        picked[raw] = grid[pos % 3].selectbox(
            raw or _("column {n}").format(n=pos + 1),
            options,
            index=options.index(column),
            format_func=shown,
            key=f"upload_col_{upload.key}_{index}_{pos}",
            disabled=personal,
            help=_("Buyer names, phones, e-mails and addresses are never stored.") if personal else how,
        )
    return picked


def _preview(cases: pd.DataFrame, key: str) -> None:
    with_data = [c for c in cases.columns if c not in HIDDEN_IN_PREVIEW and _has_data(cases[c])]
    st.markdown(
        "**"
        + _("Preview")
        + "** · "
        + _("the first {n} of {total} rows as they will be stored").format(n=min(PREVIEW_ROWS, len(cases)), total=format.number(len(cases)))
    )
    settings = preview_config()
    config = {c: settings.get(c, label(c)) for c in with_data}
    st.dataframe(cases[with_data].head(PREVIEW_ROWS), hide_index=True, column_config=config, key=f"upload_preview_{key}")


def _has_data(column: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(column.dtype):
        return bool(column.fillna(False).any())
    return bool(column.notna().any())


def problems_csv(problems: pd.DataFrame, language: str | None = None) -> bytes:
    """All problems as CSV, in sheet and row order, safe to open in a spreadsheet (a value like `=1+2` is defused); the
    problem itself in `language` (default: the run's)."""
    return to_csv_bytes(problems.assign(message=format.said(problems["message"], language)) if "message" in problems else problems)


def _problems(problems: pd.DataFrame, upload: Upload) -> None:
    problems = problems.sort_values(["sheet", "row"], kind="stable", ignore_index=True)  # the reader lists them by kind
    shown = min(PROBLEM_ROWS, len(problems))
    st.markdown(
        "**"
        + _("Problems")
        + f"** · {format.count(len(problems), 'problem')}"
        + (", " + _("the first {n} shown").format(n=shown) if shown < len(problems) else "")
    )
    st.caption(
        _(
            "A row missing its SKU or request date is left out; other problems leave one value empty. "
            "Fix them in the sheet and upload it again."
        )
    )
    shown_rows = problems.head(PROBLEM_ROWS)
    shown_rows = shown_rows.assign(message=format.said(shown_rows["message"]))
    st.dataframe(shown_rows, hide_index=True, column_config=problem_config(), key=f"upload_problems_{upload.key}")
    stem = upload.name.rsplit(".", 1)[0]
    st.download_button(
        _("All problems (CSV)"),
        partial(problems_csv, problems, i18n.current()),  # fixed now: Streamlit calls it outside this run
        file_name("upload", f"problems {stem}", "csv", dated=False),
        mime="text/csv",
        key=f"upload_problems_csv_{upload.key}",
        icon=":material/download:",
        on_click="ignore",
    )
