"""Saved views in the sidebar: save the page on screen with its filters and choices under a name, open or delete one.

Opening a view is following its link: the filters and the page's choices are set from its query (read like any link,
so a view whose SKU is gone opens the nearest view with a notice), then its page opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from data.errors import StoreError
from data.views_store import NotYours, SavedView
from ui import auth, filters, format, state
from ui.i18n import _

_OPEN = "_saved_view_open"  # the page path and query of the view to open on this run


def person() -> str | None:
    """Who is saving or deleting: the signed-in e-mail, or None without sign-in (then everyone is the same person)."""
    return auth.email() if auth.enabled() else None


def _open(view: SavedView) -> None:
    st.session_state[_OPEN] = (view.page, filters.open_query(view.query, state.cases().frame))


def _delete(view: SavedView) -> None:
    try:
        state.store().delete_view(view.view_id, person())
        st.toast(_("Deleted the view “{name}”.").format(name=format.md(view.name)), icon=":material/delete:")
    except (NotYours, StoreError) as err:
        st.toast(format.md(err), icon=":material/block:")


def menu(page_path: str, pages: Mapping[str, Any]) -> None:
    """The "Saved views" popover (call inside `st.sidebar`); `pages` maps each page's address path to its `st.Page`."""
    wanted = st.session_state.pop(_OPEN, None)
    if wanted is not None:
        path, query = wanted
        # The filters' widgets, bound to the address, were set by `_open` and write themselves to it; the page's
        # choices, not drawn yet, go with the switch.
        st.switch_page(
            pages.get(path, pages[""]),
            query_params={k: v for k, v in query.items() if k not in filters.QUERY_KEYS and k not in filters.EVERY_PAGE},
        )
    try:
        views = state.store().saved_views()
    except StoreError as err:
        state.unreachable(err)
    title = _("Saved views ({count})").format(count=len(views)) if views else _("Saved views")
    with st.popover(title, icon=":material/bookmarks:", width="stretch"):
        with st.form("view_save", border=False, clear_on_submit=True):
            name = st.text_input(_("Name this view"), placeholder=_("Defective, last 4 weeks"), max_chars=80, key="view_name")
            if st.form_submit_button(_("Save view"), icon=":material/bookmark_add:"):
                try:
                    saved = state.store().save_view(name, page_path, filters.current_link(page_path), person())
                    st.toast(
                        _("Saved “{name}” for everyone on the team.").format(name=format.md(saved.name)), icon=":material/bookmark_added:"
                    )
                    views = state.store().saved_views()
                except (ValueError, StoreError) as err:
                    st.error(format.md(err), icon=":material/error:")
        if not views:
            st.caption(
                _(
                    "No saved views yet. A saved view is the page on screen with its filters and choices, "
                    "listed here for everyone on the team."
                )
            )
        me = person()
        for view in views:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.button(
                    format.md(view.name),
                    key=f"view_open_{view.view_id}",
                    on_click=_open,
                    args=(view,),
                    type="tertiary",
                    icon=":material/open_in_new:",
                    width="stretch",
                    help=_("{page} · saved by {who} on {day}").format(
                        page=pages[view.page].title if view.page in pages else view.page,
                        who=format.md(view.saved_by) or _("this team"),
                        day=format.day(view.saved_at),
                    ),
                )
                if view.may_delete(me):
                    st.button(
                        "",
                        key=f"view_delete_{view.view_id}",
                        on_click=_delete,
                        args=(view,),
                        type="tertiary",
                        icon=":material/delete:",
                        help=_("Delete “{name}”").format(name=format.md(view.name)),
                    )
