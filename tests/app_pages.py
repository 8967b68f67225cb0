"""What the AppTest page tests share: a page of the app opened with a link's query, its cards, and a chart's figure."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import plotly.io
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def open_page(page: str, query: dict[str, str] | None = None, *, timeout: float = TIMEOUT) -> AppTest:
    """`page` (a path such as "views/money.py") after the app's first run with `query` in the link; no exception raised."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_link(page: str | None, query: dict[str, str | list[str]], *, timeout: float = 90) -> AppTest:
    """The app opened from a link: `query` in the address and, when given, `page` as its path; no exception raised."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def copied(at: AppTest) -> tuple[str, dict[str, list[str]]]:
    """The path and query of the "Copy link" address."""
    link = urlsplit(at.code[0].value)
    return link.path, parse_qs(link.query)


def cards(at: AppTest) -> dict[str, tuple[str, str | None]]:
    """The page's cards: label → (value, the line under it): its delta, or for a card no file can fill ("N/A") the
    caption under it that says why."""
    found = {m.label: (m.value, m.delta) for m in at.metric}
    for column in at.columns:
        parts = [column.children[k] for k in sorted(column.children)]
        for card, under in zip(parts, parts[1:], strict=False):
            if card.type == "metric" and card.value == "N/A" and under.type == "caption":
                found[card.label] = (card.value, under.value)
    return found


def figure(at: AppTest, key: str):
    """The figure a page drew under `key`, decoded from the spec sent to the browser."""
    charts = [c for c in at.get("plotly_chart") if key in c.proto.id]
    assert len(charts) == 1, [c.proto.id for c in at.get("plotly_chart")]
    return plotly.io.from_json(charts[0].proto.spec)


def values(array) -> list:
    """A trace's values as plain numbers (nested lists for a matrix): plotly sends numeric arrays base64-encoded
    ({"dtype", "bdata"}, with "shape" for more than one dimension)."""
    if isinstance(array, dict) and "bdata" in array:
        shape = array.get("shape")
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        return flat.reshape([int(n) for n in str(shape).split(",")]).tolist() if shape else flat.tolist()
    return [list(v) if isinstance(v, tuple | list) else v for v in array]


def unfold(at: AppTest, key: str) -> AppTest:
    """`at` run again with the long list behind the switch `key` shown, as a click on it does (`ui.tables.folded`)."""
    at.toggle(key=key).set_value(True).run()
    assert not at.exception, at.exception
    return at
