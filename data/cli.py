"""The command line for scheduled imports, over the same store code as the dashboard.

    python -m data import FILE... [--tz ZONE] [--no-sku] [--db URL] [--json]
    python -m data import-orders FILE... [--tz ZONE] [--db URL] [--json]
    python -m data history [--db URL] [--json]
    python -m data undo IMPORT_ID [--db URL] [--json]
    python -m data orders-history [--db URL] [--json]
    python -m data undo-orders IMPORT_ID [--db URL] [--json]
    python -m data export --format csv|xlsx -o FILE [--db URL] [--json]

Exit codes: 0 success (a file already imported is a success that changes nothing); 1 a file could not
be read or imported (the others still are); 2 wrong arguments; 3 the store cannot be used (unreachable,
busy, not a database, newer version) or refused the undo. With --json, the last line printed is one
JSON object for scripts. Times written with an offset are read in the shop's time zone saved in the store
(Upload page), or in --tz ZONE (an IANA name such as Asia/Jakarta) when given.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.not_products import marked, split_products
from data.case_store import ImportResult
from data.downloads import write_rows
from data.errors import ReadError, StoreError
from data.formats import named_bytes, source_bytes
from data.order_store import OrdersImportResult
from data.orders import read_orders
from data.store import Store
from data.zones import check_zone

OK, FILE_FAILED, USAGE, STORE_FAILED = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description="Import tracking sheets into the Returns Radar store.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="store URL (default: RETURNS_RADAR_DB, else store/returns.db)")
    common.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "--tz",
        metavar="ZONE",
        type=_zone,
        help="the shop's time zone for times written with an offset, e.g. Asia/Jakarta (default: the store's)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", parents=[common, reading], help="import sheets; each file is one transaction")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--no-sku",
        action="store_true",
        help="import sheets that have no SKU or product column: every case is kept under one SKU, left out of SKU figures",
    )
    orders = commands.add_parser(
        "import-orders", parents=[common, reading], help="import orders or sales sheets (units sold, for return rates)"
    )
    orders.add_argument("files", nargs="+", metavar="FILE")
    commands.add_parser("history", parents=[common], help="list the imports, newest first")
    undo = commands.add_parser("undo", parents=[common], help="take an import back")
    undo.add_argument("import_id", type=int, metavar="IMPORT_ID")
    commands.add_parser("orders-history", parents=[common], help="list the orders imports, newest first")
    undo_orders = commands.add_parser("undo-orders", parents=[common], help="take an orders import back")
    undo_orders.add_argument("import_id", type=int, metavar="IMPORT_ID")
    export = commands.add_parser(
        "export", parents=[common], help="write all cases to a CSV or Excel file, as the dashboard's rows download"
    )
    export.add_argument("--format", choices=["csv", "xlsx"], required=True)
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    return parser


def _zone(name: str) -> str:
    try:
        return check_zone(name)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = _parser().parse_args(argv)
    report: dict[str, Any] = {"command": args.command, "ok": False}
    try:
        with Store(args.db) as store:
            run = {
                "import": _import,
                "import-orders": _import,
                "history": _history,
                "undo": _undo,
                "export": _export,
                "orders-history": _orders_history,
                "undo-orders": _undo_orders,
            }[args.command]
            code = run(store, args, report)
    except StoreError as err:
        _say(f"error: {err}", error=True)
        report["error"] = str(err)
        code = STORE_FAILED
    report["ok"] = code == OK
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str))
    return code


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a history table, one dict each (column -> value)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _say(text: str, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


def _import(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    code, report["imports"] = OK, []
    zone = args.tz or store.time_zone()
    for name in args.files:
        path = Path(name)
        try:
            if not path.is_file():
                raise ReadError(f"{path}: no such file")
            if args.command == "import-orders":
                data = source_bytes(path, path.name)  # read once: the bytes hashed are the bytes read
                read = read_orders(named_bytes(data, path.name), tz=zone)
                result: ImportResult | OrdersImportResult = store.import_orders(read, file_name=path.name, data=data)
            else:
                result = store.import_file(path, tz=zone, no_sku=args.no_sku)
        except ReadError as err:
            message = str(err) if str(path.name) in str(err) else f"{path}: {err}"
            _say(f"error: {message}", error=True)
            report["imports"].append({"file_name": path.name, "error": message})
            code = FILE_FAILED
            continue
        except StoreError as err:
            _say(f"error: {path}: {err}", error=True)
            report["imports"].append({"file_name": path.name, "error": str(err)})
            return STORE_FAILED
        _say(result.message)
        report["imports"].append(result.as_dict() if hasattr(result, "as_dict") else dataclasses.asdict(result))
    return code


Record = dict[str, Any]


def _listing(table: pd.DataFrame, record: Callable[[Record], Record], empty: str, line: Callable[[Record], str], report: Record) -> int:
    """An import history: one JSON object a row in `report["imports"]`, one printed line a row (`empty` when none)."""
    report["imports"] = [record(r) for r in _records(table)]
    if table.empty:
        _say(empty)
    for r in report["imports"]:
        _say(line(r))
    return OK


def _import_record(r: Record) -> Record:
    return {
        "import_id": int(r["import_id"]),
        "file_name": r["file_name"],
        "imported_at": r["imported_at"].isoformat(timespec="seconds"),
        "rows_read": int(r["rows_read"]),
        "new": int(r["rows_new"]),
        "updated": int(r["rows_updated"]),
        "unchanged": int(r["rows_unchanged"]),
        "rejected": int(r["rows_rejected"]),
        "undone": bool(r["undone"]),
    }


def _import_line(r: Record) -> str:
    return (
        f"{r['import_id']:>5}  {r['imported_at']}  {r['file_name']}: {r['rows_read']:,} read, {r['new']:,} new, "
        f"{r['updated']:,} updated, {r['rejected']:,} rejected" + ("  (undone)" if r["undone"] else "")
    )


def _history(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    return _listing(store.history(), _import_record, "No imports yet.", _import_line, report)


def _undo(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    store.undo(args.import_id)
    report["import_id"] = args.import_id
    report["data_version"] = store.data_version()
    _say(f"Import {args.import_id} undone.")
    return OK


def _orders_import_record(r: Record) -> Record:
    return {
        "import_id": int(r["import_id"]),
        "file_name": r["file_name"],
        "imported_at": r["imported_at"].isoformat(timespec="seconds"),
        "lines": int(r["lines"]),
        "units": float(r["units"]),
        "lines_stored": int(r["lines_stored"]),
        "lines_replaced": int(r["lines_replaced"]),
        "can_undo": bool(r["can_undo"]),
    }


def _orders_import_line(r: Record) -> str:
    return (
        f"{r['import_id']:>5}  {r['imported_at']}  {r['file_name']}: {r['lines']:,} sale lines ({r['lines_stored']:,} still stored), "
        f"{r['units']:,.0f} units, {r['lines_replaced']:,} lines of earlier files replaced"
    )


def _orders_history(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    return _listing(store.order_history(), _orders_import_record, "No orders imports yet.", _orders_import_line, report)


def _undo_orders(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    store.undo_orders(args.import_id)
    report["import_id"] = args.import_id
    _say(f"Orders import {args.import_id} undone.")
    return OK


def _export(store: Store, args: argparse.Namespace, report: dict[str, Any]) -> int:
    # as the dashboard's rows download: the lines that are fees, postage or adjustments after the cases, marked
    products, lines = split_products(store.load_cases())
    try:
        path = write_rows(marked(products, lines), args.output, args.format)
    except (OSError, ValueError) as err:
        _say(f"error: {args.output}: {getattr(err, 'strerror', None) or err}", error=True)
        report["error"] = str(err)
        return FILE_FAILED
    report.update(path=str(path), rows=len(products) + len(lines), not_products=len(lines), format=args.format)
    marks = f", then {len(lines):,} lines of fees, postage or adjustments, marked as not a product" if len(lines) else ""
    _say(f"{len(products):,} cases written to {path}{marks}.")
    return OK
