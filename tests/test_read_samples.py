"""Every real sheet in ../shared/samples read with hand-counted expectations (see its README).

The counts were made from the files with plain tools (pandas with the format spelled out, the csv
module), not with the reader under test.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.errors import ReadError
from data.reader import read_sheet

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"  # ../shared/samples beside the repository
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent in this clone")

EXPECTED = {
    "meesho_supplier_returns_manyata_2024-08.csv": dict(
        rows=297,
        types={"Unknown": 219, "Return + Refund": 78},
        courier=219,
        reasons={"Quality": 32, "Wrong size or fit": 25, "Changed mind": 13, "Wrong item": 6, "Defective": 1},
        first="2022-11-10",
        last="2024-08-08",
        header_row=7,
    ),
    "meesho_order_payments_manyata_2024-08.xlsx": dict(
        rows=41, types={"Unknown": 41}, courier=36, reasons={}, first="2024-07-10 13:35:58", last="2024-08-04 20:43:51", header_row=2
    ),
    "kr_fashion_returns_biiigturtle.csv": dict(
        rows=123,
        types={"Unknown": 123},
        courier=0,
        reasons={"Changed mind": 80, "Defective": 1},
        first="2026-04-28",
        last="2026-04-30",
        header_row=1,
    ),
    "uci_online_retail_sample_2709rows.csv": dict(
        rows=50, types={"Unknown": 50}, courier=0, reasons={}, first="2010-12-02 17:08", last="2011-12-06 14:57", header_row=1
    ),
}


def test_every_sample_has_expectations():
    files = {p.name for p in SAMPLES.iterdir() if p.name != "README.md"}
    assert files == set(EXPECTED) | {"ajio_returns_synthetic_excel_serial_dates.xlsx"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_reads_to_hand_counts(name):
    want = EXPECTED[name]
    result = read_sheet(SAMPLES / name)
    cases = result.cases
    assert len(cases) == want["rows"]
    assert cases.request_type.value_counts()[lambda s: s > 0].to_dict() == want["types"]
    assert int(cases.courier_return.sum()) == want["courier"]
    for tag, count in want["reasons"].items():
        assert (cases.reason == tag).sum() == count, tag
    assert cases.request_date.min() == pd.Timestamp(want["first"])
    assert cases.request_date.max() == pd.Timestamp(want["last"])
    assert result.sheets[0].header_row == want["header_row"]
    assert cases.case_id.notna().all() and cases.case_id.is_unique
    assert list(result.problems.columns) == ["file", "sheet", "row", "column", "value", "message"]
    assert (result.problems.file == name).all()


def test_meesho_returns_preamble_damaged_ids_and_reason_levels():
    result = read_sheet(SAMPLES / "meesho_supplier_returns_manyata_2024-08.csv")
    info = result.sheets[0]
    assert info.preset == "Meesho supplier returns"
    assert (info.rows_read, info.rows_imported, info.rows_rejected) == (297, 297, 0)
    damaged = result.problems[result.problems.column == "Order Number"]
    assert len(damaged) == 297 and damaged.row.min() == 8 and damaged.row.max() == 304
    assert damaged.iloc[0].value == "4.91E+16" and "scientific notation" in damaged.iloc[0].message
    assert result.cases.order_id.isna().all()  # the digits are lost: never stored as if they were an id
    first = result.cases.iloc[0]
    assert (first.sku, first.source_row, first.status) == ("TINKU B.PINK 007", 8, "item received")
    assert result.cases.reason_raw.isna().sum() == 220  # "NA" on every RTO row (and one customer return)
    detailed = result.cases.comment.value_counts()
    assert detailed["Size correct but too tight"] == 15
    assert (result.cases.request_date.dt.year < 2024).sum() == 27


def test_meesho_payments_ledger_keeps_only_returns_and_skips_empty_sheets():
    result = read_sheet(SAMPLES / "meesho_order_payments_manyata_2024-08.xlsx")
    summary = result.summary().set_index("sheet")
    assert summary.loc["Order Payments", "status"] == "read"
    assert summary.loc["Order Payments", ["to import", "rejected"]].tolist() == [41, 0]
    assert summary.loc[["Ads Cost", "Referral Payments"], "status"].tolist() == ["skipped-no-table"] * 2
    assert any("row 3" in note for note in result.notes)  # the formula-legend row under the header
    assert result.cases.refund_amount.sum() == pytest.approx(13117.0)
    assert result.cases.status.value_counts()["item received"] == 41


def test_korean_log_without_sku_identifies_items_by_name_colour_and_size():
    result = read_sheet(SAMPLES / "kr_fashion_returns_biiigturtle.csv")
    cases = result.cases
    assert cases.sku.iloc[0] == "헨리 넥 긴팔 티셔츠 / 네이비 / 3"
    assert cases.sku.nunique() == 101
    assert cases.reason_raw.value_counts().to_dict() == {"고객변심": 80, "상품불만족": 42, "상품불량": 1}
    assert cases.comment.iloc[0] == "사이즈가 커서 반품합니다"
    assert result.problems.empty


def test_uci_ledger_returns_are_negative_lines_with_a_price_and_buyers_are_hashed():
    result = read_sheet(SAMPLES / "uci_online_retail_sample_2709rows.csv")
    cases = result.cases
    assert cases.order_id.str.startswith("C").all()
    assert cases.refund_amount.sum() == pytest.approx(10849.89)
    assert cases.buyer_hash.notna().sum() == 46 and cases.buyer_hash.nunique() == 45
    assert not cases.buyer_hash.isin(["13523", "16525"]).any()
    assert result.sheets[0].rows_skipped == 2659


def test_ajio_has_no_item_column_then_reads_with_a_user_mapping():
    path = SAMPLES / "ajio_returns_synthetic_excel_serial_dates.xlsx"
    with pytest.raises(ReadError) as error:
        read_sheet(path)
    assert "SKU" in str(error.value) and "request date" in str(error.value)
    assert "RT_ID, Or_ID, Reason, Return_Refund, Dates" in str(error.value)
    result = read_sheet(path, mapping={"Or_ID": "sku", "Return_Refund": "status"})
    cases = result.cases
    assert len(cases) == 2000
    assert (cases.request_date.min(), cases.request_date.max()) == (pd.Timestamp("2023-01-01"), pd.Timestamp("2024-12-31"))
    assert cases.reason.value_counts()[lambda s: s > 0].to_dict() == {"Defective": 670, "Wrong item": 668, "Late or not delivered": 662}
    assert cases.status.value_counts()[lambda s: s > 0].to_dict() == {"rejected": 1031, "approved": 969}
    assert result.sheets[0].columns.set_index("raw").loc["Or_ID", "matched"] == "user"


def test_ajio_status_is_read_from_its_cells_under_a_header_naming_the_refund():
    result = read_sheet(SAMPLES / "ajio_returns_synthetic_excel_serial_dates.xlsx", no_sku=True)
    found = result.sheets[0].columns.set_index("raw").loc["Return_Refund"]
    assert (found.column, found.matched) == ("status", "by content") and found.confidence < 0.5
    assert result.cases.status.value_counts()[lambda s: s > 0].to_dict() == {"rejected": 1031, "approved": 969}
