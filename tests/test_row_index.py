"""A view's rows read from a `RowIndex` are the rows `FilterSpec` picks, and the figures of the slim columns are the
figures of every column.

The shop mixes three sources, missing values in the filter columns, undated cases and courier returns, so a picked
value, a missing one, an empty pick and a day at the edge of a window each meet the index.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.attention import RECURRING_BY, needs_attention
from analysis.cause_figures import cases_and_pairs_tested, spike_weeks
from analysis.filters import FilterSpec, narrow_for_test, narrowing_part, picks_of_test
from analysis.knowledge import with_knowledge
from analysis.kpis import overview
from analysis.recurring import recurring_causes
from analysis.row_index import UNREAD_BY_FIGURES, RowIndex, one_chunk, slim
from analysis.sources import SOURCE_NAME, current_rows, current_sources, source_ends, source_of, with_source_names
from analysis.spikes import spike_table, spikes, weekly_grid
from analysis.weekly import weekly_counts
from data import demo

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"
FIGURE_MODULES = (
    "kpis",
    "attention",
    "recurring",
    "spikes",
    "sources",
    "sla",
    "money",
    "coverage",
    "knowledge",
    "phrases",
    "weekly",
    "cause_figures",
    "common",
)

SPECS = [
    FilterSpec(),
    FilterSpec(reason=("Defective",)),
    FilterSpec(period="Last 4 weeks", request_type=("Exchange",), status=("refunded", "requested")),
    FilterSpec(period="All time", reason=("Wrong size or fit", "Other"), sku=(demo.PLANTED["packaging_sku"], "no such SKU")),
    FilterSpec(start="2026-06-01", end="2026-08-30", channel=("Shopee",)),
    FilterSpec(start="2026-09-07", handled_by=("Ayu", "nobody")),
    FilterSpec(period="Last 52 weeks", channel=("Lazada",), sku=("no such SKU",)),
]


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    """The demo shop from three sources (a Lazada report that stops in July, a sheet that starts in October), with
    some channels, people and SKUs missing, a few undated cases and some courier returns; with what each source can
    say decided over all of it, as the dashboard loads its cases."""
    cases = demo.generate()
    day = cases["request_date"]
    n = cases.index.to_numpy()
    channel = pd.Series("Shopee", index=cases.index, dtype=object)
    channel[(n % 3 == 1) & (day < pd.Timestamp("2026-07-15"))] = "Lazada"
    late = (n % 3 == 2) & (day >= pd.Timestamp("2026-10-01"))
    channel[late] = None
    return with_knowledge(
        cases.assign(
            channel=pd.Series(channel, dtype="string"),
            source_file=pd.Series(["new.xlsx" if x else "Shopee" for x in late], index=cases.index, dtype="string"),
            handled_by=cases["handled_by"].astype("string").where(n % 17 != 0),
            sku=cases["sku"].astype("string").where(n % 29 != 0),
            request_date=day.where(n % 101 != 0),
            courier_return=pd.array(n % 23 == 0, dtype="boolean"),
        )
    )


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_the_index_picks_the_rows_the_spec_picks(shop, spec):
    index = RowIndex(shop)
    assert index.window(spec) == spec.window(shop)
    assert index.rows(spec).tolist() == spec.rows(shop).tolist()
    previous = index.previous_rows(spec)
    expected = spec.previous(shop)
    assert (previous is None and spec.window(shop) is None) or shop.index[previous].tolist() == expected.index.tolist()
    for tested in (RECURRING_BY, ("reason",), ("request_type",), ()):
        part = narrowing_part(spec, tested)
        narrowed = index.narrowed_rows(part)
        kept = narrow_for_test(shop, spec, tested)[0].index.tolist()
        assert (shop.index.tolist() if narrowed is None else shop.index[narrowed].tolist()) == kept


def test_the_index_of_an_empty_or_undated_frame_picks_nothing():
    for frame in (demo.generate().iloc[0:0], demo.generate().head(3).assign(request_date=pd.NaT)):
        index = RowIndex(frame)
        for spec in SPECS:
            assert index.window(spec) == spec.window(frame)
            assert index.rows(spec).tolist() == spec.rows(frame).tolist()
            assert index.latest is pd.NaT or pd.isna(index.latest)


def test_the_latest_request_is_the_frames(shop):
    assert RowIndex(shop).latest == shop["request_date"].max()


def test_no_figure_module_reads_a_column_the_slim_frame_drops():
    for module in FIGURE_MODULES:
        text = (ANALYSIS / f"{module}.py").read_text(encoding="utf-8")
        # Doctest examples build frames of their own; only the code counts.
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("...", ">>>")))
        for column in UNREAD_BY_FIGURES:
            assert not re.search(rf"[\"']{column}[\"']", code), f"analysis/{module}.py reads {column}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_the_figures_of_the_slim_columns_are_the_figures_of_every_column(shop, spec):
    thin = slim(shop)
    assert set(thin.columns) == set(shop.columns) - set(UNREAD_BY_FIGURES)
    assert overview(thin, spec) == overview(shop, spec)
    attention, thin_attention = needs_attention(shop, spec), needs_attention(thin, spec)
    for name in ("due_soon", "overdue", "spikes", "sources"):
        assert getattr(thin_attention, name) == getattr(attention, name)
    pd.testing.assert_frame_equal(thin_attention.recurring, attention.recurring)
    pd.testing.assert_frame_equal(weekly_counts(spec.apply(thin)), weekly_counts(spec.apply(shop)))
    for dim in ("reason", "request_type"):
        full, part = narrow_for_test(shop, spec, (dim,))[0], narrow_for_test(thin, spec, (dim,))[0]
        pd.testing.assert_frame_equal(spikes(part, dim), spikes(full, dim))
        pd.testing.assert_frame_equal(spike_table(part, dim), spike_table(full, dim))
    assert spike_weeks(thin, spec) == spike_weeks(shop, spec)
    latest = shop["request_date"].max()
    tested = narrow_for_test(thin, spec, RECURRING_BY)[0]
    pd.testing.assert_frame_equal(
        recurring_causes(tested, as_of=latest, by=RECURRING_BY),
        recurring_causes(narrow_for_test(shop, spec, RECURRING_BY)[0], as_of=latest, by=RECURRING_BY),
    )
    picks = picks_of_test(spec, RECURRING_BY)
    assert cases_and_pairs_tested(tested, RECURRING_BY, picks, latest, 8) == cases_and_pairs_tested(
        narrow_for_test(shop, spec, RECURRING_BY)[0], RECURRING_BY, picks, latest, 8
    )
    assert source_ends(thin, latest) == source_ends(shop, latest)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.describe())
def test_spikes_read_through_the_index_are_the_spikes_of_the_copied_rows(shop, spec):
    index, thin = RowIndex(shop), slim(shop)
    week = demo.PLANTED["missing_week"]
    for dim in ("reason", "request_type"):
        rows = index.narrowed_rows(narrowing_part(spec, (dim,)))
        copied = thin if rows is None else thin.loc[rows]
        pd.testing.assert_frame_equal(weekly_grid(thin, dim, rows=rows, index=index), weekly_grid(copied, dim))
        pd.testing.assert_frame_equal(spike_table(thin, dim, rows=rows, index=index), spike_table(copied, dim))
        pd.testing.assert_frame_equal(spikes(thin, dim, rows=rows, index=index), spikes(copied, dim))
        pd.testing.assert_frame_equal(spikes(thin, dim, week=week, rows=rows, index=index), spikes(copied, dim, week=week))
        kept = current_rows(thin, rows=rows, sources=index.sources)
        pd.testing.assert_frame_equal(copied if kept is rows else thin.loc[kept], current_sources(copied))


def test_the_index_finds_the_planted_spike_and_its_person(shop):
    index = RowIndex(shop)
    found = spikes(slim(shop), "reason", week=demo.PLANTED["missing_week"], rows=index.narrowed_rows(FilterSpec()), index=index)
    assert found["reason"].tolist() == ["Missing item"]
    assert found["tied_to"].tolist() == [demo.PLANTED["missing_handler"]]


def test_the_overview_of_given_parts_equals_a_fresh_one(shop):
    index = RowIndex(shop)
    for spec in SPECS:
        previous = index.previous_rows(spec)
        given = overview(
            shop,
            spec,
            selected=shop.loc[index.rows(spec)],
            previous=None if previous is None else shop.loc[previous],
            as_of=shop[["request_date", "response_date", "resolved_date"]].max().max(),
        )
        assert given == overview(shop, spec)
        assert given.cases.now == int((index.rows(spec) & ~shop["courier_return"].to_numpy(dtype=bool)).sum())


def test_a_picked_value_matches_only_itself():
    cases = pd.DataFrame(
        {
            "request_date": pd.to_datetime(["2026-11-20"] * 4),
            "sku": pd.array(["A", "a", None, "A "], dtype="string"),
            "reason": pd.Categorical(["Other", None, "Other", "Defective"]),
        }
    )
    index = RowIndex(cases)
    assert index.rows(FilterSpec(period="All time", sku=("A",))).tolist() == [True, False, False, False]
    assert index.rows(FilterSpec(period="All time", reason=("Other",))).tolist() == [True, False, True, False]
    assert np.array_equal(index.rows(FilterSpec(period="All time", sku=("A", "A "))), [True, False, False, True])


def test_columns_joined_into_one_piece_hold_the_same_cases(shop):
    """A store's text columns come in pieces (batches of rows): joined, every value, dtype and picked row is the same."""
    pieces = pd.concat([shop.iloc[:700], shop.iloc[700:1500], shop.iloc[1500:]])  # three pieces per Arrow column
    texts = [c for c in pieces.columns if hasattr(pieces[c].array, "__arrow_array__")]
    assert texts and all(pieces[c].array.__arrow_array__().num_chunks == 3 for c in texts if str(pieces[c].dtype) == "string")
    joined = one_chunk(pieces)
    assert all(joined[c].array.__arrow_array__().num_chunks == 1 for c in texts if str(pieces[c].dtype) == "string")
    pd.testing.assert_frame_equal(joined, pieces)
    for spec in SPECS:
        rows = RowIndex(joined).rows(spec)
        assert rows.tolist() == spec.rows(pieces).tolist()
        pd.testing.assert_frame_equal(joined.loc[rows], pieces.loc[rows])


