"""`read_sheet`: a tracking sheet (path or uploaded file) -> canonical cases plus a problem list.

Walking-skeleton reader: CSV and xlsx with plain English headers. The ingest work widens it to
every real sheet behind the same signature.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from data.schema import REASONS, REQUEST_TYPES, REQUIRED_COLUMNS, STATUSES, conform

PROBLEM_COLUMNS = ("file", "sheet", "row", "column", "value", "message")


class ReadError(Exception):
    """A file that cannot be read at all; the message names the file and what was expected."""


@dataclass
class SheetRead:
    """What a read produced: canonical cases, one row per problem, and the mapping used per sheet."""

    cases: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(PROBLEM_COLUMNS)))
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)


_HEADERS = {
    "case id": "case_id", "order id": "order_id", "request date": "request_date", "sku": "sku",
    "product name": "product_name", "request type": "request_type", "reason": "reason_raw",
    "buyer comment": "comment", "qty": "quantity", "refund amount": "refund_amount",
    "currency": "currency", "photo/video proof": "proof_provided", "status": "status",
    "first response": "response_date", "resolved date": "resolved_date", "pic": "handled_by",
    "channel": "channel",
}
_BOOL = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


def _name(source: Any) -> str:
    return Path(getattr(source, "name", str(source))).name


def read_sheet(source: str | Path | IO[bytes], *, sheet: str | None = None,
               mapping: dict[str, str] | None = None) -> SheetRead:
    """Read one file into canonical cases; rows missing a required field go to `problems`."""
    name = _name(source)
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source.read()
    if data[:2] == b"PK":
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=sheet, engine="calamine")
        frames = sheets if isinstance(sheets, dict) else {sheet: sheets}
    else:
        frames = {"": pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)}
    cases, problems, used = [], [], {}
    for sheet_name, raw in frames.items():
        columns = {c: (mapping or {}).get(c) or _HEADERS.get(str(c).strip().lower()) for c in raw.columns}
        columns = {c: m for c, m in columns.items() if m}
        used[sheet_name] = columns
        frame = raw[list(columns)].rename(columns=columns)
        frame = _normalise(frame)
        frame["source_file"], frame["source_sheet"] = name, sheet_name
        frame["source_row"] = raw.index + 2
        missing = frame[list(REQUIRED_COLUMNS)].isna().any(axis=1)
        for idx in frame.index[missing]:
            for col in REQUIRED_COLUMNS:
                if pd.isna(frame.at[idx, col]):
                    problems.append({"file": name, "sheet": sheet_name, "row": int(idx) + 2, "column": col,
                                     "value": "", "message": f"required {col} is missing; row not imported"})
        cases.append(frame[~missing])
    out = conform(pd.concat(cases, ignore_index=True)) if cases else conform(pd.DataFrame())
    return SheetRead(out, pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)), used)


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for col in ("request_date", "response_date", "resolved_date"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col].replace("", None), errors="coerce")
    if "sku" in frame:
        frame["sku"] = frame["sku"].astype("object").where(frame["sku"].astype(str).str.strip() != "")
    if "request_type" in frame:
        frame["request_type"] = frame["request_type"].where(frame["request_type"].isin(REQUEST_TYPES), "Unknown")
    if "reason_raw" in frame:
        frame["reason"] = frame["reason_raw"].where(frame["reason_raw"].isin(REASONS), "Other")
    if "status" in frame:
        lower = frame["status"].astype(str).str.strip().str.lower()
        frame["status"] = lower.where(lower.isin(STATUSES))
    if "proof_provided" in frame:
        frame["proof_provided"] = frame["proof_provided"].astype(str).str.strip().str.lower().map(_BOOL)
    return frame
