"""The weekly summary workbook: a front sheet with the headline figures and their change, tables under human headers
with column widths and number formats in the shop's currency, and native Excel charts (no browser needed to draw them).

A pure writer: it is handed the figures and tables (`analysis.report` computes them with the pages' own functions) and
lays them out. Every text cell and header is defused (`data.export.defuse`), so nothing runs as a formula; a figure or
cell that is unknown stays blank, never 0.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, SupportsFloat

import pandas as pd
import xlsxwriter

from data.export import defuse, safe_for_excel

if TYPE_CHECKING:
    from xlsxwriter.chart import Chart as ExcelChart
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet
FRONT = "Summary"
FRONT_HEADERS = ("Figure", "This period", "Period before", "Change", "Note")
TOTAL = "Total"
HEADER_ROW = 2  # 0-based: a title line, a blank line, then the header
# Currencies whose amounts are written without decimals (their cents are not used in practice).
WHOLE_CURRENCIES = frozenset({"IDR", "VND", "JPY", "KRW", "CLP", "PYG", "UGX", "ISK", "HUF"})
_NUMBER_FORMATS = {
    "count": "#,##0",
    "share": "0%",
    "change_share": "+0%;-0%;0%",
    "decimal": "0.0",
    "ratio": "0.00",
    "days": "0.0",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "q": "0.000",
}


def money_format(currency: str | None, *, signed: bool = False) -> str:
    """The Excel number format of an amount in `currency` (None: a plain amount with thousands separators).

    >>> money_format("IDR"), money_format("USD"), money_format(None), money_format("VND", signed=True)
    ('"IDR "#,##0', '"USD "#,##0.00', '#,##0.00', '+"VND "#,##0;-"VND "#,##0;"VND "0')
    """
    number = "#,##0" if currency in WHOLE_CURRENCIES else "#,##0.00"
    unit = f'"{currency} "' if currency else ""
    if signed:
        zero = "0" if currency in WHOLE_CURRENCIES else "0.00"
        return f"+{unit}{number};-{unit}{number};{unit}{zero}"
    return unit + number


def kind_format(kind: str) -> str | None:
    """The Excel number format of a column kind: count, share, decimal, ratio, days, date, datetime, q, money or
    money:<currency code>; text kinds (text, wide) have none."""
    if kind == "money" or kind.startswith("money:"):
        return money_format(kind.partition(":")[2] or None)
    return _NUMBER_FORMATS.get(kind)


@dataclass(frozen=True)
class Headline:
    """One headline figure: this period, the period before, the change (None: unknown or nothing to compare)."""

    label: str
    now: float | None
    before: float | None = None
    change: float | None = None
    kind: str = "count"  # count, share or money:<currency>
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A table for a sheet: human column names, a kind per column (see `kind_format`; text when not named)."""

    title: str
    frame: pd.DataFrame
    kinds: Mapping[str, str] = field(default_factory=dict)
    totals: bool = False  # a Total row under the count and amount columns (columns with no known value stay blank)
    empty: str = "Nothing to list in this view."


@dataclass(frozen=True)
class Chart:
    """A native Excel chart of a table's columns, drawn on the front sheet."""

    title: str
    sheet: str  # the table's sheet: its first column gives the categories
    columns: Sequence[str]
    kind: str = "column"  # column, stacked (columns), line or bar
    y_title: str = ""
    number_format: str | None = None


@dataclass(frozen=True)
class SummaryBook:
    title: str
    view: str  # the view: period and filters, in one line
    compared: str  # what the changes compare with
    headlines: Sequence[Headline]
    notes: Sequence[str] = ()
    sheets: Mapping[str, Table] = field(default_factory=dict)  # sheet name (at most 31 characters) -> its table
    charts: Sequence[Chart] = ()
    front: str = FRONT  # the front sheet's name, its figure headers and the totals' label (phrases: said in the reader's language)
    front_headers: Sequence[str] = FRONT_HEADERS
    total: str = TOTAL


