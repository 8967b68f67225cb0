"""The README is checked like code: every `python -m data` command and every page of the app is described.

Both lists are read from the code (the argument parser of `data/cli.py`, the `st.Page` calls of `app.py`), never
written out here, so a new command or page without a README line fails this test.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from data import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README text under the `## title` heading, up to the next heading of the same level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def commands() -> list[str]:
    """The sub-commands of `python -m data`, from its argument parser."""
    actions = [a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return [name for action in actions for name in action.choices]


def pages() -> list[str]:
    """The titles of the pages `app.py` registers (`st.Page(..., title=...)`, the English of `title=_("...")`)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "Page"]
    titles = [k.value for call in calls for k in call.keywords if k.arg == "title"]
    return [(t.args[0] if isinstance(t, ast.Call) else t).value for t in titles]


def test_the_lists_are_read_from_the_code():
    assert {"import", "import-orders", "history", "undo", "export"} <= set(commands())
    assert {"Overview", "Upload"} <= set(pages())


@pytest.mark.parametrize("command", commands())
def test_every_command_is_in_the_command_line_section(command):
    documented = set(re.findall(r"^(?:\.venv/bin/)?python -m data ([\w-]+)", section("Command line"), flags=re.M))
    assert command in documented, f"README's 'Command line' section has no line 'python -m data {command} ...'"


@pytest.mark.parametrize("title", pages())
def test_every_page_is_in_what_you_see(title):
    described = set(re.findall(r"^- \*\*(.+?)\*\*", section("What you see"), flags=re.M))
    assert title in described, f"README's 'What you see' list has no '- **{title}**: ...' line"
