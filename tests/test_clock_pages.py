"""The response clock set on the Deadlines page, in Streamlit's AppTest, on a small shop whose deadlines are worked out by hand.

The shop's latest moment is Monday 23 Nov 2026, 12:00 (the last response): every clock is read there.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from data.clock import DEFAULT_CLOCK, Clock
from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from ui import format
from ui.response_clock import widget_key

APP = str(Path(__file__).resolve().parent.parent / "app.py")

#  case      request           response          2 working days, waited -> left  3 calendar days, waited -> left
#  thu       Thu 19 09:00      -                 15/24 + 1 + 1/2 = 2.125 -> -0.125    15/24 + 3 + 1/2 = 4.125 -> -1.125
#  fri       Fri 20 10:00      -                 14/24 + 1/2 = 1.083 -> 0.917         14/24 + 2 + 1/2 = 3.083 -> -0.083
#  fri2      Fri 20 20:00      -                 4/24 + 1/2 = 0.667 -> 1.333          4/24 + 2 + 1/2 = 2.667 -> 0.333
#  sat       Sat 21 08:00      -                 (from Mon 00:00) 1/2 -> 1.5          16/24 + 1 + 1/2 = 2.167 -> 0.833
#  mon       Mon 23 08:00      -                 4/24 -> 1.833                         4/24 -> 2.833
#  late      Wed 18 09:00      Mon 23 12:00      took 3.125: late                      took 5.125: late
#  quick     Fri 20 09:00      Sun 22 20:00      took 0.625: in time                   took 2.458: in time
#  slow      Thu 19 18:00      Mon 23 10:00      took 6/24 + 1 + 10/24 = 1.667: in time took 3.667: late
SHOP = [
    ("thu", "2026-11-19 09:00", None),
    ("fri", "2026-11-20 10:00", None),
    ("fri2", "2026-11-20 20:00", None),
    ("sat", "2026-11-21 08:00", None),
    ("mon", "2026-11-23 08:00", None),
    ("late", "2026-11-18 09:00", "2026-11-23 12:00"),
    ("quick", "2026-11-20 09:00", "2026-11-22 20:00"),
    ("slow", "2026-11-19 18:00", "2026-11-23 10:00"),
]


@pytest.fixture
def shop_url(fresh_app, tmp_path) -> str:
    """The app's store (the one `fresh_app` points it at), holding the small shop."""
    url = f"sqlite:///{tmp_path / 'returns.db'}"
    ids, requested, answered = zip(*SHOP, strict=True)
    frame = conform(
        pd.DataFrame(
            {
                "case_id": list(ids),
                "sku": ["A", "B", "C", "D", "E", "F", "G", "H"],
                "reason": ["Defective", "Quality"] * 4,
                "request_type": ["Refund Only"] * 8,
                "request_date": pd.to_datetime(list(requested)),
                "response_date": pd.to_datetime(list(answered)),
                "status": ["refunded" if a else "requested" for a in answered],
                "currency": ["IDR"] * 8,
                "handled_by": ["Ayu"] * 8,
            }
        )
    )
    with Store(url) as store:
        store.import_read(SheetRead(frame), file_name="week 48.csv", data=b"week 48")
    return url


def deadlines() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["period"] = "All time"
    at.run()
    at.switch_page("views/deadlines.py").run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    return at


def heading(at: AppTest) -> str:
    """The caption under the Deadlines title: the view, the moment the clock is read, and the clock's rule."""
    return next(c.value for c in at.caption if "clock read at" in c.value)


def figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def urgent(at: AppTest) -> pd.DataFrame:
    return [t for t in at.dataframe if t.editing_mode == "read_only"][0].value  # the first table: due soon


def on_time_per_person(at: AppTest):
    """The per-person on-time chart as drawn (x: the shares, as plain numbers when there is a single bar)."""
    chart = next(c for c in at.get("plotly_chart") if "deadlines_on_time_person" in c.proto.id)
    return plotly.io.from_json(chart.proto.spec)


def deadline_figures(at: AppTest) -> dict[str, str]:
    return {k: v for k, v in figures(at).items() if not k.startswith("Auto-approved")}


