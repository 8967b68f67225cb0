"""The parts a page keeps per data version and view (ui.cached) give the figures a fresh computation gives.

The Overview's figures, Needs attention and the Recurring causes spikes accept parts computed once and shared
(the selected cases, the period comparison, the spike tables per `narrowing_part`, the sources); on a shop whose
sources end and start at different dates, every figure must equal the one computed from the cases alone.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.attention import needs_attention
from analysis.cause_figures import spike_weeks
from analysis.filters import FilterSpec, narrow_for_test, narrowing_part
from analysis.kpis import overview
from analysis.sources import comparable, source_codes, source_ends, source_of
from analysis.spikes import spike_table, spikes
from data import demo

SPECS = [
    FilterSpec(),
    FilterSpec(reason=("Defective",)),
    FilterSpec(period="Last 4 weeks", request_type=("Exchange",)),
    FilterSpec(period="All time", reason=("Wrong size or fit", "Other"), sku=(demo.PLANTED["packaging_sku"],)),
    FilterSpec(start="2026-06-01", end="2026-08-30", channel=("Shopee",)),
]


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    """The demo shop from three sources: Shopee throughout, a Lazada report that stops in July, a sheet that starts in October."""
    cases = demo.generate()
    day = cases["request_date"]
    channel = pd.Series("Shopee", index=cases.index, dtype=object)
    channel[(cases.index % 3 == 1) & (day < pd.Timestamp("2026-07-15"))] = "Lazada"
    late = (cases.index % 3 == 2) & (day >= pd.Timestamp("2026-10-01"))
    channel[late] = None
    return cases.assign(
        channel=pd.Series(channel, dtype="string"),
        source_file=pd.Series(["new.xlsx" if x else "Shopee" for x in late], index=cases.index, dtype="string"),
    )


def test_a_file_named_like_a_channel_is_that_source(shop):
    code, labels = source_codes(shop)
    assert sorted(str(labels[i]) for i in set(code)) == ["Lazada", "Shopee", "new.xlsx"]
    by_hand = {"Lazada": 0, "Shopee": 0, "new.xlsx": 0}
    for channel, file in zip(shop["channel"].astype(object), shop["source_file"].astype(object), strict=True):
        by_hand[channel if isinstance(channel, str) else file] += 1
    assert source_of(shop).value_counts().to_dict() == by_hand
    assert {e.source: e.cases for e in source_ends(shop)} == by_hand
    assert [e.source for e in source_ends(shop) if e.behind] == ["Lazada"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_the_overview_from_shared_parts_equals_a_fresh_one(shop, spec):
    fresh = overview(shop, spec)
    shared = overview(shop, spec, selected=spec.apply(shop), covering=lambda window, earlier: comparable(shop, window, earlier))
    assert shared == fresh
    assert (shared.cases.compared, shared.refund_total.compared, shared.answered_in_time.compared) == (
        fresh.cases.compared,
        fresh.refund_total.compared,
        fresh.answered_in_time.compared,
    )
    window = spec.window(shop)
    if window is not None:
        day = shop["request_date"].dt.normalize()
        picked = day.between(*window) & (shop["courier_return"] != True)  # noqa: E712 - a missing flag is a buyer request
        for name in ("request_type", "reason", "sku", "channel"):
            if getattr(spec, name):
                picked &= shop[name].isin(getattr(spec, name))
        assert shared.cases.now == int(picked.sum())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_needs_attention_from_shared_parts_equals_a_fresh_one(shop, spec):
    fresh = needs_attention(shop, spec)
    spiked = {dim: spikes(narrow_for_test(shop, narrowing_part(spec, (dim,)), ())[0], dim) for dim in ("reason", "request_type")}
    shared = needs_attention(shop, spec, selected=spec.apply(shop), spiked=spiked, sources=source_ends(shop, shop["request_date"].max()))
    assert (shared.due_soon, shared.overdue, shared.as_of, shared.spikes, shared.deadline_coverage, shared.sources) == (
        fresh.due_soon,
        fresh.overdue,
        fresh.as_of,
        fresh.spikes,
        fresh.deadline_coverage,
        fresh.sources,
    )
    pd.testing.assert_frame_equal(shared.recurring, fresh.recurring)
    pd.testing.assert_frame_equal(shared.behind, fresh.behind)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_spike_weeks_from_shared_tables_equal_fresh_ones(shop, spec):
    parts = {dim: narrow_for_test(shop, narrowing_part(spec, (dim,)), ())[0] for dim in ("reason", "request_type")}
    shared = spike_weeks(
        shop,
        spec,
        tables={dim: spike_table(cases, dim) for dim, cases in parts.items()},
        spikes_at=lambda dim, week: spikes(parts[dim], dim, week=week),
    )
    fresh = spike_weeks(shop, spec)
    assert (shared.latest, shared.this_week, shared.earlier) == (fresh.latest, fresh.this_week, fresh.earlier)


def test_rows_are_what_apply_keeps(shop):
    for spec in SPECS:
        assert shop.index[spec.rows(shop)].equals(spec.apply(shop).index)
