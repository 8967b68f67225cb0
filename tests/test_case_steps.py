"""Each named step of building cases from one sheet (data/case_steps.py), on small tables worked out by hand."""

from __future__ import annotations

import pandas as pd

from data import case_steps as steps
from data import values
from data.reader import _reasons
from data.schema import NO_SKU


def series(*items, start=2):
    return pd.Series(list(items), index=range(start, start + len(items)), dtype=object)


def test_legend_rows_stop_at_the_first_data_row_and_keep_rows_with_ids():
    body = pd.DataFrame({0: ["Order number", "Unit price", "5801", "5802"], 1: ["when", "", "bad date", "2026-01-03"]}, index=[2, 3, 4, 5])
    dates = values.parse_dates(body[1]).values
    assert steps.legend_rows(body, dates) == [2, 3]  # row 4 holds an id: data with a mistyped date, listed not skipped


def test_totals_rows_only_at_the_bottom():
    body = pd.DataFrame({0: ["Total", "A-1", "Grand Total"], 1: ["", "2026-01-02", ""]}, index=[2, 3, 4])
    dates = values.parse_dates(body[1]).values
    assert steps.totals_rows(body, dates) == [4]
    assert steps.skipped_notes([], [4]) == ["totals row 4: skipped"]


def test_other_dates_left_empty_when_unreadable_and_listed():
    cells = series("2026-01-05", "soon")
    step = steps.other_dates({"resolved_date": values.parse_dates(cells)}, {"resolved_date": cells}, {"resolved_date": "Closed"})
    assert step.columns["resolved_date"].isna().tolist() == [False, True]
    assert [int(f.mask.sum()) for f in step.flags] == [1, 0] and step.flags[0].column == "Closed"


def test_ids_damaged_by_excel_are_left_empty_and_text_is_kept():
    ids = series("4.91E+16", "58-1")
    parsed = {"order_id": (values.clean(ids), values.scientific(values.clean(ids))), "channel": values.clean(series("Shopee", None))}
    step = steps.ids_and_text(parsed, {"order_id": ids, "channel": series("Shopee", None)}, {"order_id": "Order"})
    assert step.columns["order_id"].tolist()[1] == "58-1" and pd.isna(step.columns["order_id"].tolist()[0])
    assert int(step.flags[0].mask.sum()) == 1 and step.columns["channel"].tolist()[0] == "Shopee"


def test_item_from_product_colour_and_size_or_no_sku():
    name = values.clean(series("Tee", "Cap"))
    step = steps.item(
        {"product_name": name},
        {"_colour": values.clean(series("Navy", None))},
        {"product_name": "Produk", "_colour": "Warna"},
        name.index,
        False,
    )
    assert step.columns["sku"].tolist() == ["Tee / Navy", "Cap"]
    assert step.notes == ["no SKU column: the item is identified by Produk + Warna"]
    assert steps.item({}, {}, {}, name.index, False).columns == {}  # nothing to stand in: rows are rejected later
    assert steps.item({}, {}, {}, name.index, True).columns["sku"].tolist() == [NO_SKU, NO_SKU]
    assert steps.item({"sku": name}, {}, {}, name.index, True).columns == {}


def test_statuses_mark_courier_returns_cases_and_unknown_wordings():
    cells = series("RTO", "Refunded", "Delivered??")
    step = steps.statuses({"status": values.parse_vocabulary(cells, "statuses")}, cells.index)
    assert step.columns["status"].tolist()[:2] == ["item received", "refunded"]
    assert step.marks["courier"].tolist() == [True, False, False]
    assert step.marks["ledger_case"].tolist() == [True, True, False] and step.marks["unknown_status"].tolist() == [False, False, True]


def test_reasons_tag_and_note_the_unmatched():
    step = steps.reasons({"reason_raw": _reasons(series("Broken", "zzz"))})
    assert step.columns["reason"].tolist() == ["Damaged item", "Other"]
    assert step.notes == ["1 reason wording matched no rule and was filed under Other (raw text kept): 'zzz'"]


def test_money_amounts_quantities_and_unit_price_fallback():
    qty, price = series("-2", "1"), series("12.50", "$3")
    parsed = {"quantity": values.parse_counts(qty), "_unit_price": values.parse_amounts(price)}
    step = steps.money(parsed, {"quantity": qty, "_unit_price": price}, {"quantity": "Qty"}, has_currency=False)
    assert step.columns["quantity"].tolist() == [2, 1]
    assert step.columns["refund_amount"].tolist() == [25.0, 3.0]  # 2 x 12.50, 1 x 3
    assert step.marks["ledger_case"].tolist() == [True, False]
    assert step.columns["currency"].tolist()[1] == "USD"


def test_proof_buyer_hash_and_personal_columns_note():
    proof = series("yes", "maybe")
    step = steps.proof_and_buyer(
        {"proof_provided": values.parse_flags(proof), "_buyer_id": series("h1", "h2")},
        {"proof_provided": proof, "_buyer_id": proof},
        {"proof_provided": "Bukti", "_buyer_id": "User"},
        ["Buyer Name", "Phone"],
    )
    assert step.columns["proof_provided"].tolist()[0] is True and int(step.flags[0].mask.sum()) == 1
    assert step.notes == [
        "buyer id column 'User' kept only as a salted hash",
        "buyer personal data not stored: columns Buyer Name, Phone dropped",
    ]


def test_required_rows_reject_missing_sku_or_date():
    dates = values.parse_dates(series("2026-01-02", "", "2026-01-03"))
    out = pd.DataFrame({"sku": series("A", "B", None), "request_date": dates.values})
    cells = {"sku": out["sku"], "request_date": series("2026-01-02", "", "2026-01-03")}
    reject, flags = steps.required_rows(out, dates, cells, {"sku": "SKU", "request_date": "Date"})
    assert reject.tolist() == [False, True, True]
    assert {f.message: int(f.mask.sum()) for f in flags if f.mask.any()} == {
        "required SKU (or product name) is missing or damaged; row not imported": 1,
        "required request date is missing; row not imported": 1,
    }


def test_source_columns_give_the_excel_row():
    out = pd.DataFrame(index=[5, 9])
    columns = steps.source_columns(out, "a.xlsx", "Returns")
    assert columns["source_row"].tolist() == [5, 9] and columns["source_sheet"].tolist() == ["Returns", "Returns"]
