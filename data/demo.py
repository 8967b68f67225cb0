"""A seeded demo shop: a year of after-sales cases with patterns a manager should discover.

`python -m data.demo` rewrites `data/samples/demo_returns.xlsx` and `.csv` from the seed. The
planted patterns (see `PLANTED`) are what the analysis tests and the demo story rely on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

import numpy as np
import pandas as pd

from data.schema import REASONS, conform

SEED = 20260
END = pd.Timestamp("2026-11-22")  # a Sunday: the demo year ends on a complete ISO week
WEEKS = 52
EXPORTED_AT = END + pd.Timedelta(days=1)  # Monday 00:00, right after the last request
SAMPLES = Path(__file__).parent / "samples"


# Planted patterns, by name, so that tests and the demo text refer to the same facts.
class Planted(TypedDict):
    """The patterns the demo data hides, for the pages (and their tests) to find."""

    packaging_sku: str
    packaging_from: pd.Timestamp
    size_sku: str
    missing_week: pd.Timestamp
    missing_handler: str


PLANTED: Planted = {
    "packaging_sku": "HM-0042",  # damaged packaging jumps from PACKAGING_FROM on
    "packaging_from": pd.Timestamp("2026-09-07"),
    "size_sku": "AP-0117",  # an apparel SKU with a persistent size problem
    "missing_week": pd.Timestamp("2026-10-12"),  # Monday of a week with a missing-item cluster
    "missing_handler": "Dewi",
}

HANDLERS = ("Ayu", "Budi", "Dewi", "Eko", "Sari")
CHANNELS = ("TikTok Shop", "Tokopedia", "Shopee")
CATEGORIES = {"AP": "Apparel", "HM": "Home", "BT": "Beauty", "EL": "Electronics", "AC": "Accessories"}
TYPE_WEIGHTS = {"Refund Only": 0.38, "Return + Refund": 0.34, "Reshipment": 0.16, "Exchange": 0.12}
REASON_WEIGHTS = {
    "Damaged packaging": 0.06,
    "Damaged item": 0.09,
    "Defective": 0.12,
    "Wrong item": 0.08,
    "Missing item": 0.07,
    "Wrong size or fit": 0.10,
    "Not as described": 0.12,
    "Quality": 0.10,
    "Late or not delivered": 0.06,
    "Changed mind": 0.14,
    "Other": 0.06,
}
# How a reason is written in the sheet: the person typing picks one wording of several.
REASON_TEXT = {
    "Damaged packaging": ["Damaged packaging", "Kemasan rusak", "Box crushed"],
    "Damaged item": ["Damaged item", "Barang rusak", "Arrived broken"],
    "Defective": ["Defective", "Tidak berfungsi", "Doesn't work"],
    "Wrong item": ["Wrong item", "Barang salah", "Wrong colour sent"],
    "Missing item": ["Missing item", "Barang kurang", "Missing parts"],
    "Wrong size or fit": ["Wrong size", "Ukuran tidak sesuai", "Too small"],
    "Not as described": ["Not as described", "Tidak sesuai deskripsi", "Different from photo"],
    "Quality": ["Poor quality", "Kualitas buruk", "Cheap material"],
    "Late or not delivered": ["Late delivery", "Paket tidak sampai", "Never arrived"],
    "Changed mind": ["Changed mind", "Berubah pikiran", "No longer needed"],
    "Other": ["Other", "Lainnya", "Personal reasons"],
}
COMMENTS = {
    "Damaged packaging": ["Box was crushed on arrival", "Kardusnya penyok dan basah", "Packaging torn open"],
    "Damaged item": ["Glass cracked in the parcel", "Barang pecah saat sampai", "Scratches all over"],
    "Defective": ["Stopped working after two days", "Tidak bisa menyala sama sekali", "Button does not respond"],
    "Wrong item": ["I ordered blue, got red", "Barang yang datang beda model", "Wrong variant in the box"],
    "Missing item": ["Only one of two pieces inside", "Paket kosong, barang tidak ada", "Charger missing"],
    "Wrong size or fit": ["Too small, runs a size small", "Ukurannya kekecilan", "Sleeves far too long"],
    "Not as described": ["Colour is different from the photo", "Bahannya beda dengan deskripsi", "Smaller than shown"],
    "Quality": ["Stitching came loose", "Kualitas jahitan jelek", "Feels cheap"],
    "Late or not delivered": ["Parcel never came", "Pesanan belum sampai seminggu", "Arrived after the event"],
    "Changed mind": ["Found it cheaper elsewhere", "Tidak jadi pakai", "Ordered by mistake"],
    "Other": ["Gift, recipient did not want it", "Alasan pribadi", ""],
}
PRICE_BANDS = {
    "AP": (89_000, 349_000),
    "HM": (49_000, 499_000),
    "BT": (39_000, 259_000),
    "EL": (129_000, 1_499_000),
    "AC": (29_000, 199_000),
}


def skus(n: int = 200, seed: int = SEED) -> pd.DataFrame:
    """The demo catalogue: SKU, product name, price and a popularity weight."""
    rng = np.random.default_rng(seed)
    prefixes = rng.choice(list(CATEGORIES), size=n, p=[0.35, 0.2, 0.2, 0.15, 0.1])
    rows = []
    for i, prefix in enumerate(prefixes):
        lo, hi = PRICE_BANDS[prefix]
        rows.append({"sku": f"{prefix}-{i + 1:04d}", "category": CATEGORIES[prefix], "price": round(float(rng.uniform(lo, hi)), -3)})
    catalogue = pd.DataFrame(rows)
    for key in ("packaging_sku", "size_sku"):  # planted SKUs exist and sell well
        sku = PLANTED[key]
        prefix = sku[:2]
        catalogue.loc[int(sku[3:]) - 1, ["sku", "category"]] = [sku, CATEGORIES[prefix]]
    catalogue["product_name"] = catalogue["category"] + " item " + catalogue["sku"].str[3:]
    weights = rng.pareto(1.6, size=n) + 0.2
    weights[catalogue.index[catalogue.sku.isin([PLANTED["packaging_sku"], PLANTED["size_sku"]])]] = 8.0
    catalogue["weight"] = weights / weights.sum()
    return catalogue


def _set_status(cases: pd.DataFrame, rows: pd.Series, status: str, *not_yet: str) -> None:
    """`status` on `rows`, with the date columns `not_yet` emptied (what has not happened yet)."""
    cases.loc[rows, "status"] = status
    cases.loc[rows, list(not_yet)] = pd.NaT


def generate(seed: int = SEED, end: pd.Timestamp = END, weeks: int = WEEKS, per_week: int = 120) -> pd.DataFrame:
    """A year of canonical cases (one per row) with the patterns of `PLANTED`."""
    rng = np.random.default_rng(seed)
    catalogue = skus(seed=seed)
    start = end - pd.Timedelta(days=7 * weeks - 1)
    days = pd.date_range(start, end, freq="D")
    day_weights = np.where(days.day_of_week < 5, 1.0, 0.7)
    day_weights = day_weights * (1 + 0.25 * np.sin(np.arange(len(days)) / 58.0))
    n = per_week * weeks
    request_day = rng.choice(days, size=n, p=day_weights / day_weights.sum())
    request_time = pd.to_datetime(request_day) + pd.to_timedelta(rng.integers(8 * 60, 22 * 60, n), unit="min")
    sku_idx = rng.choice(len(catalogue), size=n, p=catalogue["weight"].to_numpy())
    cases = pd.DataFrame({"request_date": request_time, "sku": catalogue["sku"].to_numpy()[sku_idx]})
    cases["product_name"] = catalogue["product_name"].to_numpy()[sku_idx]
    price = catalogue["price"].to_numpy()[sku_idx]
    apparel = cases["sku"].str.startswith("AP")

    reasons = np.array(list(REASON_WEIGHTS))
    base_p = np.array(list(REASON_WEIGHTS.values()))
    apparel_p = base_p.copy()
    apparel_p[list(reasons).index("Wrong size or fit")] *= 2.0
    apparel_p /= apparel_p.sum()
    cases["reason"] = np.where(apparel, rng.choice(reasons, size=n, p=apparel_p), rng.choice(reasons, size=n, p=base_p))

    # Planted 1: damaged packaging of one SKU jumps from a given week on.
    after = (cases.sku == PLANTED["packaging_sku"]) & (cases.request_date >= PLANTED["packaging_from"])
    cases.loc[after & (rng.random(n) < 0.5), "reason"] = "Damaged packaging"
    # Planted 2: one apparel SKU's size problem, all year.
    size = cases.sku == PLANTED["size_sku"]
    cases.loc[size & (rng.random(n) < 0.45), "reason"] = "Wrong size or fit"

    cases["request_type"] = rng.choice(list(TYPE_WEIGHTS), size=n, p=list(TYPE_WEIGHTS.values()))
    cases.loc[cases.reason.isin(["Wrong size or fit"]) & (rng.random(n) < 0.6), "request_type"] = "Exchange"
    cases.loc[cases.reason.isin(["Missing item", "Wrong item"]) & (rng.random(n) < 0.5), "request_type"] = "Reshipment"
    cases["handled_by"] = rng.choice(HANDLERS, size=n)
    cases["channel"] = rng.choice(CHANNELS, size=n, p=[0.45, 0.3, 0.25])

    # Planted 3: a missing-item cluster in one week, all handled by one person in charge.
    week_start = PLANTED["missing_week"]
    in_week = cases.index[(cases.request_date >= week_start) & (cases.request_date < week_start + pd.Timedelta(days=7))]
    cluster = rng.choice(in_week, size=min(28, len(in_week)), replace=False)
    cases.loc[cluster, ["reason", "handled_by", "request_type"]] = ["Missing item", PLANTED["missing_handler"], "Reshipment"]

    # Response: most within a working day, a tail beyond the 2-day auto-approval limit.
    hours = rng.gamma(1.4, 14.0, size=n)
    late = rng.random(n) < 0.08
    hours[late] = rng.uniform(50, 110, size=late.sum())
    cases["response_date"] = cases.request_date + pd.to_timedelta(hours * 60, unit="min").round("min")
    resolve_days = rng.uniform(1, 9, size=n)
    cases["resolved_date"] = cases.response_date + pd.to_timedelta(resolve_days * 24 * 60, unit="min").round("min")

    type_status = {"Refund Only": "refunded", "Return + Refund": "refunded", "Reshipment": "reshipped", "Exchange": "exchanged"}
    cases["status"] = cases.request_type.map(type_status)
    rejected = rng.random(n) < 0.06
    cases.loc[rejected, "status"] = "rejected"
    cases.loc[late, "status"] = "auto-approved"
    cases.loc[late, "response_date"] = pd.NaT
    # The most recent days are still open: requested, waiting for a response or for the item.
    recent = cases.request_date > end - pd.Timedelta(days=3)
    _set_status(cases, recent & (rng.random(n) < 0.6), "requested", "response_date", "resolved_date")
    waiting = (cases.request_type == "Return + Refund") & (cases.request_date > end - pd.Timedelta(days=10)) & (cases.status == "refunded")
    _set_status(cases, waiting, "approved", "resolved_date")
    cases.loc[cases.status == "auto-approved", "resolved_date"] = cases.request_date + pd.Timedelta(days=2)
    # The sheet was exported at EXPORTED_AT: nothing after it has happened yet.
    unanswered = cases.response_date > EXPORTED_AT
    _set_status(cases, unanswered, "requested", "response_date", "resolved_date")
    not_yet_auto = (cases.status == "auto-approved") & (cases.resolved_date > EXPORTED_AT)
    _set_status(cases, not_yet_auto, "requested", "resolved_date")
    unresolved = cases.resolved_date > EXPORTED_AT
    cases.loc[unresolved & (cases.status != "rejected"), "status"] = "approved"
    cases.loc[unresolved, "resolved_date"] = pd.NaT

    qty = np.where(rng.random(n) < 0.9, 1, rng.integers(2, 4, size=n))
    cases["quantity"] = qty
    refunded = cases.request_type.isin(["Refund Only", "Return + Refund"]) & ~cases.status.isin(["rejected", "requested"])
    cases["refund_amount"] = np.where(refunded, price * qty, 0.0)
    cases["currency"] = "IDR"
    proof_p = np.where(cases.reason.isin(["Damaged packaging", "Damaged item", "Defective", "Wrong item", "Missing item"]), 0.8, 0.35)
    cases["proof_provided"] = rng.random(n) < proof_p
    cases["reason_raw"] = [REASON_TEXT[r][k] for r, k in zip(cases.reason, rng.integers(0, 3, size=n), strict=True)]
    cases["comment"] = [COMMENTS[r][k] for r, k in zip(cases.reason, rng.integers(0, 3, size=n), strict=True)]

    cases = cases.sort_values("request_date", kind="stable").reset_index(drop=True)
    cases["order_id"] = [f"58{int(v):014d}" for v in rng.integers(10**12, 10**13, size=n)]
    cases["case_id"] = [f"RR{i + 1:06d}" for i in range(n)]
    cases["courier_return"] = False
    assert set(cases.reason) <= set(REASONS)
    return conform(cases)


# The sheet as a shop keeps it by hand: English headers, one row per case.
SHEET_HEADERS = {
    "case_id": "Case ID",
    "order_id": "Order ID",
    "request_date": "Request Date",
    "sku": "SKU",
    "product_name": "Product Name",
    "request_type": "Request Type",
    "reason_raw": "Reason",
    "comment": "Buyer Comment",
    "quantity": "Qty",
    "refund_amount": "Refund Amount",
    "currency": "Currency",
    "proof_provided": "Photo/Video Proof",
    "status": "Status",
    "response_date": "First Response",
    "resolved_date": "Resolved Date",
    "handled_by": "PIC",
    "channel": "Channel",
}


def as_sheet(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases laid out as a hand-kept tracking sheet (the reader's input, not its output)."""
    sheet = cases[list(SHEET_HEADERS)].rename(columns=SHEET_HEADERS).copy()
    sheet["Photo/Video Proof"] = sheet["Photo/Video Proof"].map({True: "Yes", False: "No"})
    sheet["Status"] = sheet["Status"].astype("object").str.title()
    for col in ("Request Date", "First Response", "Resolved Date"):
        sheet[col] = sheet[col].astype("datetime64[s]")
    return sheet


def write_samples(folder: Path = SAMPLES) -> tuple[Path, Path]:
    """Write the demo sheet as `.xlsx` (real date cells) and `.csv` (ISO dates)."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet = as_sheet(generate())
    xlsx, csv = folder / "demo_returns.xlsx", folder / "demo_returns.csv"
    with pd.ExcelWriter(xlsx, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm") as writer:
        sheet.to_excel(writer, sheet_name="Returns", index=False)
        writer.book.set_properties({"created": END.to_pydatetime()})  # same bytes on every run
        writer.sheets["Returns"].freeze_panes(1, 0)
        writer.sheets["Returns"].autofilter(0, 0, len(sheet), len(sheet.columns) - 1)
    sheet.to_csv(csv, index=False, date_format="%Y-%m-%d %H:%M")
    return xlsx, csv


if __name__ == "__main__":
    for path in write_samples():
        print(path)
