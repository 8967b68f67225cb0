"""Times written with an offset (`+07:00`, `+0700`, `Z`) are read as the shop's wall clock when its time zone is
given; times written without one are never shifted. Every expected time is worked out by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from data.errors import ReadError
from data.orders import read_orders
from data.reader import read_sheet
from data.values import parse_dates


def times(cells: list[str | None], tz: str | None) -> list[str]:
    return parse_dates(pd.Series(cells), tz).values.dt.strftime("%Y-%m-%d %H:%M:%S").fillna("").tolist()


def test_offsets_become_the_wall_clock_of_the_zone():
    cells = ["2026-05-22T23:10:00+07:00", "2026-05-21T04:38:32+00:00", "2026-05-21T04:38:32Z"]
    # Jakarta is UTC+7 all year: a +07:00 time is already Jakarta's; 04:38:32 UTC is 11:38:32 there.
    assert times(cells, "Asia/Jakarta") == ["2026-05-22 23:10:00", "2026-05-21 11:38:32", "2026-05-21 11:38:32"]
    # Without a zone, as before: UTC (23:10 at +07:00 is 16:10 UTC).
    assert times(cells, None) == ["2026-05-22 16:10:00", "2026-05-21 04:38:32", "2026-05-21 04:38:32"]


def test_offsets_without_a_colon_after_a_space_as_shopify_writes_them():
    cells = ["2026-04-02 11:00:00 +0700", "2026-04-05 22:30:00 -0500"]
    # 22:30 at -05:00 is 03:30 UTC on 6 April, 10:30 in Jakarta.
    assert times(cells, "Asia/Jakarta") == ["2026-04-02 11:00:00", "2026-04-06 10:30:00"]


def test_new_york_across_both_daylight_saving_changes():
    # 2026: clocks go forward on 8 March at 07:00 UTC (EST, UTC-5 -> EDT, UTC-4) and back on 1 November at 06:00 UTC.
    cells = [
        "2026-03-08T06:30:00Z",
        "2026-03-08T07:30:00Z",
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:30:00Z",
        "2026-03-08T12:00:00+07:00",
    ]  # 05:00 UTC, before the change: 00:00 EST
    assert times(cells, "America/New_York") == [
        "2026-03-08 01:30:00",
        "2026-03-08 03:30:00",
        "2026-11-01 01:30:00",
        "2026-11-01 01:30:00",
        "2026-03-08 00:00:00",
    ]


def test_a_column_mixing_offset_and_offset_free_cells_shifts_only_the_offset_ones():
    cells = ["2026-05-21 04:38:32", "2026-05-21T04:38:32+00:00", "21/05/2026 04:38", "2026-05-21T04:38:32.250Z", None, "2026-05-21"]
    shifted = times(cells, "Asia/Jakarta")
    assert shifted == [
        "2026-05-21 04:38:32",
        "2026-05-21 11:38:32",
        "2026-05-21 04:38:00",
        "2026-05-21 11:38:32",
        "",
        "2026-05-21 00:00:00",
    ]
    assert times(cells, None)[1] == "2026-05-21 04:38:32"


def test_a_monday_morning_request_written_in_utc_stays_on_monday_in_jakarta():
    # Monday 25 May 2026 05:00 in Jakarta is Sunday 24 May 22:00 UTC.
    parsed = parse_dates(pd.Series(["2026-05-24T22:00:00Z"]), "Asia/Jakarta").values
    assert parsed.dt.day_name().tolist() == ["Monday"] and parsed.dt.hour.tolist() == [5]


def test_offset_free_columns_are_never_shifted_whatever_the_zone():
    cells = ["2026-04-29 10:00", "29/04/2026", "45000", "08-Aug-24"]
    assert times(cells, "Pacific/Kiritimati") == times(cells, None)


def test_out_of_range_dates_with_an_offset_are_still_listed():
    parsed = parse_dates(pd.Series(["2026-05-21T04:38:32+07:00", "1600-05-21T04:38:32+07:00"]), "Asia/Jakarta")
    assert parsed.values.tolist() == [pd.Timestamp("2026-05-21 04:38:32"), pd.NaT]
    assert parsed.implausible.tolist() == [False, True]


def test_an_unknown_zone_is_named():
    with pytest.raises(ValueError, match="unknown time zone 'Asia/Jakartaa'"):
        parse_dates(pd.Series(["2026-05-21"]), "Asia/Jakartaa")


def test_read_sheet_reads_a_shopify_export_in_the_shop_zone(tmp_path):
    path = tmp_path / "orders_export_1.csv"
    pd.DataFrame(
        {
            "Name": ["#1002", "#1003"],
            "Financial Status": ["refunded", "refunded"],
            "Paid at": ["2026-04-02 11:00:00 +0700", "2026-04-03 23:30:00 +0000"],
            "Lineitem sku": ["SH-2", "SH-3"],
            "Lineitem quantity": ["1", "1"],
        }
    ).to_csv(path, index=False)
    cases = read_sheet(path, tz="Asia/Jakarta").cases
    # 23:30 UTC on 3 April is 06:30 on 4 April in Jakarta.
    assert cases.request_date.astype(str).tolist() == ["2026-04-02 11:00:00", "2026-04-04 06:30:00"]


def test_read_sheet_large_column_with_offsets_in_the_shop_zone(tmp_path):
    """Above the parallel threshold (20,000 rows): the whole column is read by one vectorised format."""
    rows = 30_000
    stamps = [f"2026-05-{1 + i % 28:02d}T{i % 24:02d}:15:00+00:00" for i in range(rows)]
    path = tmp_path / "big.csv"
    pd.DataFrame({"SKU": [f"S{i}" for i in range(rows)], "Request Date": stamps, "Resolved Date": ["2026-06-01 12:00"] * rows}).to_csv(
        path, index=False
    )
    cases = read_sheet(path, tz="Asia/Jakarta").cases
    assert len(cases) == rows
    # Row 17 (i = 17): 18 May 17:15 UTC -> 19 May 00:15 in Jakarta; the offset-free resolved date is kept.
    assert str(cases.request_date[17]) == "2026-05-19 00:15:00"
    assert str(cases.resolved_date[17]) == "2026-06-01 12:00:00"
    assert (cases.request_date - pd.to_datetime(pd.Series(stamps)).dt.tz_convert(None) == pd.Timedelta(hours=7)).all()


def test_read_orders_counts_a_sale_on_the_shop_day(tmp_path):
    path = tmp_path / "orders.csv"
    pd.DataFrame(
        {
            "Name": ["#1", "#2"],
            "Paid at": ["2026-04-01T20:00:00Z", "2026-04-01T10:00:00Z"],
            "Lineitem sku": ["A", "A"],
            "Lineitem quantity": ["1", "2"],
        }
    ).to_csv(path, index=False)
    # 20:00 UTC on 1 April is 03:00 on 2 April in Jakarta; 10:00 UTC is 17:00 the same day.
    assert read_orders(path, tz="Asia/Jakarta").orders.date.astype(str).tolist() == ["2026-04-02", "2026-04-01"]
    assert read_orders(path).orders.date.astype(str).tolist() == ["2026-04-01", "2026-04-01"]


@pytest.mark.parametrize("reader", [read_sheet, read_orders])
def test_readers_name_an_unknown_zone(tmp_path, reader):
    path = tmp_path / "week.csv"
    path.write_text("SKU,Request Date\nA,2026-04-01\n")
    with pytest.raises(ReadError, match="week.csv: unknown time zone 'Jakarta'"):
        reader(path, tz="Jakarta")