def test_saving_three_calendar_days_changes_every_deadline_figure(shop_url):
    at = deadlines()
    assert "approves a request left 2 working days without an answer (weekends do not count)" in heading(at)
    assert deadline_figures(at) == {"Due in 1 working day": "1", "Open, not yet answered": "5", "Overdue, still open": "1"}
    assert urgent(at)["case_id"].tolist() == ["fri"]
    assert urgent(at)["time_left"].tolist() == ["22 h"]  # 2 working days less 26 hours
    # Counted: thu (overdue), late, quick, slow; in time: quick, slow.
    assert (on_time_per_person(at).layout.xaxis.title.text, on_time_per_person(at).data[0].text) == (
        "Answered within 2 working days",
        ("50%",),
    )

    at.number_input(key=widget_key("days", DEFAULT_CLOCK)).set_value(3)
    at.toggle(key=widget_key("weekends", DEFAULT_CLOCK)).set_value(True)
    save(at)

    assert [t.value for t in at.toast] == ["Response clock saved: 3 calendar days (weekends count)."]
    assert "approves a request left 3 calendar days without an answer (weekends count)" in heading(at)
    assert deadline_figures(at) == {"Due in 1 calendar day": "2", "Open, not yet answered": "5", "Overdue, still open": "2"}
    assert urgent(at)["case_id"].tolist() == ["fri2", "sat"]
    assert urgent(at)["time_left"].tolist() == ["8 h", "20 h"]  # 3 days less 64 and 52 hours
    # Counted: thu, fri (now overdue), late, quick, slow; in time: quick only.
    assert (on_time_per_person(at).layout.xaxis.title.text, on_time_per_person(at).data[0].text) == (
        "Answered within 3 calendar days",
        ("20%",),
    )
    assert at.number_input(key=widget_key("days", Clock(3, True))).value == 3  # the form shows the saved clock
    with Store(shop_url) as store:
        assert store.clock() == Clock(3, weekends_count=True)
    at.switch_page("views/overview.py").run()
    assert figures(at)["Answered within 3 calendar days"] == format.percent(1 / 5)


def test_the_overview_follows_the_saved_clock(shop_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["period"] = "All time"
    at.run()
    # 2 working days: thu, late, quick and slow count (the other open ones can still be answered); quick and slow in time.
    assert figures(at)["Answered within 2 working days"] == format.percent(2 / 4)
    text = " ".join(m.value for m in at.markdown)
    assert "**1 open request** will be approved by the marketplace within a working day unless someone answers. 1 more" in text

    with Store(shop_url) as store:
        store.save_clock(Clock(3, weekends_count=True))  # as a teammate would, from the Deadlines page
    at.run()
    # 3 calendar days: fri, thu, late, quick and slow count; only quick is in time.
    assert figures(at)["Answered within 3 calendar days"] == format.percent(1 / 5)
    text = " ".join(m.value for m in at.markdown)
    assert "**2 open requests** will be approved by the marketplace within a calendar day unless someone answers. 2 more" in text


def test_holidays_are_added_and_removed_in_the_form(shop_url):
    at = deadlines()
    # Friday 20 Nov a holiday: thu has waited 15/24 + 1/2 = 1.125 (0.875 left, due soon), fri's clock starts Monday (1.5 left).
    at.session_state[widget_key("holidays", DEFAULT_CLOCK)] = {
        "edited_rows": {},
        "added_rows": [{"holiday": "2026-11-20"}],
        "deleted_rows": [],
    }
    save(at)
    holiday = Clock(holidays=("2026-11-20",))
    assert "(weekends and 1 listed holiday do not count)" in heading(at)
    assert deadline_figures(at) == {"Due in 1 working day": "1", "Open, not yet answered": "5", "Overdue, still open": "0"}
    assert urgent(at)["case_id"].tolist() == ["thu"]
    assert urgent(at)["time_left"].tolist() == ["21 h"]  # 2 working days less 27 hours
    assert at.data_editor[0].value["holiday"].tolist() == [pd.Timestamp("2026-11-20")]

    at.session_state[widget_key("holidays", holiday)] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    save(at)
    assert "(weekends do not count)" in heading(at)
    with Store(shop_url) as store:
        assert store.clock() == DEFAULT_CLOCK


def test_on_the_demo_shop_the_clock_is_saved_for_the_sheets_to_come(fresh_app, tmp_path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/deadlines.py").run()
    assert any("Demo data" in m.value for m in at.markdown)
    assert any("Nothing imported yet: the clock is saved in the store" in c.value for c in at.caption)
    at.number_input(key=widget_key("days", DEFAULT_CLOCK)).set_value(2.5)
    save(at)
    assert "Due in 1 working day" in figures(at) and "2.5 working days without an answer" in heading(at)
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        assert store.clock() == Clock(2.5) and store.is_empty()
