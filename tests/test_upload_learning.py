"""The Upload page learns from the user once (AppTest): a missing required column is asked for instead of refused,
a sheet with no product column imports after a confirmation, and wordings no rule knows are tagged once, in the
review of a file and in the "Reasons filed under Other" panel (undoable from the import history).

Files are written by openpyxl; every expected count is worked out by hand from the rows below.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from data.store import Store
from tests.test_upload_page import XLSX, choose, click, shown, table_with, text, upload_page, workbook

pytestmark = pytest.mark.usefixtures("fresh_app")

# A hand-kept log whose request-date header ("Logged") no rule knows.
LOGGED = ["Return ID", "SKU", "Logged", "Return Reason", "Refund Amount"]
LOG_ROWS = [
    ["R-1", "TEE-NAVY-M", datetime(2026, 11, 2, 9, 0), "Size too small", 120.0],
    ["R-2", "TEE-NAVY-L", datetime(2026, 11, 3, 10, 30), "Damaged", 99.5],
    ["R-3", "CAP-RED", datetime(2026, 11, 4, 8, 15), "Changed my mind", 25.0],
]
# A log that notes no product at all: order, reason, date and refund only.
NO_SKU = ["Order No", "Request Date", "Return Reason", "Refund Amount"]
NO_SKU_ROWS = [
    ["580001", datetime(2026, 11, 2, 9, 0), "Damaged", 120.0],
    ["580002", datetime(2026, 11, 3, 10, 30), "Changed my mind", 99.5],
]
# Shop jargon no rule can know: internal request-type and status codes, a reason that needs a human to read.
JARGON = ["Return ID", "SKU", "Request Date", "Return Reason", "Request Type", "Status"]
JARGON_ROWS = [
    ["J-1", "MUG-01", datetime(2026, 11, 2, 9), "Cek video unboxing", "TT-2", "ST9"],
    ["J-2", "MUG-01", datetime(2026, 11, 2, 11), "CEK VIDEO UNBOXING", "TT-2", "ST9"],
    ["J-3", "MUG-02", datetime(2026, 11, 3, 9), "cek video unboxing!", "Refund only", "ST9"],
    ["J-4", "MUG-02", datetime(2026, 11, 3, 10), "Sesuai chat admin", "Refund only", "Requested"],
    ["J-5", "MUG-03", datetime(2026, 11, 4, 9), "Wrong size", "Exchange", "Requested"],
]


def prefixed(at, kind: str, prefix: str, suffix: str = ""):
    """The one widget of `kind` whose key starts with `prefix` (keys carry the file's hash) and ends with `suffix`."""
    found = [w for w in getattr(at, kind) if w.key and w.key.startswith(prefix) and w.key.endswith(suffix)]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]


def stored() -> Store:
    """The page's own store (the `fresh_app` fixture points the app at it)."""
    return Store(os.environ["RETURNS_RADAR_DB"])


def test_an_unknown_date_header_is_asked_for_picked_imported_and_remembered():
    at = choose(upload_page(), ("log week 45.xlsx", workbook(LOG_ROWS, LOGGED), XLSX))
    assert not at.error  # no refusal
    assert at.warning[0].value.startswith("**Which column holds the request date?**")
    rows = table_with(at, "Logged", "Return ID")
    assert list(rows.columns) == LOGGED and rows["Return ID"].tolist() == ["R-1", "R-2", "R-3"]
    assert not any(b.key == "upload_import" for b in at.button)

    pick = prefixed(at, "selectbox", "upload_missing_", "_request_date")
    assert pick.value == "Logged" and "Logged (e.g. 2026-11-02 09:00:00, 2026-11-03 10:30:00, 2026-11-04 08:15:00)" in pick.options
    # Preset to the reader's best guess (the only column of dates), which the user confirms.
    click(at, prefixed(at, "button", "upload_missing_apply_").key)
    assert not at.warning and shown(at) == {"Rows read": "3", "Rows to import": "3", "Rejected": "0", "Problems": "0"}
    assert table_with(at, "raw", "matched").set_index("raw").loc["Logged"].tolist() == ["Request date", 1.0, "user"]
    assert table_with(at, "sku", "request_date")["request_date"].tolist() == [r[2] for r in LOG_ROWS]

    click(at, "upload_import")
    assert "Imported **log week 45.xlsx** (import 1): 3 new cases" in at.success[0].value
    with stored() as store:
        assert sorted(store.load_cases()["case_id"]) == ["R-1", "R-2", "R-3"]

    # The same header row next week: read at once. Another sheet with "Logged" among other headers: known too.
    choose(at, ("log week 46.xlsx", workbook([["R-9", "CAP-RED", datetime(2026, 11, 9, 9), "Damaged", 25.0]], LOGGED), XLSX))
    assert not at.warning and shown(at)["Rows to import"] == "1"
    other = ["Logged", "Return ID", "SKU", "Channel"]
    choose(at, ("tiktok.xlsx", workbook([[datetime(2026, 11, 9, 9), "T-1", "MUG-01", "TikTok"]], other), XLSX))
    assert not at.warning and shown(at)["Rows to import"] == "1"
    assert table_with(at, "raw", "matched").set_index("raw").loc["Logged", "matched"] == "learned"


