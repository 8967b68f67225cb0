"""The Upload page in Streamlit's AppTest: review before import, the mapping editor, import, history and undo.

Files are written here by real writers (openpyxl, pandas); expected figures are counted by hand from them.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data import demo
from tests import sheets
from tests.rendered import rendered
from tests.sheets import FBA_RETURNS
from ui import upload_review

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
UPLOAD = "views/upload.py"
TIMEOUT = 60
AJIO = ROOT.parent / "shared" / "samples" / "ajio_returns_synthetic_excel_serial_dates.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A marketplace export whose item column no rule knows ("Pcode 7"): the AJIO case. Row 1 is the header.
HEADER = ["Return No", "Pcode 7", "Request Date", "Return Reason", "Refund Amount"]
WEEK_ONE = [
    ["R-1", "TEE-NAVY-M", datetime(2026, 11, 2, 9, 0), "Size too small", 120.0],
    ["R-2", "TEE-NAVY-L", datetime(2026, 11, 3, 10, 30), "Damaged", 99.5],
    ["R-3", None, datetime(2026, 11, 3, 11, 0), "Wrong colour", 80.0],  # row 4: no item, left out
    ["R-4", "CAP-RED", datetime(2026, 11, 4, 8, 15), "Changed my mind", 25.0],
    ["R-5", "CAP-RED", datetime(2026, 11, 5, 16, 45), "Damaged", 25.0],
]
WEEK_TWO = [
    ["R-5", "CAP-RED", datetime(2026, 11, 5, 16, 45), "Damaged", 30.0],  # the same case, refund changed: updated
    ["R-6", "SOCK-3PK", datetime(2026, 11, 9, 12, 0), "Missing item", 15.0],
    ["R-7", "TEE-NAVY-M", datetime(2026, 11, 10, 7, 5), "Size too small", 120.0],
]


pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own


def workbook(rows: list[list], header: list[str] = HEADER) -> bytes:
    return sheets.workbook(rows, header)


def upload_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page(UPLOAD).run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files)).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table on the page that has these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert found, f"no table with {columns}"
    return found[0]


def text(at: AppTest, kind: str) -> str:
    return "\n".join(rendered(e.value) for e in getattr(at, kind))


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def overview_cases(at: AppTest) -> str:
    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    figure = shown(at)["Cases"]
    at.switch_page(UPLOAD).run()
    return figure


def set_mapping(at: AppTest, choices: dict[str, str]) -> AppTest:
    """Use the mapping editor as a user would: pick a column for each header named, then Apply."""
    keys = {s.label: s.key for s in at.selectbox if s.key.startswith("upload_col_")}
    for raw, column in choices.items():
        at.selectbox(key=keys[raw]).set_value(column)
    form = keys[next(iter(choices))].removeprefix("upload_col_").rsplit("_", 1)[0]
    return click(at, f"upload_apply_{form}")


def map_item_column(at: AppTest) -> AppTest:
    """ "Pcode 7" is the SKU, "Return No" the case id."""
    return set_mapping(at, {"Pcode 7": "sku", "Return No": "case_id"})


def test_the_mapping_table_shows_each_column_with_its_confidence():
    sheet = demo.as_sheet(demo.generate().head(20))
    at = choose(upload_page(), ("week.csv", sheet.to_csv(index=False).encode(), "text/csv"))
    mapping = table_with(at, "raw", "confidence", "matched").set_index("raw")
    assert mapping.loc["SKU"].tolist() == ["SKU", 1.0, "exact synonym"]
    assert mapping.loc["Request Date", "column"] == "Request date"
    assert mapping.loc["Photo/Video Proof", "column"] == "Proof provided"
    assert (mapping["confidence"] > 0).all() and len(mapping) == len(sheet.columns)
    assert shown(at)["Rows read"] == shown(at)["Rows to import"] == "20"
    preview = table_with(at, "sku", "request_date")
    assert len(preview) == 20 and "source_file" not in preview and "buyer_hash" not in preview


def test_an_unrecognised_item_column_is_fixed_in_the_editor_imported_and_its_mapping_reused():
    at = choose(upload_page(), ("ajio week 45.xlsx", workbook(WEEK_ONE), XLSX))
    # No refusal: the page asks which column holds the item, above the sheet's first rows as written.
    assert not at.error
    assert at.warning[0].value.startswith("**Which column holds the SKU or product name?**")
    assert list(table_with(at, "Pcode 7", "Return No").columns) == HEADER
    assert not any(b.key == "upload_import" for b in at.button)  # nothing to import until the item column is known

    map_item_column(at)
    assert not at.error
    assert shown(at) == {"Rows read": "5", "Rows to import": "4", "Rejected": "1", "Problems": "1"}
    assert table_with(at, "row", "message")[["row", "column"]].to_dict("records") == [{"row": 4, "column": "Pcode 7"}]
    assert table_with(at, "sku", "case_id")["case_id"].tolist() == ["R-1", "R-2", "R-4", "R-5"]
    mapping = table_with(at, "raw", "matched").set_index("raw")
    assert mapping.loc["Pcode 7"].tolist() == ["SKU", 1.0, "user"]

    click(at, "upload_import")
    assert "Imported **ajio week 45.xlsx** (import 1): 4 new cases, 0 updated, 0 unchanged, 1 row left out" in at.success[0].value
    assert "Your corrected column mapping (sheet returns) was saved" in at.success[0].value

    # Next week's export, same header: the saved mapping is used at once, without the editor.
    choose(at, ("ajio week 46.xlsx", workbook(WEEK_TWO), XLSX))
    assert not at.error
    assert "Using the column mapping you saved on" in at.info[0].value
    assert shown(at)["Rows to import"] == "3"
    click(at, "upload_import")
    assert "Imported **ajio week 46.xlsx** (import 2): 2 new cases, 1 updated, 0 unchanged, 0 rows left out" in at.success[0].value
    assert "was saved" not in at.success[0].value  # used as saved, not corrected again


def test_a_workbook_summary_says_which_sheets_were_read_and_why_others_were_not():
    book = openpyxl.Workbook()
    cases = book.active
    cases.title = "November"
    cases.append(["Case ID", "SKU", "Request Date", "Buyer Name", "Reason"])
    for case_id, sku, when, reason, _ in WEEK_TWO:
        cases.append([case_id, sku, when, "Budi Santoso", reason])
    book.create_sheet("Read me").append(["This workbook lists our returns."])
    old = book.create_sheet("October")
    old.append(["Case ID", "SKU", "Request Date"])
    old.append(["R-0", "CAP-RED", datetime(2026, 10, 1)])
    old.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    at = choose(upload_page(), ("returns.xlsx", buffer.getvalue(), XLSX))
    summary = table_with(at, "sheet", "status", "why")
    assert summary[["sheet", "status", "rows read", "to import"]].to_dict("records") == [
        {"sheet": "November", "status": "read", "rows read": 3, "to import": 3},
        {"sheet": "Read me", "status": "skipped: no case table", "rows read": 0, "to import": 0},
        {"sheet": "October", "status": "skipped: hidden sheet", "rows read": 0, "to import": 0},
    ]
    assert summary["why"].tolist()[2] == "hidden sheet: not read"
    notes = text(at, "markdown")
    assert "buyer personal data not stored: column Buyer Name dropped" in notes
    assert "sheet 'October' is hidden and was not read" in notes
    assert "Budi" not in table_with(at, "sku", "case_id").to_string()


@pytest.mark.skipif(not AJIO.exists(), reason="the shared samples are not beside the repository")
def test_the_ajio_sample_is_mapped_by_hand_and_imported():
    rows = list(openpyxl.load_workbook(AJIO, read_only=True).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]  # counted with openpyxl, apart from the app's reader
    at = choose(upload_page(), (AJIO.name, AJIO.read_bytes(), XLSX))
    assert "Which column holds the SKU or product name?" in at.warning[0].value
    assert list(table_with(at, *header).columns) == list(header)
    set_mapping(at, {"Or_ID": "sku", "Dates": "request_date", "RT_ID": "case_id", "Return_Refund": "status"})
    assert shown(at)["Rows to import"] == f"{len(body):,}"
    preview = table_with(at, "case_id", "request_date")
    assert preview["case_id"].tolist() == [r[0] for r in body[:50]]
    assert preview["request_date"].tolist() == [pd.Timestamp(r[4]) for r in body[:50]]
    click(at, "upload_import")
    assert f"{len(body):,} new cases" in at.success[0].value


def test_history_lists_imports_and_undo_asks_first_then_restores_the_overview():
    at = upload_page()
    assert "Nothing has been imported yet" in text(at, "info")
    choose(at, ("week 45.xlsx", workbook(WEEK_ONE), XLSX))
    map_item_column(at)
    click(at, "upload_import")
    assert overview_cases(at) == "4"
    choose(at, ("week 46.xlsx", workbook(WEEK_TWO), XLSX))
    click(at, "upload_import")
    assert overview_cases(at) == "6"  # R-5 updated, R-6 and R-7 new

    history = table_with(at, "import_id", "file_name")
    assert history[["import_id", "file_name", "sheets", "rows_read", "rows_new", "rows_updated", "rows_rejected"]].to_dict("records") == [
        {
            "import_id": 2,
            "file_name": "week 46.xlsx",
            "sheets": "returns",
            "rows_read": 3,
            "rows_new": 2,
            "rows_updated": 1,
            "rows_rejected": 0,
        },
        {
            "import_id": 1,
            "file_name": "week 45.xlsx",
            "sheets": "returns",
            "rows_read": 5,
            "rows_new": 4,
            "rows_updated": 0,
            "rows_rejected": 1,
        },
    ]
    # Import 1 cannot be undone while import 2 changed one of its cases: only import 2 is offered.
    assert [o.split(" · ")[:2] for o in at.selectbox(key="upload_undo_choice").options] == [["2", "week 46.xlsx"]]

    click(at, "upload_undo")  # first step: a question, nothing undone yet
    assert "Undo import 2 (**week 46.xlsx**)? 2 new cases will be removed; 1 updated case will be put back" in text(at, "warning")
    click(at, "upload_undo_cancel")
    assert not any(b.key == "upload_undo_confirm" for b in at.button)
    assert overview_cases(at) == "6"

    click(at, "upload_undo")
    click(at, "upload_undo_confirm")
    assert "Import 2 (week 46.xlsx) was undone." in text(at, "success")
    assert overview_cases(at) == "4"
    history = table_with(at, "import_id", "undone_at")
    assert history["undone_at"].ne("").tolist() == [True, False]
    assert [o.split(" · ")[0] for o in at.selectbox(key="upload_undo_choice").options] == ["1"]  # now import 1 can go


def test_upload_imports_once_and_replaces_the_demo():
    shop = demo.generate()
    sheet = (ROOT / "data" / "samples" / "demo_returns.csv").read_bytes()
    at = choose(upload_page(), ("returns week 47.csv", sheet, "text/csv"))
    assert shown(at)["Rows to import"] == f"{len(shop):,}"
    click(at, "upload_import")
    assert f"{len(shop):,} new cases" in at.success[0].value

    # The same file again changes nothing, and says when it came in.
    choose(at, ("returns week 47.csv", sheet, "text/csv"))
    click(at, "upload_import")
    assert "was already imported on" in at.info[0].value and "nothing changed" in at.info[0].value
    assert len(table_with(at, "import_id", "file_name")) == 1

    at.switch_page("views/overview.py").run()
    assert not any("Demo data" in m.value for m in at.markdown)


def test_several_files_at_once_are_each_their_own_import():
    one, two = (
        workbook(WEEK_ONE, ["Case ID", "SKU", "Request Date", "Reason", "Refund"]),
        workbook(WEEK_TWO, ["Case ID", "SKU", "Request Date", "Reason", "Refund"]),
    )
    at = choose(upload_page(), ("one.xlsx", one, XLSX), ("two.xlsx", two, XLSX))
    assert [h.value for h in at.subheader][:2] == ["one.xlsx", "two.xlsx"]
    assert at.button(key="upload_import").label == "Import 2 files (7 rows)"
    # A third file that cannot be read yet is left out of the import, and the page says so.
    choose(at, ("one.xlsx", one, XLSX), ("two.xlsx", two, XLSX), ("ajio.xlsx", workbook(WEEK_ONE), XLSX))
    assert at.button(key="upload_import").label == "Import 2 files (7 rows)"
    assert "Not imported, nothing to import yet: ajio.xlsx." in text(at, "caption")
    click(at, "upload_import")
    assert [s.value.split(":")[0] for s in at.success] == ["Imported **one.xlsx** (import 1)", "Imported **two.xlsx** (import 2)"]
    assert table_with(at, "import_id", "file_name")["file_name"].tolist() == ["two.xlsx", "one.xlsx"]


def test_rows_with_problems_are_listed_in_row_order_downloadable_and_left_out():
    sheet = demo.as_sheet(demo.generate().head(5)).astype(object)
    sheet.loc[2, "SKU"] = ""  # the fourth line of the file, counting the header
    sheet.loc[1, "Refund Amount"] = "=1+2"  # the third line: a formula-looking value, kept empty and listed
    at = choose(upload_page(), ("handmade.csv", sheet.to_csv(index=False).encode(), "text/csv"))
    assert shown(at) == {"Rows read": "5", "Rows to import": "4", "Rejected": "1", "Problems": "2"}
    problems = table_with(at, "row", "message")
    assert problems[["row", "column", "value"]].to_dict("records") == [
        {"row": 3, "column": "Refund Amount", "value": "=1+2"},
        {"row": 4, "column": "SKU", "value": ""},
    ]
    assert [b.label for b in at.get("download_button")] == ["All problems (CSV)"]
    csv = pd.read_csv(io.BytesIO(upload_review.problems_csv(problems)), encoding="utf-8-sig", keep_default_na=False)
    assert csv["value"].tolist() == ["'=1+2", ""]  # what a spreadsheet shows as text, never runs
    click(at, "upload_import")
    assert "4 new cases" in at.success[0].value and "1 row left out" in at.success[0].value


@pytest.mark.postgres
def test_a_stopped_postgres_server_gets_a_plain_message_and_the_next_rerun_works(pg_server, monkeypatch):
    monkeypatch.setenv("RETURNS_RADAR_DB", pg_server.new_database())
    at = choose(upload_page(), ("week 45.xlsx", workbook(WEEK_TWO, ["Case ID", "SKU", "Request Date", "Reason", "Refund"]), XLSX))
    click(at, "upload_import")
    assert "3 new cases" in at.success[0].value
    pg_server.stop()
    try:
        at.run()  # the store was open: its next query fails
        assert not at.exception, at.exception
        assert "The case store is unreachable" in at.error[0].value and "cannot be reached" in at.error[0].value
        st.cache_resource.clear()
        at.run()  # a fresh start while the server is down: opening the store fails, and that failure is not cached
        assert not at.exception, at.exception
        assert "The case store is unreachable" in at.error[0].value
    finally:
        pg_server.start()
    at.run()
    assert not at.exception and not at.error
    assert table_with(at, "import_id", "file_name")["file_name"].tolist() == ["week 45.xlsx"]
    assert overview_cases(at) == "3"


def test_the_dashboard_loads_the_cases_once_per_data_version(tmp_path):
    """`ui.state.cases` hands every rerun the same loaded frame until an import or undo changes the data version."""
    from data.reader import read_sheet
    from data.store import Store
    from ui import state

    def read(name: str, rows: list[list]) -> tuple:
        data = workbook(rows, ["Case ID", "SKU", "Request Date", "Reason", "Refund"])
        source = io.BytesIO(data)
        source.name = name
        return read_sheet(source), data

    first = state.cases()
    assert first.is_demo and state.cases().frame is first.frame
    with Store(state.store_url()) as store:
        sheet, data = read("one.xlsx", WEEK_ONE)
        store.import_read(sheet, file_name="one.xlsx", data=data)
        loaded = state.cases()
        assert not loaded.is_demo and len(loaded.frame) == 4 and loaded.version > first.version
        assert state.cases().frame is loaded.frame  # a rerun reuses the loaded cases
        sheet, data = read("two.xlsx", WEEK_TWO)
        store.import_read(sheet, file_name="two.xlsx", data=data)
        assert len(state.cases().frame) == 6
        store.undo(2)
        assert sorted(state.cases().frame["case_id"]) == ["R-1", "R-2", "R-4", "R-5"]


def test_courier_returns_are_counted_in_the_report_and_kept_out_of_the_overview_cases():
    header = FBA_RETURNS
    reasons = ["UNDELIVERABLE_REFUSED", "DEFECTIVE", "UNDELIVERABLE_UNKNOWN", "APPAREL_TOO_SMALL", "UNDELIVERABLE_REFUSED"]
    rows = [
        [
            f"2026-05-{11 + i:02d}T04:00:00+00:00",
            f"114-{i}",
            f"SKU-{i}",
            "B0",
            "X0",
            "Tee",
            "1",
            "BOM5",
            "SELLABLE",
            reason,
            "Unit returned to inventory",
            f"LPN{i}",
            "",
        ]
        for i, reason in enumerate(reasons)
    ]
    report = pd.DataFrame(rows, columns=header).to_csv(sep="\t", index=False).encode()
    at = choose(upload_page(), ("fba-returns.txt", report, "text/plain"))
    assert "3 lines read as courier returns (parcel never reached the buyer): not counted as buyer requests" in text(at, "markdown")
    click(at, "upload_import")
    assert "5 new cases" in at.success[0].value
    assert "3 courier returns (parcel never reached the buyer), not counted as buyer requests" in at.success[0].value
    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    assert shown(at)["Cases"] == "2"  # DEFECTIVE and APPAREL_TOO_SMALL: the three courier returns are not cases
    assert "3 courier returns (parcels that never reached the buyer) are not counted as cases" in text(at, "caption")
