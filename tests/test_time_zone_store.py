"""The shop's time zone in the store (a SQLite file and a real PostgreSQL server): saved once, seen by everyone,
and used by `Store.import_file` to read times written with an offset."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from data import tables
from data.clock import Clock
from data.errors import StoreError
from data.store import Store


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_a_store_where_nobody_saved_a_zone_has_none(store):
    assert store.time_zone() is None


def test_a_saved_zone_is_seen_by_every_teammate_and_none_forgets_it(store_url):
    with Store(store_url) as mine, Store(store_url) as theirs:
        mine.save_time_zone("Asia/Jakarta")
        assert theirs.time_zone() == "Asia/Jakarta"
        theirs.save_time_zone("Asia/Ho_Chi_Minh")
        assert mine.time_zone() == "Asia/Ho_Chi_Minh"
        with mine.engine.connect() as conn:
            assert dict(conn.execute(sa.select(tables.settings)).all()) == {"shop.time_zone": "Asia/Ho_Chi_Minh"}
        mine.save_time_zone(None)
        assert theirs.time_zone() is None
        with mine.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(tables.settings)).scalar_one() == 0


def test_the_zone_and_the_response_clock_are_kept_apart(store):
    store.save_time_zone("Asia/Jakarta")
    store.save_clock(Clock(3))
    assert store.time_zone() == "Asia/Jakarta"
    store.save_time_zone("Europe/Berlin")
    assert store.clock() == Clock(3)


def test_an_unknown_zone_is_refused_and_nothing_is_saved(store):
    store.save_time_zone("Asia/Jakarta")
    with pytest.raises(ValueError, match=r"unknown time zone 'GMT\+7'"):
        store.save_time_zone("GMT+7")
    assert store.time_zone() == "Asia/Jakarta"


def test_a_saved_zone_this_machine_does_not_know_is_named(store):
    with store.engine.begin() as conn:
        conn.execute(tables.settings.insert().values(key="shop.time_zone", value="Mars/Olympus"))
    with pytest.raises(StoreError, match="time zone saved in .* cannot be used .*'Mars/Olympus'"):
        store.time_zone()


def test_import_file_reads_offsets_in_the_saved_zone_unless_told_another(store, tmp_path):
    def week(name: str, case: str) -> str:
        path = tmp_path / name
        pd.DataFrame(
            {"Case ID": [case], "SKU": ["TEE-1"], "Request Date": ["2026-05-24T22:00:00+00:00"], "Response Date": ["2026-05-25 09:00"]}
        ).to_csv(path, index=False)
        return path

    store.save_time_zone("Asia/Jakarta")
    store.import_file(week("a.csv", "C-1"))
    store.import_file(week("b.csv", "C-2"), tz="America/New_York")
    cases = store.load_cases().set_index("case_id").sort_index()
    # 22:00 UTC on Sunday 24 May is Monday 05:00 in Jakarta (UTC+7) and Sunday 18:00 in New York (EDT, UTC-4);
    # the response date has no offset and is kept as written.
    assert cases.request_date.astype(str).tolist() == ["2026-05-25 05:00:00", "2026-05-24 18:00:00"]
    assert cases.response_date.astype(str).tolist() == ["2026-05-25 09:00:00", "2026-05-25 09:00:00"]
