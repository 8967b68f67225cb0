"""Every insight page after importing each real sheet of ../shared/samples into a store of its own, and all of them one
after another into one store (sources that end years apart), in AppTest.

The expected figures are literals counted by hand from the raw files; each test also recounts the main ones from the raw
file with pandas or the csv module (never with the reader under test), so a literal that drifts from the file fails too.
What the files hold (see ../shared/samples/README.md): no file has a first-response date or a proof column; only the
Meesho payments sheet and the UCI invoices carry amounts, none names a currency; only the two Meesho files carry a
status. So "Answered within" and "Refunded without proof" always read "not in your files", and a money figure of a file
with no amount column does too, never 0.

The clock of Deadlines is read at the latest moment in the data (a date at 00:00 for these date-only sheets), 2 working
days, weekends not counting: a request with no status is open while it has waited at most 2 working days, and due
within a working day when it has waited 1 or 2.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.formats import source_bytes
from data.reader import read_sheet
from data.store import Store
from tests.app_pages import cards, open_page, unfold
from tests.rendered import rendered
from tests.test_sample_overview import ORDER, SAMPLES

pytestmark = [
    pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent in this clone"),
    pytest.mark.usefixtures("fresh_app"),
]

AJIO = "ajio_returns_synthetic_excel_serial_dates.xlsx"  # no product column at all: imported with No SKU
RETURNS, PAYMENTS, KOREAN, RETAIL = ORDER
NO_AMOUNT = ("N/A", "Not in your files. Add a refund amount column.")
NO_RESPONSE = ("N/A", "Not in your files. Add a first-response date column.")
NO_PROOF = ("N/A", "Not in your files. Add a column saying whether the buyer sent a photo or video.")
NO_STATUS = ("N/A", "Not in your files. Add a status column.")
NO_AUTO = ("N/A", "Not in your files. No status in your files says a request was approved automatically.")
NO_WAITING = ("N/A", "Not in your files. No status in your files says a request is still waiting.")  # none is ever "requested"
NO_ANSWER = ("N/A", "Not in your files. Add a status column or a first-response date column.")  # whether a request still waits
NO_MONEY = {"Refunds": NO_AMOUNT, "Lost to auto-approval": NO_AMOUNT, "Refunded without proof": NO_AMOUNT}
ANSWERED = "Answered within 2 working days"


def import_all(url: str, names: list[str]) -> None:
    with Store(url) as store:
        for name in names:
            if name == AJIO:  # what the Upload page does when the user answers "this sheet has no SKU"
                path = SAMPLES / name
                read = read_sheet(path, no_sku=True, tz=store.time_zone(), learned=store.learned())
                store.import_read(read, file_name=name, data=source_bytes(path, name))
            else:
                store.import_file(SAMPLES / name)


def page(path: str, period: str = "All time") -> AppTest:
    return open_page(path, {"period": period}, timeout=90)


def texts(at: AppTest) -> list[str]:
    return [rendered(e.value) for kind in ("caption", "markdown", "info", "success", "subheader") for e in at.get(kind)]


def waited(days: pd.Series, end: pd.Timestamp) -> np.ndarray:
    """Working days from each request day (a weekend day starts on the Monday) to `end` at 00:00, by numpy's calendar."""
    start = np.busday_offset(days.to_numpy(dtype="datetime64[D]"), 0, roll="forward")
    return np.busday_count(start, np.datetime64(end.date()))


def open_and_due(days: pd.Series, end: pd.Timestamp) -> tuple[int, int]:
    """Requests with no status that are still open at `end` (waited <= 2) and due within a working day (waited 1 or 2)."""
    w = waited(days, end)
    return int((w <= 2).sum()), int(((w >= 1) & (w <= 2)).sum())


def raw_returns() -> pd.DataFrame:
    return pd.read_csv(SAMPLES / RETURNS, skiprows=6, dtype=str, keep_default_na=False)


def raw_korean_days() -> pd.Series:
    with open(SAMPLES / KOREAN, newline="", encoding="utf-8-sig") as handle:
        days = [row["date"].strip() for row in csv.DictReader(handle) if row["date"].strip()]
    return pd.to_datetime(pd.Series(days), format="%Y.%m.%d")


