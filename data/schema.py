"""The canonical case: one row per after-sales request, and the vocabularies its columns use.

Everything after the reader speaks this schema: the store, the analysis and the pages. The
vocabularies are data, so adding a reason tag or a status is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

NO_SKU = "No SKU"  # the sku of cases from a sheet with no product column
# Not stored: the column downloads of rows add to mark lines that are fees, postage or adjustments, not products.
NOT_PRODUCT = "not_product"

REQUEST_TYPES: tuple[str, ...] = (
    "Refund Only",
    "Return + Refund",
    "Reshipment",
    "Exchange",
    "Unknown",
)

REASONS: tuple[str, ...] = (
    "Damaged packaging",
    "Damaged item",
    "Defective",
    "Wrong item",
    "Missing item",
    "Wrong size or fit",
    "Not as described",
    "Quality",
    "Late or not delivered",
    "Changed mind",
    "Other",
)

STATUSES: tuple[str, ...] = (
    "requested",
    "approved",
    "rejected",
    "item received",
    "refunded",
    "reshipped",
    "exchanged",
    "auto-approved",
    "cancelled",
    "closed",
)

# A case that is still waiting for the seller: the auto-approval clock runs on these.
OPEN_STATUSES: tuple[str, ...] = ("requested",)


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "string", "category", "datetime", "int", "float", "bool"
    required: bool = False
    doc: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("case_id", "string", doc="the platform's request id, or a stable key from order, SKU, date and type"),
    Column("order_id", "string"),
    Column("sku", "string", required=True, doc="seller SKU; product name with colour and size where a sheet has none"),
    Column("product_name", "string"),
    Column("request_type", "category", doc="one of REQUEST_TYPES"),
    Column("reason", "category", doc="one of REASONS"),
    Column("reason_raw", "string", doc="the reason exactly as written"),
    Column("comment", "string", doc="the buyer's comment"),
    Column("request_date", "datetime", required=True, doc="when the buyer asked"),
    Column("response_date", "datetime", doc="first seller response"),
    Column("resolved_date", "datetime"),
    Column("status", "category", doc="one of STATUSES"),
    Column("quantity", "int", doc="units, default 1"),
    Column("refund_amount", "float", doc="in the shop's currency"),
    Column("currency", "string"),
    Column("proof_provided", "bool", doc="photo or video from the buyer"),
    Column("courier_return", "bool", doc="RTO: the parcel never reached the buyer; not a buyer request"),
    Column("channel", "string", doc="marketplace or shop"),
    Column("handled_by", "string", doc="person in charge"),
    Column("buyer_hash", "string", doc="salted hash of the buyer id, for repeat-returner counts"),
    Column("source_file", "string"),
    Column("source_sheet", "string"),
    Column("source_row", "int", doc="the row number as the user sees it in Excel"),
    Column("import_id", "int"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
_CATEGORIES = {"request_type": REQUEST_TYPES, "reason": REASONS, "status": STATUSES}


def empty_cases() -> pd.DataFrame:
    """An empty cases table with the canonical columns and dtypes."""
    return conform(pd.DataFrame({name: [] for name in COLUMN_NAMES}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with exactly the canonical columns, in order, with canonical dtypes.

    Missing columns are added empty; unknown columns are dropped; values outside a vocabulary
    become missing (readers map them before this point). The caller's frame is not changed.

    >>> conform(pd.DataFrame({"sku": ["A"], "reason": ["Defective"]})).reason.cat.categories[0]
    'Damaged packaging'
    """
    out = pd.DataFrame(index=frame.index)
    for col in COLUMNS:
        if col.name in frame.columns:
            out[col.name] = _as_dtype(frame[col.name], col)
        else:
            out[col.name] = pd.Series(_missing(col, len(frame)), index=frame.index, copy=False)
    return out.reset_index(drop=True)


def _missing(col: Column, rows: int) -> object:
    """A column of `rows` missing values, built typed: broadcasting a missing scalar to a million cells is slow."""
    if col.dtype == "string":
        return pd.arrays.ArrowStringArray(pa.chunked_array([pa.nulls(rows, pa.large_string())]))
    if col.dtype == "category":
        return pd.Categorical.from_codes(np.full(rows, -1, dtype=np.int8), categories=pd.Index(_CATEGORIES[col.name]))
    if col.dtype == "int":
        return pd.arrays.IntegerArray(np.zeros(rows, dtype="int64"), np.ones(rows, dtype=bool))
    if col.dtype == "bool":
        return pd.arrays.BooleanArray(np.zeros(rows, dtype=bool), np.ones(rows, dtype=bool))
    return np.full(rows, np.nan if col.dtype == "float" else np.datetime64("NaT", "ns"))


def _as_dtype(values: pd.Series, col: Column) -> pd.Series | pd.Categorical:
    if col.dtype == "category":
        if isinstance(values.dtype, pd.CategoricalDtype):  # recode, no per-cell text
            categories = list(_CATEGORIES[col.name])
            if list(values.cat.categories) == categories and not values.cat.ordered:
                return values
            position = {c: i for i, c in enumerate(categories)}
            recode = np.array([position.get(c, -1) for c in values.cat.categories] + [-1], dtype=np.int8)
            return pd.Series(
                pd.Categorical.from_codes(recode[values.cat.codes.to_numpy()], categories=pd.Index(categories)),
                index=values.index,
                copy=False,
            )
        return pd.Categorical(values.astype("object"), categories=list(_CATEGORIES[col.name]))
    if col.dtype == "datetime":
        if values.dtype == "datetime64[ns]":  # already canonical (as the reader gives them): no copy
            return values
        parsed = pd.to_datetime(values, errors="coerce", utc=False)
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)
        return parsed.astype("datetime64[ns]")
    if col.dtype == "int":
        if values.dtype == "Int64" or pd.api.types.is_integer_dtype(values.dtype):  # no text to read
            return values.astype("Int64")
        return pd.to_numeric(values, errors="coerce").astype("Int64")
    if col.dtype == "float":
        if values.dtype == "float64":
            return values
        return pd.to_numeric(values, errors="coerce").astype("float64")
    if col.dtype == "bool":
        return values.astype("boolean")
    if isinstance(values.dtype, pd.StringDtype):  # already text: a cheap Arrow-to-Arrow cast
        return values.astype("string")
    return values.astype("object").where(values.notna(), None).astype("string")
