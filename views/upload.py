"""Upload: read tracking sheets, show what each brings and what is wrong, import the good rows; the import history."""

import streamlit as st

from ui import auth, learned, other_reasons, upload_history, upload_import, upload_read, upload_review
from ui.i18n import _

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"]

st.title(_("Upload"))
st.caption(
    _(
        "Tracking sheets exported from a marketplace's seller center or kept by hand: one row per after-sales request. "
        "Choose one or several files; each is read and imported on its own, and importing a file again changes nothing."
    )
)

upload_import.results()
if not auth.can("import"):  # a viewer: why there is no uploader, then the history
    auth.denied("import")
    st.divider()
    upload_history.show()
    st.stop()
files = st.file_uploader(
    _("Tracking sheets"),
    type=FILE_TYPES,
    accept_multiple_files=True,
    key=upload_import.uploader_key(),
    help=_(
        "CSV or TSV text, or an Excel or OpenDocument workbook, up to {mb} MB each (larger files: `python -m data import FILE`)."
    ).format(mb=st.get_option("server.maxUploadSize")),
)
zone = upload_read.time_zone()
uploads = upload_read.arrived(files or [], zone)
for upload in uploads:
    with st.container(border=True):
        st.subheader(upload.name, divider=False)
        upload_review.show(upload)
upload_import.button(uploads)

st.divider()
other_reasons.panel()
learned.manage()
upload_history.show()
