"""Checks a file passes before it is parsed: anything that inflates, repeats or allocates past a cap is
refused with a `ReadError` that says which cap and how to get under it.

- Zip workbooks (.xlsx, .xlsm, .ods): the directory's entry count; every entry is inflated in 1 MiB steps,
  counting the bytes that really come out (a header's sizes are never trusted: the CRC check refuses a
  header that lies), against a per-entry and a total cap and a compression-ratio cap; XML with a document
  type declaration (the home of entity expansion and external entities) is refused; each worksheet's rows
  and columns (its `<dimension>`, its rows and the references of its cells) against Excel's limits and
  the cell cap; an OpenDocument sheet's repeated rows and columns likewise.
- Text files: rows times columns against the cell cap and columns against Excel's 16,384.

What no cheap check sees is left to the worker's memory and time limits (see `data.sandbox`).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import TYPE_CHECKING

from data.errors import ReadError
from data.phrases import Phrase

if TYPE_CHECKING:
    from data.sandbox import Limits

MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 16_384
MAX_ENTRIES = 10_000  # a workbook has tens of parts; each entry costs memory before anything is read
MAX_RATIO = 200  # inflated / compressed bytes: sheets compress 5 to 30 times, bombs 1,000 times
RATIO_FROM = 16 << 20  # the ratio is judged once an entry has inflated this much
STEP = 1 << 20
SPARE_STRINGS = 100_000  # shared strings beyond those the sheets' cells use (writers keep a few stale ones)
DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY") for encoding in ("ascii", "utf-16-le", "utf-16-be"))
_ROW = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_FAR_CELL = re.compile(rb' r="([A-Z]{2,}|[A-Z](?=\d{7}))(\d+)"')  # past column Z, or past row 999,999
_CELL = re.compile(rb'<c\b[^>]*?\sr="([A-Z]+)(\d+)"')
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?"')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d+)"')
_TAIL = 64  # bytes carried between steps so a mark cut in two is still seen


def _limits() -> Limits:
    from data.sandbox import current_limits

    return current_limits()


def column_number(letters: bytes | str) -> int:
    """Excel's column number of `letters`.

    >>> column_number("A"), column_number("XFD")
    (1, 16384)
    """
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip workbook that inflates, declares or spans past a cap (see the module docstring)."""
    limits = _limits()
    total_cap = limits.max_inflated_mb << 20
    _check_entry_count(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ReadError(
            Phrase(
                "{file} looks like a damaged or truncated workbook ({error}): expected a complete .xlsx, .xlsm or .ods file; "
                "save it again from Excel",
                file=name,
                error=str(error),
            )
        ) from None
    total, strings, string_cells = 0, 0, 0
    with archive:
        sheets_left = sum(1 for i in archive.infolist() if _is_sheet(i.filename))
        for info in archive.infolist():
            if info.is_dir():
                continue
            entry = info.filename
            sheet = _SheetScan(entry) if _is_sheet(entry) else None
            ods = _OdsScan() if entry == "content.xml" else None
            xml = entry.endswith((".xml", ".rels", ".vml")) or "." not in entry.rsplit("/", 1)[-1]
            inflated, tail = 0, b""
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(STEP):
                        inflated += len(chunk)
                        total += len(chunk)
                        if total > total_cap:
                            raise ReadError(
                                Phrase(
                                    "{file} inflates to more than {mb} MB when unpacked (entry {entry}); a workbook that "
                                    "large cannot be read here: split it, or save it as CSV",
                                    file=name,
                                    mb=limits.max_inflated_mb,
                                    entry=repr(entry),
                                )
                            )
                        if inflated > RATIO_FROM and inflated > MAX_RATIO * max(info.compress_size, 1):
                            raise ReadError(
                                Phrase(
                                    "{file}: its part {entry} inflates more than {ratio} times its packed size, as no "
                                    "spreadsheet does (a decompression bomb); the file was not read",
                                    file=name,
                                    entry=repr(entry),
                                    ratio=MAX_RATIO,
                                )
                            )
                        window = tail + chunk
                        # A declaration belongs before the root element; anywhere later, `<!` is rare enough to look closer.
                        if xml and (inflated == len(chunk) or b"<!" in window) and any(m in window for m in DTD_MARKS):
                            raise ReadError(
                                Phrase(
                                    "{file}: its part {entry} holds an XML document type declaration (DTD), which no "
                                    "spreadsheet needs and which can expand entities or reach outside files; the file "
                                    "was not read. Save it again from Excel or LibreOffice",
                                    file=name,
                                    entry=repr(entry),
                                )
                            )
                        if sheet is not None:
                            sheet.feed(window, chunk, name, limits.max_cells)
                            string_cells += chunk.count(b't="s"')
                        if entry == "xl/sharedStrings.xml":
                            strings += chunk.count(b"<si>") + chunk.count(b"<si ")
                            if not sheets_left:  # the sheets came first (as Excel writes them): no need to wait
                                _check_strings(name, strings, string_cells)
                        if ods is not None:
                            ods.feed(window, name, limits.max_cells)
                        tail = window[-_TAIL:]
            except zipfile.BadZipFile as error:
                raise ReadError(
                    Phrase(
                        "{file} looks like a damaged workbook ({error}, in {entry}): expected a complete .xlsx, .xlsm or "
                        ".ods file; save it again from Excel",
                        file=name,
                        error=str(error),
                        entry=repr(entry),
                    )
                ) from None
            except (EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as error:
                raise ReadError(
                    Phrase(
                        "{file}: its part {entry} cannot be unpacked ({error}); expected an unencrypted workbook saved by "
                        "Excel or LibreOffice",
                        file=name,
                        entry=repr(entry),
                        error=str(error),
                    )
                ) from None
            if sheet is not None:
                sheet.finish(name, limits.max_cells)
                sheets_left -= 1
    _check_strings(name, strings, string_cells)


def _is_sheet(entry: str) -> bool:
    return entry.startswith("xl/worksheets/") and entry.endswith(".xml")


def _check_strings(name: str, strings: int, string_cells: int) -> None:
    """Every shared string is loaded, used or not: refuse a list far longer than the cells that use it."""
    if strings > string_cells + SPARE_STRINGS:
        raise ReadError(
            Phrase(
                "{file} lists {strings} shared strings or more while its sheets use at most {cells}; a workbook saved by "
                "Excel lists only the strings it uses. The file was not read: save it again",
                file=name,
                strings=strings,
                cells=string_cells,
            )
        )


def _check_entry_count(data: bytes, name: str) -> None:
    """Refuse a zip whose directory lists more entries than any workbook has (read from the end record, before
    the zip module builds an object per entry)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return  # no end record: the zip module refuses the file as damaged
    entries = struct.unpack_from("<H", data, end + 10)[0]
    directory = struct.unpack_from("<I", data, end + 12)[0]
    if entries > MAX_ENTRIES or (entries == 0xFFFF and directory > MAX_ENTRIES * 1024):
        raise ReadError(
            Phrase(
                "{file} is a zip archive of more than {parts} parts, as no workbook is; the file was not read", file=name, parts=MAX_ENTRIES
            )
        )


def _area_message(name: str, where: str | Phrase, rows: int, columns: int, max_cells: int) -> Phrase:
    """The refusal of a sheet past Excel's limits or the cell cap; `where` follows the file's name (a sheet, or how it was counted)."""
    if rows > MAX_ROWS:
        return Phrase(
            "{file}{where} has {rows} rows or more, past Excel's own limit of {limit}; the file was not read. Delete the far "
            "rows (Ctrl+End shows the last cell), or split the sheet, and save again",
            file=name,
            where=where,
            rows=rows,
            limit=MAX_ROWS,
        )
    if columns > MAX_COLUMNS:
        return Phrase(
            "{file}{where} reaches column {columns}, past Excel's own limit of {limit}; the file was not read. Delete the "
            "far cells (Ctrl+End shows them) and save again",
            file=name,
            where=where,
            columns=columns,
            limit=MAX_COLUMNS,
        )
    return Phrase(
        "{file}{where} spans {rows} rows by {columns} columns ({cells} cells, blank ones included), more than the {limit} "
        "cells one sheet may hold here; delete the far cells (Ctrl+End shows them), or split the sheet, and save again",
        file=name,
        where=where,
        rows=rows,
        columns=columns,
        cells=rows * columns,
        limit=max_cells,
    )


class _SheetScan:
    """The furthest row and column an xlsx worksheet reaches, from its XML as it inflates."""

    def __init__(self, entry: str) -> None:
        self.entry = entry
        self.rows = 0
        self.columns = 0
        self.dimension_seen = False
        self.written = 0  # <row> elements seen

    def feed(self, window: bytes, chunk: bytes, name: str, max_cells: int) -> None:
        if not self.dimension_seen:  # it comes first, right after the sheet's properties
            self.dimension_seen = True
            found = _DIMENSION.search(window, 0, 1 << 16)
            if found:
                letters, digits = found.group(3) or found.group(1), found.group(4) or found.group(2)
                rows, columns = int(digits or 1), column_number(letters or b"A")
                self._check(rows, columns, name, max_cells, " (its declared dimension)")
        self.written += chunk.count(b"<row")  # rows may leave out their number
        self.rows = max(self.rows, self.written)
        numbered = _ROW.findall(window)
        if numbered:
            self.rows = max(self.rows, max(map(int, numbered)))
        far = set(_FAR_CELL.findall(window))  # cells past column Z or row 999,999: none in most sheets
        if far:
            self.rows = max(self.rows, max(int(r) for _, r in far))
            self.columns = max(self.columns, max(column_number(c) for c, _ in far))
        # Columns A to Z: a row lists its cells left to right, so the last whole row of the step tells.
        end = window.rfind(b"</row>")
        start = window.rfind(b"<row", 0, end) if end > 0 else -1
        if start >= 0:
            cells = _CELL.findall(window, start, end)
            if cells:
                self.columns = max(self.columns, max(column_number(c) for c, _ in cells))
        self._check(self.rows, self.columns, name, max_cells, "")

    def finish(self, name: str, max_cells: int) -> None:
        self._check(self.rows, self.columns, name, max_cells, "")

    def _check(self, rows: int, columns: int, name: str, max_cells: int, what: str) -> None:
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > max_cells:
            number = "".join(ch for ch in self.entry.rsplit("/", 1)[-1] if ch.isdigit())
            sheet = number or self.entry
            where = Phrase(", sheet {sheet} (its declared dimension),", sheet=sheet) if what else Phrase(", sheet {sheet},", sheet=sheet)
            raise ReadError(_area_message(name, where, rows, columns, max_cells))


class _OdsScan:
    """An OpenDocument sheet's rows and columns, counting repeats (`number-rows-repeated`,
    `number-columns-repeated`): a row or cell written once and repeated past the caps is refused, unless it is
    empty, as the filler LibreOffice writes to a sheet's end is."""

    def __init__(self) -> None:
        self.rows = 0  # rows holding a value, repeats counted
        self.columns = 0

    def feed(self, window: bytes, name: str, max_cells: int) -> None:
        for found in _ODS_REPEAT.finditer(window):
            count = int(found.group(2))
            if count < 2:
                continue
            rows = found.group(1) == b"rows"
            tag_end = window.find(b">", found.end())
            if tag_end < 0 or window[tag_end - 1 : tag_end] == b"/":
                continue  # an empty element: nothing is made of it
            close = window.find(b"</table:table-row>" if rows else b"</table:table-cell>", tag_end)
            body = window[tag_end : close if close >= 0 else len(window)]
            if not (b"office:value" in window[found.start() - 200 : tag_end] or b"<text:p" in body or b"office:value" in body):
                continue
            if rows:
                self.rows += count
            else:
                self.columns = max(self.columns, count)
            if self.rows > MAX_ROWS or self.columns > MAX_COLUMNS or self.rows * max(self.columns, 1) > max_cells:
                raise ReadError(
                    _area_message(name, Phrase(" (counting its repeated rows and cells)"), self.rows, max(self.columns, 1), max_cells)
                )


def _width_of_lines(data: bytes, delimiter: bytes, lines: int = 200) -> int:
    """The most cells in the first `lines` lines, counted by delimiters (quotes ignored: an upper bound), however
    long a line is."""
    widest, at = 1, 0
    for _ in range(lines):
        end = data.find(b"\n", at)
        widest = max(widest, data.count(delimiter, at, end if end >= 0 else len(data)) + 1)
        if end < 0:
            break
        at = end + 1
    return widest


def check_text(data: bytes, name: str, width: int, delimiter: str = ",") -> None:
    """Refuse a text file whose lines times `width` (the columns of its first lines) pass the cell cap, or one of
    whose first lines is wider than Excel's columns."""
    limits = _limits()
    widest = max(width, _width_of_lines(data, delimiter.encode()))
    if widest > MAX_COLUMNS:
        raise ReadError(
            Phrase(
                "{file}: a line holds {cells} cells, past Excel's own limit of {limit} columns; the file was not read. Check "
                "the delimiter, or split the columns into several files",
                file=name,
                cells=widest,
                limit=MAX_COLUMNS,
            )
        )
    lines = data.count(b"\n") + 1
    if lines * width > limits.max_cells:
        raise ReadError(
            Phrase(
                "{file} holds {lines} lines of {columns} columns ({cells} cells), more than the {limit} cells one file may "
                "hold here; split it into smaller files",
                file=name,
                lines=lines,
                columns=width,
                cells=lines * width,
                limit=limits.max_cells,
            )
        )


def check_width(width: int, rows: int, name: str) -> None:
    """Refuse a table of text wider than Excel's columns or bigger than the cell cap (while reading ragged lines)."""
    limits = _limits()
    if width > MAX_COLUMNS:
        raise ReadError(
            Phrase(
                "{file}: line {line} holds {cells} cells or more, past Excel's own limit of {limit} columns; the file was "
                "not read. Check the delimiter, or split the columns into several files",
                file=name,
                line=rows,
                cells=width,
                limit=MAX_COLUMNS,
            )
        )
    if width * rows > limits.max_cells:
        raise ReadError(_area_message(name, "", rows, width, limits.max_cells))
