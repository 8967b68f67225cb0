"""How long the dashboard's download buttons take to build their files, against other writers in the same run.

The rows are the seeded demo shop's cases in the canonical dtypes (`--rows` of them, 200,000 by default: the size the
rows Excel download must build within 5 s). Timed, median of `--repeats` runs each (the slow baselines once):
- "Rows (Excel)" (`data.downloads.rows_xlsx`: Rust xlsxwriter, human headers, widths, formulas defused, no buyer ids)
  on `--rows`; and on the first `--baseline-rows` of them (20,000 by default: the baselines take minutes at 200,000)
  beside `DataFrame.to_excel` with openpyxl and with xlsxwriter, and Python xlsxwriter in constant-memory mode
  writing whole rows (`write_row`), the fastest pure-Python way: the speed-ups compare the same rows;
- "Rows (CSV)" (`data.downloads.rows_csv`) against `DataFrame.to_csv`;
- "Weekly summary (Excel)" (`analysis.report.summary_book` + `data.summary_book.write_summary`) on the same cases.
The baselines neither defuse formulas nor leave buyer ids out. The machine's load (`os.getloadavg`) is printed with
the figures: on a shared machine they move with it, the ratios much less.

Run: `.venv/bin/python benchmarks/downloads.py [--rows N] [--repeats N]`. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

import pandas as pd
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.filters import FilterSpec  # noqa: E402
from analysis.report import summary_book  # noqa: E402
from benchmarks.timing import median_seconds  # noqa: E402
from data.demo import WEEKS, generate  # noqa: E402
from data.downloads import rows_csv, rows_xlsx, shareable_rows  # noqa: E402
from data.export import safe_for_excel  # noqa: E402
from data.schema import conform  # noqa: E402
from data.summary_book import write_summary  # noqa: E402


def pandas_xlsx(frame: pd.DataFrame, engine: str) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine=engine, index=False)
    return buffer.getvalue()


def xlsxwriter_rows(frame: pd.DataFrame) -> bytes:
    """Python xlsxwriter, constant memory, one `write_row` per case (blanks as None, dates as datetimes)."""
    safe = safe_for_excel(frame)
    cells = safe.astype(object).where(safe.notna(), None)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    sheet = book.add_worksheet("Cases")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, [str(c) for c in safe.columns])
    for c, name in enumerate(safe.columns):
        if pd.api.types.is_datetime64_dtype(safe[name].dtype):
            sheet.set_column(c, c, 17, stamp)
    for r, row in enumerate(cells.itertuples(index=False, name=None), start=1):
        sheet.write_row(r, 0, [v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in row])
    book.close()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--baseline-rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    cases = conform(generate(per_week=-(-args.rows // WEEKS))).head(args.rows)
    plain = shareable_rows(cases)
    few = cases.head(args.baseline_rows)
    few_plain = shareable_rows(few)
    load_before = os.getloadavg()[0]
    figures: dict[str, float | int | str] = {"rows": len(cases), "columns": plain.shape[1]}
    figures["rows_xlsx_s"] = median_seconds(lambda: rows_xlsx(cases), args.repeats)
    figures["baseline_rows"] = len(few)
    figures["rows_xlsx_baseline_rows_s"] = median_seconds(lambda: rows_xlsx(few), args.repeats)
    figures["pandas_to_excel_openpyxl_s"] = median_seconds(lambda: pandas_xlsx(few_plain, "openpyxl"), 1)
    figures["pandas_to_excel_xlsxwriter_s"] = median_seconds(lambda: pandas_xlsx(few_plain, "xlsxwriter"), 1)
    figures["xlsxwriter_write_row_s"] = median_seconds(lambda: xlsxwriter_rows(few_plain), 1)
    figures["rows_csv_s"] = median_seconds(lambda: rows_csv(cases), args.repeats)
    figures["pandas_to_csv_s"] = median_seconds(lambda: plain.to_csv(index=False), args.repeats)
    figures["summary_xlsx_s"] = median_seconds(lambda: write_summary(summary_book(cases, FilterSpec(period="Last 12 weeks"))), args.repeats)
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    for baseline in ("pandas_to_excel_openpyxl", "pandas_to_excel_xlsxwriter", "xlsxwriter_write_row"):
        figures[f"xlsx_speedup_vs_{baseline}"] = round(figures[f"{baseline}_s"] / figures["rows_xlsx_baseline_rows_s"], 2)
    figures["csv_ratio_vs_pandas"] = round(figures["rows_csv_s"] / figures["pandas_to_csv_s"], 2)
    figures["load_1min_before_after"] = f"{load_before:.2f} / {os.getloadavg()[0]:.2f}"
    print(f"Rows (Excel), {len(cases):,} rows × {plain.shape[1]} columns: {figures['rows_xlsx_s']:.2f} s")
    print(
        f"Rows (Excel), {len(few):,} rows: {figures['rows_xlsx_baseline_rows_s']:.2f} s; pandas to_excel (openpyxl) "
        f"{figures['pandas_to_excel_openpyxl_s']:.2f} s ({figures['xlsx_speedup_vs_pandas_to_excel_openpyxl']}× ours), "
        f"to_excel (xlsxwriter) {figures['pandas_to_excel_xlsxwriter_s']:.2f} s "
        f"({figures['xlsx_speedup_vs_pandas_to_excel_xlsxwriter']}×), xlsxwriter write_row "
        f"{figures['xlsxwriter_write_row_s']:.2f} s ({figures['xlsx_speedup_vs_xlsxwriter_write_row']}×)"
    )
    print(f"Rows (CSV): {figures['rows_csv_s']:.2f} s; pandas to_csv {figures['pandas_to_csv_s']:.2f} s")
    print(f"Weekly summary (Excel), last 12 weeks: {figures['summary_xlsx_s']:.2f} s")
    print(f"Load average (1 min) before / after: {figures['load_1min_before_after']} on {os.cpu_count()} cores")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
