"""The store on a SQLite file and on a real PostgreSQL server: imports, re-imports, history, undo, mappings."""

from __future__ import annotations

import hashlib
import shutil
import threading

import pandas as pd
import pandas.testing as pdt
import pytest
import sqlalchemy as sa

import data.database
from data.bulk import frame_from_rows
from data.config import ENV_VAR, default_url
from data.errors import StoreError, UndoError
from data.schema import COLUMN_NAMES, COLUMNS, empty_cases
from data.store import Store
from tests.store_cases import cases, read_of, sorted_cases, stored
from ui.i18n import say_as


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_a_new_store_is_empty_and_loads_the_canonical_schema(store):
    assert store.is_empty()
    assert store.data_version() == 0
    assert store.history().empty
    pdt.assert_frame_equal(store.load_cases(), empty_cases())


def test_the_cases_table_has_every_canonical_column(store):
    columns = {c["name"]: c for c in sa.inspect(store.engine).get_columns("cases")}
    assert list(columns) == list(COLUMN_NAMES)
    assert {c.name for c in COLUMNS if c.required} | {"case_id"} <= {n for n, c in columns.items() if not c["nullable"]}


def test_cases_come_back_exactly_with_canonical_dtypes(store):
    week = cases(range(1, 31))
    result = store.import_read(read_of(week), file_name="week.xlsx", data=b"week 1")
    assert (result.rows_read, result.new, result.updated, result.unchanged, result.rejected) == (30, 30, 0, 0, 0)
    pdt.assert_frame_equal(sorted_cases(store.load_cases()), stored(week, result.import_id))
    assert not store.is_empty()


def test_overlapping_weekly_exports_update_cases_and_never_duplicate_them(store):
    first = store.import_read(read_of(cases(range(1, 101))), file_name="w45.xlsx", data=b"w45")
    # The next week's export repeats cases 51-100; ten of them moved on to a new status.
    second_week = cases(range(51, 151))
    moved = second_week["case_id"].isin([f"RR{i:04d}" for i in range(51, 61)])
    second_week.loc[moved, "status"] = "refunded"
    second_week.loc[moved, "resolved_date"] = pd.Timestamp("2026-10-09 16:00")
    second = store.import_read(read_of(second_week), file_name="w46.xlsx", data=b"w46")

    assert (second.rows_read, second.new, second.updated, second.unchanged) == (100, 50, 10, 40)
    loaded = sorted_cases(store.load_cases()).set_index("case_id")
    assert len(loaded) == 150 and loaded.index.is_unique
    assert (loaded.loc["RR0055", ["status", "import_id"]].tolist()) == ["refunded", second.import_id]
    assert loaded.loc["RR0055", "resolved_date"] == pd.Timestamp("2026-10-09 16:00")
    # Unchanged re-sent cases keep the import that last changed them.
    assert loaded.loc["RR0070", "import_id"] == first.import_id
    assert loaded["status"].value_counts()[lambda n: n > 0].to_dict() == {"requested": 140, "refunded": 10}
    assert store.data_version() == 2


def test_the_same_file_twice_changes_nothing(store):
    week = cases(range(1, 21))
    first = store.import_read(read_of(week), file_name="week.xlsx", data=b"same bytes")
    before, version = store.load_cases(), store.data_version()
    again = store.import_read(read_of(week), file_name="week (copy).xlsx", data=b"same bytes")
    assert again.already_imported_on is not None and again.import_id == first.import_id
    assert (again.new, again.updated) == (0, 0)
    assert "already imported on" in again.message
    assert store.data_version() == version
    assert len(store.history()) == 1
    pdt.assert_frame_equal(sorted_cases(store.load_cases()), sorted_cases(before))