def raw_ajio_days() -> pd.Series:
    return pd.read_excel(SAMPLES / AJIO, engine="openpyxl")["Dates"]


def pair_headings(at: AppTest) -> list[str]:
    """The SKU × reason pairs on top of Recurring causes, as their headings name them."""
    return [m.group(1) for t in texts(at) if (m := re.search(r"\] \*\*(.+? · .+?)\*\*", t))]


def overview_cards(cases: str, refunds: tuple[str, str]) -> dict[str, tuple[str, str]]:
    """The Overview's cards (no sample has a first-response date)."""
    return {"Cases": (cases, ""), "Refund total": refunds, ANSWERED: NO_RESPONSE}


def deadline_cards(
    due: str | tuple[str, str], waiting: str | tuple[str, str], past: tuple[str, str], auto: tuple[str, str]
) -> dict[str, tuple[str, str]]:
    return {
        "Due in 1 working day": due if isinstance(due, tuple) else (due, ""),
        "Open, not yet answered": waiting if isinstance(waiting, tuple) else (waiting, ""),
        "Overdue, still open": past,
        "Auto-approved": auto,
    }


def check_pages(
    *,
    overview: dict,
    money: dict,
    deadlines: dict,
    courier: int = 0,
    due: int = 0,
    due_tail: str = "",
    overview_lines: Sequence[str] = (),
    money_lines: Sequence[str] = (),
    deadline_lines: Sequence[str] = (),
    pairs: Sequence[str] = (),
    cause_lines: Sequence[str] = (),
) -> dict[str, dict]:
    """Open each page and compare its headline figures with those given; return what the Overview shows."""
    home = page("views/overview.py")
    assert cards(home) == overview
    shown = texts(home)
    if courier:
        assert (
            f"{courier:,} courier returns (parcels that never reached the buyer) are not counted as cases; "
            "their refunds are in the refund total." in shown
        )
    else:
        assert not any("courier returns" in t for t in shown)
    for line in overview_lines:
        assert any(line in t for t in shown), (line, shown)
    due_lines = [t for t in shown if "will be approved by the marketplace" in t]
    assert due_lines == (
        [
            f":red[:material/timer:] **{due} open request{'s' if due != 1 else ''}** will be "
            f"approved by the marketplace within a working day unless someone answers.{due_tail}"
        ]
        if due
        else []
    )
    refunds = page("views/money.py")
    assert cards(refunds) == money
    for line in money_lines:
        assert line in texts(refunds), (line, texts(refunds))
    clock = page("views/deadlines.py")
    assert cards(clock) == deadlines
    for line in deadline_lines:
        assert any(line in t for t in texts(clock)), (line, texts(clock))
    causes = page("views/causes.py")
    assert pair_headings(causes) == list(pairs)
    for line in cause_lines:
        assert any(line in t for t in texts(causes)), (line, texts(causes))
    rate = page("views/return_rate.py")  # no sample is an orders sheet: counts, never rates
    assert any("Add an orders sheet to see rates." in t for t in texts(rate))
    trends = page("views/trends.py")
    assert "All time · buyer requests per week of request date (weeks start on Monday), by reason" in texts(trends)
    for at in (home, refunds, clock, causes, rate, trends):  # no Python value reaches the main text
        for t in texts(at):
            assert not re.search(r"\b(None|nan|NaN|NaT)\b", t), t
    return cards(home)


def test_meesho_returns_export(tmp_path):
    raw = raw_returns()
    customer = raw[raw["Type of Return"] == "Customer Return"]
    assert (len(customer), (raw["Type of Return"] == "Courier Return (RTO)").sum()) == (78, 219)
    blank = customer[customer["Status"] == ""]  # 6 requests with no status; the other 72 are "Picked Up" (approved)
    end = pd.to_datetime(raw["Return Created Date"], format="%d-%b-%y").max()  # Thu 8 Aug 2024
    assert (len(blank), str(end.date())) == (6, "2024-08-08")
    assert open_and_due(pd.to_datetime(blank["Return Created Date"], format="%d-%b-%y"), end) == (2, 2)  # the two of Tue 6 Aug
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [RETURNS])
    check_pages(
        overview=overview_cards("78", NO_AMOUNT),
        courier=219,
        due=2,
        money=NO_MONEY,
        # Meesho's statuses never say a request is still waiting: nothing can be known past the deadline and still open
        deadlines=deadline_cards("2", "2", NO_WAITING, NO_AMOUNT),
        deadline_lines=["72 Return + Refund cases approved and still waiting for the item"],
        cause_lines=["tested over the 8 weeks of request date to 8 Aug 2024"],
    )


