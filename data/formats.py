"""Bytes -> raw tables: the file's format is told from its bytes, never from its name.

Every table comes back as text cells (a DataFrame of strings, columns numbered from 0) indexed by
the row number the user sees in Excel, so that later steps can name any cell. Workbooks are read
with fastexcel (calamine), text files with pandas' C parser after the encoding and the delimiter
have been sniffed.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from data import guard
from data.errors import ReadError
from data.phrases import Phrase

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DELIMITERS = (",", ";", "\t", "|")
# Single-byte code pages tried when a text file is not UTF-8 (charset-normalizer picks among them).
PIECE_BYTES = 4 << 20  # a text file is read in one piece per core when each piece holds at least this much
WORKERS = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
CODE_PAGES = ("cp1252", "cp1258", "cp1250", "cp1251", "cp1254", "cp874", "cp949", "gb18030", "big5", "shift_jis")


@dataclass
class RawTable:
    """One sheet's cells as text; `rows.index` is the Excel row number, `visible` False for hidden sheets."""

    sheet: str
    rows: pd.DataFrame
    visible: bool = True
    kind: str = ""


def read_tables(data: bytes, name: str, sheet: str | None = None) -> list[RawTable]:
    """Every sheet of a workbook (or the one table of a text file) as text cells.

    >>> [t.rows.iloc[0, 1] for t in read_tables("a;b\\r\\n1;2\\r\\n".encode("utf-16"), "x.xlsx")]
    ['b']
    """
    if not len(data):
        raise ReadError(Phrase("{file} is empty: expected a CSV file or an Excel workbook", file=name))
    start = data[:8]
    if start.startswith(ZIP_MAGIC):
        guard.check_zip(data, name)  # inflate-bombs, DTDs and sheets past Excel's limits, before any parsing
        return _workbook(data, name, sheet, _zip_kind(data, name))
    if start.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise ReadError(
                Phrase(
                    "{file} is a password-protected workbook: remove the password in Excel (File > Info > Protect Workbook) "
                    "and upload it again",
                    file=name,
                )
            )
        return _workbook(data, name, sheet, "xls")
    if start.startswith(b"PK"):
        raise ReadError(Phrase("{file} looks like a damaged or truncated workbook: expected a complete .xlsx file", file=name))
    bom = len(b"\xef\xbb\xbf") if start.startswith(b"\xef\xbb\xbf") else 0
    head = _utf8_head(data[bom : bom + 65536], final=len(data) - bom <= 65536)
    if head is not None:  # UTF-8 (as most files are): straight to Arrow, which checks the rest of the bytes
        delimiter = sniff_delimiter(head)
        width = _width(head, delimiter)
        guard.check_text(data, name, width, delimiter)
        frame = _arrow_csv(data, bom, delimiter, width, data.find(b'"') >= 0, checked=_ascii(data))
        if frame is not None:
            return [RawTable(sheet or "", _numbered(frame), True, "text")]
    text, encoding = decode_as(data, name)
    utf8 = data[bom:] if encoding in ("utf-8", "utf-8-sig") else None
    return [RawTable(sheet or "", _text_table(text, utf8, name), True, "text")]


def _ascii(data: bytes) -> bool:
    """True when every byte is below 128: the text is then valid UTF-8 without Arrow checking every cell (a
    fifth of its reading time); one vectorised pass over the bytes costs a fortieth of that."""
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    return not raw.size or int(raw.max()) < 0x80


