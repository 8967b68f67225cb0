"""Small helpers shared by the analysis modules: which cases are buyer requests, and weeks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from data.schema import NO_SKU

DATE_BASES: dict[str, str] = {"request": "request_date", "response": "response_date", "resolved": "resolved_date"}
WEEK_STARTS: tuple[str, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

# One bool per case: what the row-selecting helpers return.
Mask = npt.NDArray[np.bool_]


def buyer_requests(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases a buyer asked for: courier returns (parcels that never reached the buyer) left out.

    Analyses of buyer behaviour (reasons, recurring causes, spikes, proof, comments, return rate)
    use this; money and the deadline clock say in their docstrings what they do.

    >>> cases = pd.DataFrame({"sku": ["A", "B", "C"], "courier_return": pd.array([True, False, None], dtype="boolean")})
    >>> buyer_requests(cases).sku.tolist()
    ['B', 'C']
    """
    if "courier_return" not in cases.columns:
        return cases
    buyers = buyer_mask(cases)
    return cases if buyers.all() else cases.loc[buyers]  # no courier return: the frame itself, no copy


def buyer_mask(cases: pd.DataFrame) -> Mask:
    """A bool per case: True for buyer requests, False for courier returns (see `buyer_requests`)."""
    if "courier_return" not in cases.columns:
        return np.ones(len(cases), dtype=bool)
    return ~cases["courier_return"].astype("boolean").fillna(False).to_numpy(dtype=bool)


def courier_return_count(cases: pd.DataFrame) -> int:
    """How many of the cases are courier returns (parcels that never reached the buyer), which pages count apart.

    >>> courier_return_count(pd.DataFrame({"courier_return": pd.array([True, False, None, True], dtype="boolean")}))
    2
    """
    return int((~buyer_mask(cases)).sum())


def sku_level(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases that name their product: for analyses by SKU (recurring causes by SKU, SKU rankings, return rate per
    SKU, fixes by SKU). Cases from a sheet with no product column carry the sku `NO_SKU`; they are left out here, while
    they still count in reasons, trends, deadlines and money totals.

    >>> sku_level(pd.DataFrame({"sku": ["A-1", "No SKU", "B-2"]}))["sku"].tolist()
    ['A-1', 'B-2']
    """
    if "sku" not in cases.columns:
        return cases
    named = ~equals(cases["sku"], NO_SKU)
    return cases if named.all() else cases.loc[named]


def date_column(basis: str) -> str:
    """The column a date basis names: `request` (default), `response` or `resolved`."""
    if basis in DATE_BASES.values():
        return basis
    try:
        return DATE_BASES[basis]
    except KeyError:
        raise ValueError(f"date basis must be one of {', '.join(DATE_BASES)}, not {basis!r}") from None


NO_DAY = np.iinfo(np.int64).min  # `week_days` of a missing date


def week_days(dates: pd.Series, start: str = "MON") -> np.ndarray:
    """`week_start` as int64 day numbers (days since 1970-01-01), `NO_DAY` where the date is missing.

    >>> week_days(pd.Series(pd.to_datetime(["2026-11-22 23:59", None]))).tolist() == [20773, NO_DAY]
    True
    """
    offset = WEEK_STARTS.index(start.upper()[:3])
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").view("int64")
    # 1970-01-01 was a Thursday (index 3): days since the last `start` day. NaT is the smallest int64, kept as it is.
    return np.where(day == NO_DAY, NO_DAY, day - (day + 3 - offset) % 7)


def week_start(dates: pd.Series, start: str = "MON") -> pd.Series:
    """The first day (midnight) of the week each date falls in; weeks start on `start` (MON = ISO weeks).

    Works on the int64 day numbers, so it stays fast on millions of rows; NaT stays NaT.

    >>> week_start(pd.Series(pd.to_datetime(["2026-11-22 23:59", "2026-11-23 00:00"]))).dt.strftime("%a %d").tolist()
    ['Mon 16', 'Mon 23']
    >>> week_start(pd.Series(pd.to_datetime(["2026-11-22"])), "SUN").dt.strftime("%a %d").tolist()
    ['Sun 22']
    """
    offset = WEEK_STARTS.index(start.upper()[:3])
    values = dates.to_numpy(dtype="datetime64[ns]")
    day = values.astype("datetime64[D]")
    valid = ~np.isnat(day)
    day_num = np.where(valid, day.view("int64"), 0)
    # 1970-01-01 was a Thursday (index 3): days since the last `start` day.
    back = (day_num + 3 - offset) % 7
    out = (day_num - back).astype("datetime64[D]").astype("datetime64[ns]")
    out[~valid] = np.datetime64("NaT")
    return pd.Series(out, index=dates.index, name=dates.name)


def rows_where(cases: pd.DataFrame, mask: Mask) -> pd.DataFrame:
    """The cases where `mask` holds; the frame itself (no copy of every column) when it holds everywhere. Read-only.

    >>> frame = pd.DataFrame({"sku": ["A", "B"]})
    >>> rows_where(frame, np.array([True, True])) is frame, rows_where(frame, np.array([False, True]))["sku"].tolist()
    (True, ['B'])
    """
    return cases if mask.all() else cases.loc[mask]


def equals(values: pd.Series, value: str) -> Mask:
    """A plain bool array: where `values` equals `value` (missing is False); fast on categoricals.

    >>> equals(pd.Series(pd.Categorical(["a", None, "b"])), "a").tolist()
    [True, False, False]
    """
    return (values == value).to_numpy(dtype=bool, na_value=False)


def one_of(values: pd.Series, wanted: tuple[str, ...]) -> Mask:
    """A plain bool array: where `values` is one of `wanted` (missing is False); on categoricals each category is read
    once, not each row.

    >>> one_of(pd.Series(pd.Categorical(["a", None, "b", "c"])), ("a", "c")).tolist()
    [True, False, False, True]
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return np.append(values.cat.categories.isin(wanted), False)[values.cat.codes.to_numpy()]  # last: code -1, missing
    return values.isin(wanted).to_numpy(dtype=bool, na_value=False)


def codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and their labels; free on categoricals, one hash pass otherwise.

    >>> codes(pd.Series(["b", None, "a", "b"]))
    (array([ 0, -1,  1,  0]), array(['b', 'a'], dtype=object))
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(dtype=np.int64), np.asarray(values.cat.categories, dtype=object)
    found, labels = pd.factorize(values, use_na_sentinel=True)
    return found.astype(np.int64), np.asarray(labels, dtype=object)


def sorted_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """`codes` numbered in the sorted order of their labels (text values), -1 for missing.

    A group-by over these codes gives the groups, in the order and with the sums, of a sorted group-by over the values
    as text, without turning every value into a Python string first (a million SKUs cost about a second that way).

    >>> sorted_codes(pd.Series(["b", None, "a", "b"]))
    (array([ 1, -1,  0,  1]), array(['a', 'b'], dtype=object))
    """
    found, labels = codes(values)
    if not len(labels):
        return found, labels
    order = np.argsort(labels, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return np.where(found >= 0, rank[found], -1), labels[order]
