"""The data layer's error types: a file that cannot be read, a store that cannot be used, an import that cannot be undone."""

from __future__ import annotations

from typing import Any


class ReadError(Exception):
    """A file that cannot be read at all; the message names the file and what was expected.

    `message` is the message as given: a `data.phrases.Phrase` the interface says in its language (`str(error)` is
    its English wording, for logs and the command line).

    `sheets` holds the per-sheet report (`SheetInfo`) when the file was read but no case table was found,
    so a caller can show the headers found and let the user map them by hand; otherwise it is empty.

    >>> ReadError("x.csv: no case table found").sheets
    []
    """

    def __init__(self, message: str, *, sheets: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.sheets = list(sheets or [])


class StoreError(Exception):
    """The store cannot be used: unreachable, not a database, busy, from a newer version, or misconfigured.

    `message` is the message as given: a `data.phrases.Phrase` where the wording is the app's own (the interface says
    it in its language), else the text as it came; `str(error)` is its English wording, for logs and the command line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UndoError(StoreError):
    """An import that cannot be undone (unknown, already undone, or later imports changed its cases)."""