def test_a_sheet_without_a_product_column_imports_under_no_sku_once_confirmed():
    at = choose(upload_page(), ("orders log.xlsx", workbook(NO_SKU_ROWS, NO_SKU), XLSX))
    assert not at.error
    assert at.warning[0].value.startswith("**Which column holds the SKU or product name?**")
    click(at, prefixed(at, "button", "upload_no_sku_").key)
    assert "Read without a product column" in text(at, "info")
    assert shown(at)["Rows to import"] == "2"
    click(at, "upload_import")
    assert "2 new cases" in at.success[0].value
    with stored() as store:
        loaded = store.load_cases().sort_values("order_id")
    assert loaded["sku"].tolist() == ["No SKU", "No SKU"] and loaded["reason"].astype(str).tolist() == ["Damaged item", "Changed mind"]


def test_request_type_and_status_wordings_are_tagged_in_the_review_and_kept():
    at = choose(upload_page(), ("jargon.xlsx", workbook(JARGON_ROWS, JARGON), XLSX))
    assert shown(at)["Problems"] == "5"  # TT-2 twice, ST9 three times
    # Two reasons get a list; a single wording reads in its select, with its count.
    assert table_with(at, "wording", "cases").to_dict("records") == [
        {"wording": "Cek video unboxing", "cases": 3},
        {"wording": "Sesuai chat admin", "cases": 1},
    ]
    assert prefixed(at, "selectbox", "upload_tag_", "request_type_wording").options == ["TT-2 · 2 cases"]
    assert prefixed(at, "selectbox", "upload_tag_", "status_wording").options == ["ST9 · 3 cases"]

    key = prefixed(at, "selectbox", "upload_tag_", "request_type_tag").key
    at.selectbox(key=key).set_value("Reshipment")
    click(at, key.removesuffix("_tag") + "_submit")
    assert "“TT-2” now reads as Reshipment" in text(at, "success")
    assert shown(at)["Problems"] == "3"
    key = prefixed(at, "selectbox", "upload_tag_", "status_tag").key
    at.selectbox(key=key).set_value("closed")
    click(at, key.removesuffix("_tag") + "_submit")
    assert shown(at)["Problems"] == "0"
    preview = table_with(at, "case_id", "request_type").set_index("case_id")
    assert preview.loc["J-1", "request_type"] == "Reshipment" and preview.loc["J-3", "status"] == "closed"
    with stored() as store:
        assert store.learned() == {"request_types": {"tt 2": "Reshipment"}, "statuses": {"st9": "closed"}}


def test_the_other_panel_lists_reasons_by_cases_retags_them_and_undo_puts_them_back():
    at = choose(upload_page(), ("jargon.xlsx", workbook(JARGON_ROWS, JARGON), XLSX))
    click(at, "upload_import")
    panel = table_with(at, "wording", "cases")
    assert panel.to_dict("records") == [{"wording": "Cek video unboxing", "cases": 3}, {"wording": "Sesuai chat admin", "cases": 1}]
    assert "2 wordings that no rule recognised, 4 cases" in text(at, "caption")

    at.selectbox(key="other_reasons_wording").set_value("Cek video unboxing")
    at.selectbox(key="other_reasons_tag").set_value("Damaged item")
    click(at, "other_reasons_submit")
    assert "“Cek video unboxing” now reads as Damaged item. 3 stored cases moved from Other to Damaged item (import 2" in text(
        at, "success"
    )
    assert at.selectbox(key="other_reasons_wording").options == ["Sesuai chat admin · 1 case"]
    history = table_with(at, "import_id", "file_name")
    assert history[["import_id", "file_name", "rows_updated"]].to_dict("records")[0] == {
        "import_id": 2,
        "file_name": "Tagged reason “Cek video unboxing” as Damaged item",
        "rows_updated": 3,
    }
    with stored() as store:
        reasons = store.load_cases().set_index("case_id")["reason"].astype(str).to_dict()
    assert reasons == {"J-1": "Damaged item", "J-2": "Damaged item", "J-3": "Damaged item", "J-4": "Other", "J-5": "Wrong size or fit"}

    click(at, "upload_undo")  # the re-tag is the newest import: offered first
    assert "Undo import 2 (**Tagged reason “Cek video unboxing” as Damaged item**)? 0 new cases will be removed; 3 updated" in text(
        at, "warning"
    )
    click(at, "upload_undo_confirm")
    assert table_with(at, "wording", "cases")["cases"].tolist() == [3, 1]
    with stored() as store:
        assert store.learned() == {}
        assert (store.load_cases()["reason"].astype(str) == "Other").sum() == 4


def test_what_was_taught_is_listed_and_a_forgotten_wording_goes_back_to_the_rules():
    at = choose(upload_page(), ("log week 45.xlsx", workbook(LOG_ROWS, LOGGED), XLSX))
    click(at, prefixed(at, "button", "upload_missing_apply_").key)
    click(at, "upload_import")
    with stored() as store:
        store.learn("status", "ST9", "closed")
    at.run()
    taught = table_with(at, "vocabulary", "raw", "tag")
    assert taught[["vocabulary", "raw", "tag"]].to_dict("records") == [
        {"vocabulary": "Status", "raw": "ST9", "tag": "closed"},
        {"vocabulary": "Column header", "raw": "Logged", "tag": "Request date"},
    ]
    at.selectbox(key="learned_forget_choice").set_value(0)
    click(at, "learned_forget_submit")
    assert "Forgot “ST9”: later imports read it by the rules again." in text(at, "success")
    with stored() as store:
        assert store.learned() == {"headers": {"logged": "request_date"}}
