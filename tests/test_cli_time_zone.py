"""`python -m data import` and `import-orders` read times written with an offset in the store's saved time zone,
or in `--tz ZONE`; an unknown zone is a wrong argument (exit 2)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.cli import USAGE, main
from data.store import Store


def run(capsys, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out, _ = capsys.readouterr()
    return code, json.loads(out.strip().splitlines()[-1])


def returns(path, case: str):
    pd.DataFrame({"Case ID": [case], "SKU": ["TEE-1"], "Request Date": ["2026-05-24T22:00:00Z"]}).to_csv(path, index=False)
    return str(path)


def test_import_uses_the_saved_zone_and_tz_overrides_it(store_url, tmp_path, capsys):
    with Store(store_url) as store:
        store.save_time_zone("Asia/Jakarta")
    assert run(capsys, "import", returns(tmp_path / "a.csv", "C-1"), "--db", store_url)[0] == 0
    code, report = run(capsys, "import", returns(tmp_path / "b.csv", "C-2"), "--db", store_url, "--tz", "Europe/London")
    assert code == 0 and report["imports"][0]["new"] == 1
    with Store(store_url) as store:
        cases = store.load_cases().set_index("case_id").sort_index()
        assert store.time_zone() == "Asia/Jakarta"  # --tz is for this run only
    # 22:00 UTC on 24 May: 05:00 on 25 May in Jakarta (UTC+7), 23:00 on 24 May in London (BST, UTC+1).
    assert cases.request_date.astype(str).tolist() == ["2026-05-25 05:00:00", "2026-05-24 23:00:00"]


def test_import_orders_with_tz_counts_sales_on_the_shop_day(store_url, tmp_path, capsys):
    path = tmp_path / "orders.csv"
    pd.DataFrame(
        {
            "Name": ["#1", "#2"],
            "Paid at": ["2026-04-01T20:00:00Z", "2026-04-01T10:00:00Z"],
            "Lineitem sku": ["A", "A"],
            "Lineitem quantity": ["1", "2"],
        }
    ).to_csv(path, index=False)
    code, _ = run(capsys, "import-orders", str(path), "--db", store_url, "--tz", "Asia/Jakarta")
    assert code == 0
    with Store(store_url) as store:
        orders = store.load_orders().sort_values("date")
    # 20:00 UTC on 1 April is 03:00 on 2 April in Jakarta; 10:00 UTC is 17:00 on 1 April.
    assert orders.date.astype(str).tolist() == ["2026-04-01", "2026-04-02"]
    assert orders.units.tolist() == [2.0, 1.0]


def test_an_unknown_zone_is_a_wrong_argument(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["import", returns(tmp_path / "a.csv", "C-1"), "--db", f"sqlite:///{tmp_path / 'r.db'}", "--tz", "Jakarta"])
    assert stop.value.code == USAGE
    assert "unknown time zone 'Jakarta'" in capsys.readouterr().err
