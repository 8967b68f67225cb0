"""The insight pages (Recurring causes, Deadlines, Money) in Streamlit's AppTest, on the demo shop.

Expected figures are computed here by hand from `data.demo.generate()` with plain pandas, independently
of the analysis code; drawn figures are read back from the page's plotly spec.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data import demo
from data.reader import SheetRead
from data.store import Store
from tests.app_pages import cards, copied, figure, open_link, open_page, values
from tests.rendered import rendered
from ui import format

PAGES = {"views/causes.py": "Recurring causes", "views/deadlines.py": "Deadlines", "views/money.py": "Money"}
NOT_PAID = ["rejected", "cancelled", "requested"]


pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return demo.generate()


def last_weeks(cases: pd.DataFrame, weeks: int) -> pd.DataFrame:
    day = cases["request_date"].dt.normalize()
    end = day.max()
    return cases[(day > end - pd.Timedelta(days=7 * weeks)) & (day <= end)]


def paid(cases: pd.DataFrame) -> pd.Series:
    """The refund each case paid, by hand: the amount unless rejected, cancelled or still requested."""
    return cases["refund_amount"].fillna(0).where(~cases["status"].astype(str).isin(NOT_PAID), 0.0)


def working_days_by_hand(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Weekdays from `start` to `end`: whole weekdays before the end's day, less the part of a weekday start gone, plus the end's part."""
    if pd.isna(end):
        return float("nan")
    day = pd.Timedelta(days=1)
    took = float(len(pd.bdate_range(start.normalize(), end.normalize() - day)))
    if start.weekday() < 5:
        took -= (start - start.normalize()) / day
    if end.weekday() < 5:
        took += (end - end.normalize()) / day
    return took


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).name)
def test_each_insight_page_runs_on_demo_data(page):
    at = open_page(page)
    assert at.title[0].value == PAGES[page]
    assert any("Demo data" in m.value for m in at.markdown)


def test_recurring_causes_shows_the_planted_causes_with_their_evidence():
    at = open_page("views/causes.py")
    text = [rendered(m.value) for m in at.markdown]
    for sku, reason in ((demo.PLANTED["size_sku"], "Wrong size or fit"), (demo.PLANTED["packaging_sku"], "Damaged packaging")):
        heading = next(t for t in text if f"**{sku} · {reason}**" in t)
        assert "-badge[" in heading  # the status badge leads the card
        assert any(t.startswith(f"SKU {sku}: {reason.lower()} is ") for t in text)
    # The planted missing-item week (one person in charge) is listed among the earlier spikes.
    spike = next(t for t in text if t.startswith("- Missing item:"))
    assert f"{demo.PLANTED['missing_week']:%d %b %Y}" in spike and demo.PLANTED["missing_handler"] in spike


def test_the_planted_missing_item_cluster_shows_under_person_in_charge():
    at = open_page("views/causes.py")
    at.button_group(key="causes_pair").set_value("Person in charge × reason").run()
    assert not at.exception, at.exception
    assert any(f"**{demo.PLANTED['missing_handler']} · Missing item**" in m.value for m in at.markdown)
    assert at.caption[0].value.startswith("Each person in charge × reason pair is tested")


def test_a_reason_filter_picks_the_causes_and_an_empty_result_says_what_was_tested(shop):
    at = open_page("views/causes.py", {"reason": "Wrong size or fit"})
    cards = [m.value for m in at.markdown if " · " in m.value and "-badge[" in m.value]
    assert cards and all("Wrong size or fit" in c for c in cards)

    at = open_page("views/causes.py", {"reason": "Changed mind"})
    message = at.success[0].value
    assert message.startswith("**Nothing stands out beyond chance lately.**")
    recent = shop[shop["request_date"] > shop["request_date"].max().normalize() - pd.Timedelta(weeks=8)]
    recent = recent[recent["reason"] == "Changed mind"]
    assert f"{recent['sku'].nunique():,} SKU × reason pairs with {len(recent):,} cases in the last 8 weeks" in message