def _utf8_head(head: bytes, final: bool) -> str | None:
    """`head` (the first 64 KiB) as text when it is valid UTF-8 without NUL bytes (a cut last character is fine)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return None
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=final)
    except UnicodeDecodeError:
        return None


def _width(sample: str, delimiter: str) -> int:
    lines = sample.splitlines()[:200]
    return max([1, *(len(r) for r in csv.reader(lines, delimiter=delimiter))])


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument.spreadsheet" in _head(archive, "mimetype"):
                return "ods"
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return "xlsx"
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as error:
        raise ReadError(damaged(name, error)) from None
    raise ReadError(Phrase("{file} is a zip archive but not a spreadsheet: expected an .xlsx, .xlsm or .ods workbook", file=name))


def _head(archive: zipfile.ZipFile, entry: str) -> bytes:
    with archive.open(entry) as stream:
        return stream.read(256)  # never the whole entry: it may inflate without end


def _workbook(data: bytes, name: str, sheet: str | None, kind: str) -> list[RawTable]:
    import fastexcel

    try:
        book = fastexcel.read_excel(data)
        names = list(book.sheet_names)
    except Exception as error:  # calamine reports damage with several exception types
        raise ReadError(
            Phrase(
                "{file} could not be opened as a {kind} workbook ({error}): expected a complete, unprotected workbook",
                file=name,
                kind=kind,
                error=_short(error),
            )
        ) from None
    if sheet is not None and sheet not in names:
        raise ReadError(
            Phrase("{file} has no sheet named {sheet}; its sheets are: {sheets}", file=name, sheet=repr(sheet), sheets=", ".join(names))
        )
    tables = []
    for sheet_name in [sheet] if sheet is not None else names:
        try:
            loaded = book.load_sheet(sheet_name, header_row=None, skip_rows=0, dtypes="string")
            frame = loaded.to_pandas() if loaded.height else pd.DataFrame()
            visible = str(loaded.visible).lower() == "visible"  # fastexcel: visible, hidden or veryhidden
        except Exception as error:
            raise ReadError(
                Phrase("{file}, sheet {sheet} could not be read ({error})", file=name, sheet=repr(sheet_name), error=_short(error))
            ) from None
        frame.columns = pd.RangeIndex(frame.shape[1])
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        tables.append(RawTable(sheet_name, frame, visible, kind))
    return tables


def damaged(name: str, error: object) -> Phrase:
    """The refusal of a zip that is not a whole workbook."""
    return Phrase(
        "{file} looks like a damaged or truncated workbook ({error}): expected a complete .xlsx, .xlsm or .ods file; "
        "save it again from Excel",
        file=name,
        error=str(error),
    )


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:160] if str(error) else type(error).__name__


def decode(data: bytes, name: str) -> str:
    """Text from bytes: BOMs first, then strict UTF-8, then a detected code page; never a silent latin-1.

    >>> decode("Hoàn tiê\u0300n".encode("cp1258"), "x.csv")  # how Windows writes Vietnamese in cp1258
    'Hoàn tiền'
    """
    return decode_as(data, name)[0]


def decode_as(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was decoded from (see `decode`)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    if b"\x00" in data[:4096]:  # UTF-16 saved without a BOM, or not text at all
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be" if data[:1] == b"\x00" else ""
        try:
            text = data.decode(encoding) if encoding else ""
        except UnicodeDecodeError:
            text = ""
        if text and _looks_textual(text[:2000]):
            return text, encoding
        raise ReadError(
            Phrase("{file} is not a spreadsheet: expected a CSV/TSV text file or an Excel workbook (the file holds binary data)", file=name)
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=list(CODE_PAGES)))
    if not matches:
        raise ReadError(
            Phrase("{file}: the text encoding could not be recognised; expected UTF-8 (save the sheet as 'CSV UTF-8' in Excel)", file=name)
        )
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    # Western text decodes without chaos in several Latin code pages: prefer Windows' own cp1252 then.
    western = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01]
    encoding = best.encoding if best.encoding == "cp1258" or not western else "cp1252"
    # cp1258 writes Vietnamese tones as combining marks: compose them so that text compares equal.
    return unicodedata.normalize("NFC", _strict(data, encoding, name)), encoding


def _looks_textual(text: str) -> bool:
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            Phrase(
                "{file}: byte {byte} is not valid {encoding}; expected one consistent text encoding (save the sheet as 'CSV UTF-8')",
                file=name,
                byte=error.start,
                encoding=encoding,
            )
        ) from None


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the most consistent, widest rows.

    >>> sniff_delimiter("Title\\nSKU;Date;Qty\\nA;2024-01-01;1\\nB;2024-01-02;2\\n")
    ';'
    """
    lines = sample.splitlines()[:60]
    if len(sample) >= 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be partial
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in row)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_table(text: str, utf8: bytes | None, name: str) -> pd.DataFrame:
    delimiter = sniff_delimiter(text[:65536])
    width = _width(text[:65536], delimiter)
    utf8 = utf8 if utf8 is not None else text.encode("utf-8")
    guard.check_text(utf8, name, width, delimiter)
    frame = _arrow_csv(utf8, 0, delimiter, width, b'"' in utf8, checked=True)  # valid: it was decoded
    if frame is None:  # ragged rows or blank lines: the C parser keeps every line in place
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                names=range(width),
                sep=delimiter,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                quotechar='"',
                engine="c",
            )
        except (pd.errors.ParserError, ValueError):
            frame = _ragged(text, delimiter, name)  # a row wider than the header: read every cell, nothing lost
        except csv.Error as error:
            raise ReadError(Phrase("{file}: not a readable delimited text file ({error})", file=name, error=str(error))) from None
    return _numbered(frame)


