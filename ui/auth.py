"""Who uses the dashboard and what they may do: optional sign-in (Streamlit's OpenID Connect) and three roles.

Sign-in is on when `.streamlit/secrets.toml` has an `[auth]` section (see the README, "Run it for a team"). Roles
come from e-mail lists in the same file; an entry is an address or `@domain` (everyone at that domain):

    [roles]
    admins = ["ana@shop.example"]          # shop settings and the learned vocabulary, and everything below
    uploaders = ["@warehouse.example"]     # imports, mappings, undo, fix notes, tagging wordings
    viewers = ["@shop.example"]            # dashboards and downloads; left out: anyone the provider signs in

Without `[auth]` this is a single-user install: whoever opens it may do everything. Every page asks `can(action)`
at the one place an action lives; `gate()` (called by app.py before anything is loaded) keeps a signed-out visitor
on the sign-in screen and, once signed in, brings them back to the page and filters of the link they opened.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import streamlit as st

from ui.i18n import _

VIEWER, UPLOADER, ADMIN = "viewer", "uploader", "admin"
RANK = {VIEWER: 0, UPLOADER: 1, ADMIN: 2}

# Every action a page offers, and the least role that may do it.
ACTIONS: dict[str, str] = {
    "view": VIEWER,  # dashboards and the import history
    "download": VIEWER,  # CSV and Excel downloads
    "import": UPLOADER,  # tracking sheets and orders sheets
    "map": UPLOADER,  # correct a column mapping (kept for the next file with the same header)
    "undo": UPLOADER,  # undo an import
    "fix_note": UPLOADER,  # note a change on the Fixes page, delete a note
    "tag_wording": UPLOADER,  # tag a reason wording the rules did not know
    "settings": ADMIN,  # the shop's settings: response clock, time zone, currency
    "vocabulary": ADMIN,  # the learned vocabulary
}
# Phrases and role names shown translated (`_(...)` where they are shown); N_ marks them for the catalogue.
WHAT = {
    "import": "importing files",
    "map": "correcting column mappings",
    "undo": "undoing imports",
    "fix_note": "noting changes",
    "tag_wording": "tagging wordings",
    "settings": "changing the shop's settings",
    "vocabulary": "changing the learned vocabulary",
    "download": "downloads",
    "view": "seeing the dashboards",
}
LIST_OF = {ADMIN: "admins", UPLOADER: "uploaders", VIEWER: "viewers"}

NEXT_COOKIE = "returns_radar_next"  # where a signed-out visitor was going: written by the sign-in screen, read once after


@dataclass(frozen=True)
class Access:
    """The `[roles]` lists, lower-cased. `viewers` None: anyone the provider signs in may view."""

    admins: tuple[str, ...] = ()
    uploaders: tuple[str, ...] = ()
    viewers: tuple[str, ...] | None = None

    @classmethod
    def from_secrets(cls, roles: Mapping[str, Any] | None) -> Access:
        """The lists of a `[roles]` section (a single string counts as a list of one).

        >>> Access.from_secrets({"admins": "Ana@Shop.example", "viewers": ["@shop.example"]})
        Access(admins=('ana@shop.example',), uploaders=(), viewers=('@shop.example',))
        """
        roles = roles or {}

        def entries(key: str) -> tuple[str, ...]:
            value = roles.get(key) or ()
            items: Iterable[Any] = [value] if isinstance(value, str) else value
            return tuple(str(item).strip().lower() for item in items if str(item).strip())

        return cls(entries("admins"), entries("uploaders"), entries("viewers") if "viewers" in roles else None)

    def role_of(self, email: str | None) -> str | None:
        """The role of a signed-in address: the highest list it is on; None when it may not see anything.

        >>> access = Access(admins=("ana@shop.example",), uploaders=("@warehouse.example",), viewers=("@shop.example",))
        >>> [access.role_of(e) for e in ("ANA@shop.example", "bo@warehouse.example", "cy@shop.example", "eve@evil.example", None)]
        ['admin', 'uploader', 'viewer', None, None]
        >>> Access().role_of("anyone@example.org"), Access().role_of("")
        ('viewer', None)
        """
        if not email or "@" not in email:
            return None
        for role, listed in ((ADMIN, self.admins), (UPLOADER, self.uploaders)):
            if matches(email, listed):
                return role
        if self.viewers is None or matches(email, self.viewers):
            return VIEWER
        return None


def matches(email: str, entries: Iterable[str]) -> bool:
    """True when the address is one of the entries, or its domain is an `@domain` entry (exactly: not a subdomain).

    >>> matches("Bo@Shop.example", ["@shop.example"]), matches("bo@evil-shop.example", ["@shop.example"])
    (True, False)
    >>> matches("bo@shop.example.evil.example", ["@shop.example"]), matches("bo@shop.example", ["bo@shop.example"])
    (False, True)
    """
    email = email.strip().lower()
    domain = "@" + email.rsplit("@", 1)[-1]
    return any(entry == email or (entry.startswith("@") and entry == domain) for entry in entries)


def allows(role: str | None, action: str) -> bool:
    """Whether `role` may do `action` (an unknown action is a programming error, never a yes).

    >>> allows("uploader", "undo"), allows("viewer", "import"), allows("admin", "settings"), allows(None, "view")
    (True, False, True, False)
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}; one of {', '.join(ACTIONS)}.")
    return role is not None and RANK[role] >= RANK[ACTIONS[action]]