def test_sources_read_from_the_column_added_at_load_are_the_sources_worked_out():
    """`with_source_names` adds each case's source once, as the loaded cases are prepared; a view reads it. Its
    sources, their ends and what is current are the ones worked out from the channel and file columns."""
    cases = pd.DataFrame(
        {
            "channel": ["Shopee", None, "Shopee", None, None],
            "source_file": ["s.xlsx", "Shopee", "s.xlsx", "log.csv", "old.csv"],
            "request_date": pd.to_datetime(["2026-07-12", "2026-07-01", "2026-05-01", "2026-07-10", "2026-03-02"]),
        }
    )
    named = with_source_names(cases)
    assert named[SOURCE_NAME].tolist() == ["Shopee", "Shopee", "Shopee", "log.csv", "old.csv"]  # a file named like a channel
    for rows in ([0, 1, 2, 3, 4], [1, 3, 4], [3]):
        view, plain = named.iloc[rows], cases.iloc[rows]
        assert source_of(view).tolist() == source_of(plain).tolist()
        assert source_ends(view) == source_ends(plain)
        assert current_sources(view).index.tolist() == current_sources(plain).index.tolist()
    ends = source_ends(named.iloc[[1, 3, 4]])
    assert [(e.source, e.cases, e.behind) for e in ends] == [("log.csv", 1, False), ("Shopee", 1, False), ("old.csv", 1, True)]
    assert current_sources(named).index.tolist() == [0, 1, 2, 3]  # old.csv ends four months before the latest date
