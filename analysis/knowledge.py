"""What each source can tell: the one rule behind every figure a source may be unable to express.

A source is one file (one import, one sheet) and, inside a file mixing marketplaces, one channel. A figure's
data is known for a case when its source can say it: a refund amount when some case of the source carries one
(a file with no amount column says nothing about money, so its rejected requests are no known 0), a response
time when some case carries a first-response date, an auto-approval when some status of the source says a
request was approved automatically (a marketplace whose statuses never word it cannot report one, so its count
is unknown, never 0). What a source can say is decided over all of its cases, not over the view: a filter that
leaves out a source's auto-approved cases does not make its other cases unknown.

The dashboard computes this once per data version (`with_knowledge` of all cases adds a `knows_<need>` column
per need and a `source_key` column); every figure reads it through `knows`, which falls back to the frame it is
given when the columns are not there (a frame built by hand: then the frame is all there is to go by).

Imports of one export layout (the same header row, uploaded week after week) and the same channel share what they
can say: a week with no auto-approved request in Shopee's export is a week of none, not a file that cannot say so.
The layouts come from the import history (`import_layouts`); without them each source stands alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

# need -> the ways a case shows its source can say it: (a column, the value it must hold; None: any value)
SAYS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "status": (("status", None),),
    "auto-approval": (("status", "auto-approved"),),
    # whether a request is still waiting for an answer: a status, or a first-response date that a blank leaves open
    "response": (("status", None), ("response_date", None)),
    # whether a request is still open by its status: only a status that words waiting can make one past its deadline
    "waiting": (("status", "requested"),),
    "refund amount": (("refund_amount", None),),
    "response time": (("response_date", None),),
    "proof": (("proof_provided", None),),
    "currency": (("currency", None),),
}
SOURCE_KEY = "source_key"
CURRENCY_SOURCE = "currency_source"  # the name of the source whose amounts share one currency, see `currency_sources`
_BY = ("import_id", "source_file", "source_sheet", "channel")


def knows_column(need: str) -> str:
    """The column `with_knowledge` adds for `need`.

    >>> knows_column("refund amount")
    'knows_refund_amount'
    """
    return "knows_" + need.replace(" ", "_").replace("-", "_")


def source_keys(cases: pd.DataFrame) -> np.ndarray:
    """Each case's source as a small integer: its import, file, sheet and channel together (one source when
    none is known).

    >>> source_keys(pd.DataFrame({"source_file": ["a.csv", "b.xlsx", "a.csv"], "channel": ["Shopee", None, "Lazada"]})).tolist()
    [0, 1, 2]
    """
    if SOURCE_KEY in cases.columns:
        return cases[SOURCE_KEY].to_numpy(dtype=np.int64)
    present = [c for c in _BY if c in cases.columns and cases[c].notna().any()]
    if not present or not len(cases):
        return np.zeros(len(cases), dtype=np.int64)
    return cases.groupby(present, dropna=False, sort=False, observed=True).ngroup().to_numpy(dtype=np.int64)


def _says(cases: pd.DataFrame, need: str) -> np.ndarray:
    """Per case, whether the case itself shows its source can say `need`."""
    says = np.zeros(len(cases), dtype=bool)
    for column, value in SAYS[need]:
        if column not in cases.columns:
            continue
        if value is None:
            says |= cases[column].notna().to_numpy(dtype=bool)
        else:
            says |= (cases[column] == value).to_numpy(dtype=bool, na_value=False)
    return says


def _spread(keys: np.ndarray, says: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
    """Per case, whether any case of its source (or of its source's group, `groups`: a group per source) says it."""
    if not len(keys):
        return np.zeros(0, dtype=bool)
    per_source: np.ndarray = np.bincount(keys, weights=says, minlength=int(keys.max()) + 1) > 0
    if groups is not None:
        per_group = np.bincount(groups, weights=per_source, minlength=int(groups.max()) + 1) > 0
        per_source = per_group[groups]
    return np.asarray(per_source[keys], dtype=bool)


def import_layouts(history: pd.DataFrame) -> dict[tuple[int, str], str]:
    """(import id, sheet) -> the signature of its header row, from the import history (`Store.history()`: columns
    `import_id` and `mapping`, {sheet: {raw header: column}}; a CSV's sheet is "").

    >>> history = pd.DataFrame({"import_id": [2, 1], "mapping": [{"": {"SKU": "sku", "Status": "status"}},
    ...     {"Returns": {"SKU": "sku", "Status": "status"}}]})
    >>> layouts = import_layouts(history)
    >>> layouts[(2, "")] == layouts[(1, "Returns")]
    True
    """
    from data.headers import signature  # the header matcher's imports cost ~0.2 s; only a store's load needs them

    out: dict[tuple[int, str], str] = {}
    for import_id, mapping in zip(history["import_id"], history["mapping"], strict=True):
        for sheet, columns in (mapping or {}).items():
            out[(int(import_id), str(sheet))] = signature([str(header) for header in columns])
    return out


def _first_of_each(cases: pd.DataFrame, keys: np.ndarray, columns: tuple[str, ...]) -> tuple[np.ndarray, list[list[Any]]]:
    """The sources of `keys` and, per column of `columns`, the value in each source's first case (None where the
    frame has no such column)."""
    sources, first = np.unique(keys, return_index=True)
    rows = cases.iloc[first]
    return sources, [rows[c].tolist() if c in rows.columns else [None] * len(rows) for c in columns]


def _groups(cases: pd.DataFrame, keys: np.ndarray, layouts: Mapping[tuple[int, str], str]) -> np.ndarray:
    """Per source, a group: sources of one import layout and channel share one (a source of no known layout stands alone)."""
    sources, (imports, sheets, channels) = _first_of_each(cases, keys, ("import_id", "source_sheet", "channel"))
    labels: list[object] = [("source", k) for k in range(int(keys.max()) + 1)]
    for source, import_id, sheet, channel in zip(sources, imports, sheets, channels, strict=True):
        if import_id is None or pd.isna(import_id):
            continue
        layout = layouts.get((int(import_id), "" if sheet is None or pd.isna(sheet) else str(sheet)))
        if layout is not None:
            labels[int(source)] = ("layout", layout, None if channel is None or pd.isna(channel) else str(channel))
    codes, _ = pd.factorize(pd.Series(labels, dtype=object))
    return np.asarray(codes, dtype=np.int64)


def with_knowledge(cases: pd.DataFrame, layouts: Mapping[tuple[int, str], str] | None = None) -> pd.DataFrame:
    """`cases` with what each case's source can say, decided over all of `cases` (the caller's frame is not changed;
    a frame that already has it is returned as it is); `layouts` (`import_layouts`) lets imports of one layout share it.

    >>> cases = pd.DataFrame({"source_file": ["shopee.xlsx", "shopee.xlsx", "own.csv"],
    ...     "status": ["auto-approved", "refunded", None], "refund_amount": [5.0, None, 3.0]})
    >>> known = with_knowledge(cases.iloc[1:])
    >>> known["knows_auto_approval"].tolist(), with_knowledge(cases)["knows_auto_approval"].tolist()
    ([False, False], [True, True, False])
    """
    if all(knows_column(need) in cases.columns for need in SAYS) and {SOURCE_KEY, CURRENCY_SOURCE} <= set(cases.columns):
        return cases
    keys = source_keys(cases)
    groups = _groups(cases, keys, layouts) if layouts and len(keys) else None
    added = {knows_column(need): _spread(keys, _says(cases, need), groups) for need in SAYS}
    named = _named_sources(cases, keys, groups)
    columns: dict[str, np.ndarray | pd.Series] = {SOURCE_KEY: keys.astype(np.int32), CURRENCY_SOURCE: pd.Series(named, index=cases.index)}
    return cases.assign(**columns, **added)


def _source_name(file: object, sheet: object, channel: object, sheets: int) -> str:
    """A source as a person knows it: its file (and sheet, when the file has several), then its channel."""
    parts = [str(file).replace("\\", "/").rsplit("/", 1)[-1]] if _given(file) else []
    if _given(sheet) and sheets > 1:
        parts[-1:] = [f"{parts[-1]} ({sheet})"] if parts else [str(sheet)]
    if _given(channel):
        parts.append(str(channel))
    return " · ".join(parts)  # "" when nothing names the source


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and value is not pd.NA and str(value) != ""


def _named_sources(cases: pd.DataFrame, keys: np.ndarray, groups: np.ndarray | None) -> pd.Categorical[str]:
    """Per case, the name of its source, or of the first source of its layout's group (`groups`): the sources whose
    amounts share one currency. Sources of one name (a file imported twice) are one."""
    if not len(keys):
        return pd.Categorical.from_codes(np.zeros(0, dtype=np.int32), categories=pd.Index([], dtype=str))
    sources, (files, sheets, channels) = _first_of_each(cases, keys, ("source_file", "source_sheet", "channel"))
    per_file = pd.Series(sheets, dtype=object).groupby(pd.Series(files, dtype=object), dropna=False).nunique()
    group_of = groups if groups is not None else np.arange(int(keys.max()) + 1)
    by_group: dict[int, str] = {}
    names = np.empty(int(keys.max()) + 1, dtype=object)
    for source, file, sheet, channel in zip(sources, files, sheets, channels, strict=True):
        group = int(group_of[source])
        if group not in by_group:
            by_group[group] = _source_name(file, sheet, channel, int(per_file.get(file, 1)) if _given(file) else 1)
        names[source] = by_group[group]
    categories = sorted(set(by_group.values()))
    codes = pd.Categorical(names[sources], categories=categories).codes
    per_source = np.zeros(len(names), dtype=np.int32)
    per_source[sources] = codes
    return pd.Categorical.from_codes(per_source[keys], categories=pd.Index(categories, dtype=str))


def currency_sources(cases: pd.DataFrame) -> pd.Series:
    """Per case, the source whose amounts share one currency: its file, sheet and channel, or the first of the
    imports of its export layout and channel (`with_knowledge`). Amounts with no currency from different sources may
    be in different currencies (a rupee payments sheet and a pound sales log), so they are never added together.

    >>> cases = pd.DataFrame({"source_file": ["in/pay.xlsx", "uk.csv", "in/pay.xlsx"], "channel": [None, "Amazon", None]})
    >>> currency_sources(cases).tolist()
    ['pay.xlsx', 'uk.csv · Amazon', 'pay.xlsx']
    """
    if CURRENCY_SOURCE in cases.columns:
        return cases[CURRENCY_SOURCE]
    return pd.Series(_named_sources(cases, source_keys(cases), None), index=cases.index)


def knows(cases: pd.DataFrame, need: str) -> np.ndarray:
    """Per case, whether its source can say `need` (see the module's rule).

    >>> cases = pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"], "refund_amount": [None, 4.0, None]})
    >>> knows(cases, "refund amount").tolist()
    [True, True, False]
    """
    if need not in SAYS:
        raise ValueError(f"need must be one of {', '.join(SAYS)}, not {need!r}")
    column = knows_column(need)
    if column in cases.columns:
        return cases[column].to_numpy(dtype=bool)
    return _spread(source_keys(cases), _says(cases, need))


def knowledge_columns(need: str) -> tuple[str, ...]:
    """The columns `knows` and `sources_knowing` read for `need` (the cases' own knowledge, else their sources').

    >>> knowledge_columns("proof")
    ('source_key', 'knows_proof', 'import_id', 'source_file', 'source_sheet', 'channel', 'proof_provided')
    """
    return (SOURCE_KEY, knows_column(need), *_BY, *dict.fromkeys(column for column, _ in SAYS[need]))


def sources_knowing(cases: pd.DataFrame, need: str) -> tuple[int, int]:
    """How many of the sources with a case in `cases` can say `need`, and how many sources there are.

    >>> sources_knowing(pd.DataFrame({"source_file": ["a.csv", "a.csv", "b.csv"], "status": ["refunded", None, None]}), "status")
    (1, 2)
    """
    keys = source_keys(cases)
    if not len(keys):
        return 0, 0
    size = int(keys.max()) + 1
    present = np.bincount(keys, minlength=size) > 0
    knowing = np.bincount(keys, weights=knows(cases, need), minlength=size) > 0
    return int(knowing.sum()), int(present.sum())
