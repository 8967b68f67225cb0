"""Sign-in and roles in AppTest: what a signed-out visitor, an account not on the lists, a viewer, an uploader and an admin
see on each page where an action lives; and a single-user install (no sign-in configured), where everything is allowed.

The end-to-end sign-in with a real OpenID Connect provider is in tests/test_signin_browser.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data import demo
from data.reader import SheetRead
from data.store import Store
from ui import auth

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 60
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-of-more-than-32-bytes!",
    "client_id": "returns-radar",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {"admins": ["ana@shop.example"], "uploaders": ["@warehouse.example"], "viewers": ["@shop.example", "@warehouse.example"]}
ADMIN = {"is_logged_in": True, "email": "Ana@Shop.example", "email_verified": True}
UPLOADER = {"is_logged_in": True, "email": "bo@warehouse.example"}
VIEWER = {"is_logged_in": True, "email": "cy@shop.example", "email_verified": True}

pytestmark = pytest.mark.usefixtures("fresh_app")  # empty caches, an empty store of its own


def page(path: str, user: dict | None, *, sign_in: bool = True) -> AppTest:
    """The app opened on `path` as `user` (None: signed out); `sign_in` False: no [auth] section, a single-user install."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if sign_in:
        at.secrets["auth"] = AUTH
        at.secrets["roles"] = ROLES
    at.user = user if user is not None else {"is_logged_in": False}
    at.run()
    if path != "views/overview.py":
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def text(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning", "title") for e in getattr(at, kind))


@pytest.fixture
def imported(tmp_path) -> None:
    """The store the app opens (see `fresh_app`) with one import in it, so the history offers an undo."""
    with Store(f"sqlite:///{tmp_path / 'returns.db'}") as store:
        store.import_read(SheetRead(demo.generate(weeks=4)), file_name="week.xlsx", data=b"week")


@pytest.mark.parametrize("path", ["views/overview.py", "views/money.py", "views/upload.py"])
def test_a_signed_out_visitor_sees_the_sign_in_and_no_data(path):
    at = page(path, None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Sign in to see this view" in text(at)
    assert not at.metric and not at.dataframe and not at.get("plotly_chart") and not at.file_uploader
    assert not at.sidebar.multiselect and not at.sidebar.selectbox  # no filters: they list SKUs
    assert "Demo data" not in text(at)


@pytest.mark.parametrize(
    ("user", "why"),
    [
        ({"is_logged_in": True, "email": "eve@elsewhere.example"}, "not on the lists"),
        ({"is_logged_in": True, "email": "cy@shop.example", "email_verified": False}, "not verified"),
        ({"is_logged_in": True, "email": "cy@shop.example", "email_verified": "false"}, "not verified"),
        ({"is_logged_in": True, "name": "No Mail"}, "did not tell"),
    ],
)
def test_an_account_not_on_the_lists_is_refused(user, why):
    at = page("views/trends.py", user)
    assert "is not open to that account" in at.warning[0].value and why in at.warning[0].value
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.metric and not at.get("plotly_chart") and not at.sidebar.multiselect


def test_a_viewer_sees_dashboards_but_cannot_import_undo_or_change_settings(imported):
    at = page("views/upload.py", VIEWER)
    assert not at.file_uploader
    assert "needs the **uploader** role" in at.info[0].value and "`cy@shop.example` (viewer)" in at.info[0].value
    assert at.dataframe, "the import history stays visible"
    assert not [b for b in at.button if b.key == "upload_undo"]
    assert "`cy@shop.example` · viewer" in "\n".join(c.value for c in at.sidebar.caption)

    at.switch_page("views/deadlines.py").run()
    days = at.number_input[0]
    assert days.label.startswith("Days before") and days.disabled
    assert "needs the **admin** role" in text(at)

    at.switch_page("views/return_rate.py").run()
    assert not at.file_uploader
    at.switch_page("views/fixes.py").run()
    assert not [t for t in at.text_input if t.key == "fix_note"]
    assert "noting changes needs the **uploader** role" in text(at)

    at.switch_page("views/overview.py").run()
    assert at.metric, "the dashboards are a viewer's"


def test_an_uploader_imports_and_undoes_but_does_not_change_settings(imported):
    at = page("views/upload.py", UPLOADER)
    assert len(at.file_uploader) == 1
    assert at.selectbox(key="upload_tz").disabled
    assert [b for b in at.button if b.key == "upload_undo"]
    at.switch_page("views/deadlines.py").run()
    assert at.number_input[0].disabled
    at.switch_page("views/fixes.py").run()
    assert [t for t in at.text_input if t.key == "fix_note"]


def test_an_admin_changes_the_shop_settings(imported):
    at = page("views/upload.py", ADMIN)
    assert len(at.file_uploader) == 1 and not at.selectbox(key="upload_tz").disabled
    at.selectbox(key="upload_tz").set_value("Asia/Jakarta").run()
    assert Store().time_zone() == "Asia/Jakarta"
    at.switch_page("views/deadlines.py").run()
    assert not at.number_input[0].disabled


def test_without_sign_in_configured_a_single_user_may_do_everything(imported):
    at = page("views/upload.py", None, sign_in=False)
    assert len(at.file_uploader) == 1 and not at.selectbox(key="upload_tz").disabled
    assert [b for b in at.button if b.key == "upload_undo"]
    assert "Single-user install" in "\n".join(c.value for c in at.sidebar.caption)
    at.switch_page("views/deadlines.py").run()
    assert not at.number_input[0].disabled


def test_roles_and_actions():
    access = auth.Access.from_secrets(ROLES)
    assert [access.role_of(u["email"]) for u in (ADMIN, UPLOADER, VIEWER)] == ["admin", "uploader", "viewer"]
    table = pd.DataFrame({role: {a: auth.allows(role, a) for a in auth.ACTIONS} for role in ("viewer", "uploader", "admin")})
    assert table["viewer"].sum() == 2 and table["uploader"].sum() == 7 and table["admin"].all()
    with pytest.raises(ValueError, match="Unknown action"):
        auth.allows("admin", "delete everything")


def test_the_deploy_examples_hold_together():
    """deploy/: the secrets example gives the roles the README promises; every app process listens on 127.0.0.1 only,
    behind the proxy, which passes websockets and keeps a client on one process."""
    secrets = tomllib.loads((ROOT / "deploy" / "secrets.example.toml").read_text(encoding="utf-8"))
    assert secrets["auth"]["redirect_uri"].endswith("/oauth2callback") and secrets["auth"]["server_metadata_url"].startswith("https://")
    access = auth.Access.from_secrets(secrets["roles"])
    assert [
        access.role_of(e)
        for e in (
            "ana@yourshop.example",
            "ops@yourshop.example",
            "pat@warehouse.yourshop.example",
            "lee@yourshop.example",
            "someone@gmail.com",
        )
    ] == ["admin", "uploader", "uploader", "viewer", None]
    processes = [line for line in (ROOT / "deploy" / "Procfile").read_text().splitlines() if line and not line.startswith("#")]
    unit = (ROOT / "deploy" / "returns-radar@.service").read_text()
    assert len(processes) == 2 and all("--server.address 127.0.0.1" in line for line in processes + [unit])
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    ports = {line.split()[1].rstrip(";").split(":")[1] for line in nginx.splitlines() if line.strip().startswith("server 127.0.0.1:")}
    assert ports == {"8501", "8502"} == {line.split("--server.port ")[1].split()[0] for line in processes}
    assert "ip_hash;" in nginx and "proxy_set_header Upgrade $http_upgrade;" in nginx and "ssl_certificate " in nginx
