"""Sentences and headers the analysis writes, sayable again in the interface's language.

A `Phrase` is a str holding its English wording (so it prints, compares and pickles as English), plus its message and
the typed values it was built from: `Num`, `Share`, `Day`, `Word` (a reason, type or status shown with its label),
nested phrases, or plain text from the files. The interface says it again with a `Speaker` of its language: the
message through its catalogue, the values in its number and date formats. The messages are collected into the
catalogues by `scripts/catalogues.py` (every `Phrase("…")` in analysis/ and data/), so they are never f-strings.
"""

from __future__ import annotations

import numbers
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd


class Speaker(Protocol):
    """How a language says a phrase's message and values."""

    def text(self, message: str) -> str: ...
    def number(self, value: float, digits: int) -> str: ...
    def percent(self, share: float, digits: int) -> str: ...
    def day(self, value: pd.Timestamp) -> str: ...
    def label(self, value: str) -> str: ...


class English:
    """The phrases' own language: the message as written, numbers as `1,234.5`, days as `2 Nov 2026`."""

    def text(self, message: str) -> str:
        return message

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

    def __new__(cls, message: str, /, **params: object) -> Phrase:
        text = message.format(**{key: _say(value, ENGLISH) for key, value in params.items()}) if params else message
        made = super().__new__(cls, text)
        made.message, made.params = message, params
        return made

    def say(self, speaker: Speaker) -> str:
        """The phrase in `speaker`'s language (its values in that language's formats)."""
        message = speaker.text(self.message)
        return message.format(**{key: _say(value, speaker) for key, value in self.params.items()}) if self.params else message

    def __format__(self, spec: str) -> str:
        return format(self.say(_speaker.get()), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (str(self), self.message, self.params))


def _restore(text: str, message: str, params: dict[str, object]) -> Phrase:
    """A pickled phrase back, its English wording as it was (a cached table of phrases reads back without saying
    each one again)."""
    made = str.__new__(Phrase, text)
    made.message, made.params = message, params
    return made


def joined(parts: list[Phrase], separator: str = "; ") -> Phrase:
    """Phrases one after the other, each said in the reader's language.

    >>> joined([Phrase("{n} of them", n=1), Phrase("all SKUs")])
    '1 of them; all SKUs'
    """
    keys = [f"p{i}" for i in range(len(parts))]
    message = separator.join("{" + key + "}" for key in keys)
    return Phrase(message, **dict(zip(keys, parts, strict=True)))


def say(text: object, speaker: Speaker) -> object:
    """`text` in `speaker`'s language when it is a phrase; anything else as it is."""
    return text.say(speaker) if isinstance(text, Phrase) else text


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a message marked where it is defined
    """Marks a fixed English string (a header, a sheet name) for the catalogues; it is said with `Phrase(message)`."""
    return message
