"""Upload, step 1: read each chosen file once, with a spinner, and apply the column mapping saved for its header.

An `Upload` lives in the session while its file stays chosen; the user's mapping corrections re-read it
(`apply_mapping`), and on import the corrected mappings are saved for the next file with the same header.
The shop's time zone (`time_zone`, a select saved in the store) is the one every file is read in: a change
re-reads the chosen files.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from datetime import datetime

import streamlit as st

from data.case_store import file_hash
from data.errors import ReadError, StoreError
from data.reader import SheetInfo, SheetRead, read_sheet
from data.zones import time_zones
from ui import auth, format, state
from ui.i18n import N_, _

SESSION_KEY = "upload_files"
HASHES_KEY = "upload_hashes"  # Streamlit's file id -> SHA-256 of the bytes
ZONE_KEY = "upload_tz"
SEEN_ZONE_KEY = "upload_tz_saved"  # the store's zone as this session last saw it
NOT_SET = N_("Not set: times with an offset are read in UTC")
ZONE_HELP = N_(
    "Times written with an offset, such as 2026-05-22T23:10:00+07:00 or …Z, as marketplace exports often write "
    "them, are converted to this zone; times written without one are kept as written. Saved for everyone "
    "on this store; the command line uses it too."
)


@dataclass
class Upload:
    """One chosen file and what reading it gave: a `read`, or an `error` (with the sheets found, for a manual mapping)."""

    name: str
    data: bytes
    digest: str
    read: SheetRead | None = None
    error: str | None = None
    sheets: list[SheetInfo] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # the user's choices {raw header: column, "" = ignore}
    zone: str | None = None  # the shop's time zone the file was read in
    saved: dict[str, tuple[dict[str, str], datetime]] = field(default_factory=dict)  # signature -> saved mapping, when
    no_sku: bool = False  # the user confirmed the file has no product column: its cases are kept under "No SKU"
    seconds: float = 0.0

    @property
    def key(self) -> str:
        """A short id for widget keys."""
        return self.digest[:12]

    @property
    def mapped_sheets(self) -> list[SheetInfo]:
        """The sheets with a header row: those whose columns a user can map."""
        return [s for s in self.sheets if s.header_row is not None and len(s.columns)]

    def corrections(self, sheet: SheetInfo) -> dict[str, str]:
        """The user's choices for this sheet's headers (what is saved under its signature)."""
        return {raw: self.mapping[raw] for raw in sheet.columns["raw"] if raw in self.mapping}

    def using_saved(self, sheet: SheetInfo) -> datetime | None:
        """When the mapping this sheet is read with was saved, if it is a saved one the user has not changed since."""
        saved = self.saved.get(sheet.signature)
        return saved[1] if saved and saved[0] == self.corrections(sheet) else None


def time_zone() -> str | None:
    """The "Shop time zone" select, showing the zone saved in the store; a change is saved for everyone at once."""
    saved = state.time_zone()
    if ZONE_KEY not in st.session_state or st.session_state.get(SEEN_ZONE_KEY) != saved:  # first run, or a teammate's change
        st.session_state[ZONE_KEY] = saved or ""
    st.session_state[SEEN_ZONE_KEY] = saved
    not_set = _(NOT_SET)  # fixed now: Streamlit may call format_func outside this run
    chosen = (
        st.selectbox(
            _("Shop time zone"),
            ["", *time_zones()],
            key=ZONE_KEY,
            help=_(ZONE_HELP),
            width=380,
            disabled=not auth.can("settings"),
            format_func=lambda zone: zone or not_set,
        )
        or None
    )
    if chosen != saved and auth.can("settings"):
        try:
            state.store().save_time_zone(chosen)
        except StoreError as err:
            state.unreachable(err)
        st.session_state[SEEN_ZONE_KEY] = chosen
    return chosen


def arrived(files: list, zone: str | None = None) -> list[Upload]:
    """The uploads for the files chosen now (Streamlit UploadedFiles), read in the shop's time zone `zone`: each new
    one is read once, with a spinner, and read again when the zone changes."""
    known: dict[str, Upload] = st.session_state.setdefault(SESSION_KEY, {})
    chosen: dict[str, Upload] = {}
    hashes: dict[str, str] = st.session_state.setdefault(HASHES_KEY, {})
    for file in files:
        data = file.getvalue()
        digest = hashes.get(file.file_id) or hashes.setdefault(file.file_id, file_hash(data))  # hash each upload once
        if digest in chosen:  # the same bytes chosen twice are one import
            continue
        upload = known.get(digest)
        if upload is None:
            upload = Upload(file.name, data, digest, zone=zone)
            with st.spinner(_("Reading {file} ({size})…").format(file=file.name, size=format.size(len(data))), show_time=True):
                _read(upload)
                _apply_saved(upload)
        elif upload.zone != zone:
            upload.zone = zone
            with st.spinner(_("Reading {file} again in {zone}…").format(file=file.name, zone=zone or "UTC"), show_time=True):
                _read(upload)
        chosen[digest] = upload
    st.session_state[SESSION_KEY] = chosen  # files no longer chosen are forgotten
    st.session_state[HASHES_KEY] = {f.file_id: hashes[f.file_id] for f in files}
    return list(chosen.values())


def apply_mapping(upload: Upload, choices: dict[str, str]) -> None:
    """Re-read `upload` with the user's column choices ({raw header: column, "" = ignore}) added to the earlier ones."""
    upload.mapping = {**upload.mapping, **choices}
    with st.spinner(_("Reading {file} again with your mapping…").format(file=upload.name), show_time=True):
        _read(upload)


