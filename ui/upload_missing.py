"""Upload, when a required column was not found: ask for it instead of refusing the file.

The sheet's first rows are shown as written, with one select per missing field preset to the reader's best guess;
the file is read again with the user's pick (and that pick is saved on import, like any mapping correction). A
sheet with no product column at all can be read without one once the user says so: its cases show as "No SKU".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.reader import SheetInfo
from ui import format
from ui.i18n import N_, _
from ui.upload_read import Upload, apply_mapping, read_without_sku

FIELDS = {  # a required field -> (how the question names it, the select's label); translated where shown
    "request_date": (N_("the request date"), N_("Request date is in")),
    "sku": (N_("the SKU or product name"), N_("SKU or product name is in")),
}
NO_SKU_NOTE = N_(
    "Some hand-kept logs note only the order, the reason and the date. Their cases are kept under “No SKU”: "
    "they count in reasons, trends, deadlines and money, and are left out of per-SKU analyses."
)


def missing_fields(sheet: SheetInfo) -> list[str]:
    """The required fields the reader did not find on this sheet (`request_date`, `sku`), in that order."""
    return [f for f in FIELDS if f in sheet.missing]


def best_guess(sheet: SheetInfo, field: str) -> str | None:
    """The header the reader thinks most likely holds `field`, if any."""
    candidates = sheet.candidates.get(field) or []
    return candidates[0][0] if candidates else None


def examples(frame: pd.DataFrame, count: int = 3) -> dict[str, str]:
    """A few distinct values of each column, as text, to show beside a header in a select.

    >>> examples(pd.DataFrame({"Logged": ["2026-11-02", None, "2026-11-02", "2026-11-03"], "Note": [None] * 4}))
    {'Logged': '2026-11-02, 2026-11-03', 'Note': ''}
    """
    out = {}
    for name in frame.columns:
        cells = frame[name].dropna().astype(str).str.strip()
        out[name] = ", ".join(list(dict.fromkeys(c for c in cells if c))[:count])
    return out


def needs_a_column(upload: Upload) -> list[SheetInfo]:
    """The sheets of a file that could not be read for want of a required column a user can point at."""
    if upload.read is not None:
        return []
    return [s for s in upload.mapped_sheets if s.status != "read" and missing_fields(s)]


def ask(upload: Upload, sheet: SheetInfo, index: int) -> None:
    """The question for one sheet: which column holds each missing field, with a preview of the sheet's rows."""
    missing = missing_fields(sheet)
    what = format.listing([_(FIELDS[f][0]) for f in missing])
    guessed = any(best_guess(sheet, f) for f in missing)
    if sheet.name:
        question = _("**Which column holds {what}?** No header in sheet {sheet} reads as {what} for sure.")
    else:
        question = _("**Which column holds {what}?** No header reads as {what} for sure.")
    pick = (
        _("The best guess is chosen below: check it against the first rows, or pick another, and the file is read again.")
        if guessed
        else _("Pick the column below and the file is read again.")
    )
    st.warning(
        question.format(what=what, sheet=format.md(sheet.name))
        + " "
        + pick
        + " "
        + _("Your pick is kept for the next file with the same headers."),
        icon=":material/help:",
    )
    rows = sheet.preview
    if not rows.empty:
        if sheet.name:
            first_rows = _("**The first rows in sheet {sheet}** as written (header on row {row})")
        else:
            first_rows = _("**The first rows** as written (header on row {row})")
        st.markdown(first_rows.format(sheet=format.md(sheet.name), row=sheet.header_row))
        st.dataframe(rows, key=f"upload_missing_rows_{upload.key}_{index}", height=min(len(rows), 8) * 35 + 38)
    hints = examples(rows) if not rows.empty else {}
    headers = list(sheet.columns["raw"])
    example = _("{header} (e.g. {values})")  # fixed now: Streamlit may call format_func outside this run
    with st.form(f"upload_missing_{upload.key}_{index}", border=False):
        picks = {}
        with st.container(horizontal=True, vertical_alignment="bottom"):
            for field in missing:
                guess = best_guess(sheet, field)
                picks[field] = st.selectbox(
                    _(FIELDS[field][1]),
                    headers,
                    index=headers.index(guess) if guess in headers else None,
                    placeholder=_("Choose a column…"),
                    key=f"upload_missing_{upload.key}_{index}_{field}",
                    width=360,
                    format_func=lambda h: example.format(header=h, values=hints[h]) if hints.get(h) else h,
                )
            read = st.form_submit_button(
                _("Read with this column") if len(missing) == 1 else _("Read with these columns"),
                type="primary",
                icon=":material/refresh:",
                key=f"upload_missing_apply_{upload.key}_{index}",
            )
        no_sku = False
        if "sku" in missing:
            st.caption(_(NO_SKU_NOTE))
            no_sku = st.form_submit_button(
                _("There is no product column: read without SKU"), icon=":material/block:", key=f"upload_no_sku_{upload.key}_{index}"
            )
    if read or no_sku:
        chosen = {header: field for field, header in picks.items() if header and not (no_sku and field == "sku")}
        if read and len(chosen) < len(missing):
            st.error(_("Choose a column for each question first."), icon=":material/arrow_upward:")
            return
        if no_sku:
            upload.mapping = {**upload.mapping, **chosen}
            read_without_sku(upload)
        else:
            apply_mapping(upload, chosen)
        st.rerun()
