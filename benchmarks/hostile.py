"""The hostile files of `tests/hostile_files.py`, each read through `read_sheet`: size on disk, the refusal, the
seconds it took and the reading worker's peak memory (VmHWM, reset for each read). The last line printed is
one JSON object with the figures.

    .venv/bin/python -m benchmarks.hostile
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from data import sandbox
from data.errors import ReadError
from data.reader import read_sheet
from tests import hostile_files as hostile

FILES = [
    (hostile.far_cell_xlsx, "far-cell.xlsx"),
    (hostile.far_cell_no_dimension_xlsx, "far-cell-no-dimension.xlsx"),
    (hostile.ods_mimetype_bomb, "mimetype-1GiB.ods"),
    (hostile.rows_past_excel_xlsx, "3M-rows.xlsx"),
    (hostile.billion_laughs_xlsx, "billion-laughs.xlsx"),
    (hostile.row_gap_xlsx, "row-gaps.xlsx"),
    (hostile.huge_shared_strings_xlsx, "shared-strings.xlsx"),
    (hostile.ods_repeated_rows, "repeated-rows.ods"),
    (hostile.many_entries_zip, "60k-parts.xlsx"),
    (hostile.one_line_csv, "one-line.csv"),
    (hostile.wide_header_csv, "100k-columns.csv"),
]


def main() -> None:
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for make, name in FILES:
            path = make(Path(folder) / name)
            started = time.perf_counter()
            try:
                read_sheet(path)
                outcome = "read (not refused!)"
            except ReadError as err:
                outcome = str(err)[:110]
            seconds = time.perf_counter() - started
            peak = (sandbox.last_peak() or 0) / 2**20
            figures[name] = {"bytes": path.stat().st_size, "seconds": round(seconds, 2), "peak_mb": round(peak, 1)}
            print(f"{name:28} {path.stat().st_size / 2**20:6.2f} MB  {seconds:5.2f} s  peak {peak:6.1f} MB  {outcome}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
