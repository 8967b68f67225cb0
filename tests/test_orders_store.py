"""Orders and fixes in the store, on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from data import tables
from data.cli import main
from data.errors import StoreError
from data.orders import OrdersRead
from data.store import Store


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def sold(rows: list[tuple[str, str, float, str | None]]) -> OrdersRead:
    """Sale lines (date, sku, units, order id) as `read_orders` gives them."""
    frame = pd.DataFrame(rows, columns=["date", "sku", "units", "order_id"])
    return OrdersRead(frame.astype({"date": "datetime64[ns]", "sku": "string", "units": float, "order_id": "string"}))


def units_by_sku(store: Store) -> dict[str, float]:
    return store.load_orders().groupby("sku")["units"].sum().to_dict()


def test_the_migrated_orders_and_fixes_tables_have_the_columns_of_the_code(store):
    inspector = sa.inspect(store.engine)
    for table in (tables.orders, tables.order_imports, tables.fixes):
        assert [c["name"] for c in inspector.get_columns(table.name)] == [c.name for c in table.columns]
    assert store.load_orders().empty and store.fixes().empty and store.orders_version() == 0


def test_orders_are_summed_per_day_and_sku_and_the_same_file_twice_changes_nothing(store):
    read = sold([("2026-08-03", "A", 2, "#1"), ("2026-08-03", "B", 1, "#1"), ("2026-08-04", "A", 1, "#2"), ("2026-08-04", "A", 3, "#3")])
    first = store.import_orders(read, file_name="orders.csv", data=b"orders august")
    assert (first.lines, first.units, first.replaced, first.first, first.last) == (4, 7.0, 0, date(2026, 8, 3), date(2026, 8, 4))
    loaded = store.load_orders()
    assert loaded.dtypes.astype(str).tolist() == ["datetime64[ns]", "string", "float64"]
    assert loaded.values.tolist() == [
        [pd.Timestamp("2026-08-03"), "A", 2.0],
        [pd.Timestamp("2026-08-03"), "B", 1.0],
        [pd.Timestamp("2026-08-04"), "A", 4.0],
    ]
    again = store.import_orders(read, file_name="orders (1).csv", data=b"orders august")
    assert again.already_imported_on is not None and "nothing changed" in again.message
    assert units_by_sku(store) == {"A": 6.0, "B": 1.0} and store.orders_version() == 1


def test_overlapping_order_exports_count_each_order_once_as_the_newest_file_says(store):
    store.import_orders(
        sold([("2026-08-03", "A", 2, "#1"), ("2026-08-04", "A", 1, "#2"), ("2026-08-04", "B", 1, "#2")]), file_name="week 1.csv", data=b"w1"
    )
    # The next export repeats order #2 with B cancelled and A now 2 units, and adds #3.
    result = store.import_orders(sold([("2026-08-04", "A", 2, "#2"), ("2026-08-05", "B", 5, "#3")]), file_name="week 2.csv", data=b"w2")
    assert result.replaced == 2  # both stored lines of order #2
    assert units_by_sku(store) == {"A": 2.0 + 2.0, "B": 5.0}
    assert store.order_history()["file_name"].tolist() == ["week 2.csv", "week 1.csv"]


def test_a_newer_sales_report_replaces_the_days_it_covers(store):
    store.import_orders(
        sold([("2026-08-01", "A", 10, None), ("2026-08-02", "A", 10, None), ("2026-08-03", "B", 4, None)]),
        file_name="sales 1-3.xlsx",
        data=b"s1",
    )
    # A corrected report for 2-4 August: 1 August stays, 2-3 August are replaced whole (B sold nothing on the 3rd after all).
    result = store.import_orders(
        sold([("2026-08-02", "A", 7, None), ("2026-08-02", "A", 1, None), ("2026-08-04", "B", 3, None)]),
        file_name="sales 2-4.xlsx",
        data=b"s2",
    )
    assert (result.lines, result.replaced) == (2, 2)
    loaded = store.load_orders()
    assert loaded.values.tolist() == [
        [pd.Timestamp("2026-08-01"), "A", 10.0],
        [pd.Timestamp("2026-08-02"), "A", 8.0],
        [pd.Timestamp("2026-08-04"), "B", 3.0],
    ]


def test_fixes_are_added_listed_and_deleted(store):
    first = store.add_fix(date="2026-08-03", note=" new packaging ", sku="HM-0042", reason="Damaged packaging")
    second = store.add_fix(date=pd.Timestamp("2026-09-01"), note="size chart redone", sku=None, reason="")
    listed = store.fixes()
    assert listed["fix_id"].tolist() == [second, first]
    assert listed.iloc[1][["sku", "reason", "date", "note"]].tolist() == [
        "HM-0042",
        "Damaged packaging",
        pd.Timestamp("2026-08-03"),
        "new packaging",
    ]
    assert listed.iloc[0][["sku", "reason"]].isna().all()  # every SKU, every reason
    store.delete_fix(first)
    assert store.fixes()["fix_id"].tolist() == [second]
    with pytest.raises(StoreError, match=f"no fix {first}"):
        store.delete_fix(first)


def test_orders_and_fixes_survive_reopening(store_url):
    with Store(store_url) as store:
        store.import_orders(sold([("2026-08-03", "A", 2, "#1")]), file_name="o.csv", data=b"o")
        store.add_fix(date="2026-08-03", note="n")
    with Store(store_url) as store:
        assert units_by_sku(store) == {"A": 2.0} and len(store.fixes()) == 1


def test_the_command_line_imports_orders_sheets_once(store_url, tmp_path, capsys):
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order ID,Seller SKU,Quantity,Created Time\n5801,A,2,2026-08-03 10:00\n5802,B,1,2026-08-04 11:00\n", encoding="utf-8")
    bad = tmp_path / "customers.csv"
    bad.write_text("Customer,City\nAni,Jakarta\n", encoding="utf-8")
    assert main(["import-orders", str(sheet), "--db", store_url]) == 0
    assert "orders.csv: 2 sale lines, 3 units sold from 3 Aug 2026 to 4 Aug 2026 (orders import 1)." in capsys.readouterr().out
    assert main(["import-orders", str(sheet), str(bad), "--db", store_url, "--json"]) == 1
    out, err = capsys.readouterr()
    assert "nothing changed" in out and "customers.csv: no orders table found" in err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["imports"][0]["already_imported_on"] is not None and "error" in report["imports"][1]
    with Store(store_url) as store:
        assert units_by_sku(store) == {"A": 2.0, "B": 1.0}
    assert main(["orders-history", "--db", store_url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["imports"]
    assert [(r["import_id"], r["lines"], r["lines_stored"], r["units"], r["can_undo"]) for r in listed] == [(1, 2, 2, 3.0, True)]
    assert main(["undo-orders", "1", "--db", store_url]) == 0 and "Orders import 1 undone." in capsys.readouterr().out
    assert main(["undo-orders", "1", "--db", store_url]) == 3 and "no orders import 1" in capsys.readouterr().err
    with Store(store_url) as store:
        assert units_by_sku(store) == {}


def test_a_sheet_with_no_sale_left_is_recorded_and_changes_no_stored_line(store):
    store.import_orders(sold([("2026-08-03", "A", 2, "#1")]), file_name="o.csv", data=b"o")
    result = store.import_orders(sold([]), file_name="all cancelled.csv", data=b"cancelled")
    assert (result.lines, result.units, result.replaced, result.first) == (0, 0.0, 0, None)
    assert result.message == "all cancelled.csv: 0 sale lines, 0 units sold (orders import 2)."
    assert units_by_sku(store) == {"A": 2.0}


def test_an_orders_import_is_undone_and_its_file_can_come_again(store):
    store.import_orders(sold([("2026-08-03", "A", 2, "#1")]), file_name="week 1.csv", data=b"w1")
    wrong = store.import_orders(
        sold([("2026-08-04", "B", 5, "#9"), ("2026-08-05", "B", 1, None)]), file_name="other shop.csv", data=b"other"
    )
    assert units_by_sku(store) == {"A": 2.0, "B": 6.0}
    assert store.order_history().set_index("import_id")["can_undo"].to_dict() == {wrong.import_id: True, wrong.import_id - 1: True}
    version = store.orders_version()
    store.undo_orders(wrong.import_id)
    assert units_by_sku(store) == {"A": 2.0} and store.orders_version() == version + 1
    assert store.order_history()["file_name"].tolist() == ["week 1.csv"]
    again = store.import_orders(sold([("2026-08-04", "B", 5, "#9")]), file_name="other shop.csv", data=b"other")
    assert again.already_imported_on is None and units_by_sku(store) == {"A": 2.0, "B": 5.0}
    with pytest.raises(StoreError, match="no orders import 999"):
        store.undo_orders(999)


def test_an_orders_import_that_replaced_earlier_lines_is_not_undone(store):
    store.import_orders(sold([("2026-08-03", "A", 2, "#1")]), file_name="week 1.csv", data=b"w1")
    newer = store.import_orders(sold([("2026-08-03", "A", 3, "#1")]), file_name="week 1 again.csv", data=b"w1b")
    assert not store.order_history().set_index("import_id").at[newer.import_id, "can_undo"]
    with pytest.raises(StoreError, match="replaced 1 sale line of earlier files"):
        store.undo_orders(newer.import_id)
    assert units_by_sku(store) == {"A": 3.0}  # nothing changed
