"""Reading a link a person typed: every kind of mistyped parameter gives the nearest valid view and names what was left out."""

from __future__ import annotations

import pytest

from analysis.filters import PAIRS, Choice, FilterSpec, link_query, nearest, read_link, toggle

DIMENSIONS = {
    "request_type": ["Refund Only", "Return + Refund", "Reshipment", "Exchange"],
    "reason": ["Defective", "Wrong Item", "Other"],
    "sku": ["AB-1", "ab-1", "CD-2"],
    "status": ["Open", "Refunded"],
    "handled_by": ["Ana", "Budi"],
    "channel": ["Shopee", "Tokopedia"],
}
CHOICES = (
    toggle("trends_split", "Trends split"),
    Choice("causes_pair", "Look at", tuple(PAIRS), "SKU × reason"),
    Choice("rate_min_sold", "minimum units sold", None, "30"),
)


def read(params):
    return read_link(params, DIMENSIONS, CHOICES)


def test_a_clean_link_is_read_as_written_without_notice():
    got = read({"period": "Last 4 weeks", "reason": ["Defective", "Other"], "trends_split": "true"})
    assert got.spec == FilterSpec(period="Last 4 weeks", reason=("Defective", "Other"))
    assert got.choices == {"trends_split": "true"}
    assert got.ignored == () and got.corrected == () and got.notice() is None
    assert got.query == {"period": ["Last 4 weeks"], "reason": ["Defective", "Other"], "trends_split": ["true"]}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("defective", "Defective"), ("DEFECTIVE", "Defective"), (" wrong_item ", "Wrong Item"), ("wrong-item", "Wrong Item")],
)
def test_vocabulary_values_match_ignoring_case_spaces_and_separators(typed, meant):
    got = read({"reason": typed})
    assert got.spec.reason == (meant,)
    assert got.ignored == () and got.notice() is None
    assert got.corrected == (f"reason “{typed}” as “{meant}”",)
    assert got.query == {"reason": [meant]}


def test_request_type_with_plus_and_period_in_another_case():
    got = read({"request_type": "return+refund", "period": "last 52 WEEKS"})
    assert got.spec.request_type == ("Return + Refund",) and got.spec.period == "Last 52 weeks"


def test_an_unknown_period_falls_back_to_the_default_and_is_named():
    got = read({"period": "Last 5 weeks", "reason": "Defective"})
    assert got.spec == FilterSpec(reason=("Defective",))
    assert got.ignored == ("period “Last 5 weeks”",)
    assert "period “Last 5 weeks”" in got.notice() and "nearest view" in got.notice()
    assert got.query == {"reason": ["Defective"]}


def test_two_periods_keep_the_first():
    got = read({"period": ["Last 4 weeks", "All time"]})
    assert got.spec.period == "Last 4 weeks" and got.ignored == ("period “All time” (one period at a time)",)


def test_an_unknown_value_among_good_ones_drops_only_itself():
    got = read({"reason": ["Defective", "Broken glass", "other"], "sku": ["NOPE", "CD-2"]})
    assert got.spec.reason == ("Defective", "Other") and got.spec.sku == ("CD-2",)
    assert got.ignored == ("reason “Broken glass”", "sku “NOPE”")


def test_skus_differing_only_in_case_are_both_real_and_exact_match_wins():
    assert read({"sku": "ab-1"}).spec.sku == ("ab-1",)
    assert read({"sku": "AB-1"}).spec.sku == ("AB-1",)
    got = read({"sku": "Ab-1"})  # two SKUs fit: neither is guessed
    assert got.spec.sku == () and got.ignored == ("sku “Ab-1”",)


def test_unknown_keys_are_named_and_left_out():
    got = read({"reasons": "Defective", "utm_source": "mail"})
    assert got.spec == FilterSpec()
    assert got.ignored == ("unknown parameter “reasons”", "unknown parameter “utm_source”")
    assert got.query == {}


def test_empty_and_blank_values_mean_all_without_notice():
    got = read({"reason": ["", "  "], "sku": []})
    assert got.spec == FilterSpec() and got.notice() is None


def test_page_choices_toggle_options_and_numbers():
    got = read({"trends_split": "TRUE", "causes_pair": "sku x request type", "rate_min_sold": "50"})
    assert got.choices == {"trends_split": "true", "causes_pair": "SKU × request type", "rate_min_sold": "50"}
    assert got.query == {"trends_split": ["true"], "causes_pair": ["SKU × request type"], "rate_min_sold": ["50"]}
    bad = read({"trends_split": "maybe", "causes_pair": "Colour × reason", "rate_min_sold": "-3"})
    assert bad.choices == {}
    assert bad.ignored == ("Trends split “maybe”", "Look at “Colour × reason”", "minimum units sold “-3” (a whole number from 1)")


def test_a_choice_at_its_default_stays_out_of_the_query():
    got = read({"causes_pair": "SKU × reason", "trends_split": "false", "rate_min_sold": "30"})
    assert got.query == {} and got.notice() is None


def test_nearest_never_guesses_between_two():
    assert nearest("a b", ["A B", "ab"]) is None
    assert nearest("ab", ["A B", "ab"]) == "ab"


def test_link_query_round_trips_through_read_link():
    spec = FilterSpec(period="All time", request_type=("Exchange",), reason=("Wrong Item",), sku=("CD-2",))
    query = link_query(
        spec, {"trends_split": True, "causes_pair": "Channel × reason"}, {"trends_split": "false", "causes_pair": "SKU × reason"}
    )
    got = read(query)
    assert got.spec == spec and got.query == query and got.notice() is None
    assert link_query(spec, {"causes_pair": "SKU × reason", "trends_split": False}, {"causes_pair": "SKU × reason"}) == spec.to_query()


def test_person_channel_and_status_are_read_like_the_other_filters():
    got = read({"handled_by": ["ana", "Nobody"], "channel": "SHOPEE", "status": "refunded"})
    assert (got.spec.handled_by, got.spec.channel, got.spec.status) == (("Ana",), ("Shopee",), ("Refunded",))
    assert got.ignored == ("handled by “Nobody”",)


def test_dates_are_read_as_iso_days_and_a_non_date_is_named():
    got = read({"start": "2026-11-2", "end": "2026-11-08"})
    assert (got.spec.start, got.spec.end) == ("2026-11-02", "2026-11-08") and got.notice() is None
    assert got.query == {"start": ["2026-11-02"], "end": ["2026-11-08"]}
    bad = read({"start": "last tuesday", "reason": "Other"})
    assert bad.spec == FilterSpec(reason=("Other",))
    assert bad.ignored == ("from date “last tuesday” (a date such as 2026-11-02)",)