def safe_target(value: str | None) -> str | None:
    """A path and query on this site to send a signed-in visitor back to; None for anything else (no open redirect).

    >>> safe_target("/trends%3Freason%3DDefective"), safe_target("/money?period=Last+4+weeks")
    ('/trends?reason=Defective', '/money?period=Last+4+weeks')
    >>> [safe_target(v) for v in ("https://evil.example/", "//evil.example", "/\\\\evil.example", "javascript:alert(1)", "", None)]
    [None, None, None, None, None, None]
    """
    if not value:
        return None
    target = unquote(value)
    if not target.startswith("/") or target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# -- what Streamlit knows ---------------------------------------------------------------------------


def _secrets() -> Mapping[str, Any]:
    """The secrets; a secrets file that exists but cannot be read stops the app (never silently without sign-in)."""
    if st.secrets.load_if_toml_exists():
        return st.secrets.to_dict()
    unreadable = [path for path in st.get_option("secrets.files") if os.path.exists(path)]
    if unreadable:
        st.error(
            _(
                "**The secrets file `{path}` cannot be read**, so sign-in cannot be checked and nothing is shown. "
                "Fix its TOML (the server's log says where), then reload this page."
            ).format(path=unreadable[0]),
            icon=":material/lock:",
        )
        st.stop()
    return {}


def enabled() -> bool:
    """True when sign-in is configured (an `[auth]` section in the secrets)."""
    return bool(_secrets().get("auth"))


def providers() -> list[str]:
    """The configured providers' names for `st.login`: `[auth.google]`, `[auth.microsoft]`, … or the one unnamed."""
    auth = _secrets().get("auth") or {}
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return named or ["default"]


def email() -> str | None:
    """The signed-in person's e-mail address, when the provider vouches for it."""
    if not st.user.is_logged_in:
        return None
    address = st.user.get("email")
    if not isinstance(address, str) or _unverified():
        return None
    return address


def _unverified() -> bool:
    """The provider says the address is not verified (some send the claim as text)."""
    return str(st.user.get("email_verified")).lower() == "false"


def role() -> str | None:
    """The current person's role: admin on a single-user install; None when signed out or not on the lists."""
    if not enabled():
        return ADMIN
    return Access.from_secrets(_secrets().get("roles")).role_of(email())


def can(action: str) -> bool:
    """Whether the current person may do `action` (a key of ACTIONS). Every page asks this where its action lives."""
    return allows(role(), action)


def plain(text: str) -> str:
    """Text from a sign-in provider (an address, a name) as a Markdown code span: shown as written, never a link,
    emphasis or directive.

    >>> plain("a_b@shop.example"), plain("x`](javascript:1)")
    ('`a_b@shop.example`', "`x'](javascript:1)`")
    """
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def denied(action: str, *, quiet: bool = False) -> None:
    """Say, where an action would be, why it is not here and whom to ask (`quiet`: a caption, not a box)."""
    needed = ACTIONS[action]
    text = _(
        "You are signed in as {who} ({role}): {what} needs the **{needed}** role. Ask whoever runs this Returns Radar "
        "to add your address to `{list}`."
    ).format(
        who=plain(email() or _("this account")),
        role=_(role() or "no role"),
        what=_(WHAT.get(action, action)),
        needed=_(needed),
        list=LIST_OF[needed],
    )
    if quiet:
        st.caption(f":material/lock: {text}")
    else:
        st.info(text, icon=":material/lock:")


