"""The Overview's and Recurring causes' figures kept per data version and view (ui.rows, ui.headline, the buyers'
words and the tested counts) follow a filter change, an import and an undo: every number is checked against a count
made by hand from the store's cases after each step, never against the page's own earlier answer.
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from data import demo
from data.reader import SheetRead
from data.store import Store
from tests.app_pages import APP, cards, figure, values
from tests.conftest import demo_store
from tests.rendered import rendered
from ui import format

WORD = "zipper"  # the comment of every added "Other" case


@pytest.fixture
def url(tmp_path, monkeypatch) -> str:
    """A SQLite store of the test's own holding a small demo shop, with empty Streamlit caches."""
    yield demo_store(tmp_path, monkeypatch, per_week=20)
    st.cache_data.clear()
    st.cache_resource.clear()


def stored(url: str) -> pd.DataFrame:
    with Store(url) as store:
        return store.load_cases()


def buyer_requests_in(cases: pd.DataFrame, weeks: int, weeks_back: int = 0, reason: str | None = None) -> int:
    """Buyer requests of the `weeks` weeks ending `weeks_back` periods before the latest request day, counted by hand."""
    last = cases["request_date"].max().normalize() - pd.Timedelta(days=7 * weeks * weeks_back)
    first = last - pd.Timedelta(days=7 * weeks - 1)
    day = cases["request_date"].dt.normalize()
    keep = (day >= first) & (day <= last) & ~cases["courier_return"].fillna(False).astype(bool)
    if reason:
        keep &= cases["reason"].astype(str) == reason
    return int(keep.sum())


def recent(cases: pd.DataFrame) -> pd.Series:
    """Whether each case is in the 8 weeks to the latest request that the recurring test reads."""
    return cases["request_date"] > cases["request_date"].max().normalize() - pd.Timedelta(weeks=8)


def quiet_sku(cases: pd.DataFrame) -> str:
    """The SKU with the most recent cases of those the demo plants no cause on."""
    planted = {demo.PLANTED["packaging_sku"], demo.PLANTED["size_sku"]}
    counts = cases.loc[recent(cases) & ~cases["sku"].isin(planted), "sku"].value_counts()
    return str(counts.index[0])


def added_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """40 new "Other" requests saying the word, and 3 of the quiet SKU under three reasons, on the latest days."""
    latest = cases.sort_values("request_date").tail(43).reset_index(drop=True)
    quiet = quiet_sku(cases)
    extra = latest.assign(
        case_id=[f"ADDED-{n}" for n in range(43)],
        order_id=[f"ADDED-ORDER-{n}" for n in range(43)],
        reason=["Other"] * 40 + ["Defective", "Wrong item", "Quality"],
        comment=[f"the {WORD} broke on day one"] * 40 + ["-"] * 3,
        sku=list(latest["sku"].head(40)) + [quiet] * 3,
        courier_return=pd.array([False] * 43, dtype="boolean"),
    )
    return extra.astype(cases.dtypes.to_dict())


def overview_of(at: AppTest) -> tuple[str, str | None, int]:
    """The Cases card's value and change, and the sum of the weekly chart's bars."""
    value, change = cards(at)["Cases"]
    bars = figure(at, "overview_weekly").data[0].y
    return value, change, int(sum(values(bars)))


def expected_overview(cases: pd.DataFrame, reason: str | None = None) -> tuple[str, str | None, int]:
    now = buyer_requests_in(cases, 12, reason=reason)
    before = buyer_requests_in(cases, 12, weeks_back=1, reason=reason)
    return format.number(now), format.count_change(now, before), now


def words_and_tested(at: AppTest) -> tuple[str, str]:
    return "\n".join(rendered(m.value) for m in at.markdown), "\n".join(rendered(s.value) for s in at.success)


def quiet_tested(cases: pd.DataFrame, sku: str) -> int:
    """The SKU's cases with a reason in the 8 weeks to the latest request (what its test reads)."""
    return int(((cases["sku"] == sku) & recent(cases) & cases["reason"].notna()).sum())


