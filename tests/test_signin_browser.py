"""Sign-in end to end in Debian's chromium, with a real OpenID Connect provider on localhost (oidc-provider-mock):
a shared link opened signed out goes through sign-in and lands on the same page with the same filters; a viewer
cannot import (the Upload page says why, and has no uploader); an uploader can; an account not on the lists sees no data.

Screenshots go to `test-artifacts/signin-*.png`.
"""

from __future__ import annotations

import re

import pytest

from tests import browser as browser_tests
from tests.app_server import free_port
from tests.browser import WORKBOOK, choose_files, running_app

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1300, "height": 1000}
TIMEOUT_MS = 120_000  # a loaded machine: the flow crosses two servers and three page loads
VIEWER, UPLOADER, STRANGER = "cy@shop.example", "bo@warehouse.example", "eve@elsewhere.example"


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider on a free localhost port: its sign-in form takes any subject, used as the e-mail."""
    browser_tests.need_chromium()
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def app(provider, tmp_path_factory):
    """The app with sign-in configured (the README's `[auth]` and `[roles]`), on an empty SQLite store."""
    folder = tmp_path_factory.mktemp("signin")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "a-test-cookie-secret-of-more-than-32-bytes"
client_id = "returns-radar"
client_secret = "test-client-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[roles]
admins = ["ana@shop.example"]
uploaders = ["@warehouse.example"]
viewers = ["@shop.example", "@warehouse.example"]
""")
    # The test provider speaks plain http on localhost; a real one is https and needs no such switch.
    with running_app(
        {"RETURNS_RADAR_DB": f"sqlite:///{folder / 'returns.db'}", "AUTHLIB_INSECURE_TRANSPORT": "1"},
        port=port,
        host="localhost",
        secrets=secrets,
    ) as server:
        yield server.url


def settled(page) -> None:
    browser_tests.settled(page, TIMEOUT_MS)


def shot(page, name: str) -> None:
    browser_tests.shot(page, f"signin-{name}")


def sign_in(page, email: str, *, shots: str | None = None) -> None:
    """From the sign-in screen: the provider's form, the address, back to the app."""
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").wait_for()
    if shots:
        shot(page, f"{shots}-provider")
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()


def open_as(browser, app: str, path: str, email: str):
    page = browser_tests.new_page(browser, viewport=VIEWPORT, timeout=TIMEOUT_MS)
    context = page.context
    page.goto(app + path)
    sign_in(page, email)
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    return context, page


def test_a_shared_link_goes_through_sign_in_to_the_same_view(app, browser):
    page = browser_tests.new_page(browser, viewport=VIEWPORT, timeout=TIMEOUT_MS)
    context = page.context
    page.goto(f"{app}/trends?reason=Defective&period=Last+4+weeks")
    page.get_by_role("button", name="Sign in").wait_for()
    settled(page)
    assert page.locator(".js-plotly-plot").count() == 0 and page.get_by_text("Demo data").count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0 and page.locator('[data-testid="stMultiSelect"]').count() == 0
    shot(page, "1-signed-out-link")

    sign_in(page, VIEWER, shots="2")
    page.wait_for_url(f"{app}/trends?reason=Defective&period=Last+4+weeks")
    page.get_by_role("heading", name="Trends").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    settled(page)
    reason = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Reason")
    assert "Defective" in reason.inner_text()
    assert "Last 4 weeks · Defective" in page.locator('[data-testid="stMain"]').inner_text()
    assert "returns_radar_next" not in {c["name"] for c in context.cookies()}, "the way back is used once"
    assert f"{VIEWER} · viewer" in page.locator('[data-testid="stSidebar"]').inner_text()
    shot(page, "3-back-on-the-view")

    # Signed in, a reload stays on the view.
    page.reload()
    page.get_by_role("heading", name="Trends").wait_for()
    assert page.url == f"{app}/trends?reason=Defective&period=Last+4+weeks"
    context.close()


def test_a_viewer_cannot_import_and_an_uploader_can(app, browser):
    context, page = open_as(browser, app, "/upload", UPLOADER)
    page.get_by_role("heading", name="Upload").wait_for()
    choose_files(page, WORKBOOK)
    button = page.get_by_role("button", name=re.compile(r"^Import [\d,]+ rows"))
    button.wait_for()
    button.click()
    page.get_by_text("Imported demo_returns.xlsx").wait_for()
    settled(page)
    assert page.get_by_role("button", name="Undo…").count() == 1
    shot(page, "4-uploader-upload")
    context.close()

    context, page = open_as(browser, app, "/upload", VIEWER)
    page.get_by_role("heading", name="Import history").wait_for()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    settled(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "importing files needs the uploader role" in body and f"{VIEWER} (viewer)" in body
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.locator('input[type="file"]').count() == 0
    assert page.get_by_role("button", name="Undo…").count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 1, "the import history stays visible"
    shot(page, "5-viewer-upload")

    # Signing out ends the session with the provider; the app is back to its sign-in screen.
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.goto(f"{app}/upload")
    page.get_by_role("button", name="Sign in").wait_for()
    settled(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    context.close()


def test_an_account_not_on_the_lists_sees_no_data(app, browser):
    page = browser_tests.new_page(browser, viewport=VIEWPORT, timeout=TIMEOUT_MS)
    context = page.context
    page.goto(f"{app}/money")
    sign_in(page, STRANGER)
    page.get_by_text("is not open to that account").wait_for()
    settled(page)
    assert page.locator(".js-plotly-plot").count() == 0 and page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    shot(page, "6-not-on-the-lists")
    context.close()
