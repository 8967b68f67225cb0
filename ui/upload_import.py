"""Upload, step 3: one click imports every readable chosen file, each as its own import; then what each did."""

from __future__ import annotations

import streamlit as st

from data.case_store import ImportResult
from data.errors import StoreError
from ui import format, state
from ui.i18n import _, n_, say
from ui.upload_read import Upload, forget, save_corrections

RESULTS_KEY = "upload_results"
COUNTER_KEY = "upload_count"
WARNING_KEY = "upload_mapping_warning"


def uploader_key() -> str:
    """The file chooser's key: a new one after each import empties the chooser, ready for the next files."""
    return f"upload_files_{st.session_state.get(COUNTER_KEY, 0)}"


def button(uploads: list[Upload]) -> None:
    """The import button for the files that have rows to import; on click, import them one by one and rerun."""
    ready = [u for u in uploads if u.read is not None and not u.read.cases.empty]
    if not ready:
        return
    rows = sum(len(u.read.cases) for u in ready)
    text = (
        n_("Import {rows} row", "Import {rows} rows", rows).format(rows=format.number(rows))
        if len(uploads) == 1
        else _("Import {files} ({rows} rows)").format(files=format.count(len(ready), "file"), rows=format.number(rows))
    )
    left_out = [u.name for u in uploads if u not in ready]
    clicked = st.button(text, type="primary", icon=":material/download:", key="upload_import")
    if left_out:
        st.caption(_("Not imported, nothing to import yet: {files}.").format(files=", ".join(left_out)))
    if not clicked:
        return
    done: list[tuple[ImportResult, list[str]]] = []
    for upload in ready:
        with st.spinner(_("Importing {file}…").format(file=format.md(upload.name)), show_time=True):
            try:
                result = state.store().import_read(upload.read, file_name=upload.name, data=upload.data)
            except StoreError as err:  # one import is one transaction: nothing of this file was kept
                _show(done)
                st.error(
                    _("**{file} was not imported**; the store kept what it had. {error}").format(
                        file=format.md(upload.name), error=format.md(err)
                    ),
                    icon=":material/error:",
                )
                return
            try:
                saved = save_corrections(upload) if result.already_imported_on is None else []
            except StoreError as err:  # the cases are in; only the mapping for next time is missing
                saved = []
                st.session_state[WARNING_KEY] = _("Your column mapping for {file} was not saved for next time: {error}").format(
                    file=format.md(upload.name), error=format.md(err)
                )
        done.append((result, saved))
    st.session_state[RESULTS_KEY] = done
    st.session_state[COUNTER_KEY] = st.session_state.get(COUNTER_KEY, 0) + 1
    forget()
    st.rerun()


def results() -> None:
    """What the last import did, once, after the rerun that follows it."""
    done = st.session_state.pop(RESULTS_KEY, None)
    if done:
        _show(done)
        if warning := st.session_state.pop(WARNING_KEY, None):
            st.warning(warning, icon=":material/bookmark_remove:")
        with st.container(horizontal=True):
            st.page_link("views/overview.py", label=_("See the overview"), icon=":material/dashboard:")
            st.page_link("views/trends.py", label=_("See the trends"), icon=":material/stacked_bar_chart:")


def _show(done: list[tuple[ImportResult, list[str]]]) -> None:
    for result, saved in done:
        if result.already_imported_on is not None:
            st.info(
                _("**{file}** was already imported on {moment} UTC (import {id}); nothing changed.").format(
                    file=format.md(result.file_name), moment=format.moment(result.already_imported_on), id=result.import_id
                ),
                icon=":material/info:",
            )
            continue
        parts = [
            format.count(result.new, "new case"),
            _("{n} updated").format(n=format.number(result.updated)),
            _("{n} unchanged").format(n=format.number(result.unchanged)),
            _("{rows} left out with problems").format(rows=format.count(result.rejected, "row")),
        ]
        if result.duplicate:
            parts.append(_("{rows} repeating a case of the same file").format(rows=format.count(result.duplicate, "row")))
        if result.courier_note:
            parts.append(say(result.courier_note))
        sheets = ", ".join(s for s in saved if s)
        kept = " " + (
            _("Your corrected column mapping (sheet {sheets}) was saved: the next file with the same header row uses it.").format(
                sheets=sheets
            )
            if sheets
            else _("Your corrected column mapping was saved: the next file with the same header row uses it.")
        )
        st.success(
            _("Imported **{file}** (import {id}): {parts}.").format(
                file=format.md(result.file_name), id=result.import_id, parts=", ".join(parts)
            )
            + (kept if saved else ""),
            icon=":material/check_circle:",
        )