def test_meesho_payments_sheet(tmp_path):
    pay = pd.read_excel(SAMPLES / PAYMENTS, sheet_name="Order Payments", header=1, dtype=str, engine="openpyxl").iloc[1:]
    back = pay[pay["Live Order Status"].isin(["RTO", "Return"])]
    refund = -back["Sale Return Amount (Incl. GST)"].astype(float).sum()
    assert (len(back), (back["Live Order Status"] == "Return").sum(), refund) == (41, 5, 12056.0 + 1061.0)  # 13,117: "13.1k"
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [PAYMENTS])
    check_pages(
        overview=overview_cards("5", ("13.1k", "")),
        courier=36,
        overview_lines=["Nothing urgent"],
        # every line paid (all 41 carry an amount, status "Return"/"RTO" read as item received); Meesho's statuses never
        # word an auto-approval, so what it cost is not in the file, never 0
        money={
            "Refunds": ("13.1k", "41 refunded cases"),
            "Lost to auto-approval": NO_AUTO,
            "Refunded without proof": NO_PROOF,
        },
        deadlines=deadline_cards("0", "0", NO_WAITING, NO_AUTO),
        deadline_lines=["Every approved return has been confirmed as received."],
    )


def test_korean_returns_log(tmp_path):
    days = raw_korean_days()  # 1 on Tue 28 Apr 2026, 104 on Wed 29, 18 on Thu 30; no status, no amount, no SKU column
    assert days.dt.day.value_counts().sort_index().tolist() == [1, 104, 18]
    # At Thu 30 Apr 00:00 every request is within the clock (28 and 29 Apr would be due), but with neither a status nor a
    # first-response date the log cannot say whether anyone answered: no request is open or due, the counts are unknown.
    assert open_and_due(days, days.max()) == (123, 105)
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [KOREAN])
    check_pages(
        overview=overview_cards("123", NO_AMOUNT),
        money=NO_MONEY,
        deadlines=deadline_cards(NO_ANSWER, NO_ANSWER, NO_STATUS, NO_AMOUNT),
        deadline_lines=["clock read at Thu 30 Apr 2026, 00:00"],
    )


def test_uci_invoices(tmp_path):
    uci = pd.read_csv(SAMPLES / RETAIL, dtype={"InvoiceNo": str})
    credit = uci[uci["InvoiceNo"].str.startswith("C")]
    assert (len(credit), round(float((-credit["Quantity"] * credit["UnitPrice"]).sum()), 2)) == (50, 10849.89)
    # 3 of the credit notes are no product: "Manual" 549.34 and "AMAZON FEE" 1.00 and 8,286.22 (8,836.56 in all). They are
    # left out of every figure and said on Money: 47 cases, 10,849.89 - 8,836.56 = 2,013.33 refunded ("2,013").
    fees = credit[credit["StockCode"].isin(["M", "AMAZONFEE"])]
    assert sorted(fees["Description"]) == ["AMAZON FEE", "AMAZON FEE", "Manual"]
    assert round(float((-fees["Quantity"] * fees["UnitPrice"]).sum()), 2) == 8836.56
    # The clock reads Tue 6 Dec 2011 14:57, the last credit note itself; with neither a status nor a first-response date
    # the invoices cannot say whether a request still waits: the open and due counts are unknown, not 1 and 0.
    last = pd.to_datetime(credit["InvoiceDate"], format="%m/%d/%Y %H:%M").sort_values().tail(2).astype(str).tolist()
    assert last == ["2011-12-01 09:19:00", "2011-12-06 14:57:00"]
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [RETAIL])
    check_pages(
        overview=overview_cards("47", ("2,013", "")),
        # no status: nothing is known to be auto-approved, so its cost is not in the files (amounts are)
        money={"Refunds": ("2,013", "47 refunded cases"), "Lost to auto-approval": NO_STATUS, "Refunded without proof": NO_PROOF},
        money_lines=["Left out: 3 lines of fees, postage or adjustments, not products (8,836.56): AMAZONFEE, M"],
        deadlines=deadline_cards(NO_ANSWER, NO_ANSWER, NO_STATUS, NO_STATUS),
    )


