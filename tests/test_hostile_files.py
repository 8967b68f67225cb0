"""A file can never hurt the process that reads it: hostile files (small on disk, built to inflate, repeat or
allocate) are refused through `read_sheet` and `read_orders` with a clear message, the test process carries
on, and the worker that parsed them stayed under 500 MB. What the checks before parsing cannot see, the
worker's memory and time limits stop."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import sandbox
from data.errors import ReadError
from data.orders import read_orders
from data.reader import read_sheet
from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parent.parent
PEAK_CAP = 500 << 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# file maker, file name, words the refusal must hold
CASES = [
    (hostile.far_cell_xlsx, "far.xlsx", "1,048,576 rows by 16,384 columns"),
    (hostile.far_cell_no_dimension_xlsx, "far-hidden.xlsx", "1,048,576 rows by 16,384 columns"),
    (hostile.ods_mimetype_bomb, "bomb.ods", "inflates more than 200 times"),
    (hostile.rows_past_excel_xlsx, "three-million.xlsx", "past Excel's own limit of 1,048,576"),
    (hostile.billion_laughs_xlsx, "laughs.xlsx", "document type declaration"),
    (hostile.row_gap_xlsx, "gaps.xlsx", "1,000,000 rows by 702 columns"),
    (hostile.huge_shared_strings_xlsx, "strings.xlsx", "shared strings"),
    (hostile.ods_repeated_rows, "repeats.ods", "1,000,000 rows by 1,000 columns"),
    (hostile.many_entries_zip, "parts.xlsx", "more than 10,000 parts"),
    (hostile.one_line_csv, "one-line.csv", "a line holds 3,000,001 cells"),
    (hostile.wide_header_csv, "wide.csv", "a line holds 100,000 cells"),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    built = {name: make(folder / name) for make, name, _ in CASES}
    built["secret.xlsx"] = hostile.external_entity_xlsx(folder / "secret.xlsx", folder / "secret.txt")
    (folder / "secret.txt").write_text("the server's secret", encoding="utf-8")
    return built


def small_sheet(path: Path) -> Path:
    path.write_text("SKU,Request Date,Reason\nA,2026-04-29,Damaged\nB,2026-04-30,Too small\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name, words", [(name, words) for _, name, words in CASES])
def test_a_hostile_file_is_refused_and_the_reader_stays_small(files, name, words, tmp_path):
    assert files[name].stat().st_size < 8 << 20  # small on disk: the point is what it becomes
    with pytest.raises(ReadError) as refused:
        read_sheet(files[name])
    assert name in str(refused.value) and words in str(refused.value)
    peak = sandbox.last_peak()
    assert peak is not None and 0 < peak < PEAK_CAP, peak
    # This process carries on, and so does the reader.
    assert read_sheet(small_sheet(tmp_path / "after.csv")).cases.sku.tolist() == ["A", "B"]


def test_entities_are_never_expanded_nor_outside_files_read(files):
    with pytest.raises(ReadError, match="document type declaration") as refused:
        read_sheet(files["secret.xlsx"])
    assert "the server's secret" not in str(refused.value)
    assert sandbox.last_peak() < PEAK_CAP


@pytest.mark.parametrize("name", ["far.xlsx", "bomb.ods", "one-line.csv"])
def test_the_orders_reader_refuses_them_too(files, name):
    with pytest.raises(ReadError, match=name.replace(".", r"\.")):
        read_orders(files[name])
    assert sandbox.last_peak() < PEAK_CAP


def test_past_the_checks_the_memory_limit_stops_the_worker_not_this_process(files, monkeypatch, tmp_path):
    """With the cell cap lifted, the far cell reaches the workbook engine, which sizes a 512 GiB grid and aborts:
    only the worker dies, and the caller hears that the file needs more memory than allowed."""
    monkeypatch.setenv("RETURNS_RADAR_MAX_CELLS", str(10**12))
    monkeypatch.setenv("RETURNS_RADAR_READ_MEMORY_MB", "300")
    with pytest.raises(ReadError, match="far.xlsx: this file needs more memory than allowed \\(300 MB"):
        read_sheet(files["far.xlsx"])
    monkeypatch.delenv("RETURNS_RADAR_MAX_CELLS")
    monkeypatch.delenv("RETURNS_RADAR_READ_MEMORY_MB")
    assert len(read_sheet(small_sheet(tmp_path / "after.csv")).cases) == 2


def test_a_read_that_takes_too_long_is_stopped(monkeypatch, tmp_path):
    rows = "".join(f"SKU-{i % 97},2026-04-{i % 28 + 1:02d},Damaged,note {i}\n" for i in range(300_000))
    big = tmp_path / "slow.csv"
    big.write_text("SKU,Request Date,Reason,Comment\n" + rows, encoding="utf-8")
    monkeypatch.setenv("RETURNS_RADAR_READ_SECONDS", "0.05")
    with pytest.raises(ReadError, match="slow.csv: reading took longer than 0.05 s"):
        read_sheet(big)
    monkeypatch.delenv("RETURNS_RADAR_READ_SECONDS")
    assert len(read_sheet(big).cases) == 300_000


def test_a_file_shrinking_while_it_is_read_gives_a_read_or_an_error_never_a_crash(tmp_path):
    path = tmp_path / "shrinking.csv"
    body = "".join(f"SKU-{i % 50},2026-04-{i % 28 + 1:02d},Damaged\n" for i in range(400_000)).encode()
    full = b"SKU,Request Date,Reason\n" + body
    stop = threading.Event()

    def shrink() -> None:  # another program rewriting the file: cut short, then whole again, over and over
        while not stop.is_set():
            with open(path, "r+b") as file:
                file.truncate(len(full) // 3)
            path.write_bytes(full)

    path.write_bytes(full)
    other = threading.Thread(target=shrink, daemon=True)
    other.start()
    outcomes = []
    try:
        for _ in range(6):
            try:
                outcomes.append(len(read_sheet(path).cases))
            except ReadError as err:
                outcomes.append(str(err))
    finally:
        stop.set()
        other.join()
    assert len(outcomes) == 6 and all(isinstance(o, int | str) for o in outcomes)
    assert all(o > 0 for o in outcomes if isinstance(o, int))


def test_uploading_the_far_cell_workbook_shows_the_refusal_and_the_app_still_answers(files, fresh_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/upload.py").run()
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    assert 10 <= limit <= 100 and f"up to {limit} MB" in at.file_uploader[0].proto.help
    at.file_uploader[0].set_value([("far.xlsx", files["far.xlsx"].read_bytes(), XLSX)]).run()
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for e in at.error)
    assert "far.xlsx" in shown and "16,384 columns" in shown
    at.switch_page("views/overview.py").run()  # the server goes on serving
    assert not at.exception and at.title and at.title[0].value
