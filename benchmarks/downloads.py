"""How long the dashboard's download buttons take to build their files, against pandas' own writers in the same run.

The rows are the seeded demo shop's cases in the canonical dtypes (`--rows` of them, 20,000 by default:
a busy shop's quarter). Timed, median of `--repeats` runs each:
- "Rows (Excel)" (`data.downloads.rows_xlsx`) against `DataFrame.to_excel(engine="xlsxwriter")` of the same rows;
- "Rows (CSV)" (`data.downloads.rows_csv`) against `DataFrame.to_csv`.
Both of ours also defuse formulas and leave buyer ids out; the baselines do neither.

Run: `.venv/bin/python benchmarks/downloads.py [--rows N] [--repeats N]`. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import median_seconds  # noqa: E402
from data.demo import WEEKS, generate  # noqa: E402
from data.downloads import rows_csv, rows_xlsx, shareable_rows  # noqa: E402
from data.schema import conform  # noqa: E402


def pandas_xlsx(frame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine="xlsxwriter", index=False)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    cases = conform(generate(per_week=-(-args.rows // WEEKS))).head(args.rows)
    plain = shareable_rows(cases)
    figures = {
        "rows": len(cases),
        "rows_xlsx_s": median_seconds(lambda: rows_xlsx(cases), args.repeats),
        "pandas_to_excel_s": median_seconds(lambda: pandas_xlsx(plain), args.repeats),
        "rows_csv_s": median_seconds(lambda: rows_csv(cases), args.repeats),
        "pandas_to_csv_s": median_seconds(lambda: plain.to_csv(index=False), args.repeats),
    }
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    figures["xlsx_speedup_vs_pandas"] = round(figures["pandas_to_excel_s"] / figures["rows_xlsx_s"], 2)
    figures["csv_ratio_vs_pandas"] = round(figures["rows_csv_s"] / figures["pandas_to_csv_s"], 2)
    print(f"Rows (Excel), {len(cases):,} rows: {figures['rows_xlsx_s']:.2f} s; pandas to_excel {figures['pandas_to_excel_s']:.2f} s")
    print(f"Rows (CSV): {figures['rows_csv_s']:.2f} s; pandas to_csv {figures['pandas_to_csv_s']:.2f} s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