def test_deadlines_counts_auto_approved_refunds_and_open_requests(shop):
    at = open_page("views/deadlines.py")
    now = last_weeks(shop, 12)
    auto = now[now["status"] == "auto-approved"]
    assert cards(at)["Auto-approved (IDR)"] == (format.money(auto["refund_amount"].sum()), format.count(len(auto), "case"))
    waiting = now[(now["status"] == "requested") & now["response_date"].isna()]
    assert cards(at)["Open, not yet answered"][0] == format.number(len(waiting))

    # A filter changes the numbers: the same figure for one reason.
    at = open_page("views/deadlines.py", {"reason": "Defective"})
    defective = auto[auto["reason"] == "Defective"]
    shown = cards(at)["Auto-approved (IDR)"][0]
    assert shown == format.money(defective["refund_amount"].sum()) != format.money(auto["refund_amount"].sum())


def test_deadlines_lists_the_requests_due_within_a_working_day_most_urgent_first(shop, tmp_path):
    # A sheet exported on Sunday night: nothing in it happens after its last request (the demo resolves later).
    cutoff = shop["request_date"].max()
    sheet = shop.copy()
    for column in ("response_date", "resolved_date"):
        sheet[column] = sheet[column].where(sheet[column] <= cutoff)
    Store(f"sqlite:///{tmp_path / 'returns.db'}").import_read(SheetRead(sheet), file_name="week 47.csv", data=b"week 47")

    at = open_page("views/deadlines.py")
    assert not any("Demo data" in m.value for m in at.markdown)
    waiting = sheet[(sheet["status"] == "requested") & sheet["response_date"].isna()]
    left = 2 - pd.Series([working_days_by_hand(r, cutoff) for r in waiting["request_date"]], index=waiting.index)
    urgent = left[(left >= 0) & (left <= 1)].sort_values(kind="stable")
    assert len(urgent) > 0
    table = [t for t in at.dataframe if t.editing_mode == "read_only"][0].value  # the first table on the page: the urgent list
    assert table["case_id"].tolist() == waiting.loc[urgent.index, "case_id"].tolist()
    assert table["time_left"].tolist() == [format.duration(d) for d in urgent]
    assert cards(at)["Due in 1 working day"][0] == format.number(len(urgent))


def test_deadlines_draws_the_on_time_share_per_person_or_per_week(shop):
    at = open_page("views/deadlines.py", {"period": "Last 4 weeks"})
    fig = figure(at, "deadlines_on_time_person")
    # By hand: answered within 2 working days; open cases still inside their clock at the data's
    # last moment are left out, open cases past it count as late.
    now = last_weeks(shop, 4)
    took = pd.Series(
        [working_days_by_hand(s, r) for s, r in zip(now["request_date"], now["response_date"], strict=True)], index=now.index, dtype="float"
    )
    as_of = shop[["request_date", "response_date", "resolved_date"]].max().max()
    waited = pd.Series([working_days_by_hand(s, as_of) for s in now["request_date"]], index=now.index, dtype="float")
    waiting = (now["status"] == "requested") & (waited <= 2)
    assert waiting.any()  # the demo sheet ends with requests still inside their clock
    in_time = (took <= 2) & (now["status"] != "auto-approved")
    expected = in_time[~waiting].groupby(now.loc[~waiting, "handled_by"]).mean()
    shown = dict(zip(values(fig.data[0].y), values(fig.data[0].x), strict=True))
    assert shown.keys() == set(expected.index)
    for person, share in expected.items():
        assert shown[person] == pytest.approx(share)
    assert fig.layout.xaxis.title.text == "Answered within 2 working days"
    assert not [c for c in at.get("plotly_chart") if "deadlines_on_time_week" in c.proto.id]  # one on-time chart at a time

    # The link's choice draws the same shares per week of request (weeks start on Monday) instead
    weekly = open_page("views/deadlines.py", {"period": "Last 4 weeks", "deadlines_on_time_by": "WEEK"})
    assert not [c for c in weekly.get("plotly_chart") if "deadlines_on_time_person" in c.proto.id]
    fig = figure(weekly, "deadlines_on_time_week")
    day = now["request_date"].dt.normalize()
    monday = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    by_week = in_time[~waiting].groupby(monday[~waiting]).mean()
    assert [pd.Timestamp(x) for x in fig.data[0].x] == list(by_week.index)
    assert values(fig.data[0].y) == pytest.approx(list(by_week))


