"""A test's result depends only on the filters outside the tested dimensions: views that differ in period, SKU or
reason share one recurring-causes table (the cache of ui.cached), and picking from it gives what testing anew gives."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.attention import RECURRING_BY, needs_attention
from analysis.filters import FilterSpec, narrow_for_test, narrowing_part, pick_rows
from analysis.recurring import recurring_causes
from data import demo


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return demo.generate()


def test_views_differing_only_in_tested_dimensions_share_a_part():
    a = FilterSpec(period="Last 4 weeks", reason=("Defective",), sku=("HM-0042",), request_type=("Exchange",))
    b = FilterSpec(period="All time", reason=("Other",), request_type=("Exchange",))
    assert narrowing_part(a, RECURRING_BY) == narrowing_part(b, RECURRING_BY) == FilterSpec(period="All time", request_type=("Exchange",))
    assert narrowing_part(a, ("sku", "request_type")) != narrowing_part(b, ("sku", "request_type"))  # reason narrows there


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(),
        FilterSpec(reason=("Wrong size or fit",)),
        FilterSpec(sku=(demo.PLANTED["packaging_sku"],), request_type=("Return + Refund", "Refund Only")),
    ],
)
def test_the_shared_table_picked_for_a_view_equals_a_fresh_test(shop, spec):
    latest = shop["request_date"].max()
    shared, _ = narrow_for_test(shop, narrowing_part(spec, RECURRING_BY), RECURRING_BY)
    table = recurring_causes(shared, as_of=latest, by=RECURRING_BY)
    fresh_cases, picks = narrow_for_test(shop, spec, RECURRING_BY)
    fresh = recurring_causes(fresh_cases, as_of=latest, by=RECURRING_BY)
    pd.testing.assert_frame_equal(pick_rows(table, picks), pick_rows(fresh, picks))
    with_table = needs_attention(shop, spec, tested_pairs=table)
    alone = needs_attention(shop, spec)
    pd.testing.assert_frame_equal(with_table.recurring, alone.recurring)
    assert (with_table.due_soon, with_table.spikes) == (alone.due_soon, alone.spikes)
    if spec == FilterSpec():
        assert sorted(alone.recurring["sku"]) == ["AP-0117", "HM-0042"]  # the planted causes (see the doctest of needs_attention)
