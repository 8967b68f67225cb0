"""The shop's currency rule in the store, on a SQLite file and on a real PostgreSQL server, and the rule it gives."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis.money import CurrencyRule, currency_rule
from data import tables
from data.errors import StoreError
from data.store import Store
from tests.store_cases import cases, read_of


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


def test_nobody_saved_a_currency_rule_so_the_most_common_currency_leads_and_blank_stays_apart(store):
    assert store.currency_settings() == (None, False, ())
    # 5 IDR, 3 VND, 1 USD and 2 with no currency: IDR is the most common
    currency = ["IDR"] * 5 + ["VND"] * 3 + ["USD"] + [None] * 2
    store.import_read(read_of(cases(range(1, 12), currency=currency)), file_name="mixed.xlsx", data=b"mixed")
    assert currency_rule(store.load_cases(), *store.currency_settings()) == CurrencyRule("IDR", False)


def test_a_saved_rule_comes_back_and_replaces_the_old_one_for_every_teammate(store_url):
    with Store(store_url) as mine, Store(store_url) as theirs:
        mine.save_currency_settings("usd", True)
        assert theirs.currency_settings() == ("USD", True, ())
        assert currency_rule(pd.DataFrame({"currency": ["IDR", "IDR"]}), *theirs.currency_settings()) == CurrencyRule("USD", True)
        mine.save_currency_settings(None, False)  # back to the most common currency
        assert theirs.currency_settings() == (None, False, ())
        with theirs.engine.connect() as conn:
            rows = dict(conn.execute(sa.select(tables.settings.c.key, tables.settings.c.value)).all())
        assert rows == {"money.no_currency_as_main": "false"}


def test_the_currency_named_for_a_file_that_names_none_comes_back_for_every_teammate(store_url):
    with Store(store_url) as mine, Store(store_url) as theirs:
        mine.save_currency_settings(None, False, {"pay.xlsx": "inr", "Penjualan · Tokopedia": "IDR"})
        assert theirs.currency_settings() == (None, False, (("Penjualan · Tokopedia", "IDR"), ("pay.xlsx", "INR")))
        with pytest.raises(ValueError, match="three-letter currency code"):
            mine.save_currency_settings(None, False, {"pay.xlsx": "Rupee"})
        assert theirs.currency_settings()[2] == (("Penjualan · Tokopedia", "IDR"), ("pay.xlsx", "INR"))  # nothing changed
        mine.save_currency_settings("IDR", False)  # saved without names: none named any more
        assert theirs.currency_settings() == ("IDR", False, ())


def test_the_currency_rule_leaves_the_response_clock_and_time_zone_alone(store):
    store.save_time_zone("Asia/Jakarta")
    store.save_currency_settings("VND", False)
    assert store.time_zone() == "Asia/Jakarta" and store.currency_settings() == ("VND", False, ())


def test_a_code_that_is_not_a_currency_is_refused_and_an_unreadable_saved_one_is_named(store):
    with pytest.raises(ValueError, match="three-letter currency code"):
        store.save_currency_settings("Rupiah", False)
    assert store.currency_settings() == (None, False, ())  # nothing was saved
    with store.engine.begin() as conn:
        conn.execute(tables.settings.insert().values(key="money.no_currency_as_main", value="maybe"))
    with pytest.raises(StoreError, match="currency settings saved in .* cannot be read"):
        store.currency_settings()