def test_identical_rows_in_another_file_count_as_unchanged(store):
    store.import_read(read_of(cases(range(1, 11))), file_name="a.xlsx", data=b"a")
    resent = cases(range(1, 11), source_file="b.csv", source_sheet="Sheet1", source_row=range(40, 50))  # other provenance only
    result = store.import_read(read_of(resent), file_name="b.csv", data=b"b")
    assert (result.new, result.updated, result.unchanged) == (0, 0, 10)


def test_blank_text_is_stored_as_missing(store):
    week = cases(range(1, 4), comment=["", "   ", "kept"])
    store.import_read(read_of(week), file_name="w.csv", data=b"w")
    assert sorted_cases(store.load_cases())["comment"].tolist() == [pd.NA, pd.NA, "kept"]


def test_undo_restores_the_exact_previous_table(store):
    store.import_read(read_of(cases(range(1, 41))), file_name="w1.xlsx", data=b"w1")
    before, history_before = sorted_cases(store.load_cases()), store.history()
    changed = cases(range(21, 61), status="refunded", refund_amount=99.25)
    second = store.import_read(read_of(changed), file_name="w2.xlsx", data=b"w2")
    assert (second.new, second.updated) == (20, 20)
    version = store.data_version()

    store.undo(second.import_id)
    pdt.assert_frame_equal(sorted_cases(store.load_cases()), before)
    assert store.data_version() == version + 1
    history = store.history().set_index("import_id")
    assert bool(history.loc[second.import_id, "undone"]) and not bool(history.loc[history_before.import_id[0], "undone"])
    with pytest.raises(UndoError, match="already undone") as undone:
        store.undo(second.import_id)
    # said in the interface's language on the Upload page; English in logs and on the command line
    assert say_as(undone.value, "id").startswith(f"Impor {second.import_id} (w2.xlsx) sudah dibatalkan pada ")
    assert say_as(undone.value, "vi").startswith(f"Lần nhập {second.import_id} (w2.xlsx) đã được hoàn tác lúc ")
    with pytest.raises(UndoError) as unknown:
        store.undo(999)
    assert str(unknown.value).startswith("There is no import 999 in the ")
    assert say_as(unknown.value, "id").startswith("Tidak ada impor 999 di ")
    assert say_as(unknown.value, "id").endswith("; lihat riwayat impor untuk nomornya.")
    assert " store " not in say_as(unknown.value, "id")  # where the store is, said in Indonesian too
    # An undone file may be imported again, and lands as it did the first time.
    again = store.import_read(read_of(changed), file_name="w2.xlsx", data=b"w2")
    assert (again.new, again.updated, again.already_imported_on) == (20, 20, None)


def test_the_fast_load_matches_the_rows_after_imports_and_undos(store):
    store.import_read(read_of(cases(range(1, 301))), file_name="w1.xlsx", data=b"w1")
    second = store.import_read(read_of(cases(range(201, 501), status="approved")), file_name="w2.xlsx", data=b"w2")
    store.import_read(read_of(cases(range(451, 601), handled_by="Eko")), file_name="w3.xlsx", data=b"w3")
    with pytest.raises(UndoError):
        store.undo(second.import_id)
    store.undo(second.import_id + 1)
    with store.engine.connect() as conn:
        rows = frame_from_rows(pd.read_sql(sa.text("SELECT * FROM cases"), conn), store.backend)
    pdt.assert_frame_equal(sorted_cases(store.load_cases()), sorted_cases(rows))
    assert len(rows) == 500 and rows["status"].value_counts()["approved"] == 300


def test_undo_is_refused_while_a_later_import_changed_the_same_cases(store):
    first = store.import_read(read_of(cases(range(1, 11))), file_name="w1.xlsx", data=b"w1")
    second = store.import_read(read_of(cases(range(5, 15), status="approved")), file_name="w2.xlsx", data=b"w2")
    assert store.history()[["import_id", "can_undo"]].values.tolist() == [[second.import_id, True], [first.import_id, False]]
    with pytest.raises(UndoError, match=f"changed again by import {second.import_id}"):
        store.undo(first.import_id)
    store.undo(second.import_id)
    store.undo(first.import_id)
    assert store.is_empty()
    assert store.history()["undone"].tolist() == [True, True]
    assert store.history()["can_undo"].tolist() == [False, False]