def write_summary(book: SummaryBook, say: Callable[[object], str] = str) -> bytes:
    """The workbook as .xlsx bytes: the front sheet, then one sheet per table, in order. Every text (titles, headers,
    sheet names, notes and text cells) is written as `say` says it: the interface's language for the phrases of
    `analysis.report`, English by default."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": False,
        },
    )
    styles = _Styles(wb)
    styles.say = say
    front = wb.add_worksheet(_sheet_name(say(book.front)))
    names = {name: _sheet_name(say(name)) for name in book.sheets}
    tables = {names[name]: table for name, table in book.sheets.items()}
    placed = {name: _table_sheet(wb.add_worksheet(name), table, book.view, styles, book.total) for name, table in tables.items()}
    row = _front(front, book, styles)
    for i, chart in enumerate(book.charts):
        sheet = names.get(chart.sheet, "")
        drawn = _chart(wb, chart, sheet, tables.get(sheet), placed.get(sheet), styles)
        if drawn is not None:
            front.insert_chart(row + 1 + (i // 2) * 21, (i % 2) * 4, drawn, {"x_scale": 1.0, "y_scale": 1.3})
    front.activate()
    wb.close()
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    """A sheet name Excel takes: at most 31 characters, none of []:*?/\\."""
    return "".join(" " if c in "[]:*?/\\" else c for c in name)[:31]


class _Styles:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self.say: Callable[[object], str] = str
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.bold = wb.add_format({"bold": True})
        self.header = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.note = wb.add_format({"italic": True, "font_color": "#555555"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self._numbers: dict[tuple[str, bool], Format] = {}

    def text(self, value: object) -> str:
        """A text in the workbook's language, defused."""
        return _text(self.say(value))

    def number(self, fmt: str | None, bold: bool = False) -> Format | None:
        if fmt is None:
            return self.bold if bold else None
        key = (fmt, bold)
        if key not in self._numbers:
            self._numbers[key] = self.wb.add_format({"num_format": fmt, "bold": bold})
        return self._numbers[key]


def _text(value: object) -> str:
    return str(defuse(str(value)))


def _blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(sheet: Worksheet, row: int, col: int, value: object, style: Format | None) -> None:
    """One cell: blank when unknown, a real number or date, else defused text."""
    if _blank(value):
        if style is not None:
            sheet.write_blank(row, col, None, style)
        return
    if isinstance(value, str):
        sheet.write_string(row, col, _text(value), style)
    elif isinstance(value, pd.Timestamp):
        sheet.write_datetime(row, col, value.to_pydatetime(), style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, style)
    elif isinstance(value, SupportsFloat) and (isinstance(value, int | float) or hasattr(value, "dtype")):  # numpy numbers too
        sheet.write_number(row, col, float(value), style)
    else:
        sheet.write_string(row, col, _text(value), style)


def _front(sheet: Worksheet, book: SummaryBook, styles: _Styles) -> int:
    """The front sheet's figures and notes; returns the first free row."""
    sheet.write_string(0, 0, styles.text(book.title), styles.title)
    sheet.write_string(1, 0, styles.text(book.view))
    sheet.write_string(2, 0, styles.text(book.compared), styles.note)
    sheet.write_row(4, 0, [styles.text(h) for h in book.front_headers], styles.header)
    row = 5
    for figure in book.headlines:
        shown = kind_format(figure.kind)
        change = (
            money_format(figure.kind.partition(":")[2] or None, signed=True)
            if figure.kind.startswith("money")
            else ("+#,##0;-#,##0;0" if figure.kind == "count" else _NUMBER_FORMATS["change_share"])
        )
        sheet.write_string(row, 0, styles.text(figure.label), styles.bold)
        _cell(sheet, row, 1, figure.now, styles.number(shown))
        _cell(sheet, row, 2, figure.before, styles.number(shown))
        _cell(sheet, row, 3, figure.change, styles.number(change))
        if figure.note:
            sheet.write_string(row, 4, styles.text(figure.note), styles.wrap)
        row += 1
    row += 1
    for note in book.notes:
        sheet.write_string(row, 0, styles.text(note), styles.note)
        row += 1
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 3, 17)
    sheet.set_column(4, 4, 70, styles.wrap)
    sheet.freeze_panes(5, 0)
    return row


