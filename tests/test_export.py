"""Exports that are safe to open in a spreadsheet."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from data.export import safe_for_excel, to_csv_bytes, to_xlsx_bytes
from data.schema import conform


def test_text_that_would_run_as_a_formula_gets_an_apostrophe():
    frame = pd.DataFrame({"comment": ["=1+1", "+62 812", "-", "@me", "\tx", "\rx", "ok", None, "a=b"], "qty": [-1, 2, 3, 4, 5, 6, 7, 8, 9]})
    safe = safe_for_excel(frame)
    assert safe["comment"].fillna("missing").tolist() == ["'=1+1", "'+62 812", "'-", "'@me", "'\tx", "'\rx", "ok", "missing", "a=b"]
    assert safe["qty"].tolist() == [-1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert frame["comment"][0] == "=1+1"  # the caller's frame is untouched


def test_canonical_string_and_category_columns_are_defused_too():
    frame = conform(pd.DataFrame({"sku": ["=cmd|' /C calc'!A0", "AP-1"], "reason_raw": ["-2+3", "ok"], "reason": ["Defective", None]}))
    safe = safe_for_excel(frame)
    assert safe["sku"].tolist() == ["'=cmd|' /C calc'!A0", "AP-1"]
    assert safe["reason_raw"].tolist() == ["'-2+3", "ok"]
    assert safe.dtypes.equals(frame.dtypes)


def test_xlsx_has_text_cells_and_real_dates():
    frame = conform(pd.DataFrame({"sku": ["=SUM(A1:A9)"], "request_date": [pd.Timestamp("2026-11-02 10:30")], "quantity": [2]}))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    header = [c.value for c in ws[1]]
    sku, date, qty = (ws.cell(2, header.index(n) + 1) for n in ("sku", "request_date", "quantity"))
    assert (sku.value, sku.data_type) == ("'=SUM(A1:A9)", "s")
    assert date.value == pd.Timestamp("2026-11-02 10:30").to_pydatetime() and date.is_date
    assert qty.value == 2


def test_csv_opens_in_excel_with_non_english_text():
    data = to_csv_bytes(pd.DataFrame({"comment": ["Ukurannya kekecilan", "Hàng bị lỗi"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")["comment"].tolist() == ["Ukurannya kekecilan", "Hàng bị lỗi"]


def test_xlsx_writes_each_canonical_type_and_leaves_missing_cells_empty():
    frame = conform(
        pd.DataFrame(
            {
                "sku": ["A-1", None],
                "reason": ["Defective", None],
                "request_date": [pd.Timestamp("2026-11-02 10:30"), pd.NaT],
                "quantity": pd.array([3, None], dtype="Int64"),
                "refund_amount": [12.5, None],
                "proof_provided": pd.array([True, None], dtype="boolean"),
            }
        )
    )
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    header = [c.value for c in ws[1]]
    first, second = ({n: ws.cell(r, header.index(n) + 1) for n in header} for r in (2, 3))
    assert [first[n].value for n in ("sku", "reason", "quantity", "refund_amount", "proof_provided")] == ["A-1", "Defective", 3, 12.5, True]
    assert first["proof_provided"].data_type == "b" and first["request_date"].is_date
    assert all(cell.value is None for cell in second.values())  # nothing written where a value is missing
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}3"


def test_xlsx_defuses_categories_and_mixed_text_and_cuts_text_to_one_cell():
    long = "é" * 40_000
    frame = pd.DataFrame(
        {
            "reason": pd.Categorical(["=1+1", "ok", None, "=1+1"]),
            "note": ["-2", 7, None, long],  # an object column: a number in it is written as its text
        }
    )
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [ws.cell(r, 1).value for r in range(2, 6)] == ["'=1+1", "ok", None, "'=1+1"]
    assert [ws.cell(r, 2).value for r in range(2, 5)] == ["'-2", "7", None]
    assert ws.cell(5, 2).value == "é" * 32_767
    assert frame["reason"].tolist()[0] == "=1+1"  # the caller's frame is untouched
