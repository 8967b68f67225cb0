"""End to end in Debian's chromium: upload the demo workbook, import it, see the trend, share a filtered link.

Runs `streamlit run app.py` on a free localhost port against a temporary SQLite store. Screenshots go
to `test-artifacts/`; `make screenshots` also writes the Overview to `docs/overview.png` for the README
(a plain test run leaves the checkout as it found it).
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
WORKBOOK = ROOT / "data" / "samples" / "demo_returns.xlsx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 2000}
TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a free port with an empty temporary store; stopped afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    store = tmp_path_factory.mktemp("store") / "returns.db"
    port = _free_port()
    env = {**os.environ, "RETURNS_RADAR_DB": f"sqlite:///{store}"}
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"streamlit did not start:\n{log.read()}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _settled(page) -> None:
    """Wait until the app has finished its rerun."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=TIMEOUT_MS)


def _metrics(page) -> dict[str, str]:
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=TIMEOUT_MS)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return dict(zip(labels, values, strict=True))


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def test_upload_trend_and_shared_link(server, browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    # First visit: an empty store shows the demo shop, marked as such, one click from the upload.
    page.goto(server)
    page.get_by_text("Demo data").wait_for()
    _metrics(page)
    page.locator(".js-plotly-plot").first.wait_for()  # else the screenshot can catch the chart's empty placeholder
    _settled(page)
    _shot(page, "1-overview-demo")
    page.get_by_role("link", name="Upload your sheet").click()

    # Upload the demo workbook and import it.
    page.get_by_role("heading", name="Upload").wait_for()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(WORKBOOK))
    import_button = page.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows"))
    import_button.wait_for()
    _settled(page)
    _shot(page, "2-upload-read")
    import_button.click()
    page.get_by_text("Imported demo_returns.xlsx").wait_for()
    _settled(page)
    _shot(page, "3-upload-imported")

    # The trend chart is drawn from the imported cases, and the demo banner is gone.
    page.get_by_role("link", name="See the trends").click()
    page.get_by_role("heading", name="Trends").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("Demo data").count() == 0
    _settled(page)
    _shot(page, "4-trends")
    page.get_by_text("Split by request type").click()
    page.get_by_text("split by request type", exact=False).nth(1).wait_for()  # the chart's title
    _settled(page)
    _shot(page, "4b-trends-split")

    # The Overview of the real store is the README's screenshot.
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    unfiltered = _metrics(page)
    _settled(page)
    _shot(page, "5-overview")
    readme_shot(page)

    # Set a filter in the sidebar: the address bar now carries it.
    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason")
    reason.locator("input").click()
    page.keyboard.type("Defective")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"[?&]reason=Defective"))
    _settled(page)
    filtered = _metrics(page)
    assert filtered["Cases"] != unfiltered["Cases"]
    _shot(page, "6-overview-filtered")
    shared = page.url

    # A colleague opens the link in a fresh browser: same filter, same figures.
    other = browser.new_context(viewport=VIEWPORT)
    colleague = other.new_page()
    colleague.set_default_timeout(TIMEOUT_MS)
    colleague.goto(shared)
    colleague.get_by_role("heading", name="Overview").wait_for()
    colleague.locator(".js-plotly-plot").first.wait_for()
    _settled(colleague)
    chosen = colleague.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason")
    assert "Defective" in chosen.inner_text()
    assert _metrics(colleague) == filtered
    _shot(colleague, "7-shared-link")
    other.close()
    context.close()


def readme_shot(page) -> None:
    """The Overview as the README shows it: the viewport cropped to the page's content.

    Written only under `make screenshots` (RETURNS_RADAR_SCREENSHOTS=1), and then only when the picture
    changed, not for anti-aliasing noise.
    """
    if not os.environ.get("RETURNS_RADAR_SCREENSHOTS"):
        return
    bottom = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid="stMainBlockContainer"] > div > *')]
                 .map(e => e.getBoundingClientRect().bottom))""")
    height = min(VIEWPORT["height"], int(bottom) + 40)
    shot = page.screenshot(clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})
    target = ROOT / "docs" / "overview.png"
    if target.exists() and _same_picture(target.read_bytes(), shot):
        return
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(shot)


def _same_picture(old: bytes, new: bytes) -> bool:
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(data)).convert("RGB") for data in (old, new))
    if a.size != b.size:
        return False
    return max(high for _, high in ImageChops.difference(a, b).getextrema()) <= 32


def test_nothing_is_fetched_from_the_web(server, browser):
    """Every request a page makes goes to the app itself: the favicon and icons are bundled (the app runs offline)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server)
    page.locator(".js-plotly-plot").first.wait_for()
    _settled(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Deadlines").click()
    page.get_by_role("heading", name="Deadlines").wait_for()
    _settled(page)
    outside = [url for url in requested if not url.startswith((server, "data:", "blob:"))]
    assert requested and not outside
    context.close()
