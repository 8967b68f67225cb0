"""Unknown is never zero, in Streamlit's AppTest: stores whose files lack a column say "not in your files"
(and which column would provide it), and partial columns say "based on N of M cases".

Each store is small and worked out by hand in its test.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.reader import SheetRead
from data.schema import conform
from data.store import Store
from tests.app_pages import cards, figure, open_page, unfold, values


def store(url: str, **columns) -> None:
    """Ten IDR cases requested each day from Wed 11 to Fri 20 Nov 2026 at 09:00, refunded 10,000 each, answered
    within the hour, with a proof flag; `columns` replaces (or blanks, with None) any column."""
    days = pd.date_range("2026-11-11 09:00", periods=10, freq="D")
    frame = pd.DataFrame(
        {
            "case_id": [f"C{i}" for i in range(10)],
            "sku": ["A", "B"] * 5,
            "reason": ["Defective"] * 10,
            "request_type": ["Refund Only"] * 10,
            "request_date": days,
            "response_date": days + pd.Timedelta(hours=1),
            "status": ["refunded"] * 10,
            "refund_amount": [10_000.0] * 10,
            "currency": ["IDR"] * 10,
            "proof_provided": pd.array([True, False] * 5, dtype="boolean"),
        }
    )
    for name, value in columns.items():
        frame[name] = value
    with Store(url) as opened:
        opened.import_read(SheetRead(conform(frame)), file_name="sheet.csv", data=b"sheet")


@pytest.fixture
def url(fresh_app, tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'returns.db'}"


def page(name: str) -> AppTest:
    return open_page(f"views/{name}.py", {"period": "All time"})


def text(at: AppTest) -> str:
    return "\n".join(
        [c.value for c in at.caption] + [m.value for m in at.markdown] + [i.value for i in at.info] + [s.value for s in at.success]
    )


def test_no_response_time_in_any_file_is_not_in_your_files_on_the_overview(url):
    store(url, response_date=None)
    got = cards(page("overview"))
    assert got["Answered within 2 working days"] == ("N/A", "Not in your files. Add a first-response date column.")
    assert got["Cases"][0] == "10" and got["Refund total (IDR)"][0] == "100k"


def test_response_time_for_some_cases_says_on_how_many(url):
    answered = pd.Series(pd.date_range("2026-11-11 10:00", periods=10, freq="D"))
    answered[[1, 4, 7, 9]] = pd.NaT  # 6 of 10 finished cases say when they were answered, all within the hour
    store(url, response_date=answered)
    at = page("overview")
    assert cards(at)["Answered within 2 working days"][0] == "100.0%"
    assert "based on 6 of 10 cases" in [c.value for c in at.caption]


def test_no_refund_amount_column_is_not_in_your_files_and_not_zero(url):
    store(url, refund_amount=None)
    assert cards(page("overview"))["Refund total (IDR)"] == ("N/A", "Not in your files. Add a refund amount column.")
    money = page("money")
    assert cards(money)["Refunds (IDR)"] == ("N/A", "Not in your files. Add a refund amount column.")
    assert "No file gives the refund amount of its cases" in text(money)
    assert not [c for c in money.get("plotly_chart") if "money_week" in c.proto.id]


def test_no_reason_column_money_opens_on_the_breakdown_it_can_draw(url):
    store(url, reason=None)  # every request type the same: one bar, nothing ranked
    at = page("money")
    (ranked,) = [c for c in at.get("plotly_chart") if c.proto.id.rsplit("-", 1)[-1] in ("money_reason", "money_type", "money_sku")]
    assert ranked.proto.id.endswith("money_sku")  # by reason a blank note, by type one bar; two SKUs of five cases each
    assert values(figure(at, "money_sku").data[0].x) == [50_000.0, 50_000.0]
    assert at.button_group(key="money_by").value == "sku"
    assert at.query_params["money_by"] == "sku"  # the address says what is shown
    at.button_group(key="money_by").set_value("reason").run()
    assert "No case with a refund amount in this view has a reason." in text(at)


def test_no_proof_column_money_says_so_instead_of_empty_charts(url):
    store(url, proof_provided=None)
    at = page("money")
    assert cards(at)["Refunded without proof (IDR)"] == (
        "N/A",
        "Not in your files. Add a column saying whether the buyer sent a photo or video.",
    )
    assert cards(at)["Refunds (IDR)"][0] == "100k"
    assert "No file gives the proof of its cases, so there is nothing to draw here." in text(at)
    assert not [c for c in at.get("plotly_chart") if "money_proof" in c.proto.id]


def test_proof_for_some_refunds_says_on_how_many(url):
    store(url, proof_provided=pd.array([True, False, None, None, True, False, True, False, None, False], dtype="boolean"))
    at = page("money")
    # known on 7 of the 10 refunded requests; paid without proof: cases 1, 5, 7, 9 = 40,000 of 100,000
    assert cards(at)["Refunded without proof (IDR)"] == ("40k", "40% of refunds")
    assert "based on 7 of 10 cases" in [c.value for c in at.caption]


def test_deadlines_of_a_file_naming_nobody_in_charge_open_on_the_weeks(url):
    store(url)  # no person-in-charge column; every request answered within the hour
    at = page("deadlines")
    assert at.button_group(key="deadlines_on_time_by").value == "week"
    assert at.query_params["deadlines_on_time_by"] == "week"  # the address says what is shown
    fig = figure(at, "deadlines_on_time_week")
    # Wed 11 to Sun 15 Nov fall in the week of Monday 9, Mon 16 to Fri 20 in the week of Monday 16: all in time
    assert [pd.Timestamp(x) for x in fig.data[0].x] == [pd.Timestamp("2026-11-09"), pd.Timestamp("2026-11-16")]
    assert values(fig.data[0].y) == [1.0, 1.0]


def test_no_status_column_is_never_past_the_deadline(url):
    # a sheet with no status and no responses: it cannot say whether a request still waits
    store(url, status=None, response_date=None)
    at = page("deadlines")
    got = cards(at)
    assert got["Overdue, still open"] == ("N/A", "Not in your files. Add a status column.")
    # Neither a status nor a first-response date: whether anyone answered is unknown, so nothing is open or due.
    no_answer = ("N/A", "Not in your files. Add a status column or a first-response date column.")
    assert got["Open, not yet answered"] == no_answer and got["Due in 1 working day"] == no_answer
    assert got["Auto-approved (IDR)"] == ("N/A", "Not in your files. Add a status column.")
    assert "No file gives the response time of its cases, so there is nothing to draw here." in text(at)
    assert not [c for c in at.get("plotly_chart") if "deadlines_on_time" in c.proto.id]
    assert "past the deadline" not in text(at).replace("Overdue, still open", "")
    overview = page("overview")
    assert "past the limit" not in text(overview)
    assert "will be approved" not in text(overview)


def test_a_requested_status_past_its_deadline_is_past_the_deadline(url):
    status = ["refunded"] * 10
    status[5] = "requested"  # Mon 16 09:00, 4 working days before Fri 20 09:00: 2 past the deadline
    response = pd.Series(pd.date_range("2026-11-11 10:00", periods=10, freq="D"))
    response[5] = pd.NaT
    store(url, status=status, response_date=response)
    at = unfold(page("deadlines"), "deadlines_list")
    assert cards(at)["Overdue, still open"][0] == "1"
    assert "1 request past the deadline" in text(at)
    assert "1 more is already past the limit." in text(page("overview"))