def test_undo_of_an_unknown_import_says_so(store):
    with pytest.raises(UndoError, match="no import 42"):
        store.undo(42)


def test_a_case_repeated_within_a_file_is_stored_once_with_its_last_values(store):
    week = pd.concat([cases([1, 2]), cases([2], status="approved")], ignore_index=True)
    result = store.import_read(read_of(week), file_name="w.xlsx", data=b"w")
    assert (result.rows_read, result.new, result.duplicate) == (3, 2, 1)
    assert sorted_cases(store.load_cases())["status"].tolist() == ["requested", "approved"]


def test_cases_without_a_platform_id_get_a_stable_key_and_are_updated_not_duplicated(store):
    store.import_read(read_of(cases(range(1, 6), case_id=None)), file_name="a.csv", data=b"a")
    result = store.import_read(read_of(cases(range(1, 6), case_id=None, status="closed")), file_name="b.csv", data=b"b")
    assert (result.new, result.updated) == (0, 5)
    loaded = store.load_cases()
    assert len(loaded) == 5 and loaded["case_id"].str.startswith("K").all()


def test_rejected_rows_are_counted_from_the_problems_without_the_warnings(store):
    problems = pd.DataFrame(
        {
            "file": "w.xlsx",
            "sheet": "Returns",
            "row": [9, 9, 10, 3],
            "column": ["sku", "request_date", "sku", "comment"],
            "value": "",
            "message": ["missing", "missing", "missing", "a warning on a stored row"],
        }
    )
    result = store.import_read(read_of(cases([1, 2, 3]), problems), file_name="w.xlsx", data=b"w")
    assert (result.rows_read, result.new, result.rejected) == (5, 3, 2)  # rows 9 and 10 rejected; row 3 (case 1) stored


def test_history_records_each_import(store):
    read = read_of(cases(range(1, 4)))
    read.mapping = {"Returns": {"No. Pesanan": "order_id", "SKU": "sku"}}
    result = store.import_read(read, file_name="Pesanan minggu 46.xlsx", data=b"w46")
    row = store.history().iloc[0]
    assert row.import_id == result.import_id and row.file_name == "Pesanan minggu 46.xlsx"
    assert row.file_hash == hashlib.sha256(b"w46").hexdigest()
    assert row.sheets == ["Returns"] and row.mapping == read.mapping
    assert (row.rows_read, row.rows_new, row.rows_updated, row.rows_rejected, row.undone) == (3, 3, 0, 0, False)
    assert abs(pd.Timestamp.now(tz="UTC").tz_localize(None) - row.imported_at) < pd.Timedelta(minutes=5)


def test_import_file_reads_a_real_sheet(store, tmp_path):
    sheet = tmp_path / "week.csv"
    sheet.write_text(
        "Case ID,Order ID,Request Date,SKU,Request Type,Reason,Status\n"
        "R1,O1,2026-11-02 10:00,AP-1,Exchange,Wrong size,Requested\n"
        "R2,O2,2026-11-03 11:30,HM-2,Refund Only,Box crushed,Refunded\n",
        encoding="utf-8",
    )
    result = store.import_file(sheet)
    assert (result.file_name, result.rows_read, result.new) == ("week.csv", 2, 2)
    loaded = sorted_cases(store.load_cases())
    assert loaded["sku"].tolist() == ["AP-1", "HM-2"]
    assert loaded["request_date"].tolist() == [pd.Timestamp("2026-11-02 10:00"), pd.Timestamp("2026-11-03 11:30")]
    assert store.import_file(sheet).already_imported_on is not None


