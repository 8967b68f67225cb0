"""The Overview after importing each real sheet in ../shared/samples, one after another into one store, in AppTest.

Every figure is counted here from the raw files with the csv module and pandas (the format spelled out), not
with the reader under test. None of the files has a first-response date, so "Answered within" is never a
verdict: it reads "not in your files" with the column that would provide it. Money is only in the Meesho
payments sheet (rupees) and the UCI invoices (pounds), and neither names a currency: their amounts are never added
together. The refund total is the amounts of the file with the most of them and says from how many of the files and
cases the refund data comes; the other file's amounts are listed apart under its name.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.store import Store
from tests.app_pages import cards as app_cards
from tests.rendered import rendered
from ui import format

# ../shared/samples beside the repository (or beside the folder holding this checkout)
SAMPLES = next(
    (p / "shared" / "samples" for p in Path(__file__).resolve().parents[2:4] if (p / "shared" / "samples").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "samples",
)
APP = str(Path(__file__).resolve().parent.parent / "app.py")
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent in this clone")

ORDER = [
    "meesho_supplier_returns_manyata_2024-08.csv",
    "meesho_order_payments_manyata_2024-08.xlsx",
    "kr_fashion_returns_biiigturtle.csv",
    "uci_online_retail_sample_2709rows.csv",
]


def by_hand() -> dict[str, dict]:
    """Per file: buyer requests, courier returns, rows, and the refunds paid with how many rows carry an amount."""
    with open(SAMPLES / ORDER[0], newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[6:]  # six preamble lines, then the header
    kind = [dict(zip(rows[0], row, strict=False))["Type of Return"] for row in rows[1:] if any(row)]
    meesho = dict(
        requests=kind.count("Customer Return"), courier=kind.count("Courier Return (RTO)"), rows=len(kind), refund=0.0, amounts=0
    )  # no amount column in the returns export
    pay = pd.read_excel(SAMPLES / ORDER[1], sheet_name="Order Payments", header=1, dtype=str, engine="openpyxl").iloc[1:]  # legend row
    back = pay[pay["Live Order Status"].isin(["RTO", "Return"])]
    payments = dict(
        requests=int((back["Live Order Status"] == "Return").sum()),
        courier=int((back["Live Order Status"] == "RTO").sum()),
        rows=len(back),
        refund=float(-back["Sale Return Amount (Incl. GST)"].astype(float).sum()),
        amounts=len(back),
    )
    with open(SAMPLES / ORDER[2], newline="", encoding="utf-8-sig") as handle:
        korean = sum(1 for row in csv.DictReader(handle) if row["date"].strip())
    kr = dict(requests=korean, courier=0, rows=korean, refund=0.0, amounts=0)
    uci = pd.read_csv(SAMPLES / ORDER[3], dtype={"InvoiceNo": str})
    credit = uci[uci["InvoiceNo"].str.startswith("C")]  # cancelled invoices: the returns
    # but "Manual" and "AMAZON FEE" (3 credit notes, 8,836.56) are no products: left out of every figure
    credit = credit[~credit["StockCode"].isin(["M", "AMAZONFEE"])]
    retail = dict(
        requests=len(credit),
        courier=0,
        rows=len(credit),
        refund=float((-credit["Quantity"] * credit["UnitPrice"]).sum()),
        amounts=len(credit),
    )
    return dict(zip(ORDER, (meesho, payments, kr, retail), strict=True))


def overview() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["period"] = "All time"
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_after_each_sample_file_equals_hand_counts(fresh_app, tmp_path):
    counts = by_hand()
    assert [counts[n]["requests"] for n in ORDER] == [78, 5, 123, 47]
    assert [counts[n]["courier"] for n in ORDER] == [219, 36, 0, 0]
    total = dict(requests=0, courier=0, rows=0, refund=0.0, amounts=0)
    url = f"sqlite:///{tmp_path / 'returns.db'}"
    shown = []
    for name in ORDER:
        with Store(url) as store:
            store.import_file(SAMPLES / name)
        total = {key: total[key] + counts[name][key] for key in total}
        at = overview()
        cards = app_cards(at)
        captions = [c.value for c in at.caption]
        assert cards["Cases"][0] == format.number(total["requests"]), name
        assert (
            f"{total['courier']:,} courier returns (parcels that never reached the buyer) are not counted as cases; "
            "their refunds are in the refund total." in captions
        ), name
        refund = cards["Refund total"]  # no file names a currency: the amounts are shown without one
        if total["amounts"]:
            with_money = sorted((n for n in ORDER[: ORDER.index(name) + 1] if counts[n]["amounts"]), key=lambda n: -counts[n]["amounts"])
            main, *apart = with_money  # the file with the most amounts; the others' are never added to it
            assert refund[0] == format.money(counts[main]["refund"]), name
            if apart:
                listed = " and ".join(f"{format.money(counts[n]['refund'])} with no currency from {n}" for n in apart)
                assert f"Amounts of {main}, which names no currency. Also {listed} (not added in)" in [rendered(c) for c in captions]
            # the files with no amount column cannot say it: the figure is of the others, and says so
            with_amounts = sum(1 for n in ORDER[: ORDER.index(name) + 1] if counts[n]["amounts"])
            files = ORDER.index(name) + 1
            assert f"from {with_amounts} of {files} sources ({total['amounts']:,} of {total['rows']:,} cases)" in captions, name
        else:
            assert refund == ("N/A", "Not in your files. Add a refund amount column."), name
        assert cards["Answered within 2 working days"] == ("N/A", "Not in your files. Add a first-response date column."), name
        # no file says a request is still waiting (no status `requested`): nothing is past the limit
        assert not any("already past the limit" in m.value for m in at.markdown), name
        shown.append(
            f"{name}: Cases {cards['Cases'][0]} · courier returns {total['courier']:,} · Refund total {refund[0]}"
            f" · Answered within 2 working days {cards['Answered within 2 working days'][0]}"
        )
    print("\n" + "\n".join(shown))  # the figures the Overview shows after each file (pytest -s)
