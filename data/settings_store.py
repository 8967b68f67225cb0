"""The shop's settings in the store, shared by everyone who opens it: the marketplace's response clock, the
shop's time zone and its currency rule (main currency; whether amounts with no currency are in it).

Each method is one transaction on a `Database`. A setting is one text value per key; a key with no row has its
default, so a store where nobody saved anything gives the default clock (2 working days, no holidays) and no time zone
(times with an offset read in UTC)."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping

import sqlalchemy as sa

from data.clock import DEFAULT_CLOCK, Clock, as_holiday
from data.database import Database
from data.errors import StoreError
from data.privacy import SALT_KEY
from data.tables import settings
from data.zones import check_zone

CLOCK_KEYS = ("clock.days", "clock.weekends_count", "clock.holidays")
ZONE_KEY = "shop.time_zone"
CURRENCY_KEYS = ("money.main_currency", "money.no_currency_as_main", "money.source_currencies")
LANGUAGE_KEY = "ui.language"  # the install's language; a signed-in person's own is `ui.language:<hash of the e-mail>`


def language_key(person: str | None) -> str:
    """The settings key of the language remembered for `person` (an e-mail address; None: the install's). The address
    is hashed: keys stay short and the settings table holds no one's address.

    >>> language_key(None), language_key(" Budi@Toko.ID ") == language_key("budi@toko.id"), len(language_key("a@b.c"))
    ('ui.language', True, 52)
    """
    if person is None:
        return LANGUAGE_KEY
    return f"{LANGUAGE_KEY}:{hashlib.sha256(person.strip().lower().encode()).hexdigest()[:40]}"


def check_language(code: str) -> str:
    """A language code as stored: two or three lower-case letters such as `id` (a ValueError otherwise).

    >>> check_language("VI")
    'vi'
    """
    text = code.strip().lower()
    if not (2 <= len(text) <= 3 and text.isascii() and text.isalpha()):
        raise ValueError(f"{code!r} is not a language code such as en, id or vi.")
    return text


def check_currency(code: str) -> str:
    """A currency code as stored: three letters, upper case (a ValueError otherwise).

    >>> check_currency(" idr ")
    'IDR'
    """
    text = code.strip().upper()
    if len(text) != 3 or not text.isascii() or not text.isalpha():
        raise ValueError(f"{code!r} is not a three-letter currency code such as IDR, VND or USD.")
    return text


def clock_settings(clock: Clock) -> dict[str, str]:
    """The clock as stored: text per key, holidays as ISO dates separated by commas.

    >>> clock_settings(Clock(2.5, weekends_count=True, holidays=("2026-03-20", "2026-03-19")))
    {'clock.days': '2.5', 'clock.weekends_count': 'true', 'clock.holidays': '2026-03-19,2026-03-20'}
    """
    return {
        "clock.days": f"{clock.days:g}",
        "clock.weekends_count": "true" if clock.weekends_count else "false",
        "clock.holidays": ",".join(day.isoformat() for day in clock.holidays),
    }


def clock_from_settings(values: dict[str, str]) -> Clock:
    """The clock the stored text describes; a key not saved keeps the default (a ValueError for text that is not a clock).

    >>> clock_from_settings({"clock.days": "3", "clock.holidays": "2026-03-19"})
    Clock(days=3.0, weekends_count=False, holidays=(datetime.date(2026, 3, 19),))
    >>> clock_from_settings({}) == DEFAULT_CLOCK
    True
    """
    weekends = values.get("clock.weekends_count", "true" if DEFAULT_CLOCK.weekends_count else "false")
    if weekends not in ("true", "false"):
        raise ValueError(f"clock.weekends_count is {weekends!r}, not true or false.")
    holidays = [day for day in values.get("clock.holidays", "").split(",") if day.strip()]
    return Clock(float(values.get("clock.days", DEFAULT_CLOCK.days)), weekends == "true", tuple(as_holiday(day) for day in holidays))


class SettingsStore:
    """The store's settings, on one `Database`: `clock()`, `save_clock()`, `salt()`, `time_zone()`, `save_time_zone()`,
    `currency_settings()`, `save_currency_settings()`, `language()` and `save_language()`. `legacy_salt` is an older
    version's salt file, moved into the store when it first needs a salt."""

    def __init__(self, db: Database, *, legacy_salt: str | None = None) -> None:
        self.db = db
        self.legacy_salt = legacy_salt

    def clock(self) -> Clock:
        """The saved response clock, or the default one when nobody saved one."""
        with self.db.errors("read the response clock"), self.db.connect() as conn:
            rows = conn.execute(sa.select(settings.c.key, settings.c.value).where(settings.c.key.in_(CLOCK_KEYS))).all()
        try:
            return clock_from_settings(dict(rows))
        except ValueError as err:
            raise StoreError(
                f"The response clock saved in {self.db.where} cannot be read ({err}); correct or delete its rows in the settings table."
            ) from err

    def save_clock(self, clock: Clock) -> None:
        """Save the response clock for everyone on this store, in one transaction."""
        values = clock_settings(clock)
        with self.db.errors("save the response clock"), self.db.connect() as conn, self.db.write(conn):
            conn.execute(settings.delete().where(settings.c.key.in_(CLOCK_KEYS)))
            conn.execute(settings.insert(), [{"key": key, "value": value} for key, value in values.items()])

    def salt(self) -> str:
        """The salt for buyer hashes (`data.privacy`), the same for every app host on this store: created once, under
        the write lock, from an older version's `store/salt` file when there is one, else from 32 random bytes."""
        with self.db.errors("read the buyer-hash salt"), self.db.connect() as conn:
            value = conn.execute(sa.select(settings.c.value).where(settings.c.key == SALT_KEY)).scalar()
            conn.rollback()
            if value:
                return str(value)
            with self.db.write(conn):  # writers queue here: the first one creates it, the others find it
                value = conn.execute(sa.select(settings.c.value).where(settings.c.key == SALT_KEY)).scalar()
                if not value:
                    value = self.legacy_salt or secrets.token_hex(32)
                    conn.execute(settings.insert().values(key=SALT_KEY, value=value))
        return str(value)

    def time_zone(self) -> str | None:
        """The shop's saved time zone (an IANA name such as `Asia/Jakarta`), or None when nobody saved one."""
        with self.db.errors("read the shop's time zone"), self.db.connect() as conn:
            name = conn.execute(sa.select(settings.c.value).where(settings.c.key == ZONE_KEY)).scalar()
        try:
            return None if name is None else check_zone(name)
        except ValueError as err:
            raise StoreError(
                f"The time zone saved in {self.db.where} cannot be used ({err}); "
                "choose another on the Upload page or delete its row in the settings table."
            ) from err

    def save_time_zone(self, name: str | None) -> None:
        """Save the shop's time zone for everyone on this store; None forgets it. A ValueError for an unknown zone."""
        if name is not None:
            check_zone(name)
        with self.db.errors("save the shop's time zone"), self.db.connect() as conn, self.db.write(conn):
            conn.execute(settings.delete().where(settings.c.key == ZONE_KEY))
            if name is not None:
                conn.execute(settings.insert().values(key=ZONE_KEY, value=name))

    def currency_settings(self) -> tuple[str | None, bool, tuple[tuple[str, str], ...]]:
        """The shop's saved main currency (None: the most common one of its cases), whether amounts with no
        currency count as the main one (False until the shop says so), and the currency the shop named for each
        source whose files name none ((source, code) pairs, see `analysis.knowledge.currency_sources`)."""
        with self.db.errors("read the shop's currency settings"), self.db.connect() as conn:
            values = dict(conn.execute(sa.select(settings.c.key, settings.c.value).where(settings.c.key.in_(CURRENCY_KEYS))).all())
        main, flag = values.get("money.main_currency"), values.get("money.no_currency_as_main", "false")
        try:
            if flag not in ("true", "false"):
                raise ValueError(f"money.no_currency_as_main is {flag!r}, not true or false.")
            by_source = json.loads(values.get("money.source_currencies", "{}"))
            if not isinstance(by_source, dict):
                raise ValueError("money.source_currencies is not a list of sources and currencies.")
            pairs = tuple(sorted((str(source), check_currency(str(code))) for source, code in by_source.items()))
            return (None if main is None else check_currency(main)), flag == "true", pairs
        except ValueError as err:
            raise StoreError(
                f"The currency settings saved in {self.db.where} cannot be read ({err}); "
                "choose them again on the Money page or delete their rows in the settings table."
            ) from err

    def save_currency_settings(self, main: str | None, no_currency_as_main: bool, by_source: Mapping[str, str] | None = None) -> None:
        """Save the currency rule for everyone on this store: `main` None goes back to the most common currency;
        `by_source` names the currency of sources whose files name none (left out: none named). A ValueError for a
        code that is not three letters."""
        values = {"money.no_currency_as_main": "true" if no_currency_as_main else "false"}
        if main is not None:
            values["money.main_currency"] = check_currency(main)
        if by_source:
            values["money.source_currencies"] = json.dumps(
                {str(source): check_currency(code) for source, code in sorted(by_source.items())}, ensure_ascii=False
            )
        with self.db.errors("save the shop's currency settings"), self.db.connect() as conn, self.db.write(conn):
            conn.execute(settings.delete().where(settings.c.key.in_(CURRENCY_KEYS)))
            conn.execute(settings.insert(), [{"key": key, "value": value} for key, value in values.items()])

    def language(self, person: str | None = None) -> str | None:
        """The interface language remembered for `person` (an e-mail address), else for the install; None when
        nobody chose one. A stored value that is not a language code reads as None."""
        keys = [language_key(None)] if person is None else [language_key(person), language_key(None)]
        with self.db.errors("read the remembered language"), self.db.connect() as conn:
            values = dict(conn.execute(sa.select(settings.c.key, settings.c.value).where(settings.c.key.in_(keys))).all())
        for key in keys:
            try:
                return check_language(str(values[key]))
            except (KeyError, ValueError):
                continue
        return None

    def save_language(self, code: str, person: str | None = None) -> None:
        """Remember the interface language `code` for `person` (an e-mail address), or for the install when None."""
        value, key = check_language(code), language_key(person)
        with self.db.errors("save the chosen language"), self.db.connect() as conn, self.db.write(conn):
            conn.execute(settings.delete().where(settings.c.key == key))
            conn.execute(settings.insert().values(key=key, value=value))
