"""The first rows of a sheet under its header, as written: what a user looks at to tell which column holds what
when the reader could not find a required one.

>>> import io
>>> text = "Return No;Pcode 7;Tanggal Diajukan\\nR-1;TEE-M;02/11/2026\\nR-2;CAP;03/11/2026\\n".encode()
>>> preview(text, "week.csv", "", 1, rows=1).to_dict("records")
[{'Return No': 'R-1', 'Pcode 7': 'TEE-M', 'Tanggal Diajukan': '02/11/2026'}]
>>> examples(preview(text, "week.csv", "", 1))["Tanggal Diajukan"]
'02/11/2026, 03/11/2026'
"""

from __future__ import annotations

import pandas as pd

from data import layout
from data.formats import read_tables

PREVIEW_ROWS = 8


def preview(data: bytes, name: str, sheet: str, header_row: int, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """Up to `rows` non-blank rows under the header of `sheet` ("" for a text file), one column per header name, the
    index the Excel row number. An empty frame when the sheet or its header row is not there."""
    tables = read_tables(data, name, sheet or None) if sheet else read_tables(data, name)
    table = next((t for t in tables if t.sheet == sheet), tables[0] if tables and not sheet else None)
    if table is None or header_row not in table.rows.index:
        return pd.DataFrame()
    names = layout.header_names(table.rows.loc[header_row])
    body = table.rows.loc[header_row + 1:]
    body = body.loc[~layout.blank_rows(body)].head(rows)
    out = body.set_axis(names, axis=1)
    out = out.loc[:, ~out.columns.duplicated()]
    return out.loc[:, [n for n in out.columns if out[n].notna().any() or not n.startswith("column ")]]


def examples(frame: pd.DataFrame, count: int = 3) -> dict[str, str]:
    """A few distinct values of each column, as text: "2026-11-02, 2026-11-03" beside a header in a select."""
    out = {}
    for name in frame.columns:
        cells = frame[name].dropna().astype(str).str.strip()
        out[name] = ", ".join(list(dict.fromkeys(c for c in cells if c))[:count])
    return out
