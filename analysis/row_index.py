"""A view's rows of a loaded frame that never changes, read from arrays prepared once per frame.

`FilterSpec.rows` compares every request date and looks up every picked value on each call: on a million cases about
25 ms a view, and the Overview asks for three views (the period, the period before, the cases a test sees). A
`RowIndex` reads the request times and each filter column's codes once; a view's rows are then integer comparisons
and table look-ups over those arrays, the same rows `FilterSpec.rows`, `FilterSpec.previous` and `narrow_for_test`
pick.

`slim` drops the columns the Overview's and Recurring causes' figures never read (identifiers, free text, import
bookkeeping), so the rows those figures take are copied from a third of the columns.

`one_chunk` joins the pieces of each Arrow-backed column (text read from a store comes in batches): taking a view's rows
from a column in 8 pieces took 3 ms where one piece takes 0.2, for each text column of every copy a filter change makes.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.extensions import ExtensionArray

from analysis.common import Mask, buyer_mask, codes, week_days
from analysis.filters import DIMENSIONS, FilterSpec
from analysis.sources import source_codes

# Columns no figure of `kpis`, `attention`, `recurring`, `spikes`, `sources`, `sla`, `money`, `coverage`, `knowledge`,
# `weekly` and `cause_figures` reads (tests/test_row_index.py checks those modules never name them).
UNREAD_BY_FIGURES: tuple[str, ...] = (
    "case_id",
    "order_id",
    "product_name",
    "reason_raw",
    "comment",
    "quantity",
    "buyer_hash",
    "source_row",
)
_DAY = pd.Timedelta(days=1)


def one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each Arrow-backed column in one piece (same values and dtypes); the other columns shared.

    >>> parts = pd.concat([pd.Series(["a", None], dtype="string[pyarrow]"), pd.Series(["b"], dtype="string[pyarrow]")])
    >>> frame = pd.DataFrame({"sku": parts.reset_index(drop=True), "n": [1, 2, 3]})
    >>> joined = one_chunk(frame)
    >>> [f["sku"].array.__arrow_array__().num_chunks for f in (frame, joined)], joined["sku"].tolist()
    ([2, 1], ['a', <NA>, 'b'])
    >>> joined["sku"].dtype == frame["sku"].dtype, joined["n"] is frame["n"] or joined["n"].equals(frame["n"])
    (True, True)
    """
    joined: dict[Hashable, ExtensionArray] = {}
    for name, column in frame.items():
        arrow = getattr(column.array, "__arrow_array__", None)
        pieces = arrow() if arrow is not None else None
        if isinstance(pieces, pa.ChunkedArray) and pieces.num_chunks > 1:
            joined[name] = pd.array(pieces.combine_chunks(), dtype=column.dtype)
    if not joined:
        return frame
    out = frame.copy(deep=False)
    for name, values in joined.items():
        out[name] = values
    return out


def slim(cases: pd.DataFrame) -> pd.DataFrame:
    """`cases` without the columns the figures never read (`UNREAD_BY_FIGURES`); the columns are shared, not copied."""
    return cases.drop(columns=[c for c in UNREAD_BY_FIGURES if c in cases.columns])


class RowIndex:
    """The request times and filter codes of one frame, for picking a view's rows (see the module docstring).

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-10-01", "2026-11-20", None]),
    ...     "reason": pd.Categorical(["Defective", "Other", "Defective"]), "sku": ["A", None, "B"]})
    >>> index, spec = RowIndex(cases), FilterSpec(period="Last 4 weeks", reason=("Other",))
    >>> index.rows(spec).tolist() == spec.rows(cases).tolist() == [False, True, False]
    True
    >>> index.narrowed_rows(FilterSpec(sku=("B",))).tolist()
    [False, False, True]
    """

    def __init__(self, cases: pd.DataFrame) -> None:
        dates = cases["request_date"].to_numpy(dtype="datetime64[ns]")
        self.size = len(cases)
        self._stamps = dates.view("int64")
        dated = dates[~np.isnat(dates)]
        bounds = [dated.min(), dated.max()] if len(dated) else [np.datetime64("NaT")] * min(len(dates), 1)
        # What `FilterSpec.window` reads of the frame (whether it is empty or undated, its first and latest request), as
        # a frame of at most two rows: `spec.window(index.span)` is `spec.window(cases)`.
        self.span = pd.DataFrame({"request_date": pd.Series(bounds, dtype="datetime64[ns]")})
        self._codes = {name: _small(*codes(cases[name])) for name in DIMENSIONS if name in cases.columns}
        self._cases = cases  # for the arrays read on first use below
        self._weeks: dict[str, np.ndarray] = {}

    @cached_property
    def buyers(self) -> Mask:
        """`common.buyer_mask` of the frame."""
        return buyer_mask(self._cases)

    @cached_property
    def sources(self) -> tuple[np.ndarray, list[object]]:
        """`sources.source_codes` of the frame."""
        return source_codes(self._cases)

    def weeks(self, start: str = "MON") -> np.ndarray:
        """`common.week_days` of the request dates."""
        if start not in self._weeks:
            self._weeks[start] = week_days(self._cases["request_date"], start)
        return self._weeks[start]

    def codes(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """`common.codes` of a filter column (in small integers)."""
        return self._codes[name]

    @property
    def latest(self) -> pd.Timestamp:
        """The latest request date (NaT when none): `cases["request_date"].max()`."""
        return pd.Timestamp(self.span["request_date"].max())

    def window(self, spec: FilterSpec) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """`spec.window` of the frame."""
        return spec.window(self.span)

    def rows(self, spec: FilterSpec) -> Mask:
        """`spec.rows` of the frame."""
        return self._mask(spec, self.window(spec))

    def previous_rows(self, spec: FilterSpec) -> Mask | None:
        """The rows of `spec.previous` (the same filters over the period just before), None for all time."""
        window = self.window(spec)
        if window is None:
            return None
        start, end = window
        length = end - start + _DAY
        return self._mask(spec, (start - length, start - _DAY))

    def narrowed_rows(self, part: FilterSpec) -> Mask | None:
        """The rows `part`'s picks keep over all time (what `narrow_for_test` keeps of a view whose `narrowing_part`
        is `part`); None when nothing is picked (every row)."""
        if not any(getattr(part, name) for name in DIMENSIONS):
            return None
        return self._mask(part, None)

    def _mask(self, spec: FilterSpec, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> Mask:
        mask = np.ones(self.size, dtype=bool)
        if window is not None:  # [start, end + 1 day) of the timestamps, as `FilterSpec.rows`; NaT is the smallest int64
            mask &= (self._stamps >= window[0].value) & (self._stamps < (window[1] + _DAY).value)
        for name in DIMENSIONS:
            chosen = getattr(spec, name)
            if chosen:
                found, labels = self._codes[name]
                mask &= _picked(labels, chosen)[found]
        return mask


def _picked(labels: np.ndarray, chosen: Sequence[str]) -> Mask:
    """Per label, whether it is picked, and False last for a missing value (code -1): `Series.isin` never matches one."""
    return np.append(np.isin(labels, np.asarray(list(chosen), dtype=object)), False)


def _small(found: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes in the smallest signed integers that hold them (a quarter of the memory for a few thousand SKUs)."""
    return found.astype(np.min_scalar_type(-max(len(labels), 1))), labels
