"""The learned vocabulary in the store, on a SQLite file and on a real PostgreSQL server: a wording tagged once is
applied to the stored cases and to every later import; undo puts the old tags back and forgets the wording.

Sheets are written here by openpyxl; every expected count is worked out by hand from the rows below.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
import sqlalchemy as sa

import data.database
from data import tables
from data.errors import ReadError
from data.rules import fold
from data.store import Store
from tests import sheets
from tests.store_cases import cases, read_of

HEADER = ["Return ID", "SKU", "Request Date", "Return Reason", "Request Type", "Status"]
# Week 45: "Kode Q7" (the shop's own code for a seam that came apart) and "Bau apek" (musty smell) are wordings no
# rule knows: Other.
WEEK_45 = [
    ["R1", "TEE-1", datetime(2026, 11, 2, 9), "Kode Q7", "Refund only", "Requested"],
    ["R2", "TEE-1", datetime(2026, 11, 2, 10), "KODE Q7!", "Refund only", "Requested"],
    ["R3", "TEE-2", datetime(2026, 11, 3, 9), "Bau apek", "Refund only", "Requested"],
    ["R4", "TEE-2", datetime(2026, 11, 3, 11), "Wrong size", "Exchange", "Requested"],
    ["R5", "TEE-1", datetime(2026, 11, 4, 9), "kode q7", "Refund only", "Requested"],
]
# Week 46 brings the same wording again, a request type and a status no rule knows.
WEEK_46 = [
    ["R6", "TEE-3", datetime(2026, 11, 9, 9), "Kode  Q7.", "Tipe K2", "Beres"],
    ["R7", "TEE-3", datetime(2026, 11, 9, 10), "Bau apek", "Refund only", "Beres"],
]


def workbook(path, rows, header=HEADER):
    path.write_bytes(sheets.workbook(rows, header))
    return path


def reasons(store: Store) -> dict[str, str]:
    loaded = store.load_cases()
    return dict(zip(loaded["case_id"], loaded["reason"].astype(str), strict=True))


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_the_learned_table_has_the_columns_of_the_code(store):
    columns = [c["name"] for c in sa.inspect(store.engine).get_columns("learned_wordings")]
    assert columns == [c.name for c in tables.learned_wordings.columns]
    assert store.learned() == {} and store.learned_table().empty


def test_a_reason_tagged_once_retags_stored_cases_and_the_next_import(store, tmp_path):
    store.import_file(workbook(tmp_path / "w45.xlsx", WEEK_45))
    assert reasons(store) == {"R1": "Other", "R2": "Other", "R3": "Other", "R4": "Wrong size or fit", "R5": "Other"}
    assert store.other_reasons().to_dict("records") == [
        {"wording": "Kode Q7", "folded": "kode q7", "cases": 3},
        {"wording": "Bau apek", "folded": "bau apek", "cases": 1},
    ]  # three spellings, one case each: the first in alphabetical order not in capitals names the wording
    version = store.data_version()

    done = store.retag("Kode Q7", "Quality", by="Dewi")
    assert (done.cases, done.tag) == (3, "Quality") and done.import_id == 2
    assert reasons(store) == {"R1": "Quality", "R2": "Quality", "R3": "Other", "R4": "Wrong size or fit", "R5": "Quality"}
    assert store.data_version() == version + 1
    assert store.learned() == {"reasons": {"kode q7": "Quality"}}
    saved = store.learned_table().iloc[0]
    assert (saved["raw"], saved["saved_by"], saved["import_id"]) == ("Kode Q7", "Dewi", 2)
    history = store.history().set_index("import_id")
    assert history.loc[2, "file_name"] == "Tagged reason “Kode Q7” as Quality"
    assert (history.loc[2, "rows_updated"], history.loc[2, "rows_new"], bool(history.loc[2, "can_undo"])) == (3, 0, True)
    assert store.other_reasons()["wording"].tolist() == ["Bau apek"]

    # The next week's file: the learned wording is tagged on reading, however it is spelled.
    result = store.import_file(workbook(tmp_path / "w46.xlsx", WEEK_46))
    assert result.new == 2
    assert reasons(store)["R6"] == "Quality" and reasons(store)["R7"] == "Other"


def test_undo_of_a_retag_restores_the_old_tags_and_forgets_the_wording(store, tmp_path):
    store.import_file(workbook(tmp_path / "w45.xlsx", WEEK_45))
    before = store.load_cases().sort_values("case_id", ignore_index=True)
    done = store.retag("kode q7", "Quality")
    store.undo(done.import_id)
    after = store.load_cases().sort_values("case_id", ignore_index=True)
    assert after.equals(before)  # tags, import ids and every other value as they were
    assert store.learned() == {}
    assert bool(store.history().set_index("import_id").loc[done.import_id, "undone"])
    store.import_file(workbook(tmp_path / "w46.xlsx", WEEK_46))
    assert reasons(store)["R6"] == "Other"  # forgotten: the next import goes back to the rules


def test_an_import_that_changes_retagged_cases_blocks_the_undo_until_it_is_undone(store, tmp_path):
    store.import_file(workbook(tmp_path / "w45.xlsx", WEEK_45))
    done = store.retag("Kode Q7", "Defective")
    moved = [row[:5] + ["Refunded"] for row in WEEK_45]  # the same cases, now refunded: updates them again
    later = store.import_file(workbook(tmp_path / "w45b.xlsx", moved))
    assert later.updated == 5
    history = store.history().set_index("import_id")
    assert not history.loc[done.import_id, "can_undo"]
    assert reasons(store)["R1"] == "Defective"  # the learned wording was applied to the re-sent rows too


def test_a_retag_that_changes_no_stored_case_only_saves_the_wording(store):
    done = store.retag("Bau apek", "Quality")
    assert done.import_id is None and done.cases == 0
    assert store.history().empty and store.data_version() == 0
    assert store.learned() == {"reasons": {"bau apek": "Quality"}}


def test_request_types_statuses_and_headers_learned_once_apply_to_later_imports(store, tmp_path):
    # "Logged" is a request-date header no rule knows: without a mapping the file is refused, naming the field.
    header = [h if h != "Request Date" else "Logged" for h in HEADER] + ["Catatan"]
    sheet = workbook(tmp_path / "w46.xlsx", [row + ["note"] for row in WEEK_46], header=header)
    with pytest.raises(ReadError, match="request date"):
        store.import_file(sheet)
    store.learn("request_type", "Tipe K2", "Reshipment")
    store.learn("status", "BERES", "closed")
    # Mapped by hand once (on any header row), it is known in every later one; ignored columns are not carried over.
    assert store.learn_headers({"Logged": "request_date", "Catatan": "", "Nama Pembeli": "_personal"}) == 1
    store.import_file(sheet)
    loaded = store.load_cases().set_index("case_id")
    assert loaded.loc["R6", "request_type"] == "Reshipment" and loaded.loc["R7", "request_type"] == "Refund Only"
    assert loaded["status"].astype(str).tolist() == ["closed", "closed"]
    assert loaded.loc["R6", "request_date"] == datetime(2026, 11, 9, 9)
    assert loaded["comment"].tolist() == ["note", "note"]  # "Catatan" (notes) is still read by the rules
    assert store.learned()["headers"] == {"logged": "request_date"}


def test_a_wrong_tag_or_vocabulary_is_refused_by_name(store):
    with pytest.raises(ValueError, match="'Broken' is not a reason"):
        store.retag("Kode Q7", "Broken")
    with pytest.raises(ValueError, match="unknown vocabulary 'colour'"):
        store.learn("colour", "Merah", "Red")
    with pytest.raises(ValueError, match="blank once folded"):
        store.learn("reason", " !! ", "Quality")
    assert store.learned() == {}


def test_every_teammate_on_the_store_gets_what_one_taught(store_url):
    with Store(store_url) as mine, Store(store_url) as theirs:
        mine.import_read(read_of(cases(range(1, 5), reason="Other", reason_raw="Kode D2")), file_name="w", data=b"w")
        mine.retag("Kode D2", "Defective")
        assert theirs.learned() == {"reasons": {fold("Kode D2"): "Defective"}}
        assert set(theirs.load_cases()["reason"].astype(str)) == {"Defective"}
        assert theirs.forget_wording("reason", "KODE d2") and mine.learned() == {}


def test_a_store_from_before_the_learned_vocabulary_upgrades_on_open(store_url, tmp_path, monkeypatch):
    older = tmp_path / "migrations"
    later = [p.name for p in (data.database.MIGRATIONS / "versions").glob("*.py") if p.name >= "0004"]  # 0004 and after
    shutil.copytree(data.database.MIGRATIONS, older, ignore=shutil.ignore_patterns("__pycache__", *later))
    monkeypatch.setattr(data.database, "MIGRATIONS", older)
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 4), reason="Other", reason_raw="Bau apek")), file_name="w", data=b"w")
        assert "learned_wordings" not in sa.inspect(store.engine).get_table_names()
    monkeypatch.undo()
    with Store(store_url) as store:
        assert store.retag("Bau apek", "Quality").cases == 3
        assert set(store.load_cases()["reason"].astype(str)) == {"Quality"}
