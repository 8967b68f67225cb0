"""The interface's language: message catalogues (gettext, read with Babel), the `_()` helper and the labels of
reasons, request types and statuses. Plain Python, no Streamlit.

The catalogues are `ui/locales/<code>/LC_MESSAGES/messages.po`, compiled in memory the first time a language is
used (no build step, nothing binary in the checkout). The language of a run is set once at its top (`use`) and read
by every `_()` of that run; stored values and link values stay in English, only what is shown is translated.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from data.phrases import ENGLISH, Speaker, speak_in
from data.phrases import say as say_in

# Code (as the link carries it: `?lang=id`) -> the language's own name, as the picker shows it.
LANGUAGES: dict[str, str] = {"en": "English", "id": "Bahasa Indonesia", "vi": "Tiếng Việt"}
DEFAULT = "en"
LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def use(code: str | None) -> str:
    """Make `code` the language of this run (an unknown code is English); returns the code used."""
    chosen = code if code in LANGUAGES else DEFAULT
    _current.set(chosen)
    speak_in(speaker(chosen))
    return chosen


def current() -> str:
    """The code of this run's language."""
    return _current.get()


def locale(code: str | None = None) -> Locale:
    """The Babel locale of `code` (default: this run's language), for numbers, money and dates."""
    return _locale(code or current())


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def catalogue_path(code: str) -> Path:
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code`; English (the msgids themselves) needs none."""
    path = catalogue_path(code)
    if code == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=code)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` in this run's language (itself when the catalogue lacks it).

    >>> _("Reason")
    'Reason'
    """
    return translations(current()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` in this run's language."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined, translated later where it is shown."""
    return message


def label(value: object) -> str:
    """The shown label of a canonical value (a reason, request type, status or period); the value stays as stored.

    >>> label("Defective"), label(None)
    ('Defective', '')
    """
    if value is None:
        return ""
    text = str(value)
    return _(text) if text else text


def labeller():
    """`label` fixed to this run's language, for a widget's `format_func` (Streamlit may call it outside the run)."""
    catalogue = translations(current())
    return lambda value: "" if value is None else catalogue.gettext(str(value))


class _Speaker:
    """The analysis' and the reader's phrases (`data.phrases`) in one language: its catalogue, its numbers and its dates."""

    def __init__(self, code: str) -> None:
        self.code, self.catalogue, self.where = code, translations(code), _locale(code)

    def text(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def plural(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)

    def number(self, value: float, digits: int) -> str:
        return format_decimal(value, "#,##0" + ("." + "0" * digits if digits else ""), locale=self.where)

    def percent(self, share: float, digits: int) -> str:
        return self.number(share * 100, digits) + "%"

    def day(self, value) -> str:
        return format_date(value.date(), "d MMM y", locale=self.where)

    def label(self, value: str) -> str:
        return self.catalogue.gettext(value)


def speaker(code: str | None = None) -> Speaker:
    """How `code` (default: this run's language) says the analysis' phrases; English says them as written."""
    return _speaker(code or current())


@cache
def _speaker(code: str) -> Speaker:
    return ENGLISH if code == DEFAULT else _Speaker(code)


def _said(text: object) -> object:
    """An error of the data layer (`ReadError`, `StoreError`, a saved view's `ViewError`) is said by its message (a
    phrase where the wording is the app's own); other text as it is."""
    return getattr(text, "message", text) if isinstance(text, Exception) else text


def say_as(text: object, language: str) -> str:
    """`say` in `language` rather than this run's."""
    return "" if text is None else str(say_in(_said(text), speaker(language)))


def say(text: object) -> str:
    """A phrase from the analysis or the data layer (its errors too) in this run's language; any other text as it is.

    >>> from data.phrases import Phrase
    >>> say(Phrase("{n} requests", n=1200)), say("SKU A")
    ('1,200 requests', 'SKU A')
    """
    return "" if text is None else str(say_in(_said(text), speaker()))
