"""Moving a million cases in and out of the store fast: bulk rows in, Arrow columns out.

Writes go through the DBAPI connection of the store's open transaction (executemany on SQLite,
COPY on PostgreSQL). Reads go through ADBC, which hands back typed Arrow columns without a
Python object per value; `frame_from_arrow` turns them into the canonical dtypes directly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.schema import _CATEGORIES, COLUMNS

_NAT = np.iinfo(np.int64).min  # the int64 behind NaT


def staging_rows(frame: pd.DataFrame, dialect: str) -> list[tuple]:
    """The canonical `frame` as row tuples of plain Python values (None for missing), in COLUMNS order.

    Timestamps become integer microseconds on SQLite and ISO strings for PostgreSQL's COPY.

    >>> from data.schema import conform
    >>> rows = staging_rows(conform(pd.DataFrame({"sku": ["A"], "request_date": ["2026-01-02"]})), "sqlite")
    >>> rows[0][2], rows[0][8], rows[0][9]
    ('A', 1767312000000000, None)
    """
    return list(zip(*(_values(frame[col.name], col.dtype, dialect) for col in COLUMNS), strict=True))


def _values(series: pd.Series, dtype: str, dialect: str) -> list[Any]:
    missing = series.isna().to_numpy()
    if dtype == "datetime":
        stamps = series.to_numpy(dtype="datetime64[us]")
        out = stamps.view("i8").astype(object) if dialect == "sqlite" else np.datetime_as_string(stamps, unit="us").astype(object)
    elif dtype == "float":
        out = series.to_numpy(dtype=object, copy=True)
    elif dtype == "category":
        out = series.astype(object).to_numpy(copy=True)
    else:
        out = series.to_numpy(dtype=object, na_value=None, copy=True)
    out[missing] = None
    return out.tolist()


def frame_from_arrow(table: pa.Table) -> pd.DataFrame:
    """Canonical cases from an Arrow table with the COLUMNS, as SQLite or PostgreSQL hand them to ADBC.

    Gives the same frame as `data.schema.conform` would, without a Python object per value.
    """
    data = {}
    for col in COLUMNS:
        values = table.column(col.name)
        if col.dtype == "string":
            data[col.name] = pd.arrays.ArrowStringArray(values.cast(pa.large_string()))
        elif col.dtype == "category":
            data[col.name] = _categorical(values, _CATEGORIES[col.name])
        elif col.dtype == "datetime":
            if pa.types.is_timestamp(values.type):  # PostgreSQL; SQLite holds integer microseconds already
                values = values.cast(pa.timestamp("us"))
            micros = values.cast(pa.int64())
            data[col.name] = pc.fill_null(micros, _NAT).to_numpy().view("datetime64[us]").astype("datetime64[ns]")
        elif col.dtype == "float":
            data[col.name] = pc.fill_null(values.cast(pa.float64()), np.nan).to_numpy()
        elif col.dtype == "int":
            ints = values.cast(pa.int64())
            data[col.name] = pd.arrays.IntegerArray(pc.fill_null(ints, 0).to_numpy(), pc.is_null(ints).to_numpy())
        else:
            flags = values.cast(pa.bool_())
            data[col.name] = pd.arrays.BooleanArray(pc.fill_null(flags, False).to_numpy(), pc.is_null(flags).to_numpy())
    return pd.DataFrame(data)


def _categorical(values: pa.ChunkedArray, categories: tuple[str, ...]) -> pd.Categorical:
    """Strings -> a Categorical over a fixed vocabulary; values outside it become missing, as in `conform`."""
    encoded = values.cast(pa.string()).combine_chunks().dictionary_encode()
    position = {name: i for i, name in enumerate(categories)}
    lookup = np.array([position.get(v, -1) for v in encoded.dictionary.to_pylist()] + [-1], dtype=np.int16)
    indices = pc.fill_null(encoded.indices, len(lookup) - 1).to_numpy()
    return pd.Categorical.from_codes(lookup[indices], categories=list(categories))


def sqlite_load_query(table: str = "cases") -> str:
    """SELECT of all cases for ADBC's SQLite driver, led by one typed row that `typed_rows` removes.

    The driver guesses each column's type from the first rows it sees; a column that starts with
    NULLs would be guessed wrong and the read would fail further on. A leading row with a value
    of the right type in every column makes the guess right.
    """
    typed = {"string": "''", "category": "''", "datetime": "0", "int": "0", "bool": "0", "float": "0.0"}
    first = ", ".join(f"{typed[c.dtype]} AS {c.name}" for c in COLUMNS)
    names = ", ".join(c.name for c in COLUMNS)
    return f"SELECT 0 AS typed_row, {first} UNION ALL SELECT 1, {names} FROM {table}"


def typed_rows(table: pa.Table) -> pa.Table:
    """The rows of a `sqlite_load_query` result without its leading typed row."""
    flag = table.column("typed_row")
    if len(flag) and flag[0].as_py() == 0:
        table = table.slice(1)
    else:  # never seen: SQLite returns UNION ALL parts in order, but do not rely on it
        table = table.filter(pc.equal(flag, 1))
    return table.drop_columns(["typed_row"])
