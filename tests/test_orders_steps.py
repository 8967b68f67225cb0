"""The named steps of reading one orders sheet (`data.orders._read_table`), each on a hand-made table."""

import pandas as pd

from data.formats import RawTable
from data.orders import OrdersTable, _read_table, find_orders_table, order_days, row_problems, rows_to_skip, units_sold
from data.values import parse_dates


def table(columns: dict[str, list[str]], labels: dict[str, str], first_row: int = 2) -> OrdersTable:
    body = pd.DataFrame(columns, index=range(first_row, first_row + len(next(iter(columns.values())))))
    return OrdersTable("shop.csv", "Orders", body, dict(labels), {role: body[role] for role in columns})


def test_find_orders_table_skips_a_title_and_blank_rows_and_says_what_it_saw():
    rows = pd.DataFrame(
        [
            ["August orders", "", ""],
            ["Name", "Paid at", "Lineitem sku"],
            ["#1", "2026-08-01", "A"],
            ["", "", ""],
            ["#2", "2026-08-02", "B"],
        ],
        index=[1, 2, 3, 4, 5],
    )
    found = find_orders_table(RawTable("Orders", rows), "shop.csv")
    assert isinstance(found, OrdersTable)
    assert found.label == {"order_id": "Name", "date": "Paid at", "sku": "Lineitem sku"}
    assert found.body.index.tolist() == [3, 5]  # the blank row 4 is no sale line
    assert found.cell["sku"].tolist() == ["A", "B"]
    no_sku = RawTable("Orders", rows.iloc[1:, :2])
    assert find_orders_table(no_sku, "shop.csv") == "Orders: Name, Paid at"


def test_order_days_fill_later_lines_and_drop_an_id_that_spans_days():
    lines = table({"order_id": ["#1", "#1", "#2"], "date": ["2026-08-01 09:00", "", "2026-08-03"]}, {"order_id": "Name", "date": "Paid at"})
    notes: list[str] = []
    ids, dates, day = order_days(lines, None, notes)
    assert day.dt.strftime("%Y-%m-%d").tolist() == ["2026-08-01", "2026-08-01", "2026-08-03"]
    assert ids.tolist() == ["#1", "#1", "#2"] and notes == [] and "order_id" in lines.label
    products = table({"order_id": ["Mug", "Mug"], "date": ["2026-08-01", "2026-08-02"]}, {"order_id": "Product", "date": "Date"})
    ids, _, _ = order_days(products, None, notes)
    assert ids.isna().all() and "order_id" not in products.label and "order_id" not in products.cell
    assert notes == ["Product is not an order id (the same value on several days): lines are counted per day and SKU"]


def test_units_sold_counts_an_empty_cell_as_one_and_refuses_fractions_and_negatives():
    notes: list[str] = []
    units, bad, empty = units_sold(table({"units": ["3", "", "-2", "0.5", "0"]}, {"units": "Quantity"}), notes)
    assert units.tolist()[:2] == [3.0, 1.0] and units.tolist()[4] == 0.0 and units.iloc[2:4].isna().all()
    assert bad.tolist() == [False, False, True, True, False]
    assert empty.tolist() == [False, True, False, False, False]
    assert notes == []
    units, bad, empty = units_sold(table({"sku": ["A", "B"]}, {"sku": "SKU"}), notes)
    assert units.tolist() == [1.0, 1.0] and not bad.any() and not empty.any()
    assert notes == ["no quantity column: each row counts as one unit sold"]


def test_rows_to_skip_are_cancelled_orders_and_a_totals_row_at_the_bottom():
    lines = table({"status": ["Paid", "Cancelled", "Paid", "Total"]}, {"status": "Financial Status"})
    day = pd.Series(pd.to_datetime(["2026-08-01", "2026-08-01", "2026-08-02", None]), index=lines.body.index)
    notes: list[str] = []
    assert rows_to_skip(lines, day, notes).tolist() == [False, True, False, True]
    assert notes == ["1 cancelled or unpaid order row (Financial Status) skipped: not sales", "totals row 5: skipped"]


def test_row_problems_name_each_row_not_counted():
    lines = table(
        {"date": ["2026-08-01", "soon", "", "2026-08-02"], "sku": ["A", "B", "C", ""], "units": ["1", "1", "1", "x"]},
        {"date": "Paid at", "sku": "SKU", "units": "Qty"},
    )
    dates = parse_dates(lines.cell["date"])
    day = dates.values.dt.normalize()
    sku = lines.cell["sku"].replace("", None)
    bad_units = pd.Series([False, False, False, True], index=lines.body.index)
    live = pd.Series(True, index=lines.body.index)
    found = pd.concat(row_problems(lines, live, dates, day, sku, bad_units), ignore_index=True)
    assert found[["row", "column", "value"]].values.tolist() == [
        [3, "Paid at", "soon"],
        [4, "Paid at", ""],
        [5, "SKU", ""],
        [5, "Qty", "x"],
    ]
    assert found["message"].tolist()[1:] == [
        "no date; row not counted",
        "no SKU; row not counted",
        "expected a whole number of units (0 or more); row not counted",
    ]


def test_the_steps_together_read_a_sheet_as_before():
    rows = pd.DataFrame(
        [
            ["Name", "Paid at", "Lineitem sku", "Lineitem quantity", "Financial Status"],
            ["#1", "2026-08-01", "A", "2", "paid"],
            ["#1", "", "B", "", "paid"],
            ["#2", "2026-08-02", "A", "1", "voided"],
            ["Total", "", "", "3", ""],
        ],
        index=[1, 2, 3, 4, 5],
    )
    orders, problems, notes, mapping = _read_table(RawTable("Orders", rows), "shop.csv", None)
    assert orders.astype({"date": str}).values.tolist() == [["2026-08-01", "A", 2.0, "#1"], ["2026-08-01", "B", 1.0, "#1"]]
    assert problems == []
    assert notes == [
        "read as an orders sheet: Paid at → date, Lineitem sku → sku, Lineitem quantity → units, Name → order_id, "
        "Financial Status → status",
        "1 cancelled or unpaid order row (Financial Status) skipped: not sales",
        "totals row 5: skipped",
        "1 row with an empty Lineitem quantity counted as one unit",
    ]
    assert mapping == {
        "Name": "order_id",
        "Paid at": "date",
        "Lineitem sku": "sku",
        "Lineitem quantity": "units",
        "Financial Status": "status",
    }
