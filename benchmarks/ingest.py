"""How fast `read_sheet` reads real-sized sheets, against plain pandas readers in the same run.

Writes (once, cached under benchmarks/out/) a 100,000-row .xlsx and a 1,000,000-row .csv of
realistic cases (the demo shop's layout, scaled up), then times:
- `read_sheet` on the xlsx (reading, mapping and normalising) vs `pd.read_excel(engine="openpyxl")`;
- `read_sheet` on the csv vs plain `pd.read_csv`.
The last line printed is one JSON object with the seconds and the ratios.

    .venv/bin/python -m benchmarks.ingest [--xlsx-rows N] [--csv-rows N] [--skip-openpyxl] [--repeats N]

The CSV figures are medians of `--repeats` alternated reads after one untimed warm-up read of each; the
ratio is given as the ratio of the medians and as the median of the pairs' ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import pandas as pd
import xlsxwriter

from benchmarks.timing import timed
from data.demo import WEEKS, as_sheet, generate
from data.reader import read_sheet

OUT = Path(__file__).parent / "out"


def cases_sheet(rows: int) -> pd.DataFrame:
    """`rows` realistic cases laid out as the hand-kept tracking sheet."""
    per_week = -(-rows // WEEKS)
    return as_sheet(generate(per_week=per_week)).head(rows)


def write_xlsx(path: Path, sheet: pd.DataFrame) -> None:
    """Real date cells and numbers, written in constant-memory mode."""
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    cells = book.add_worksheet("Returns")
    date_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    cells.write_row(0, 0, list(sheet.columns))
    dates = {i for i, c in enumerate(sheet.columns) if str(sheet[c].dtype).startswith("datetime")}
    for r, row in enumerate(sheet.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            if pd.isna(value):
                continue
            if c in dates:
                cells.write_datetime(r, c, value.to_pydatetime(), date_format)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.write_number(r, c, value)
            else:
                cells.write_string(r, c, str(value))
    book.close()


def inputs(xlsx_rows: int, csv_rows: int) -> tuple[Path, Path]:
    OUT.mkdir(exist_ok=True)
    xlsx, csv = OUT / f"cases_{xlsx_rows}.xlsx", OUT / f"cases_{csv_rows}.csv"
    if not csv.exists():
        cases_sheet(csv_rows).to_csv(csv, index=False, date_format="%Y-%m-%d %H:%M")
    if not xlsx.exists():
        write_xlsx(xlsx, cases_sheet(xlsx_rows))
    return xlsx, csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-openpyxl", action="store_true", help="skip the slow openpyxl baseline")
    parser.add_argument("--repeats", type=int, default=9, help="CSV reads per reader (the median is reported)")
    args = parser.parse_args()
    xlsx, csv = inputs(args.xlsx_rows, args.csv_rows)

    figures: dict[str, float | int | None] = {"xlsx_rows": args.xlsx_rows, "csv_rows": args.csv_rows}
    seconds, result = timed(lambda: read_sheet(xlsx))
    assert len(result.cases) == args.xlsx_rows, result.summary()
    xlsx_s = seconds  # ratios come from the unrounded times: a tiny sheet reads in "0.00 s"
    figures["read_sheet_xlsx_s"] = round(seconds, 2)
    print(f"read_sheet xlsx ({args.xlsx_rows:,} rows): {seconds:.2f} s")
    seconds, _ = timed(lambda: pd.read_excel(xlsx, engine="calamine"))
    figures["read_excel_calamine_s"] = round(seconds, 2)
    print(f"pd.read_excel(engine='calamine'): {seconds:.2f} s")
    if args.skip_openpyxl:
        figures["read_excel_openpyxl_s"] = None
    else:
        seconds, _ = timed(lambda: pd.read_excel(xlsx, engine="openpyxl"))
        figures["read_excel_openpyxl_s"] = round(seconds, 2)
        figures["xlsx_speedup_vs_openpyxl"] = round(seconds / xlsx_s, 1)
        print(f"pd.read_excel(engine='openpyxl'): {seconds:.2f} s")

    # The machine is shared and noisy: one untimed read each first (imports, rule files, page cache), then
    # alternate the two CSV reads and keep each one's median.
    pd.read_csv(csv), read_sheet(csv)
    baseline, ours = [], []
    for _ in range(args.repeats):
        baseline.append(timed(lambda: pd.read_csv(csv))[0])
        seconds, result = timed(lambda: read_sheet(csv))
        assert len(result.cases) == args.csv_rows, result.summary()
        ours.append(seconds)
        print(f"pd.read_csv ({args.csv_rows:,} rows): {baseline[-1]:.2f} s   read_sheet csv: {seconds:.2f} s")
    figures["read_csv_s"] = round(statistics.median(baseline), 2)
    figures["read_sheet_csv_s"] = round(statistics.median(ours), 2)
    figures["read_csv_runs_s"], figures["read_sheet_csv_runs_s"] = [round(s, 2) for s in baseline], [round(s, 2) for s in ours]

    figures["csv_ratio_vs_read_csv"] = round(statistics.median(ours) / statistics.median(baseline), 2)
    # The same ratio taken pair by pair (each pair read back to back), then the median: steadier on a busy machine.
    figures["csv_ratio_paired_median"] = round(statistics.median(o / b for o, b in zip(ours, baseline, strict=True)), 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
