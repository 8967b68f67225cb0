"""The README's commands, run as a newcomer would paste them: every command is read from README.md itself, so a
README that drifts from the code (a renamed sub-command, a moved script, a make target gone, a bare `python` that a
fresh machine cannot run) fails here. Only what finishes in seconds runs in full: the command-line block against a
temporary store, `make -n` for each make target, and `--help` for each benchmark that takes options (the others are
checked to exist); the benchmarks themselves are measured by hand, never in the test run.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON = ".venv/bin/python"
QUICK = 120  # seconds: a loaded machine; each command needs a few seconds of CPU


def shell_lines() -> list[str]:
    """The commands of the README's ```sh blocks, one a line, without their trailing comments."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README, flags=re.M | re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def inline_code() -> list[str]:
    """The README's `code spans` outside fenced blocks, a span broken over two lines joined again."""
    prose = re.sub(r"^```.*?^```", "", README, flags=re.M | re.S)
    return [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]


def commands() -> list[str]:
    return shell_lines() + inline_code()


def data_commands() -> list[str]:
    found = [line for line in shell_lines() if line.startswith(f"{PYTHON} -m data ")]
    assert len(found) >= 5, found
    return found


def benchmarks() -> list[str]:
    """Each benchmark the README names, as the argument after `.venv/bin/python` (`benchmarks/x.py` or `-m benchmarks.x`)."""
    found = {m.group(1) for c in commands() if (m := re.match(rf"{re.escape(PYTHON)} ((?:-m )?benchmarks[./][\w.]+)", c))}
    assert len(found) >= 8, found
    return sorted(found)


def make_targets() -> list[str]:
    found = {m.group(1) for c in commands() if (m := re.search(r"(?:^|\s)make ([\w-]+)", c))}
    assert {"run", "test"} <= found, found
    return sorted(found)


def test_every_python_command_uses_the_projects_environment():
    """`python …` fails on a fresh machine (no pandas there); `.venv/bin/python …` is what `make run` and `make test` set up."""
    bare = [c for c in commands() if re.search(r"(?:^|[\s=(])python3?\s+(?:-m\s|\S+\.py)", c) and not c.startswith(PYTHON)]
    assert bare == []


def concrete(line: str, tmp_path: Path, orders: Path) -> list[str]:
    """A README command line with its placeholders filled: optional [parts] given, FILE, ZONE, URL, IMPORT_ID, a|b."""
    words = shlex.split(re.sub(r"\[([^\]]+)\]", r"\1", line))
    command = words[3]
    filled = []
    for before, word in zip(["", *words], words, strict=False):
        if word in ("FILE...", "FILE"):
            word = (
                str(tmp_path / "cases.csv")
                if before == "-o"
                else str(orders if command == "import-orders" else ROOT / "data" / "samples" / "demo_returns.csv")
            )
        elif word == "ZONE":
            word = "Asia/Jakarta"
        elif word == "URL":
            word = f"sqlite:///{tmp_path / 'returns.db'}"
        elif word == "IMPORT_ID":
            word = "1"
        elif "|" in word:
            word = word.split("|")[0]
        filled.append(word)
    return filled


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=QUICK)


def test_the_command_line_section_runs_as_written(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_text("Order ID,Seller SKU,Quantity,Created Time\n5801,AP-0117,2,16/11/2026 10:00:00\n5802,HM-0042,1,17/11/2026 11:00:00\n")
    lines = data_commands()
    # Undo last, so the history and the export have something to show.
    for line in sorted(lines, key=lambda line: " undo" in line):
        args = concrete(line, tmp_path, orders)
        done = run(args)
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
        if "--json" in args:
            assert json.loads(done.stdout.strip().splitlines()[-1])["ok"] is True, line
    assert {"import", "import-orders", "history", "undo", "export"} <= {shlex.split(line)[3] for line in lines}
    exported = (tmp_path / "cases.csv").read_text(encoding="utf-8-sig").splitlines()
    assert exported[0].lstrip("\ufeff").startswith("Case,Order,SKU") and len(exported) > 1000


@pytest.mark.parametrize("target", make_targets())
def test_each_make_target_exists(target):
    done = run(["make", "-n", target])
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("benchmark", benchmarks())
def test_each_benchmark_is_where_the_readme_says(benchmark):
    module = benchmark.removeprefix("-m ").replace(".", "/") + ".py" if benchmark.startswith("-m ") else benchmark
    source = ROOT / module
    assert source.is_file(), benchmark
    if "argparse" in source.read_text(encoding="utf-8"):
        done = run([PYTHON, *benchmark.split(), "--help"])
        assert done.returncode == 0 and "usage:" in done.stdout, (benchmark, done.stderr[-2000:])