def _width(header: str, column: pd.Series, kind: str) -> float:
    """A column width that fits its header and its longest value (at most 60; the evidence column wraps at 90)."""
    if kind == "wide":
        return 90
    if kind in ("date",):
        longest = 10
    elif kind in ("datetime",):
        longest = 16
    elif kind == "text":
        lengths = column.dropna().astype(str).str.len()
        longest = int(lengths.max()) if len(lengths) else 0
    else:
        longest = 14 if kind.startswith("money") else 9
    return min(max(len(header), longest) + 2, 60)


def _table_sheet(sheet: Worksheet, table: Table, view: str, styles: _Styles, total: str = TOTAL) -> int:
    """A table under a title line; returns how many data rows it has."""
    kinds = [table.kinds.get(c, "text") for c in table.frame.columns]
    frame = safe_for_excel(table.frame.reset_index(drop=True))
    headers = [styles.text(c) for c in table.frame.columns]
    sheet.write_string(0, 0, _text(f"{styles.say(table.title)} · {styles.say(view)}"), styles.bold)
    sheet.write_row(HEADER_ROW, 0, headers, styles.header)
    for col, (header, kind) in enumerate(zip(headers, kinds, strict=True)):
        sheet.set_column(col, col, _width(header, frame.iloc[:, col], kind), styles.wrap if kind == "wide" else None)
    formats = [styles.number(kind_format(k)) for k in kinds]
    columns = [
        [styles.say(v) if isinstance(v, str) else v for v in frame.iloc[:, c].astype(object).tolist()] for c in range(frame.shape[1])
    ]
    for r in range(len(frame)):
        for c, values in enumerate(columns):
            _cell(sheet, HEADER_ROW + 1 + r, c, values[r], formats[c])
    if frame.empty:
        sheet.write_string(HEADER_ROW + 1, 0, styles.text(table.empty), styles.note)
    elif table.totals:
        last = HEADER_ROW + 1 + len(frame)
        sheet.write_string(last, 0, styles.text(total), styles.bold)
        for c, kind in enumerate(kinds):
            if c and (kind == "count" or kind.startswith("money")):
                known = pd.to_numeric(frame.iloc[:, c], errors="coerce")
                if known.notna().any():  # all blank: unknown, no total
                    sheet.write_number(last, c, float(known.sum()), styles.number(kind_format(kind), bold=True))
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    return len(frame)


def _chart(wb: xlsxwriter.Workbook, chart: Chart, sheet: str, table: Table | None, rows: int | None, styles: _Styles) -> ExcelChart | None:
    """A native chart of `chart.columns` of a written table (None when the table has no rows or lacks the columns)."""
    if table is None or not rows:
        return None
    names = list(table.frame.columns)
    series = [names.index(c) for c in chart.columns if c in names]
    if not series:
        return None
    kind = {"stacked": ("column", "stacked"), "column": ("column", None), "line": ("line", None), "bar": ("bar", None)}[chart.kind]
    drawn = wb.add_chart({"type": kind[0], **({"subtype": kind[1]} if kind[1] else {})})
    first, last = HEADER_ROW + 1, HEADER_ROW + rows
    for col in series:
        drawn.add_series(
            {
                "name": [sheet, HEADER_ROW, col],
                "categories": [sheet, first, 0, last, 0],
                "values": [sheet, first, col, last, col],
                "gap": 60,
            }
        )
    drawn.set_title({"name": styles.text(chart.title), "name_font": {"size": 12}})
    axis = {"name": styles.text(chart.y_title)} if chart.y_title else {}
    if chart.number_format:
        axis["num_format"] = chart.number_format
    (drawn.set_x_axis if chart.kind == "bar" else drawn.set_y_axis)(axis)
    if chart.kind == "bar":
        drawn.set_y_axis({"reverse": True})  # the largest on top, as in the table
    drawn.set_legend({"position": "bottom"} if len(series) > 1 else {"none": True})
    return drawn