def read_without_sku(upload: Upload) -> None:
    """Re-read `upload` as a sheet with no product column, once the user confirmed it (cases kept under "No SKU")."""
    upload.no_sku = True
    with st.spinner(_("Reading {file} without a product column…").format(file=upload.name), show_time=True):
        _read(upload)


def reread(upload: Upload) -> None:
    """Read `upload` again (after the user taught the store a wording)."""
    with st.spinner(_("Reading {file} again…").format(file=upload.name), show_time=True):
        _read(upload)


def save_corrections(upload: Upload) -> list[str]:
    """Save the mapping of every sheet the user corrected (not a saved mapping used as it was), for the next file with
    the same header row, and each header mapped by hand, for any later header row that has it; the sheet names saved."""
    saved = []
    store = state.store()
    for sheet in upload.read.sheets if upload.read else []:
        corrections = upload.corrections(sheet)
        if sheet.status == "read" and corrections and upload.using_saved(sheet) is None:
            store.save_mapping(sheet.signature, corrections)
            store.learn_headers(corrections)
            saved.append(sheet.name)
    return saved


def forget() -> None:
    """Drop every chosen file (after an import)."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(HASHES_KEY, None)


def _read(upload: Upload) -> None:
    source = io.BytesIO(upload.data)
    source.name = upload.name
    started = time.perf_counter()
    try:
        learned = state.store().learned()
    except StoreError as err:
        state.unreachable(err)
    try:
        upload.read = read_sheet(source, mapping=upload.mapping or None, tz=upload.zone, no_sku=upload.no_sku, learned=learned)
        upload.error, upload.sheets = None, upload.read.sheets
    except ReadError as err:
        upload.read, upload.error = None, err.message  # a phrase: said in the reader's language where it is shown
        # Keep the headers found earlier when a corrected mapping makes things worse (so the editor stays).
        upload.sheets = err.sheets or [s for s in upload.sheets if s.header_row is not None]
    upload.seconds = time.perf_counter() - started


def _apply_saved(upload: Upload) -> None:
    """Read again with the mappings saved for this file's header rows, if any."""
    found: dict[str, str] = {}
    try:
        store = state.store()
        for sheet in upload.mapped_sheets:
            saved = sheet.saved_mapping(store.saved_mapping)  # under its names as read, else its header row's own
            if saved:
                signature, mapping = saved
                upload.saved[sheet.signature] = (mapping, store.saved_mapping_at(signature))
                found.update(mapping)
    except StoreError as err:
        state.unreachable(err)
    if found:
        upload.mapping = found
        _read(upload)
