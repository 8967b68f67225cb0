"""The reader's one error type, shared by its modules."""


class ReadError(Exception):
    """A file that cannot be read at all; the message names the file and what was expected."""