def test_ajio_sheet_with_serial_dates_and_no_sku(tmp_path):
    days = raw_ajio_days()  # 2,000 requests 1 Jan 2023 - Tue 31 Dec 2024; no amount
    assert (len(days), str(days.max().date())) == (2000, "2024-12-31")
    # Its `Return_Refund` column (read by its cells) decides every request: 969 Approved, 1,031 Rejected. So none is open
    # or due, even the last days' (which a log with no status would show as open), and with no amount column the
    # refunds stay unknown: rejected requests' zeros alone are no refund total.
    statuses = pd.read_excel(SAMPLES / AJIO, engine="openpyxl")["Return_Refund"].value_counts().to_dict()
    assert statuses == {"Rejected": 1031, "Approved": 969}
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [AJIO])
    check_pages(
        overview=overview_cards("2,000", NO_AMOUNT),
        money=NO_MONEY,
        deadlines=deadline_cards("0", "0", NO_WAITING, NO_AMOUNT),
        deadline_lines=["clock read at Tue 31 Dec 2024, 00:00"],
    )


def test_every_sample_one_after_another_in_one_store(tmp_path):
    """Five sources ending 6 Dec 2011, 4 and 8 Aug 2024, 31 Dec 2024 and 30 Apr 2026: the figures add up, no request is
    open (the Korean log cannot say, the others ended long before the clock), and alerts from stopped sources are dated."""
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [RETURNS, PAYMENTS, KOREAN, RETAIL, AJIO])
    returns = raw_returns()
    three_weeks = returns[
        (returns["Type of Return"] == "Customer Return")
        & pd.to_datetime(returns["Return Created Date"], format="%d-%b-%y").between("2024-07-22", "2024-08-08")
    ]
    saana = three_weeks[three_weeks["SKU"] == "SAANA SKY BLUE 003"]
    assert (len(saana), (saana["Return Reason"] == "Have size / fit related issues").sum()) == (19, 9)
    check_pages(
        # 78 + 5 + 123 + 47 + 2,000 requests (3 of the invoices' 50 credit notes are fees, see test_uci_invoices); 219 + 36
        # courier returns; refund data on 41 + 47 of 2,508 lines, from the 2 of 5 files with an amount column (the 1,031
        # requests the Ajio sheet says were rejected are no known 0). Neither names a currency (rupees, pounds): the
        # invoices' 2,013.33 (47 amounts) lead, the payments' 13,117 are apart.
        overview=overview_cards("2,253", ("2,013", "")),
        courier=255,
        overview_lines=["from 2 of 5 sources (88 of 2,508 cases)", "2 more pairs stood out in data that ends earlier"],
        money={
            "Refunds": ("2,013", "47 refunded cases"),
            "Lost to auto-approval": NO_AUTO,  # no file's statuses word an auto-approval
            "Refunded without proof": NO_PROOF,
        },
        money_lines=[
            "from 2 of 5 sources (88 of 2,508 cases)",
            "Left out: 3 lines of fees, postage or adjustments, not products (8,836.56): AMAZONFEE, M",
            "Amounts of uci_online_retail_sample_2709rows.csv, which names no currency. "
            "Also 13.1k with no currency from meesho_order_payments_manyata_2024-08.xlsx (not added in)",
            # no file with amounts gives a reason, and all their requests are of one type: the page opens on SKUs. By hand:
            # the invoices' 47 credit notes that are products hold 44 stock codes, the 15 largest 1,797.59 of 2,013.33
            "The top 15 of 44 SKUs hold 89% of refunds.",
        ],
        # open and due only from the 3 files with a status (the Korean log and the invoices cannot say): none still waits
        deadlines=deadline_cards("0", "0", NO_WAITING, NO_AUTO),
        # the 72 "Picked Up" Meesho returns of Aug 2024 are not "still waiting" in April 2026
        deadline_lines=[
            "72 approved returns in data that ends earlier (meesho_supplier_returns_manyata_2024-08.csv ends "
            "8 Aug 2024) are not listed: what happened to them since is not in your files."
        ],
        pairs=["SAANA SKY BLUE 003 · Wrong size or fit", "TINKU B.PINK 007 · Wrong size or fit"],
        cause_lines=["wrong size or fit is 9 of 19 returns (47%)", "as of 8 Aug 2024, where its data ends"],
    )
    # The default period (the last 12 weeks, to 30 Apr 2026) holds only the Korean log, which begins on 28 Apr: no change
    # is made up against the 12 weeks before, and the caption says why.
    at = page("views/overview.py", "Last 12 weeks")
    assert cards(at)["Cases"] == ("123", "")
    assert any(
        "nothing to compare with: no data covers both this period and the one before "
        "(kr_fashion_returns_biiigturtle.csv (28 Apr 2026 – 30 Apr 2026))" in t
        for t in texts(at)
    )


