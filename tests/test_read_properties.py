"""Property tests: synonyms map back whatever their spelling and order; dates and money written in a
supported form parse back to themselves; no input makes the reader raise anything but `ReadError`."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import datetime, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data import formats
from data.errors import ReadError
from data.headers import match_headers
from data.reader import read_sheet
from data.rules import key, table
from data.schema import COLUMN_NAMES
from data.values import PLAUSIBLE_YEARS, parse_dates, parse_money

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Canonical column -> its full-weight synonyms whose key belongs to that column alone.
_owners: dict[str, set[str]] = {}
for _row in table("headers"):
    _owners.setdefault(key(_row["synonym"]), set()).add(_row["column"])
SYNONYMS: dict[str, list[str]] = {}
for _row in table("headers"):
    if _row["column"] in COLUMN_NAMES and float(_row["weight"]) == 1 and _owners[key(_row["synonym"])] == {_row["column"]}:
        SYNONYMS.setdefault(_row["column"], []).append(_row["synonym"])


@st.composite
def spelled(draw, synonym: str) -> str:
    """One way a person or an export might spell a header."""
    separator = draw(st.sampled_from([" ", "_", "-", ".", "  ", " / "]))
    words = synonym.split(" ")
    case = draw(st.sampled_from([str.lower, str.upper, str.title, lambda w: w]))
    text = separator.join(case(w) for w in words)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " ", "\u00a0"]))


@st.composite
def header_rows(draw) -> tuple[list[str], list[str]]:
    columns = draw(st.lists(st.sampled_from(sorted(SYNONYMS)), min_size=1, max_size=10, unique=True))
    headers = [draw(spelled(draw(st.sampled_from(SYNONYMS[c])))) for c in columns]
    order = draw(st.permutations(range(len(columns))))
    return [headers[i] for i in order], [columns[i] for i in order]


@SETTINGS
@given(header_rows())
def test_renamed_and_reordered_synonyms_map_back(row):
    headers, columns = row
    matches, _ = match_headers(headers)
    assert matches.column.tolist() == columns
    assert (matches.confidence > 0.9).all()


DATE_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%Y.%m.%d",
    "%d.%m.%Y %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "serial",
]


def _write(moment: datetime, fmt: str) -> str:
    if fmt == "serial":
        return str((moment - datetime(1899, 12, 30)).days)
    text = moment.strftime(fmt)
    return text.lstrip("0") if fmt.startswith(("%m/", "%d/")) and len(text) > 1 else text  # 6/16/2011 as Excel writes it


def _precision(moment: datetime, fmt: str) -> datetime:
    if fmt == "serial" or "%H" not in fmt:
        return moment.replace(hour=0, minute=0, second=0)
    return moment if "%S" in fmt else moment.replace(second=0)


PLAUSIBLE = st.datetimes(min_value=datetime(PLAUSIBLE_YEARS[0], 1, 1), max_value=datetime(PLAUSIBLE_YEARS[1], 12, 31, 23, 59, 59))
FAR = st.one_of(
    st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(PLAUSIBLE_YEARS[0] - 1, 12, 31, 23, 59)),
    st.datetimes(min_value=datetime(PLAUSIBLE_YEARS[1] + 1, 1, 1), max_value=datetime(9999, 12, 31)),
)


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), PLAUSIBLE, FAR), min_size=1, max_size=8), st.sampled_from(DATE_FORMATS))
def test_any_date_in_a_supported_form_parses_back_to_itself(draws, fmt):
    """Plausible dates come back exactly; dates outside the plausible years (pandas' 1677..2262 limit included)
    come back empty and marked, never raising."""
    moments = [(far if out else near).replace(microsecond=0) for out, near, far in draws]
    outside = [out for out, _, _ in draws]
    # A day after the 12th tells day-first from month-first, as any real column of some length does.
    anchor = datetime(2024, 12, 28, 9, 30, 15)
    cells = pd.Series([_write(m, fmt) for m in [*moments, anchor]])
    parsed = parse_dates(cells)
    assert parsed.bad.tolist() == [*outside, False]
    # A serial before 1900 or past 2119 is no Excel date number at all (bad, but not a date out of range).
    assert parsed.implausible.tolist() == [
        o and fmt != "serial" or (o and 20_000 <= int(c) < 80_000) for o, c in zip([*outside, False], cells, strict=True)
    ]
    expected = [pd.NaT if o else pd.Timestamp(_precision(m, fmt)) for o, m in zip([*outside, False], [*moments, anchor], strict=True)]
    assert parsed.values.tolist() == expected


@SETTINGS
@given(st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from(["plain", "us", "eu", "rp", "dong", "dollar"]))
def test_money_written_in_a_supported_form_parses_back(cents, style):
    amount = cents / 100
    whole = abs(cents) // 100
    sign = "-" if cents < 0 else ""
    if style in ("rp", "dong"):  # currencies written without decimals
        amount = float(cents // 100 * 1) if cents >= 0 else -float(abs(cents) // 100)
        text = f"{sign}{'Rp ' if style == 'rp' else '₫'}{whole:,}".replace(",", ".")
    elif style == "us":
        text = f"{sign}{abs(cents) / 100:,.2f}"
    elif style == "eu":
        text = sign + f"{abs(cents) / 100:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    elif style == "dollar":
        text = f"{sign}${abs(cents) / 100:,.2f}"
    else:
        text = f"{cents / 100:.2f}"
    value, _ = parse_money(text)
    assert value == pytest.approx(amount), text


CELLS = st.one_of(
    st.sampled_from(
        [
            "SKU",
            "Request Date",
            "Order ID",
            "Reason",
            "Status",
            "Qty",
            "Refund Amount",
            "Total",
            "",
            "NA",
            "2026-04-29",
            "29/04/2026",
            "4.91E+16",
            "Rp 1.250.000",
            "refund only",
            "yes",
            "45000",
            "=SUM(A1)",
            "1600-01-01",
            "9999-12-31 23:59",
            "1899-12-31 00:00:00",
            "31/12/1600",
            "9999999",
        ]
    ),
    st.text(max_size=12),
)


@st.composite
def grids(draw) -> list[list[str]]:
    width = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), min_size=0, max_size=12))
    return rows


def _read(data: bytes, name: str):
    buffer = io.BytesIO(data)
    buffer.name = name
    try:
        result = read_sheet(buffer)
    except ReadError as error:
        assert error.__cause__ is None, f"an internal error surfaced as ReadError: {error!r}"
        assert name in str(error)
        return None
    assert list(result.problems.columns) == ["file", "sheet", "row", "column", "value", "message"]
    assert list(result.cases.columns) == list(COLUMN_NAMES)
    return result


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["x.csv", "x.xlsx", "x"]))
def test_random_bytes_never_raise_anything_but_read_error(data, name):
    _read(data, name)


@SETTINGS
@given(grids(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_random_text_sheets_never_raise_anything_but_read_error(rows, delimiter, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    _read(buffer.getvalue().encode(encoding, errors="replace"), "grid.csv")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids())
def test_random_workbooks_never_raise_anything_but_read_error(rows):
    width = max((len(r) for r in rows), default=0)
    legal = [[ILLEGAL_CHARACTERS_RE.sub("", v) for v in r] + [""] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(legal)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, header=False, engine="openpyxl")
    _read(buffer.getvalue(), "grid.xlsx")


def test_dates_with_a_day_after_twelve_decide_the_order():
    cells = pd.Series([(datetime(2026, 1, 1) + timedelta(days=d)).strftime("%m/%d/%Y") for d in range(40)])
    assert parse_dates(cells).day_first is False


@SETTINGS
@given(
    st.lists(st.lists(st.text(alphabet='ab ,"\n\r1é', max_size=8), min_size=3, max_size=3), min_size=1, max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.integers(1, 96),
)
def test_a_text_file_read_in_pieces_gives_the_cells_of_one_read(rows, newline, piece_bytes):
    # Pieces of a few bytes put cuts everywhere, inside quoted cells that span lines too.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["x", "y", "z"], *rows])
    data = buffer.getvalue().encode()

    def read(piece: int) -> list | None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(formats, "PIECE_BYTES", piece)
            patch.setattr(formats, "WORKERS", 4)
            frame = formats._arrow_csv(data, 0, ",", 3, multiline=True, checked=False)
        return None if frame is None else frame.fillna("").values.tolist()

    whole = read(len(data) + 1)
    assert read(piece_bytes) == whole
    if newline == "\r\n":  # the csv module quotes a lone "\r" only then: its own reading is the answer
        assert whole == list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
