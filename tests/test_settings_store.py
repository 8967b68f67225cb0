"""The response clock in the store, on a SQLite file and on a real PostgreSQL server: saved once, seen by everyone."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import sqlalchemy as sa

import data.database
from data import tables
from data.clock import DEFAULT_CLOCK, Clock
from data.errors import StoreError
from data.store import Store
from tests.store_cases import cases, read_of

LEBARAN = Clock(3, weekends_count=True, holidays=(date(2026, 3, 20), date(2026, 3, 21)))


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_a_store_where_nobody_saved_a_clock_gives_the_default_one(store):
    assert [c["name"] for c in sa.inspect(store.engine).get_columns("settings")] == [c.name for c in tables.settings.columns]
    assert store.clock() == DEFAULT_CLOCK == Clock(2, weekends_count=False, holidays=())


def test_a_saved_clock_comes_back_whole_and_a_new_one_replaces_it(store):
    store.save_clock(LEBARAN)
    assert store.clock() == LEBARAN
    store.save_clock(Clock(2.5))
    assert store.clock() == Clock(2.5)  # the holidays and the weekend rule went with the old clock
    with store.engine.connect() as conn:
        assert dict(conn.execute(sa.select(tables.settings)).all()) == {
            "clock.days": "2.5",
            "clock.weekends_count": "false",
            "clock.holidays": "",
        }


def test_every_teammate_on_the_store_sees_the_saved_clock(store_url):
    with Store(store_url) as mine, Store(store_url) as theirs:
        assert theirs.clock() == DEFAULT_CLOCK
        mine.save_clock(LEBARAN)
        assert theirs.clock() == LEBARAN
    with Store(store_url) as reopened:
        assert reopened.clock() == LEBARAN


def test_an_unreadable_saved_clock_is_named(store):
    with store.engine.begin() as conn:
        conn.execute(tables.settings.insert().values(key="clock.days", value="two"))
    with pytest.raises(StoreError, match="response clock saved in .* cannot be read"):
        store.clock()


def test_a_store_from_before_the_clock_upgrades_on_open_and_keeps_its_data(store_url, tmp_path, monkeypatch):
    # The previous version of the app: the same migrations without 0003 (and the ones that came after it).
    older = tmp_path / "migrations"
    later = [p.name for p in (data.database.MIGRATIONS / "versions").glob("0*.py") if p.name >= "0003"]
    shutil.copytree(data.database.MIGRATIONS, older, ignore=shutil.ignore_patterns("__pycache__", *later))
    head = max(p.split("_")[0] for p in later)
    monkeypatch.setattr(data.database, "MIGRATIONS", older)
    with Store(store_url) as store:
        store.import_read(read_of(cases(range(1, 6))), file_name="w.xlsx", data=b"w")
        store.add_fix(date="2026-10-01", note="new packaging", sku="AP-0001")
        assert "settings" not in sa.inspect(store.engine).get_table_names()
        before = store.load_cases()
    monkeypatch.undo()

    with Store(store_url) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == head
        assert store.load_cases().equals(before) and store.data_version() == 1
        assert store.fixes()["note"].tolist() == ["new packaging"]
        assert store.clock() == DEFAULT_CLOCK
        store.save_clock(LEBARAN)
        assert store.clock() == LEBARAN
