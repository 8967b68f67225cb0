"""What the browser tests share: Debian's chromium, the app on a temporary store (`tests/app_server.py`), a page that
waits long enough on a loaded machine, waiting for a rerun, cards and screenshots.

Test modules import the fixtures they use (`browser`, `server`) from here; `running_app` starts an app of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.app_server import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer

ARTIFACTS = ROOT / "test-artifacts"
WORKBOOK = ROOT / "data" / "samples" / "demo_returns.xlsx"
VIEWPORT = {"width": 1400, "height": 2000}
TIMEOUT_MS = 60_000


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")


@contextmanager
def running_app(env: dict[str, str], **options: Any) -> Iterator[AppServer]:
    """The app in a child process for the duration of the block (see `AppServer` for `options`); skips without chromium."""
    need_chromium()
    try:
        app = AppServer(env, **options)
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app's address, on an empty temporary store (so the demo shop shows until something is imported)."""
    with running_app({"RETURNS_RADAR_DB": f"sqlite:///{tmp_path_factory.mktemp('store') / 'returns.db'}"}) as app:
        yield app.url


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser, url: str | None = None, *, viewport: dict[str, int] = VIEWPORT, timeout: int = TIMEOUT_MS):
    """A page in a fresh browser context (its own cookies), opened at `url` when given; `page.context.close()` ends it."""
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(timeout)
    if url is not None:
        page.goto(url)
    return page


def opened(browser, url: str, heading: str, **options: Any):
    """A new page (see `new_page` for `options`) at `url`, once the page titled `heading` shows and its run has settled."""
    page = new_page(browser, url, **options)
    page.get_by_role("heading", name=heading).wait_for()
    settled(page, options.get("timeout", TIMEOUT_MS))
    return page


def choose_files(page, *files: Path | str) -> None:
    """Put `files` in the page's file uploader (the Upload page's, or the orders sheet's on Return rate)."""
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(f) for f in files])


def upload(page, url: str, *files: Path | str) -> None:
    """Open the Upload page of the app at `url` and choose `files`."""
    page.goto(f"{url}/upload")
    page.get_by_role("heading", name="Upload").wait_for()
    choose_files(page, *files)


def asked_for_column(page, question: str) -> None:
    """Wait for Upload's question about a column it did not find for sure, and the sheet's first rows under it."""
    page.get_by_text(question).wait_for()
    settled(page)
    # The rows table draws a moment after the rerun ends: wait for its rows, or a screenshot shows an empty box.
    page.wait_for_function("document.querySelector('[data-testid=\"stDataFrame\"]')?.getBoundingClientRect().height > 100")


def settled(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the app has finished its rerun."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)


def metrics(page, timeout: int = TIMEOUT_MS) -> dict[str, str]:
    """The cards on the page: label → value."""
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=timeout)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return dict(zip(labels, values, strict=True))


def shot(page, name: str, *, full_page: bool = False) -> Path:
    """A screenshot in test-artifacts/ (kept out of git), for a person to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    return path