def test_money_totals_and_the_reason_chart_match_a_hand_count(shop):
    at = open_page("views/money.py")
    now = last_weeks(shop, 12)
    refund = paid(now)
    assert cards(at)["Refunds (IDR)"] == (format.money(refund.sum()), format.count(int((refund > 0).sum()), "refunded case"))
    assert cards(at)["Lost to auto-approval (IDR)"][0] == format.money(refund[now["status"] == "auto-approved"].sum())
    assert cards(at)["Refunded without proof (IDR)"][0] == format.money(refund[now["proof_provided"] == False].sum())  # noqa: E712

    fig = figure(at, "money_reason")
    by_reason = refund.groupby(now["reason"].astype(str)).sum().sort_values(ascending=False)
    assert values(fig.data[0].y) == list(by_reason.index)
    assert values(fig.data[0].x) == pytest.approx(list(by_reason))
    assert fig.layout.xaxis.title.text == "Refund value (IDR)"
    week = figure(at, "money_week")
    assert week.layout.xaxis.title.text == "Week of request date (Monday)"
    assert sum(values(week.data[0].y)) == pytest.approx(refund.sum())


def test_money_draws_one_breakdown_at_a_time_and_the_link_keeps_it(shop):
    now = last_weeks(shop, 12)
    refund = paid(now)
    at = open_page("views/money.py")
    shown = sorted(c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart"))
    assert shown == ["money_proof_type", "money_reason", "money_week"]  # one ranked chart, one proof chart

    # a link in another case picks the request types, and the copied link keeps the choice as the page spells it
    at = open_link("views/money.py", {"money_by": "REQUEST_TYPE", "money_proof_by": "Reason"})
    by_type = refund.groupby(now["request_type"].astype(str)).sum().sort_values(ascending=False)
    fig = figure(at, "money_type")
    assert values(fig.data[0].y) == list(by_type.index)
    assert values(fig.data[0].x) == pytest.approx(list(by_type))
    assert not [c for c in at.get("plotly_chart") if "money_reason" in c.proto.id or "money_proof_type" in c.proto.id]
    buyers = now[now["courier_return"] != True]  # noqa: E712
    known = buyers[buyers["proof_provided"].notna()]
    with_proof = known.groupby(known["reason"].astype(str))["proof_provided"].mean()
    proof = figure(at, "money_proof_reason")
    assert dict(zip(values(proof.data[0].y), values(proof.data[0].x), strict=True)) == pytest.approx(with_proof.to_dict())
    assert copied(at)[1] == {"money_by": ["request_type"], "money_proof_by": ["reason"]}

    at.button_group(key="money_by").set_value("sku").run()
    top = refund.groupby(now["sku"].astype(str)).sum().sort_values(ascending=False).head(15)
    sku = figure(at, "money_sku")
    assert values(sku.data[0].x) == pytest.approx(list(top))
    assert copied(at)[1]["money_by"] == ["sku"]


def test_money_follows_the_sku_filter(shop):
    sku = demo.PLANTED["size_sku"]
    at = open_page("views/money.py", {"sku": sku, "period": "Last 52 weeks"})
    mine = last_weeks(shop, 52)
    mine = mine[mine["sku"] == sku]
    assert cards(at)["Refunds (IDR)"][0] == format.money(paid(mine).sum())
    assert [b.proto.label for b in at.get("download_button")] == ["Rows (CSV)", "Rows (Excel)", "Weekly summary (Excel)"]
    assert all(b.proto.id for b in at.get("download_button"))


def test_trends_offers_the_downloads_of_its_view():
    at = open_page("views/trends.py", {"reason": "Defective"})
    assert [b.proto.label for b in at.get("download_button")] == ["Rows (CSV)", "Rows (Excel)", "Weekly summary (Excel)"]
