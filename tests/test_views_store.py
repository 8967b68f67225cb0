"""Saved views in the store, on a SQLite file and on a real PostgreSQL server: listed for everyone, replaced and
deleted only by the person who saved them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from data import tables
from data.errors import StoreError
from data.store import Store
from data.views_store import NotYours
from ui.i18n import say_as


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_a_new_store_has_the_table_and_no_views(store):
    assert [c["name"] for c in sa.inspect(store.engine).get_columns("saved_views")] == [c.name for c in tables.saved_views.columns]
    assert store.saved_views() == []


def test_a_saved_view_comes_back_for_everyone_with_its_page_and_query(store, store_url):
    saved = store.save_view(
        "  Defective  on Trends ", "/trends", {"reason": ["Defective", "Other"], "trends_split": ["true"]}, saved_by="ana@shop.id"
    )
    assert saved.name == "Defective on Trends" and saved.page == "trends"
    with Store(store_url) as teammate:  # another process, another person
        (view,) = teammate.saved_views()
    assert (view.name, view.page, view.query, view.saved_by) == (
        "Defective on Trends",
        "trends",
        {"reason": ["Defective", "Other"], "trends_split": ["true"]},
        "ana@shop.id",
    )
    assert view.may_delete("ana@shop.id") and not view.may_delete("budi@shop.id") and not view.may_delete(None)


def test_views_are_listed_by_name_ignoring_case(store):
    for name in ("zeta", "Alpha", "beta"):
        store.save_view(name, "", {})
    assert [v.name for v in store.saved_views()] == ["Alpha", "beta", "zeta"]


def test_the_same_name_replaces_the_owners_view_and_is_refused_to_another(store):
    store.save_view("Weekly", "", {"period": ["Last 4 weeks"]}, saved_by="ana@shop.id")
    store.save_view("weekly", "money", {}, saved_by="ANA@shop.id")
    (view,) = store.saved_views()
    assert (view.name, view.page, view.query) == ("weekly", "money", {})
    with pytest.raises(ValueError, match="(?i)“weekly” is a view ana@shop.id saved"):
        store.save_view("WEEKLY", "", {}, saved_by="budi@shop.id")
    assert len(store.saved_views()) == 1


def test_only_the_person_who_saved_a_view_deletes_it(store):
    view = store.save_view("Mine", "causes", {"causes_pair": ["Channel × reason"]}, saved_by="ana@shop.id")
    with pytest.raises(NotYours, match="only they can delete it"):
        store.delete_view(view.view_id, "budi@shop.id")
    with pytest.raises(NotYours):
        store.delete_view(view.view_id, None)
    assert store.delete_view(view.view_id, "ana@shop.id") is True
    assert store.saved_views() == [] and store.delete_view(view.view_id, "ana@shop.id") is False


def test_a_refusal_is_said_in_the_interface_language_and_stays_english_for_logs(store):
    view = store.save_view("Mine", "", {}, saved_by="ana@shop.id")
    with pytest.raises(NotYours) as refused:
        store.delete_view(view.view_id, "budi@shop.id")
    assert str(refused.value) == "“Mine” was saved by ana@shop.id: only they can delete it."
    assert say_as(refused.value, "id") == "“Mine” disimpan oleh ana@shop.id: hanya dia yang dapat menghapusnya."
    assert say_as(refused.value, "vi") == "“Mine” do ana@shop.id lưu: chỉ người đó mới có thể xóa."
    with pytest.raises(ValueError) as too_long:
        store.save_view("x" * 81, "", {})
    assert say_as(too_long.value, "id") == "Nama tampilan berisi paling banyak 80 karakter; nama ini berisi 81."


def test_without_sign_in_everyone_is_the_same_person(store):
    view = store.save_view("Shared", "", {"sku": ["A-1"]})
    assert store.delete_view(view.view_id) is True


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_an_empty_or_over_long_name_is_refused(store, name):
    with pytest.raises(ValueError):
        store.save_view(name, "", {})
    assert store.saved_views() == []


def test_a_broken_store_says_so(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE saved_views")
    with pytest.raises(StoreError, match="read the saved views"):
        store.saved_views()
