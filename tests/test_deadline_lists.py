"""The Deadlines page's lists on a real store: a long list shows its first rows (most urgent, oldest) and the rest
only when asked for, so a filter change does not send hundreds of rows nobody reads."""

from __future__ import annotations

import pandas as pd
import pytest

from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from tests.app_pages import open_page
from ui.tables import LISTED

URGENT = 130  # open requests, all due within a working day
WAITING = 130  # approved returns not yet confirmed received


def sheet() -> pd.DataFrame:
    """Open requests made Tue 17 Nov 2026 from 09:00, a minute apart (due Thu from 09:00, within a working day of the
    clock read Wed 18 Nov 12:30); approved returns requested an hour apart before Mon 16 Nov 08:00 (R129 oldest); one
    answered case that sets the clock."""
    urgent = pd.DataFrame(
        {
            "case_id": [f"U{i}" for i in range(URGENT)],
            "request_type": "Refund Only",
            "status": "requested",
            "request_date": pd.Timestamp("2026-11-17 09:00") + pd.to_timedelta(range(URGENT), unit="min"),
            "response_date": pd.NaT,
        }
    )
    asked = pd.Timestamp("2026-11-16 08:00") - pd.to_timedelta(range(WAITING), unit="h")
    waiting = pd.DataFrame(
        {
            "case_id": [f"R{i}" for i in range(WAITING)],
            "request_type": "Return + Refund",
            "status": "approved",
            "request_date": asked,
            "response_date": asked + pd.Timedelta(hours=1),
        }
    )
    clock = pd.DataFrame(
        {
            "case_id": ["Z"],
            "request_type": "Refund Only",
            "status": "refunded",
            "request_date": [pd.Timestamp("2026-11-18 12:00")],
            "response_date": [pd.Timestamp("2026-11-18 12:30")],
        }
    )
    frame = pd.concat([urgent, waiting, clock], ignore_index=True)
    return frame.assign(sku="A", reason="Defective")


@pytest.fixture
def deadlines(fresh_app, tmp_path):
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        store.import_read(SheetRead(conform(sheet())), file_name="sheet.csv", data=b"sheet")
    at = open_page("views/deadlines.py", {"period": "All time"})
    assert not at.exception, at.exception
    return at


def listed(at) -> list[list[str]]:
    return [table.value["case_id"].tolist() for table in at.dataframe if "case_id" in table.value.columns]


def test_the_urgent_list_shows_the_most_urgent_and_says_how_many_more(deadlines):
    urgent, receipt = listed(deadlines)  # the full open list and the rest of the receipts are not sent
    assert urgent == [f"U{i}" for i in range(LISTED)]  # due first: requested first
    captions = " ".join(c.value for c in deadlines.caption)
    assert f"The {LISTED} most urgent of {URGENT} are listed" in captions
    assert receipt == [f"R{i}" for i in range(WAITING - 1, WAITING - 1 - LISTED, -1)]  # oldest first


def test_the_other_returns_are_listed_when_asked_for(deadlines):
    switch = deadlines.toggle(key="deadlines_receipt_list")
    assert switch.label == f"Show the other {WAITING - LISTED} Return + Refund cases"
    switch.set_value(True).run()
    assert not deadlines.exception, deadlines.exception
    *_, receipt, rest = listed(deadlines)
    assert receipt[0] == f"R{WAITING - 1}" and len(receipt) == LISTED
    assert rest == [f"R{i}" for i in range(WAITING - 1 - LISTED, -1, -1)]
    assert len(set(receipt) | set(rest)) == WAITING
