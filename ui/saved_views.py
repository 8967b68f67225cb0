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

_OPEN = "_saved_view_open"  # the page path and query of the view to open on this run


def person() -> str | None:
    """Who is saving or deleting: the signed-in e-mail, or None without sign-in (then everyone is the same person)."""
    return auth.email() if auth.enabled() else None


def _open(view: SavedView) -> None:
    st.session_state[_OPEN] = (view.page, filters.open_query(view.query, state.cases().frame))


def _delete(view: SavedView) -> None:
    try:
        state.store().delete_view(view.view_id, person())
        st.toast(f"Deleted the view “{format.md(view.name)}”.", icon=":material/delete:")
    except (NotYours, StoreError) as err:
        st.toast(format.md(err), icon=":material/block:")


def menu(page_path: str, pages: Mapping[str, Any]) -> None:
    """The "Saved views" popover (call inside `st.sidebar`); `pages` maps each page's address path to its `st.Page`."""
    wanted = st.session_state.pop(_OPEN, None)
    if wanted is not None:
        path, query = wanted
        # The filters' widgets, bound to the address, were set by `_open` and write themselves to it; the page's
        # choices, not drawn yet, go with the switch.
        st.switch_page(pages.get(path, pages[""]), query_params={k: v for k, v in query.items() if k not in filters.QUERY_KEYS})
    try:
        views = state.store().saved_views()
    except StoreError as err:
        state.unreachable(err)
    with st.popover(f"Saved views ({len(views)})" if views else "Saved views", icon=":material/bookmarks:", width="stretch"):
        with st.form("view_save", border=False, clear_on_submit=True):
            name = st.text_input("Name this view", placeholder="Defective, last 4 weeks", max_chars=80, key="view_name")
            if st.form_submit_button("Save view", icon=":material/bookmark_add:"):
                try:
                    saved = state.store().save_view(name, page_path, filters.current_link(page_path), person())
                    st.toast(f"Saved “{format.md(saved.name)}” for everyone on the team.", icon=":material/bookmark_added:")
                    views = state.store().saved_views()
                except (ValueError, StoreError) as err:
                    st.error(format.md(err), icon=":material/error:")
        if not views:
            st.caption("No saved views yet. A saved view is the page on screen with its filters and choices, "
                       "listed here for everyone on the team.")
        me = person()
        for view in views:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.button(format.md(view.name), key=f"view_open_{view.view_id}", on_click=_open, args=(view,), type="tertiary",
                          icon=":material/open_in_new:", width="stretch",
                          help=f"{pages[view.page].title if view.page in pages else view.page} · saved by "
                               f"{format.md(view.saved_by) or 'this team'} on {view.saved_at:%-d %b %Y}")
                if view.may_delete(me):
                    st.button("", key=f"view_delete_{view.view_id}", on_click=_delete, args=(view,), type="tertiary",
                              icon=":material/delete:", help=f"Delete “{format.md(view.name)}”")