def _arrow_csv(data: bytes, start: int, delimiter: str, width: int, multiline: bool, checked: bool) -> pd.DataFrame | None:
    """The fast path: Arrow's CSV reader on the bytes from `start` on, every cell as text; None when rows are
    ragged or (unless `checked`: known valid UTF-8) the text is not UTF-8. `multiline`: the text holds a
    quote, so a cell may span lines.

    A large file is cut at line breaks into one piece per core, each piece read on its own thread. Read
    whole, Arrow has to follow the quotes through the file on one thread before it can share out the work.
    A cut inside a quoted cell would make a wrong table; the first piece is read from the file's start, so
    such a cut leaves its last cell unclosed and holding the line break, and every piece is checked for that
    (a true multi-line cell at a piece's end fails the check too: the file is then read whole).
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    buffer = pa.py_buffer(data)  # the bytes in place: no copy, no Python file object to call per block
    cuts = _cuts(data, start, len(data), max(1, min(WORKERS, (len(data) - start) // PIECE_BYTES)), delimiter, width)

    def read(piece: tuple[int, int], threads: bool) -> pa.Table:
        return pcsv.read_csv(
            pa.BufferReader(buffer.slice(piece[0], piece[1] - piece[0])),
            read_options=pcsv.ReadOptions(column_names=names, use_threads=threads),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline, ignore_empty_lines=False),
            # An empty cell arrives as a null, as from a workbook: later steps need no pass to find the empties.
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                check_utf8=not checked,
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )

    failures = (pa.ArrowInvalid, pa.ArrowTypeError, OSError)
    tables = []
    if len(cuts) > 2:
        try:
            with ThreadPoolExecutor(len(cuts) - 1) as pool:
                tables = list(pool.map(lambda piece: read(piece, False), itertools.pairwise(cuts)))
        except failures:  # a cut inside a quoted cell can make a piece unreadable: the whole file decides
            tables = []
        if multiline and any(_open_at_end(t) for t in tables[:-1]):
            tables = []
    if not tables:
        try:
            tables = [read((start, len(data)), True)]
        except failures:
            return None
    text = pd.StringDtype("pyarrow", na_value=float("nan"))
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    frame: pd.DataFrame = table.to_pandas(types_mapper={pa.large_string(): text}.get)  # pandas' own `str` storage: no cast
    frame.columns = pd.RangeIndex(width)
    return frame


def _cuts(data: bytes, start: int, end: int, pieces: int, delimiter: str, width: int) -> list[int]:
    """Offsets that cut `data[start:end]` into about `pieces` equal pieces, each cut right after a line break.

    A break followed by two whole rows is preferred (one inside a quoted cell that spans lines rarely is):
    the reader checks every cut anyway, and a wrong one costs a second, whole read.

    >>> text = b'id,note\\n1,"aaaaaaaaaa\\nb"\\n2,c\\n3,d\\n4,e\\n'
    >>> _cuts(text, 0, len(text), 2, ",", 2)  # the first break past the middle is inside a cell: the cut moves to row "2,c"
    [0, 25, 37]
    """
    cuts = [start]
    for i in range(1, pieces):
        first = at = data.find(b"\n", start + (end - start) * i // pieces, end)
        for _ in range(64):
            if at < 0 or _whole_rows(data[at + 1 : at + 4097], delimiter, width):
                break
            at = data.find(b"\n", at + 1, end)
        at = at if at >= 0 else first
        if 0 <= at < end - 1 and at + 1 > cuts[-1]:
            cuts.append(at + 1)
    return cuts + [end]


def _whole_rows(text: bytes, delimiter: str, width: int) -> bool:
    """Whether the first two lines of `text` read as two rows of `width` cells each, every quote closed."""
    lines = text.split(b"\n")[:3]
    if len(lines) < 3:  # too little text to judge
        return True
    for line in lines[:2]:
        line = line.removesuffix(b"\r")
        if line.count(b'"') % 2:
            return False
        try:
            cells = next(csv.reader([line.decode("utf-8", "replace")], delimiter=delimiter))
        except (csv.Error, StopIteration):
            return False
        if len(cells) != width:
            return False
    return True


def _open_at_end(table: Any) -> bool:
    """True when the table's last row (or no row) may be a quoted cell cut short: a cell of it holds a line break."""
    if table.num_rows == 0:
        return True
    last = table.slice(table.num_rows - 1).to_pylist()[0].values()
    return any(cell is not None and ("\n" in cell or "\r" in cell) for cell in last)


def _ragged(text: str, delimiter: str, name: str = "") -> pd.DataFrame:
    rows: list[list[str]] = []
    width = 1
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if len(row) > width:
            width = len(row)
            guard.check_width(width, len(rows) + 1, name)  # one enormous line must not become millions of columns
        rows.append(row)
        if not len(rows) % 65_536:
            guard.check_width(width, len(rows), name)
    guard.check_width(width, len(rows), name)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=object)


def source_name(source: Any) -> str:
    """The file name of a path or an uploaded file, as messages name it ("upload" for bare bytes)."""
    return Path(str(getattr(source, "name", None) or source)).name if not isinstance(source, bytes) else "upload"


def source_bytes(source: Any, name: str) -> bytes:
    """The bytes of a path, bytes or a file-like object (read from its start); `ReadError` if it cannot be opened.

    A file on disk is read into memory, never memory-mapped: a file that another program shortens while it is
    read would otherwise kill the reading process (SIGBUS). An in-memory upload's bytes are shared, not copied.
    """
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, Path)):
        try:
            with open(source, "rb") as file:
                return file.read()
        except (OSError, ValueError) as error:
            raise ReadError(
                Phrase("{file} could not be opened: {error}", file=name, error=str(getattr(error, "strerror", None) or error))
            ) from None
    if isinstance(source, io.BytesIO):
        return source.getvalue()  # the buffer itself, no copy
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def named_bytes(data: bytes, name: str) -> io.BytesIO:
    """`data` as a file-like object named `name`, so that messages name the file.

    >>> source_name(named_bytes(b"a,b", "week.csv"))
    'week.csv'
    """
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer
