"""The Overview's "Needs attention" panel: deadline counts worked out by hand, and the page shows them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.attention import needs_attention
from analysis.filters import FilterSpec
from data.schema import conform

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def small_shop() -> pd.DataFrame:
    """Three open requests and one answered; the data's latest moment is Sat 21 Nov 2026, 12:00."""
    return conform(
        pd.DataFrame(
            {
                "case_id": ["tue", "thu", "fri", "done"],
                "sku": ["A", "A", "B", "B"],
                "reason": ["Defective", "Quality", "Defective", "Other"],
                "request_type": ["Refund Only"] * 4,
                "request_date": pd.to_datetime(["2026-11-17 09:00", "2026-11-19 09:00", "2026-11-20 09:00", "2026-11-20 10:00"]),
                "response_date": pd.to_datetime([None, None, None, "2026-11-21 12:00"]),
                "status": ["requested", "requested", "requested", "refunded"],
            }
        )
    )


def test_due_soon_and_overdue_by_hand():
    # At Sat 12:00 the clock stands at Fri 24:00 (weekends do not count).
    # Thu 09:00 has waited 1.625 working days: 0.375 left, due within a working day.
    # Fri 09:00 has waited 0.625: 1.375 left, not yet due. Tue 09:00 has waited 3.625: overdue.
    found = needs_attention(small_shop(), FilterSpec(period="All time"))
    assert (found.due_soon, found.overdue) == (1, 1)
    assert found.as_of == pd.Timestamp("2026-11-21 12:00")
    assert found.recurring.empty and found.spikes == ()
    assert not found.calm


def test_filters_narrow_the_deadline_counts():
    found = needs_attention(small_shop(), FilterSpec(period="All time", sku=("B",)))
    assert (found.due_soon, found.overdue) == (0, 0)
    assert found.calm


def test_the_overview_shows_what_needs_attention_on_the_demo_shop(fresh_app):
    from data import demo

    shop = demo.generate()
    expected = needs_attention(shop, FilterSpec())
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert f"{expected.due_soon:,} open requests** will be approved" in text
    assert "2 SKU × reason pairs** stand out beyond chance" in text
    assert demo.PLANTED["size_sku"] in text and demo.PLANTED["packaging_sku"] in text