# -- the sign-in screen and the way back ------------------------------------------------------------


def _remember_target() -> None:
    """Keep the address the visitor opened (page and filters) in a short-lived cookie the sign-in round trip keeps."""
    st.html(
        "<script>document.cookie = "
        + json.dumps(NEXT_COOKIE + "=")
        + " + encodeURIComponent(location.pathname + location.search) + '; path=/; max-age=900; samesite=lax';</script>",
        unsafe_allow_javascript=True,
    )


def _go_back(target: str) -> None:
    """Forget the remembered address and open it (the new session reads the same filters from the URL)."""
    st.html(
        "<script>document.cookie = "
        + json.dumps(f"{NEXT_COOKIE}=; path=/; max-age=0")
        + "; location.replace("
        + json.dumps(target).replace("<", "\\u003c")
        + ");</script>",
        unsafe_allow_javascript=True,
    )
    st.caption(_("Opening the view you were sent…"))
    st.markdown("[" + _("Open it") + f"]({target})")  # if the script is blocked


def _sign_in_screen() -> None:
    _remember_target()
    st.title("Returns Radar")
    st.markdown(_("Sign in to see this view. Once signed in you come back to the same page with the same filters."))
    names = providers()
    with st.container(horizontal=True):
        for name in names:
            label = _("Sign in") if name == "default" else _("Sign in with {provider}").format(provider=name.replace("-", " ").title())
            if st.button(label, type="primary", icon=":material/login:", key=f"auth_login_{name}"):
                st.login(name) if name != "default" else st.login()
    st.stop()


def _not_allowed_screen() -> None:
    st.title("Returns Radar")
    who = plain(str(st.user.get("email") or st.user.get("name") or _("this account")))
    if st.user.get("email") and _unverified():
        why = _("your sign-in provider has not verified its e-mail address")
    elif not st.user.get("email"):
        why = _("your sign-in provider did not tell Returns Radar its e-mail address")
    else:
        why = _("it is not on the lists of people allowed to see it")
    st.warning(
        _(
            "You are signed in as {who}, but this Returns Radar is not open to that account: {why}. "
            "Ask whoever runs it to add your address to `viewers`, or sign in with another account."
        ).format(who=who, why=why),
        icon=":material/lock:",
    )
    if st.button(_("Sign out"), icon=":material/logout:", key="auth_logout_denied"):
        st.logout()
    st.stop()


def gate() -> None:
    """Stop the page unless the current person may see the dashboards: the sign-in screen for a signed-out visitor,
    a plain refusal for an account not on the lists; right after signing in, go back to the view the link named."""
    if not enabled():
        return
    if not st.user.is_logged_in:
        _sign_in_screen()
    if role() is None:
        _not_allowed_screen()
    if NEXT_COOKIE not in st.context.cookies:
        return
    target = safe_target(st.context.cookies.get(NEXT_COOKIE))
    if target is None or target == "/":  # no address on this site, or the front page where sign-in lands anyway
        _forget_target()
        return
    _go_back(target)
    st.stop()


def _forget_target() -> None:
    st.html("<script>document.cookie = " + json.dumps(f"{NEXT_COOKIE}=; path=/; max-age=0") + ";</script>", unsafe_allow_javascript=True)


def signed_in() -> bool:
    """True when the navigation and data may be shown: no sign-in configured, or a signed-in person with a role."""
    return not enabled() or (st.user.is_logged_in and role() is not None)


def sidebar() -> None:
    """Who is using the dashboard, with their role and a sign-out; or that this is a single-user install."""
    if not enabled():
        st.caption(
            ":material/person: "
            + _(
                "Single-user install: there is no sign-in, so whoever opens this dashboard may import, "
                "undo and change the shop's settings. To share it with a team, set up sign-in "
                '(README, "Run it for a team").'
            )
        )
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f":material/person: {plain(email() or '')} · {_(role() or 'no role')}", width="stretch")
        if st.button(_("Sign out"), icon=":material/logout:", type="tertiary", key="auth_logout"):
            st.logout()