def test_a_source_that_stops_is_left_out_of_the_change(tmp_path):
    """Meesho returns (to 8 Aug 2024) then the Ajio sheet (to 31 Dec 2024): over the last 26 weeks (3 Jul - 31 Dec 2024)
    against the 26 before (3 Jan - 2 Jul 2024) only Ajio covers both; Meesho stopped in August."""
    ajio = raw_ajio_days()
    now, before = int(ajio.between("2024-07-03", "2024-12-31").sum()), int(ajio.between("2024-01-03", "2024-07-02").sum())
    returns = raw_returns()
    meesho = pd.to_datetime(returns.loc[returns["Type of Return"] == "Customer Return", "Return Created Date"], format="%d-%b-%y")
    assert (now, before, int(meesho.between("2024-07-03", "2024-12-31").sum())) == (511, 526, 78)
    import_all(f"sqlite:///{tmp_path / 'returns.db'}", [RETURNS, AJIO])
    at = page("views/overview.py", "Last 26 weeks")
    # 511 + 78 cases now; the change is Ajio's alone: 511 - 526 = -15 (-2.9%), not 589 - 526 = +63 (+12.0%)
    assert cards(at)["Cases"] == ("589", "-15 (-2.9%)")
    assert any(
        "compared with 3 Jan – 2 Jul 2024 · the changes leave out data that does not cover both periods: "
        "meesho_supplier_returns_manyata_2024-08.csv (10 Nov 2022 – 8 Aug 2024)" in t
        for t in texts(at)
    )


def test_refunds_paid_without_proof_table_shows_blanks_not_none(tmp_path):
    """A refunded request with no proof and no person in charge, channel or currency: its row on Money reads "—"."""
    from data.reader import SheetRead
    from data.schema import conform

    sheet = conform(
        pd.DataFrame(
            {
                "case_id": ["R1", "R2"],
                "sku": ["A-1", "A-1"],
                "request_type": ["Refund Only"] * 2,
                "reason": ["Defective"] * 2,
                "request_date": pd.to_datetime(["2026-11-16 09:00", "2026-11-17 09:00"]),
                "status": ["refunded"] * 2,
                "refund_amount": [120.0, 80.0],
                "proof_provided": pd.array([False, True], dtype="boolean"),
            }
        )
    )
    Store(f"sqlite:///{tmp_path / 'returns.db'}").import_read(SheetRead(sheet), file_name="one.csv", data=b"one")
    at = page("views/money.py")
    assert cards(at)["Refunded without proof"] == ("120", "60% of refunds")  # R1's 120 of 200
    assert not at.dataframe  # the list is built when opened
    table = unfold(at, "money_no_proof_list").dataframe[0].value
    assert table["case_id"].tolist() == ["R1"]
    assert table[["currency", "handled_by"]].iloc[0].tolist() == ["—", "—"]
    assert not table.astype(str).isin(["None", "nan", "<NA>"]).any().any()
