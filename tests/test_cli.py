"""`python -m data`: exit codes, messages that name the file and the problem, and the --json last line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from data.cli import main
from data.demo import as_sheet
from tests.store_cases import cases

ROOT = Path(__file__).resolve().parent.parent


def sheet(path: Path, frame: pd.DataFrame) -> Path:
    as_sheet(frame).to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str, dict]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err, json.loads(out.strip().splitlines()[-1]) if "--json" in argv else {}


def test_import_reports_counts_and_a_second_import_of_the_same_file_changes_nothing(store_url, tmp_path, capsys):
    week = sheet(tmp_path / "week 46.csv", cases(range(1, 26)))
    code, out, _, report = run(capsys, "import", str(week), "--db", store_url, "--json")
    assert code == 0 and "week 46.csv: 25 rows read; 25 new, 0 updated" in out
    assert report["ok"] and report["imports"][0]["import_id"] == 1
    assert {k: report["imports"][0][k] for k in ("rows_read", "new", "updated", "unchanged", "rejected")} == {
        "rows_read": 25,
        "new": 25,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }

    code, out, _, report = run(capsys, "import", str(week), "--db", store_url, "--json")
    assert code == 0 and "already imported on" in out and "nothing changed" in out
    assert report["ok"] and report["imports"][0]["already_imported_on"] is not None


def test_a_missing_file_is_named_and_the_other_files_still_import(store_url, tmp_path, capsys):
    good = sheet(tmp_path / "good.csv", cases(range(1, 6)))
    code, out, err, report = run(capsys, "import", str(tmp_path / "gone.xlsx"), str(good), "--db", store_url, "--json")
    assert code == 1
    assert "gone.xlsx" in err and "no such file" in err
    assert not report["ok"] and report["imports"][0]["error"] and report["imports"][1]["new"] == 5


def test_history_and_undo(store_url, tmp_path, capsys):
    run(capsys, "import", str(sheet(tmp_path / "w1.csv", cases(range(1, 11)))), "--db", store_url)
    run(capsys, "import", str(sheet(tmp_path / "w2.csv", cases(range(6, 16), status="refunded"))), "--db", store_url)
    code, out, _, report = run(capsys, "history", "--db", store_url, "--json")
    assert code == 0 and "w2.csv: 10 read, 5 new, 5 updated, 0 rejected" in out
    assert [(i["import_id"], i["file_name"], i["undone"]) for i in report["imports"]] == [(2, "w2.csv", False), (1, "w1.csv", False)]

    code, _, err, report = run(capsys, "undo", "1", "--db", store_url, "--json")
    assert code == 3 and "Undo import 2 first" in err and not report["ok"]
    code, out, _, report = run(capsys, "undo", "2", "--db", store_url, "--json")
    assert code == 0 and "Import 2 undone" in out and report == {"command": "undo", "ok": True, "import_id": 2, "data_version": 3}
    code, _, err, _ = run(capsys, "undo", "2", "--db", store_url)
    assert code == 3 and "already undone" in err
    _, out, _, _ = run(capsys, "history", "--db", store_url)
    assert "(undone)" in out.splitlines()[0]


def test_export_writes_every_case_with_formulas_defused(store_url, tmp_path, capsys):
    frame = cases(range(1, 5), comment=['=HYPERLINK("http://evil")', "+1", "fine", "@SUM(A1)"])
    frame["buyer_id"] = ["B1", "B2", "B1", "B3"]
    run(capsys, "import", str(sheet(tmp_path / "w.csv", frame)), "--db", store_url)

    code, out, _, report = run(capsys, "export", "--format", "xlsx", "-o", str(tmp_path / "cases.xlsx"), "--db", store_url, "--json")
    assert code == 0 and report["rows"] == 4 and "4 cases written" in out
    ws = openpyxl.load_workbook(tmp_path / "cases.xlsx").active
    header = [c.value for c in ws[1]]
    # the dashboard's rows download: human headers, and no buyer identifier, hashed or not
    assert header[:3] == ["Case", "Order", "SKU"] and not any("buyer" in h.lower() and "comment" not in h.lower() for h in header)
    comments = sorted(row[header.index("Buyer's comment")].value for row in ws.iter_rows(min_row=2))
    assert comments == ["'+1", '\'=HYPERLINK("http://evil")', "'@SUM(A1)", "fine"]
    assert all(row[header.index("Buyer's comment")].data_type == "s" for row in ws.iter_rows(min_row=2))

    code, _, _, _ = run(capsys, "export", "--format", "csv", "-o", str(tmp_path / "cases.csv"), "--db", store_url)
    back = pd.read_csv(tmp_path / "cases.csv", encoding="utf-8-sig")
    assert code == 0 and len(back) == 4 and sorted(back["Buyer's comment"])[0] == "'+1"


def test_export_marks_the_lines_that_are_no_product_as_the_dashboard_download_does(store_url, tmp_path, capsys):
    frame = cases(range(1, 5))
    frame["sku"] = ["SHIRT-01", "POST", "MUG-1", "AMAZONFEE"]
    frame["product_name"] = ["Linen shirt", "POSTAGE", "Stoneware mug", "Amazon fee"]
    run(capsys, "import", str(sheet(tmp_path / "w.csv", frame)), "--db", store_url)

    code, out, _, report = run(capsys, "export", "--format", "csv", "-o", str(tmp_path / "cases.csv"), "--db", store_url, "--json")
    assert code == 0 and report["rows"] == 4 and report["not_products"] == 2
    assert "2 cases written" in out and "then 2 lines of fees, postage or adjustments, marked as not a product" in out
    back = pd.read_csv(tmp_path / "cases.csv", encoding="utf-8-sig")
    marker = "Not a product (fee, postage or adjustment)"
    assert dict(zip(back["SKU"], back[marker], strict=True)) == {"SHIRT-01": False, "MUG-1": False, "POST": True, "AMAZONFEE": True}


def test_an_export_imported_into_another_store_gives_the_same_cases(store_url, tmp_path, capsys):
    run(capsys, "import", str(sheet(tmp_path / "w.csv", cases(range(1, 13)))), "--db", store_url)
    run(capsys, "export", "--format", "xlsx", "-o", str(tmp_path / "out.xlsx"), "--db", store_url)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, _, report = run(capsys, "import", str(tmp_path / "out.xlsx"), "--db", other, "--json")
    assert code == 0 and report["imports"][0]["new"] == 12 and report["imports"][0]["rejected"] == 0

    from data.store import Store

    first, second = Store(store_url).load_cases(), Store(other).load_cases()
    columns = [c for c in first.columns if c not in ("source_file", "source_sheet", "source_row", "import_id", "buyer_hash")]
    pd.testing.assert_frame_equal(
        first.sort_values("case_id")[columns].reset_index(drop=True), second.sort_values("case_id")[columns].reset_index(drop=True)
    )


def test_export_to_a_folder_that_does_not_exist_says_so(store_url, tmp_path, capsys):
    code, _, err, _ = run(capsys, "export", "--format", "csv", "-o", str(tmp_path / "no" / "such" / "x.csv"), "--db", store_url)
    assert code == 1 and "x.csv" in err


def test_a_store_that_is_not_a_database_exits_3_without_a_traceback(tmp_path):
    bad = tmp_path / "returns.db"
    bad.write_text("Case ID,SKU\nR1,A\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "data", "history", "--db", f"sqlite:///{bad}", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr and str(bad) in done.stderr and "not a Returns Radar database" in done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["ok"] is False
    assert bad.read_text(encoding="utf-8") == "Case ID,SKU\nR1,A\n"


def test_wrong_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["undo", "not-a-number"])
    assert exit_.value.code == 2


def test_import_says_how_many_lines_were_courier_returns(store_url, tmp_path, capsys):
    rto = tmp_path / "rto.csv"
    pd.DataFrame(
        {
            "SKU": ["A", "B", "C"],
            "Request date": ["2026-04-01", "2026-04-02", "2026-04-03"],
            "Reason": ["Gagal kirim", "Too small", "UNDELIVERABLE_REFUSED"],
        }
    ).to_csv(rto, index=False)
    code, out, _, report = run(capsys, "import", str(rto), "--db", store_url, "--json")
    assert code == 0
    assert "2 courier returns (parcel never reached the buyer), not counted as buyer requests" in out
    assert report["imports"][0]["courier_returns"] == 2


def test_a_sheet_without_skus_is_refused_with_the_way_out_and_imports_with_no_sku(store_url, tmp_path, capsys):
    path = tmp_path / "no sku.csv"
    as_sheet(cases(range(1, 7))).drop(columns=["SKU", "Product Name"]).to_csv(path, index=False)
    code, _, err, _ = run(capsys, "import", str(path), "--db", store_url)
    assert code == 1 and "no sku.csv" in err and "SKU" in err

    code, out, _, report = run(capsys, "import", str(path), "--no-sku", "--db", store_url, "--json")
    assert code == 0 and report["imports"][0]["new"] == 6

    from data.schema import NO_SKU
    from data.store import Store

    assert Store(store_url).load_cases()["sku"].tolist() == [NO_SKU] * 6
