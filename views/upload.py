"""Upload: read a tracking sheet, show what is wrong and where, then import the good rows in one go."""

import time

import streamlit as st

from data.reader import ReadError, read_sheet
from data.store import StoreError, file_hash
from ui import format, state

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"]
PREVIEW_LABELS = {
    "case_id": "Case", "request_date": st.column_config.DatetimeColumn("Requested", format="D MMM YYYY, HH:mm"),
    "sku": "SKU", "request_type": "Request type", "reason": "Reason", "reason_raw": "Reason as written",
    "refund_amount": st.column_config.NumberColumn("Refund", format="localized"), "status": "Status",
}
PREVIEW_COLUMNS = list(PREVIEW_LABELS)
PROBLEM_LABELS = {"file": "File", "sheet": "Sheet", "row": st.column_config.NumberColumn("Row", format="plain"),
                  "column": "Column", "value": "Value", "message": st.column_config.TextColumn("Problem", width="large")}

st.title("Upload")
st.caption("A tracking sheet exported from a marketplace's seller center or kept by hand: "
           "one row per after-sales request.")

done = st.session_state.pop("upload_result", None)
if done is not None:
    if done.already_imported_on is not None:
        st.info(f"**{done.file_name}** was already imported on {done.already_imported_on:%-d %b %Y at %H:%M} UTC; "
                "nothing changed.", icon=":material/info:")
    else:
        st.success(f"Imported **{done.file_name}**: {format.count(done.new, 'new case')}, {done.updated:,} updated, "
                   f"{format.count(done.rejected, 'row')} left out with problems.", icon=":material/check_circle:")
    with st.container(horizontal=True):
        st.page_link("views/overview.py", label="See the overview", icon=":material/dashboard:")
        st.page_link("views/trends.py", label="See the trends", icon=":material/stacked_bar_chart:")

# A new key after each import empties the uploader, ready for the next file.
uploader = f"upload_file_{st.session_state.get('upload_count', 0)}"
uploaded = st.file_uploader("Tracking sheet", type=FILE_TYPES, key=uploader,
                            help="CSV or TSV text, or an Excel or OpenDocument workbook.")
if uploaded is None:
    st.stop()

data = uploaded.getvalue()
digest = file_hash(data)
read = st.session_state.get("upload_read")
if read is None or read[0] != digest:  # read each file once, not on every rerun
    with st.spinner(f"Reading {uploaded.name}…", show_time=True):
        started = time.perf_counter()
        try:
            uploaded.seek(0)
            sheet = read_sheet(uploaded)
        except ReadError as err:
            st.error(f"**{uploaded.name} cannot be read.** {err}", icon=":material/error:")
            st.stop()
        seconds = time.perf_counter() - started
    st.session_state["upload_read"] = read = (digest, sheet, seconds)
_, sheet, seconds = read

problems, rows = sheet.problems, sheet.cases
c1, c2 = st.columns(2)
c1.metric("Rows to import", f"{len(rows):,}", border=True)
c2.metric("Problems", f"{len(problems):,}", border=True)
st.caption(f"Read in {seconds:.1f} s.")

if len(problems):
    st.subheader("Problems")
    st.caption("Rows with a problem that stops them are left out; fix them in the sheet and upload it again.")
    st.dataframe(problems, hide_index=True, key="upload_problems", column_config=PROBLEM_LABELS)

if rows.empty:
    st.warning("No row of this file can be imported.", icon=":material/warning:")
    st.stop()

st.subheader("Rows to import")
st.dataframe(rows[PREVIEW_COLUMNS].head(200), hide_index=True, key="upload_preview", column_config=PREVIEW_LABELS)
if len(rows) > 200:
    st.caption(f"The first 200 of {len(rows):,} rows.")

if st.button(f"Import {len(rows):,} rows", type="primary", icon=":material/download:", key="upload_import"):
    with st.spinner("Importing…"):
        try:
            result = state.store().import_read(sheet, file_name=uploaded.name, data=data)
        except StoreError as err:  # the import is one transaction: nothing of it was kept
            st.error(f"**{uploaded.name} was not imported**; the store kept what it had. {err}", icon=":material/error:")
            st.stop()
    st.session_state["upload_result"] = result
    st.session_state.pop("upload_read", None)
    st.session_state["upload_count"] = st.session_state.get("upload_count", 0) + 1
    st.rerun()
