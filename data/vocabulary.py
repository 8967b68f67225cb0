"""What the user taught the reader, as plain data: a wording given a tag, per vocabulary.

Learned wordings are looked up by their folded text (`data.rules.fold`: case, accents and punctuation do
not matter; header names by `data.rules.key`), so one correction covers `JAHITAN LEPAS` and `jahitan lepas.`.
A learned wording wins over every rule: it is the user's word on their own sheets.

`for_reader` turns the learned rows into what `read_sheet(..., learned=)` takes: {rule name: {folded wording: tag}}.

>>> for_reader([("reason", "jahitan lepas", "Quality"), ("header", "tgldiajukan", "request_date")])
{'reasons': {'jahitan lepas': 'Quality'}, 'headers': {'tgldiajukan': 'request_date'}}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from data.rules import Learned, fold, key
from data.schema import REASONS, REQUEST_TYPES, STATUSES

# The vocabularies a user can teach, and the tags each allows (headers take the mapping editor's choices).
TAGS: dict[str, tuple[str, ...]] = {"reason": REASONS, "request_type": REQUEST_TYPES, "status": STATUSES}
VOCABULARIES: tuple[str, ...] = (*TAGS, "header")
# The canonical column that holds a vocabulary's raw text on a stored case (request types and statuses keep none).
RAW_COLUMNS = {"reason": "reason_raw"}
OTHER = "Other"
# The name `read_sheet(learned=)` knows each vocabulary by (the rule files' names).
READER_NAMES = {"reason": "reasons", "request_type": "request_types", "status": "statuses", "header": "headers"}


def for_reader(rows: list[tuple[str, str, str]]) -> Learned:
    """Learned rows (vocabulary, folded wording, tag) as `read_sheet(learned=)` takes them."""
    out: dict[str, dict[str, str]] = {}
    for vocabulary, wording, tag in rows:
        out.setdefault(READER_NAMES[vocabulary], {})[wording] = tag
    return out


def folded(vocabulary: str, raw: object) -> str:
    """The text a wording is learned and looked up by: words folded (headers: run together, as headers match).

    >>> folded("reason", " Jahitan  LEPAS. "), folded("header", "Tanggal Diajukan")
    ('jahitan lepas', 'tanggaldiajukan')
    """
    return key(raw) if vocabulary == "header" else fold(raw)


def check(vocabulary: str, raw: object, tag: str) -> str:
    """The folded wording, after checking the vocabulary, the wording and the tag (a ValueError names what is wrong)."""
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"unknown vocabulary {vocabulary!r}; expected one of {', '.join(VOCABULARIES)}")
    text = folded(vocabulary, raw)
    if not text:
        raise ValueError(f"the {vocabulary.replace('_', ' ')} wording {raw!r} is blank once folded; nothing to learn")
    if vocabulary in TAGS and tag not in TAGS[vocabulary]:
        raise ValueError(f"{tag!r} is not a {vocabulary.replace('_', ' ')}; expected one of {', '.join(TAGS[vocabulary])}")
    return text


def header_mapping(names: list[str], learned: Mapping[str, str] | None) -> dict[str, str]:
    """The learned column of each header of a sheet that has one, one header per column (the first one wins).

    >>> header_mapping(["Tanggal Diajukan", "SKU", "tanggal-diajukan"], {"tanggaldiajukan": "request_date"})
    {'Tanggal Diajukan': 'request_date'}
    """
    out: dict[str, str] = {}
    for name in names:
        column = (learned or {}).get(key(name))
        if column and column not in out.values():
            out[name] = column
    return out


def other_wordings(cases: pd.DataFrame) -> pd.DataFrame:
    """The raw reasons filed under Other, one row per folded wording, most cases first.

    Columns: `wording` (its most frequent spelling), `folded`, `cases`. Courier returns are not buyer reasons and
    are left out; so are Other cases with no reason written.

    >>> frame = pd.DataFrame({"reason": ["Other", "Other", "Other", "Defective", "Other"],
    ...                       "reason_raw": ["Jahitan lepas", "jahitan LEPAS", "Bau", "Rusak", None],
    ...                       "courier_return": [False] * 5})
    >>> other_wordings(frame).to_dict("records")
    [{'wording': 'Jahitan lepas', 'folded': 'jahitan lepas', 'cases': 2}, {'wording': 'Bau', 'folded': 'bau', 'cases': 1}]
    """
    columns = ["wording", "folded", "cases"]
    if cases.empty or "reason_raw" not in cases:
        return pd.DataFrame(columns=columns)
    courier = cases["courier_return"].fillna(False).astype(bool) if "courier_return" in cases else False
    other = cases.loc[cases["reason"].eq(OTHER).fillna(False).astype(bool) & ~courier & cases["reason_raw"].notna(), "reason_raw"]
    if other.empty:
        return pd.DataFrame(columns=columns)
    spelled = other.astype(str).value_counts().rename_axis("wording").reset_index(name="n")
    spelled["folded"] = spelled["wording"].map(fold)
    spelled = spelled[spelled["folded"] != ""]
    # The name of a wording: its most frequent spelling; on a tie, one not written in capitals, then the first by alphabet.
    spelled["shouting"] = spelled["wording"].str.isupper()
    top = spelled.sort_values(["n", "shouting", "wording"], ascending=[False, True, True], kind="stable").drop_duplicates("folded")
    totals = spelled.groupby("folded")["n"].sum()
    out = top.assign(cases=top["folded"].map(totals).astype("int64"))[columns]
    return out.sort_values(["cases", "wording"], ascending=[False, True], kind="stable", ignore_index=True)


def retagged(cases: pd.DataFrame, vocabulary: str, wording: str, tag: str) -> pd.DataFrame:
    """The stored cases whose raw text folds to `wording` and whose tag is not `tag` yet, with the tag set.

    >>> frame = pd.DataFrame({"reason": pd.Categorical(["Other", "Quality", "Other"], categories=REASONS),
    ...                       "reason_raw": ["Jahitan lepas", "jahitan lepas", "Bau"]})
    >>> retagged(frame, "reason", "jahitan lepas", "Quality")["reason"].tolist()
    ['Quality']
    """
    column = RAW_COLUMNS.get(vocabulary)
    if column is None:
        raise ValueError(f"stored cases keep no raw {vocabulary.replace('_', ' ')} wording to re-tag")
    raw = cases[column]
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    match = np.append(np.array([fold(u) == wording for u in uniques], dtype=bool), False)[codes]
    picked = cases[match & cases[vocabulary].ne(tag).fillna(True).to_numpy(dtype=bool)].copy()
    picked[vocabulary] = pd.Categorical([tag] * len(picked), categories=list(TAGS[vocabulary]))
    return picked


def unknown_wordings(cases: pd.DataFrame, problems: pd.DataFrame, mapping: dict[str, dict[str, str]]) -> pd.DataFrame:
    """What a read file holds that no rule and no learned wording tagged: reasons filed under Other, request types
    read as Unknown and statuses left empty, one row per folded wording, most cases first within each vocabulary.

    `cases`, `problems` and `mapping` are a `SheetRead`'s: an unknown request type or status is a problem on the
    column mapped to it. Columns: vocabulary, wording, folded, cases.

    >>> problems = pd.DataFrame({"sheet": ["", "", ""], "column": ["Jenis", "Jenis", "Status"],
    ...                          "value": ["Kirim baru", "kirim BARU", "Beres"]})
    >>> mapping = {"": {"Jenis": "request_type", "Status": "status"}}
    >>> unknown_wordings(pd.DataFrame(), problems, mapping)[["vocabulary", "folded", "cases"]].to_dict("records")
    [{'vocabulary': 'request_type', 'folded': 'kirim baru', 'cases': 2}, {'vocabulary': 'status', 'folded': 'beres', 'cases': 1}]
    """
    parts = [other_wordings(cases).assign(vocabulary="reason")]
    if len(problems) and {"sheet", "column", "value"} <= set(problems.columns):
        canonical = (
            problems["sheet"]
            .fillna("")
            .astype(str)
            .combine(problems["column"].astype(str), lambda sheet, column: mapping.get(sheet, {}).get(column, ""))
        )
        for vocabulary in ("request_type", "status"):
            values = problems.loc[canonical.eq(vocabulary), "value"]
            if len(values):
                frame = pd.DataFrame({"reason": OTHER, "reason_raw": values.astype(str).to_numpy()})
                parts.append(other_wordings(frame).assign(vocabulary=vocabulary))
    columns = ["vocabulary", "wording", "folded", "cases"]
    return (
        pd.concat([p[columns] for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else pd.DataFrame(columns=columns)
    )
