"""Sentences and headers the analysis and the file reader write, sayable again in the interface's language.

A `Phrase` is a str holding its English wording (so it prints, compares and pickles as English), plus its message and
the typed values it was built from: `Num`, `Sig`, `Share`, `Day`, `Word` (a reason, type or status shown with its
label), nested phrases, or plain text from the files. The interface says it again with a `Speaker` of its language:
the message through its catalogue (`counted` picks the singular or plural form), the values in its number and date
formats. The messages are collected into the catalogues by `scripts/catalogues.py` (every `Phrase("…")` and
`counted("…", "…", n)` in analysis/ and data/), so they are never f-strings. Plain Python: data/ and analysis/ both
use it (`analysis.phrases` is the same module under its older name).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd


class Speaker(Protocol):
    """How a language says a phrase's message and values."""

    def text(self, message: str) -> str: ...
    def plural(self, singular: str, plural: str, n: int) -> str: ...
    def number(self, value: float, digits: int) -> str: ...
    def percent(self, share: float, digits: int) -> str: ...
    def day(self, value: pd.Timestamp) -> str: ...
    def label(self, value: str) -> str: ...


class English:
    """The phrases' own language: the message as written, numbers as `1,234.5`, days as `2 Nov 2026`."""

    def text(self, message: str) -> str:
        return message

    def plural(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def number(self, value: float, digits: int) -> str:
        return f"{value:,.{digits}f}"

    def percent(self, share: float, digits: int) -> str:
        return f"{share:.{digits}%}"

    def day(self, value: pd.Timestamp) -> str:
        return f"{value:%-d %b %Y}"

    def label(self, value: str) -> str:
        return value


ENGLISH = English()
# The language a phrase is said in when formatted into other text (`f"{phrase}"`, `str.format`): set by the interface
# at the top of a run (`speak_in`); `str(phrase)` stays English.
_speaker: ContextVar[Speaker] = ContextVar("speaker", default=ENGLISH)


def speak_in(speaker: Speaker) -> None:
    """Say the phrases formatted into text in `speaker`'s language from here on (in this run)."""
    _speaker.set(speaker)


@dataclass(frozen=True)
class Num:
    """A number with thousands separators and `digits` decimals."""

    value: float
    digits: int = 0


@dataclass(frozen=True)
class Sig:
    """A small decimal (a p-value, a threshold) to `digits` significant digits, trailing zeros dropped.

    >>> [str(Phrase("{p}", p=Sig(v))) for v in (0.006912, 0.05, 0.5, 1.0, 0.000012)]
    ['0.0069', '0.05', '0.5', '1', '0.000012']
    """

    value: float
    digits: int = 2


def _decimals(value: float, digits: int) -> int:
    if not value or not math.isfinite(value):
        return 0
    places = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    while places and round(value, places - 1) == round(value, places):
        places -= 1
    return places


@dataclass(frozen=True)
class Share:
    """`x` of `n` as a percentage (`empty` when `n` is 0)."""

    x: float
    n: float = 1.0
    digits: int = 0
    empty: str = "—"


@dataclass(frozen=True)
class Day:
    """A day with its month and year."""

    value: Any


@dataclass(frozen=True)
class Word:
    """A canonical value (reason, request type, status) shown by its label; `lower` for inside a sentence."""

    value: str
    lower: bool = False


def _say(value: object, speaker: Speaker) -> str:
    if isinstance(value, Phrase):
        return value.say(speaker)
    if isinstance(value, Num):
        return speaker.number(value.value, value.digits)
    if isinstance(value, Sig):
        places = _decimals(value.value, value.digits)
        return speaker.number(round(value.value, places), places)
    if isinstance(value, Share):
        return speaker.percent(value.x / value.n, value.digits) if value.n else value.empty
    if isinstance(value, Day):
        return speaker.day(pd.Timestamp(value.value))
    if isinstance(value, Word):
        shown = speaker.label(value.value)
        return shown[:1].lower() + shown[1:] if value.lower else shown
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return speaker.number(int(value), 0)
    return str(value)


class Phrase(str):
    """A message with its values, read as its English wording; `say(speaker)` in another language.

    >>> p = Phrase("{what} is {x} of {n} returns ({share})", what=Word("Defective", lower=True), x=1200, n=Num(4000),
    ...            share=Share(1200, 4000))
    >>> p, p.message
    ('defective is 1,200 of 4,000 returns (30%)', '{what} is {x} of {n} returns ({share})')
    """

    message: str
    params: dict[str, object]
    forms: tuple[str, str, int] | None  # (singular, plural, count) of a `counted` phrase

    def __new__(cls, message: str, /, **params: object) -> Phrase:
        return cls._made(message, None, params)

    @classmethod
    def _made(cls, message: str, forms: tuple[str, str, int] | None, params: dict[str, object]) -> Phrase:
        shown = ENGLISH.plural(*forms) if forms else message
        text = shown.format(**{key: _say(value, ENGLISH) for key, value in params.items()}) if params else shown
        made = super().__new__(cls, text)
        made.message, made.params, made.forms = message, params, forms
        return made

    def say(self, speaker: Speaker) -> str:
        """The phrase in `speaker`'s language (its values in that language's formats)."""
        message = speaker.plural(*self.forms) if self.forms else speaker.text(self.message)
        return message.format(**{key: _say(value, speaker) for key, value in self.params.items()}) if self.params else message

    def __format__(self, spec: str) -> str:
        return format(self.say(_speaker.get()), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (str(self), self.message, self.params, self.forms))


def _rebuild(message: str, params: dict[str, object], forms: tuple[str, str, int] | None = None) -> Phrase:
    return Phrase._made(message, forms, params)


def _restore(text: str, message: str, params: dict[str, object], forms: tuple[str, str, int] | None) -> Phrase:
    """A pickled phrase back with its English wording as it was: a cached table of phrases reads back without saying
    each one again."""
    made = str.__new__(Phrase, text)
    made.message, made.params, made.forms = message, params, forms
    return made


def counted(singular: str, plural: str, n: int, /, **params: object) -> Phrase:
    """A phrase whose wording depends on the count `n` (given to the message as `{n}`): each language's own plural form.

    >>> counted("{n} row was skipped", "{n} rows were skipped", 1), counted("{n} row was skipped", "{n} rows were skipped", 1204)
    ('1 row was skipped', '1,204 rows were skipped')
    """
    return Phrase._made(singular, (singular, plural, n), {"n": n, **params})


def joined(parts: Sequence[str], separator: str = "; ") -> Phrase:
    """Phrases one after the other, each said in the reader's language.

    >>> joined([Phrase("{n} of them", n=1), Phrase("all SKUs")])
    '1 of them; all SKUs'
    """
    keys = [f"p{i}" for i in range(len(parts))]
    message = separator.join("{" + key + "}" for key in keys)
    return Phrase(message, **dict(zip(keys, parts, strict=True)))


def filled(text: str, length: int) -> pd.Series:
    """`text` repeated `length` times as an object column (0..length-1): a phrase stays a phrase, where pandas would
    store plain strings.

    >>> type(filled(Phrase("row not imported"), 2).iloc[1]).__name__
    'Phrase'
    """
    cells = np.empty(length, dtype=object)
    cells.fill(text)
    return pd.Series(cells, dtype=object, copy=False)


def say(text: object, speaker: Speaker) -> object:
    """`text` in `speaker`'s language when it is a phrase; anything else as it is."""
    return text.say(speaker) if isinstance(text, Phrase) else text


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a message marked where it is defined
    """Marks a fixed English string (a header, a sheet name) for the catalogues; it is said with `Phrase(message)`."""
    return message
