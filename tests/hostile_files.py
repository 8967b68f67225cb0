"""Hostile files, written by the tests: small on disk, each built to inflate, repeat or allocate past a cap.

Workbook parts are zipped by hand (no writer makes these files on purpose); the far-cell workbook is written
by xlsxwriter, as a real one would be.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import xlsxwriter

HEADER = ("Case ID", "SKU", "Request Date", "Reason")
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Returns" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"
NO_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_xml(number: int, cells: Iterable[str]) -> str:
    """One `<row>` of inline-string cells."""
    inner = "".join(f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(cells, 1))
    return f'<row r="{number}">{inner}</row>'


def valid_rows(count: int = 20) -> Iterator[str]:
    """A small valid case table: the header and `count` cases."""
    yield row_xml(1, HEADER)
    for i in range(1, count + 1):
        yield row_xml(i + 1, (f"C{i}", "SKU-1", f"2026-01-{i % 28 + 1:02d}", "Defective"))


def write_xlsx(path: Path, sheet: Iterable[str], shared_strings: Iterable[str] = (NO_STRINGS,)) -> Path:
    """An .xlsx whose sheet XML and shared strings are streamed from the given pieces (deflated as they come)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for part, pieces in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared_strings)):
            with book.open(part, "w", force_zip64=True) as stream:
                buffer = []
                for piece in pieces:
                    buffer.append(piece)
                    if len(buffer) >= 4096:
                        stream.write("".join(buffer).encode())
                        buffer = []
                stream.write("".join(buffer).encode())
    return path


def far_cell_xlsx(path: Path) -> Path:
    """A valid sheet written by xlsxwriter plus one cell at XFD1048576, Excel's last cell."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Returns")
    sheet.write_row(0, 0, HEADER)
    for i in range(1, 21):
        sheet.write_row(i, 0, (f"C{i}", "SKU-1", f"2026-01-{i % 28 + 1:02d}", "Defective"))
    sheet.write(1_048_575, 16_383, "x")
    book.close()
    return path


def far_cell_no_dimension_xlsx(path: Path) -> Path:
    """The far cell again, by hand and without a `<dimension>` to give it away: found from the cells themselves."""
    return write_xlsx(
        path, [SHEET_START, *valid_rows(), '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', SHEET_END]
    )


def rows_past_excel_xlsx(path: Path, rows: int = 3_000_000) -> Path:
    """A sheet of `rows` rows, past Excel's 1,048,576: the rows leave out their numbers (as the format allows),
    so the packed file stays small."""

    def pieces() -> Iterator[str]:
        yield SHEET_START
        yield row_xml(1, HEADER)
        row = '<row><c t="inlineStr"><is><t>C1</t></is></c><c t="inlineStr"><is><t>SKU-1</t></is></c></row>'
        for _ in range(rows // 1000):
            yield row * 1000
        yield SHEET_END

    return write_xlsx(path, pieces())


def row_gap_xlsx(path: Path) -> Path:
    """Rows numbered with huge gaps inside Excel's limits: 20 real rows, then rows 500,000 and 1,000,000 holding
    a cell in column ZZ, so the sheet spans a grid of 700 million cells from 22 written rows."""
    return write_xlsx(
        path,
        [
            SHEET_START,
            *valid_rows(),
            '<row r="500000"><c r="ZZ500000"><v>1</v></c></row>',
            '<row r="1000000"><c r="ZZ1000000"><v>1</v></c></row>',
            SHEET_END,
        ],
    )


def huge_shared_strings_xlsx(path: Path, strings: int = 2_000_000) -> Path:
    """A valid sheet whose shared-strings part lists `strings` strings of 200 characters (about 450 MB unpacked)."""
    text = "A" * 200
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{strings}" uniqueCount="{strings}">'
    )
    return write_xlsx(path, [SHEET_START, *valid_rows(), SHEET_END], [head, *(f"<si><t>{text}</t></si>" for _ in range(strings)), "</sst>"])


def billion_laughs_xlsx(path: Path) -> Path:
    """The classic: ten entities, each ten of the one before, 10^9 'lol's from a few hundred bytes."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE sst [{entities}]>"
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    rows = [SHEET_START, *valid_rows(), '<row r="30"><c r="A30" t="s"><v>0</v></c></row>', SHEET_END]
    return write_xlsx(path, rows, [strings])


def external_entity_xlsx(path: Path, target: Path) -> Path:
    """A sheet whose cell holds an external entity pointing at a file on the server."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file://{target}">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    return write_xlsx(path, [sheet, *valid_rows(), '<row r="30"><c r="A30" t="inlineStr"><is><t>&secret;</t></is></c></row>', SHEET_END])


def ods_mimetype_bomb(path: Path, size: int = 1 << 30) -> Path:
    """An .ods whose `mimetype` entry inflates to `size` bytes (about 1 MB packed for 1 GiB)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Returns"><table:table-row><table:table-cell office:value-type="string">'
        "<text:p>SKU</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        with book.open("mimetype", "w", force_zip64=True) as stream:
            stream.write(b"application/vnd.oasis.opendocument.spreadsheet")
            for _ in range(size // len(block)):
                stream.write(block)
        book.writestr("content.xml", content)
        book.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return path


def ods_repeated_rows(path: Path, repeat: int = 1_000_000, columns: int = 1_000) -> Path:
    """An .ods whose one written row, holding a value, is repeated `repeat` times and whose cell is repeated
    across `columns` columns: a billion cells from a few hundred bytes."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Returns"><table:table-row>'
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>' for h in HEADER)
        + f'</table:table-row><table:table-row table:number-rows-repeated="{repeat}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
        book.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return path


def many_entries_zip(path: Path, entries: int = 60_000) -> Path:
    """An .xlsx-looking zip listing `entries` empty parts: a directory that costs memory before any sheet is read."""
    write_xlsx(path, [SHEET_START, *valid_rows(), SHEET_END])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as book:
        for i in range(entries):
            book.writestr(f"x/{i}", b"")
    return path


def one_line_csv(path: Path, cells: int = 3_000_000) -> Path:
    """A CSV whose second line holds `cells` cells: one enormous line (6 MB) that would make millions of columns."""
    path.write_bytes(b"Case ID,SKU,Request Date,Reason\nC1,SKU-1,2026-01-02,Defective\n" + b"x," * cells + b"x\n")
    return path


def wide_header_csv(path: Path, cells: int = 100_000) -> Path:
    """A CSV whose first line is 100,000 columns wide, past Excel's 16,384."""
    path.write_bytes(b",".join(b"h%d" % i for i in range(cells)) + b"\n" + b"1," * (cells - 1) + b"1\n")
    return path
