"""The Money, Deadlines, SKUs and Trends pages keep their figures per data version, view and setting (ui.figures): an
import, an undo or a filter change shows the new figures on the next rerun, never the kept ones."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from tests.app_pages import figure, open_page, values

pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own


def sheet(rows: list[tuple]) -> SheetRead:
    """Cases in IDR: (case, SKU, reason, status, refund, proof sent, requested, first response)."""
    columns = ["case_id", "sku", "reason", "status", "refund_amount", "proof_provided", "request_date", "response_date"]
    frame = pd.DataFrame(rows, columns=columns).assign(request_type="Refund Only", currency="IDR")
    frame["proof_provided"] = frame["proof_provided"].astype("boolean")
    for column in ("request_date", "response_date"):
        frame[column] = pd.to_datetime(frame[column])
    return SheetRead(conform(frame))


FIRST = [
    ("R-1", "A", "Defective", "refunded", 100.0, False, "2026-11-02 10:00", "2026-11-02 12:00"),
    ("R-2", "B", "Wrong item", "refunded", 40.0, True, "2026-11-03 10:00", "2026-11-03 11:00"),
    ("R-3", "A", "Defective", "requested", None, None, "2026-11-05 09:00", None),
]
SECOND = [  # one more refund without proof, on a SKU of its own, and one more open request
    ("R-4", "C", "Defective", "refunded", 25.0, False, "2026-11-04 10:00", "2026-11-04 12:00"),
    ("R-5", "B", "Wrong item", "requested", None, None, "2026-11-05 08:00", None),
]


@pytest.fixture
def store() -> Store:
    store = Store(os.environ["RETURNS_RADAR_DB"])
    store.import_read(sheet(FIRST), file_name="first.csv", data=b"first")
    yield store
    store.close()


def money_shown(page) -> tuple[str, str]:
    """The Refunds card and the label of the table of refunds paid without proof."""
    refunds = next(m.value for m in page.metric if m.label.startswith("Refunds"))
    return refunds, next(t.label for t in page.toggle if "without proof" in t.label)


def open_requests(page) -> str:
    return next(m.value for m in page.metric if m.label == "Open, not yet answered")


def skus_listed(page) -> str:
    return next(e.label for e in page.expander if "SKUs with most cases" in e.label)


def weekly_cases(page) -> int:
    return int(sum(sum(values(trace.y)) for trace in figure(page, "trends_by_reason").data))


@pytest.mark.parametrize(
    ("page_path", "shown", "first", "second", "defective"),
    [
        (
            "views/money.py",
            money_shown,
            ("140", "Show the 1 refund paid without proof, largest first"),
            ("165", "Show the 2 refunds paid without proof, largest first"),
            ("100", "Show the 1 refund paid without proof, largest first"),
        ),
        ("views/deadlines.py", open_requests, "1", "2", "1"),
        ("views/skus.py", skus_listed, "The 2 SKUs with most cases", "The 3 SKUs with most cases", "The 1 SKUs with most cases"),
        ("views/trends.py", weekly_cases, 3, 5, 2),
    ],
)
def test_an_import_an_undo_and_a_filter_change_show_fresh_figures(store, page_path, shown, first, second, defective):
    page = open_page(page_path)
    assert shown(page) == first
    page.run()  # a rerun on the same view reads the kept figures
    assert shown(page) == first
    second_import = store.import_read(sheet(SECOND), file_name="second.csv", data=b"second")
    page.run()
    assert shown(page) == second
    store.undo(second_import.import_id)
    page.run()
    assert shown(page) == first
    page.multiselect(key="reason").set_value(["Defective"]).run()
    assert not page.exception, page.exception
    assert shown(page) == defective
    page.multiselect(key="reason").set_value([]).run()
    assert shown(page) == first
