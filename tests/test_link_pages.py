"""Every view is a link (AppTest on the demo shop): a mistyped link shows the nearest view and says what was left
out; page choices live in the URL and come back from the "Copy link" address."""

from __future__ import annotations

import pandas as pd
import pytest

from data import demo
from tests.app_pages import copied, open_link

pytestmark = pytest.mark.usefixtures("fresh_app")


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return demo.generate()


def test_a_mistyped_link_shows_the_nearest_view_and_names_what_was_left_out(shop):
    at = open_link(None, {"reason": "defective", "period": "Last 5 weeks", "colour": "red"})
    notice = [w.value for w in at.warning]
    assert len(notice) == 1
    assert "period “Last 5 weeks”" in notice[0] and "unknown parameter “colour”" in notice[0]
    assert "defective" not in notice[0]  # read as Defective: nothing was left out
    assert at.multiselect(key="reason").value == ["Defective"]
    assert at.selectbox(key="period").value == "Last 12 weeks"
    day = shop["request_date"].dt.normalize()
    recent = shop[(day > day.max() - pd.Timedelta(weeks=12)) & (shop["reason"] == "Defective")]
    assert next(m.value for m in at.metric if m.label == "Cases") == f"{len(recent):,}"
    assert dict(at.query_params) == {"reason": "Defective"}  # the address bar holds the repaired view
    at.run()
    assert not at.warning  # said once


def test_an_unknown_sku_is_named_and_the_others_kept(shop):
    real = sorted(shop["sku"].unique())[0]
    at = open_link(None, {"sku": ["NOPE", real.lower() if real.lower() not in set(shop["sku"]) else real]})
    assert at.multiselect(key="sku").value == [real]
    assert "sku “NOPE”" in at.warning[0].value


def test_a_clean_link_shows_no_notice():
    at = open_link(None, {"reason": "Defective", "period": "Last 4 weeks"})
    assert not at.warning


def test_trends_split_round_trips_through_the_link():
    at = open_link("views/trends.py", {"trends_split": "true", "reason": "Defective"})
    assert at.toggle(key="trends_split").value is True
    assert copied(at) == ("/trends", {"reason": ["Defective"], "trends_split": ["true"]})
    at.toggle(key="trends_split").set_value(False).run()
    assert copied(at) == ("/trends", {"reason": ["Defective"]})
    again = open_link("views/trends.py", copied(at)[1])
    assert again.toggle(key="trends_split").value is False


def test_look_at_round_trips_and_a_typo_in_it_says_so():
    at = open_link("views/causes.py", {"causes_pair": "channel x reason"})
    assert at.button_group(key="causes_pair").value == "Channel × reason"
    assert not at.warning
    path, query = copied(at)
    assert path == "/causes" and query == {"causes_pair": ["Channel × reason"]}
    at.button_group(key="causes_pair").set_value("Person in charge × reason").run()
    again = open_link("views/causes.py", copied(at)[1])
    assert again.button_group(key="causes_pair").value == "Person in charge × reason"
    wrong = open_link("views/causes.py", {"causes_pair": "Colour × reason"})
    assert wrong.button_group(key="causes_pair").value == "SKU × reason"
    assert "Look at “Colour × reason”" in wrong.warning[0].value


def test_a_choice_of_another_page_stays_out_of_the_copied_link():
    at = open_link("views/trends.py", {"trends_split": "true"})
    at.switch_page("views/overview.py").run()
    assert copied(at) == ("/", {})


def test_a_saved_view_opens_its_page_with_its_filters_in_another_session(tmp_path):
    at = open_link("views/trends.py", {"reason": "Defective", "trends_split": "true", "period": "Last 4 weeks"})
    at.text_input(key="view_name").input("Defective split")
    next(b for b in at.button if b.label == "Save view").click().run()  # a form's submit button
    assert not at.exception, at.exception
    teammate = open_link(None, {})  # another session on the same store, on the Overview with no filter
    assert teammate.multiselect(key="reason").value == []
    (opener,) = [b for b in teammate.button if b.label == "Defective split"]
    opener.click().run()
    assert not teammate.exception, teammate.exception
    assert teammate.title[0].value == "Trends"
    assert teammate.multiselect(key="reason").value == ["Defective"]
    assert teammate.selectbox(key="period").value == "Last 4 weeks"
    assert teammate.toggle(key="trends_split").value is True
    assert copied(teammate) == ("/trends", {"period": ["Last 4 weeks"], "reason": ["Defective"], "trends_split": ["true"]})
    # Without sign-in everyone is the same person and may delete it.
    (delete,) = [b for b in teammate.button if b.key and b.key.startswith("view_delete_")]
    delete.click().run()
    assert not [b for b in teammate.button if b.label == "Defective split"]