def test_a_saved_mapping_is_found_by_its_signature(store):
    assert store.saved_mapping("no. pesanan|sku|alasan") is None and store.saved_mapping_at("no. pesanan|sku|alasan") is None
    store.save_mapping("no. pesanan|sku|alasan", {"No. Pesanan": "order_id", "Alasan": "reason_raw"})
    first = store.saved_mapping_at("no. pesanan|sku|alasan")
    assert first is not None
    store.save_mapping("no. pesanan|sku|alasan", {"No. Pesanan": "order_id", "Alasan": "comment"})
    assert store.saved_mapping("no. pesanan|sku|alasan") == {"No. Pesanan": "order_id", "Alasan": "comment"}
    assert store.saved_mapping_at("no. pesanan|sku|alasan") >= first


def test_a_reopened_store_keeps_everything(store_url):
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 6))), file_name="w.xlsx", data=b"w")
    with Store(store_url) as store:
        assert len(store.load_cases()) == 5 and store.data_version() == 1


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://shop@db/returns", "neither SQLite nor PostgreSQL"),
        ("sqlite://", "needs a file"),
        ("not a url", "not a database URL"),
    ],
)
def test_an_unusable_store_address_is_explained(url, message):
    with pytest.raises(StoreError, match=message):
        Store(url)


@pytest.mark.postgres
def test_a_postgres_database_that_does_not_exist_is_named(pg_server):
    with pytest.raises(StoreError, match="rr_missing.*does not exist.*createdb"):
        Store(pg_server.url("rr_missing"))


def test_the_store_address_comes_from_the_environment_then_the_secrets_file(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('RETURNS_RADAR_DB = "postgresql://team@db.internal/returns"\n')
    assert default_url() == "postgresql://team@db.internal/returns"
    monkeypatch.setenv(ENV_VAR, "sqlite:////srv/returns.db")
    assert default_url() == "sqlite:////srv/returns.db"


def test_one_store_serves_several_threads_at_once(store):
    """Streamlit runs each session's script in its own thread, all sharing one cached Store."""
    store.import_read(read_of(cases(range(1, 201))), file_name="base.xlsx", data=b"base")
    errors: list[str] = []

    def session(n: int) -> None:
        try:
            for round_ in range(5):
                assert len(store.load_cases()) >= 200 and store.data_version() >= 1
                if round_ == 2 and n < 2:
                    week = cases(range(1000 * (n + 1), 1000 * (n + 1) + 50))
                    store.import_read(read_of(week), file_name=f"s{n}.xlsx", data=f"s{n}".encode())
        except Exception as err:  # collected: an assert in a thread would not fail the test
            errors.append(repr(err))

    threads = [threading.Thread(target=session, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.load_cases()) == 300 and store.data_version() == 3


def test_an_older_store_upgrades_itself_when_a_newer_app_opens_it(store_url, tmp_path, monkeypatch):
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 6))), file_name="w.xlsx", data=b"w")
    # The next version of the app: the same migrations plus one that adds a column.
    newer = tmp_path / "migrations"
    shutil.copytree(data.database.MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    head = max(p.stem.split("_")[0] for p in (newer / "versions").glob("0*.py"))  # the newest migration of this app
    (newer / "versions" / "9999_courier.py").write_text(
        f'import sqlalchemy as sa\nfrom alembic import op\nrevision = "9999"\ndown_revision = "{head}"\n'
        'branch_labels = depends_on = None\n\n\ndef upgrade():\n    op.add_column("cases", sa.Column("courier", sa.Text()))\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(data.database, "MIGRATIONS", newer)
    with Store(store_url) as store:
        assert "courier" in {c["name"] for c in sa.inspect(store.engine).get_columns("cases")}
        assert len(store.load_cases()) == 5 and store.data_version() == 1
    monkeypatch.undo()  # the older app now meets a store from a newer version
    with pytest.raises(StoreError, match="newer version"):
        Store(store_url)