def test_the_overview_follows_a_filter_change_an_import_and_an_undo(url):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    first = stored(url)
    assert overview_of(at) == expected_overview(first)

    at.multiselect(key="reason").set_value(["Other"]).run()
    assert overview_of(at) == expected_overview(first, "Other")
    at.multiselect(key="reason").set_value([]).run()
    assert overview_of(at) == expected_overview(first)  # the first view again, from its kept figures

    with Store(url) as store:
        added = store.import_read(SheetRead(added_cases(first)), file_name="second.csv", data=b"second")
    second = stored(url)
    assert len(second) == len(first) + 43
    at.run()
    assert overview_of(at) == expected_overview(second)
    at.multiselect(key="reason").set_value(["Other"]).run()
    assert overview_of(at) == expected_overview(second, "Other")
    assert expected_overview(second, "Other")[2] == expected_overview(first, "Other")[2] + 40

    with Store(url) as store:
        store.undo(added.import_id)
    at.run()
    assert overview_of(at) == expected_overview(first, "Other")


def test_recurring_causes_words_and_tested_counts_follow_an_import_and_an_undo(url):
    first = stored(url)
    quiet = quiet_sku(first)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/causes.py").run()
    assert not at.exception, at.exception
    assert WORD not in words_and_tested(at)[0]

    at.multiselect(key="sku").set_value([quiet]).run()
    tested = words_and_tested(at)[1]
    assert f"with {format.number(quiet_tested(first, quiet))} cases in the last 8 weeks were tested" in tested

    with Store(url) as store:
        added = store.import_read(SheetRead(added_cases(first)), file_name="second.csv", data=b"second")
    second = stored(url)
    at.run()
    assert quiet_tested(second, quiet) >= quiet_tested(first, quiet) + 3
    assert f"with {format.number(quiet_tested(second, quiet))} cases in the last 8 weeks were tested" in words_and_tested(at)[1]

    at.multiselect(key="sku").set_value([]).run()
    words = words_and_tested(at)[0]
    assert f"“{WORD} broke” (40)" in words  # under Other: the 40 added comments (the word alone echoes the phrase)

    with Store(url) as store:
        store.undo(added.import_id)
    at.run()
    assert WORD not in words_and_tested(at)[0]
    at.multiselect(key="sku").set_value([quiet]).run()
    assert f"with {format.number(quiet_tested(first, quiet))} cases in the last 8 weeks were tested" in words_and_tested(at)[1]


def test_a_newer_data_version_empties_every_cache_kept_per_version():
    from ui import state

    computed: list[int] = []

    @state.per_version
    @st.cache_resource(max_entries=8, show_spinner=False)
    def kept(url: str, version: int) -> int:
        computed.append(version)
        return version

    try:
        place = "sqlite:///kept-per-version.db"
        state._on_version(place, 1)
        kept(place, 1), kept(place, 1)
        assert computed == [1]  # kept
        state._on_version(place, 1)  # the same version read again: nothing dropped
        kept(place, 1)
        assert computed == [1]
        state._on_version(place, 2)  # an import: what version 1 left is dropped
        kept(place, 2), kept(place, 1)
        assert computed == [1, 2, 1]
        state._on_version(place, 1)  # a run that read the store just before the import drops nothing
        kept(place, 2)
        assert computed == [1, 2, 1]
    finally:
        state._PER_VERSION.remove(kept)


def test_a_period_like_the_one_before_reads_no_change_without_an_arrow(tmp_path, monkeypatch):
    from tests.app_pages import open_page
    from tests.store_cases import cases as plain_cases

    # 8 cases a week for 26 weeks, 50,000 refunded each: the last 12 weeks hold 96 cases (4.8M), like the 12 before.
    frame = plain_cases(range(1, 209), status="refunded", refund_amount=50_000.0)
    frame["request_date"] = [pd.Timestamp("2026-05-04 10:00") + pd.Timedelta(days=7 * ((i - 1) // 8)) for i in range(1, 209)]
    address = f"sqlite:///{tmp_path / 'flat.db'}"
    monkeypatch.setenv("RETURNS_RADAR_DB", address)
    st.cache_data.clear()
    st.cache_resource.clear()
    with Store(address) as store:
        store.import_read(SheetRead(frame), file_name="flat.csv", data=b"flat")
    at = open_page("views/overview.py", {"period": "Last 12 weeks"})
    metrics = {m.label: m for m in at.metric}
    cases_card, refund_card = metrics["Cases"], metrics["Refund total (IDR)"]
    assert (cases_card.value, cases_card.delta) == ("96", "no change")
    assert (refund_card.value, refund_card.delta) == ("4.8M", "no change")
    for card in (cases_card, refund_card):  # neither good nor bad: no arrow, grey
        assert (card.proto.direction, card.proto.color) == (Metric.MetricDirection.NONE, Metric.MetricColor.GRAY)
