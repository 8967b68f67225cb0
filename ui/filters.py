"""The shared filter widgets <-> FilterSpec. The only module that knows the widget keys.

Each widget's key is its query-parameter name, so the address bar is always a link to the same view; values equal to
the defaults stay out of the URL. Widgets that show no translated label are bound to the URL by Streamlit; the others
(period, request type, reason, status, language) are kept in it here, as canonical English values (`UNBOUND`).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.filters import (
    DEFAULT_PERIOD,
    DIMENSIONS,
    LANGUAGE,
    LANGUAGES,
    NOTICE,
    PAIRS,
    PERIODS,
    QUERY_KEYS,
    Choice,
    FilterSpec,
    LinkRead,
    language_choice,
    link_query,
    nearest,
    read_link,
    toggle,
)
from data.errors import StoreError
from data.schema import REASONS, REQUEST_TYPES, STATUSES
from ui import auth, format, i18n, rows, state
from ui.i18n import N_, _, label

PERIOD, REQUEST_TYPE, REASON, SKU, STATUS, HANDLED_BY, CHANNEL, START, END = QUERY_KEYS  # widget keys = query-parameter names
MIN_SOLD = 30  # the Return rate page's default minimum of units sold to rank a SKU

# The pages' own choices kept in the URL: widget key (= parameter name) -> the page (url path) that draws it.
# Each page binds its widget with `bind="query-params"` under that key; this module reads and repairs links.
SEARCH = "q"  # the Cases page's search box
CHOICE_PAGES = {
    "trends_split": "trends",
    "causes_pair": "causes",
    "money_by": "money",
    "money_proof_by": "money",
    "deadlines_on_time_by": "deadlines",
    "rate_sku": "return_rate",
    "rate_min_sold": "return_rate",
    SEARCH: "cases",
}
# What the Money page's two breakdown charts and the Deadlines page's on-time chart are drawn by, one at a time (each
# chart costs the browser about 0.1 s to draw again on every filter change); the first is the default.
MONEY_BY: tuple[str, ...] = ("reason", "request_type", "sku")
PROOF_BY: tuple[str, ...] = ("request_type", "reason")
ON_TIME_BY: tuple[str, ...] = ("handled_by", "week")  # the Deadlines page's share answered in time, the same way
# Choices every page keeps in the URL (drawn in the sidebar, so on every page).
EVERY_PAGE: tuple[str, ...] = (LANGUAGE,)
# Widgets that show translated labels of canonical values. Streamlit writes a bound widget's shown label into the URL,
# so these are not bound: this module seeds them from the address on a session's first run (`follow_link`) and writes
# their canonical values back after the sidebar is drawn (`keep_in_address`).
UNBOUND: tuple[str, ...] = (PERIOD, REQUEST_TYPE, REASON, STATUS, LANGUAGE)
_NOTICE = "_link_notice"
_SEEDED = "_link_seeded"
_REMEMBERED = "_remembered_language"  # (person, code) read from the store once per session


def choices(skus: list[str]) -> tuple[Choice, ...]:
    """The page choices a link may carry, with the values each accepts."""
    return (
        toggle("trends_split", N_("Trends split")),
        Choice("causes_pair", N_("Look at"), tuple(PAIRS), next(iter(PAIRS))),
        Choice("money_by", N_("Refund value by"), MONEY_BY, MONEY_BY[0]),
        Choice("money_proof_by", N_("Share with proof by"), PROOF_BY, PROOF_BY[0]),
        Choice("deadlines_on_time_by", N_("On time by"), ON_TIME_BY, ON_TIME_BY[0]),
        Choice("rate_sku", N_("Return rate SKU"), tuple(skus), ""),
        Choice("rate_min_sold", N_("minimum units sold"), None, str(MIN_SOLD)),
        Choice(SEARCH, N_("search"), None, "", text=True),
        language_choice(),
    )


def _skus(cases: pd.DataFrame) -> list[str]:
    return _held(cases, "sku")


def _held(cases: pd.DataFrame, column: str) -> list[str]:
    """The values `column` holds, sorted; computed once per loaded frame (the frames are cached per data version and
    never changed), since a million-row column costs about 0.1 s to scan on every rerun."""
    owner, values = _held_once(id(cases), len(cases), column, _Frame(cases))
    if owner() is not cases:  # another frame at a freed one's address: never trust its values
        _held_once.clear()
        owner, values = _held_once(id(cases), len(cases), column, _Frame(cases))
    return list(values)


class _Frame:
    """A frame handed to a cache without being hashed: the key is the frame's identity and length."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame


@st.cache_resource(max_entries=16, show_spinner=False, hash_funcs={_Frame: lambda _: 0})
def _held_once(frame_id: int, rows: int, column: str, cases: _Frame) -> tuple[weakref.ref, tuple[str, ...]]:
    frame = cases.frame
    return weakref.ref(frame), tuple(sorted(frame[column].dropna().astype(str).unique())) if column in frame else ()


def _vocabulary(cases: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter dimension may take: the fixed vocabularies, and what the data holds for the others."""
    return {
        REQUEST_TYPE: list(REQUEST_TYPES),
        REASON: list(REASONS),
        STATUS: list(STATUSES),
        **{name: _held(cases, name) for name in (SKU, HANDLED_BY, CHANNEL)},
    }


def _typed(key: str, read: LinkRead) -> Any:
    """The widget value of `key` that the repaired link asks for."""
    if key == PERIOD:
        return read.spec.period
    if key in DIMENSIONS:
        return list(getattr(read.spec, key))
    if key in (START, END):
        return widget_values(read.spec)[key]
    value = read.choices.get(key)
    if key == "trends_split":
        return value == "true"
    if key == SEARCH:
        return value or ""
    if key == "rate_min_sold":
        return int(value) if value else MIN_SOLD
    if key == LANGUAGE:
        return value or remembered()
    return value


def language() -> str:
    """The language this run shows, read before anything is drawn: the picker's value, else the address's `lang`
    (matched ignoring case), else the one remembered in the store (`remembered`), else English."""
    chosen = st.session_state.get(LANGUAGE)
    if chosen in LANGUAGES:
        return chosen
    return nearest(str(st.query_params.get(LANGUAGE) or "").strip(), LANGUAGES) or remembered()


def _person() -> str | None:
    """Whose language is remembered: the signed-in person's (by e-mail) when sign-in is configured, else the install's."""
    return auth.email() if auth.enabled() else None


def remembered() -> str:
    """The language last picked, kept in the store's settings: the signed-in person's own, else the install's; English
    when none was picked (or the store cannot say). Read once per session and person."""
    person = _person()
    known = st.session_state.get(_REMEMBERED)
    if known is not None and known[0] == person:
        return known[1]
    try:
        code = state.store().language(person)
    except StoreError:
        code = None
    chosen = code if code in LANGUAGES else LANGUAGES[0]
    st.session_state[_REMEMBERED] = (person, chosen)
    return chosen


def language_picker() -> None:
    """The language picker (call inside `st.sidebar`), bound to the URL's `lang` like the filters."""
    st.session_state.setdefault(LANGUAGE, LANGUAGES[0])
    st.selectbox(_("Language"), LANGUAGES, key=LANGUAGE, format_func=i18n.LANGUAGES.__getitem__, on_change=_picked)


def _picked() -> None:
    """Callback of the language picker: remember the choice (for the signed-in person, else the install) and relabel."""
    code, person = st.session_state.get(LANGUAGE) or LANGUAGES[0], _person()
    if not auth.enabled() or person is not None:  # signed out, or no vouched address: nobody to remember it for
        try:
            state.store().save_language(code, person)
            st.session_state[_REMEMBERED] = (person, code)
        except StoreError:
            pass  # the pick still holds for this session and its link
    _relabel()


def _relabel() -> None:
    """Set the labelled filters again, so the browser shows their picks under the new language's labels (it keeps a
    widget's shown labels otherwise)."""
    for key in (PERIOD, REQUEST_TYPE, REASON, STATUS):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def follow_link(cases: pd.DataFrame) -> None:
    """Read the address as a view, at the top of every run before any widget is drawn.

    A value typed in another case (`?reason=defective`) is read as meant; a value or parameter that names nothing is
    left out and named in a notice (`notice()`). On a first visit the address itself is rewritten to the repaired view
    before the widgets read it; later in a session (widgets already bound) the widgets are set instead.
    """
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    first = _SEEDED not in st.session_state
    st.session_state[_SEEDED] = True
    if not params:
        if first:
            st.session_state.update({key: _typed(key, read_link({}, {})) for key in UNBOUND})
        return
    skus = _skus(cases)
    read = read_link(params, _vocabulary(cases), choices(skus))
    if first:  # the address is the only source of the unbound widgets' values on a first visit
        st.session_state.update({key: _typed(key, read) for key in UNBOUND})
    if not read.ignored and read.query == params:
        return  # read as written
    st.session_state[_NOTICE] = read
    if _rewrite_address(read.query):
        return
    for key in params:
        if key in QUERY_KEYS or key in CHOICE_PAGES or key in EVERY_PAGE:
            st.session_state[key] = _typed(key, read)
        else:
            try:
                del st.query_params[key]
            except (KeyError, StreamlitAPIException):
                pass


def labelled_choice(key: str, options: Sequence[str], default: str) -> None:
    """Seed a page choice drawn under translated labels (unbound, for the reason given at `UNBOUND`) from the address the
    first time the page draws it in a session; `keep_choice` writes it back."""
    if key not in st.session_state:
        st.session_state[key] = nearest(str(st.query_params.get(key) or "").strip(), options) or default


def segmented(key: str, title: str, labels: Mapping[str, str], start: str | None = None) -> str:
    """A page choice kept in the address, drawn as a segmented control under `title`: the values of `labels` (each
    shown under its translated label; the first the default, left out of the address). A session that has not chosen
    yet starts on `start` when given (a view with something to show), else the default. Returns the value chosen."""
    options = list(labels)
    labelled_choice(key, options, start or options[0])
    choice = st.segmented_control(title, options, key=key, required=True, format_func=labels.__getitem__)
    keep_choice(key, choice, options[0])
    return choice or options[0]


def keep_choice(key: str, value: str | None, default: str) -> None:
    """Write a `labelled_choice` into the address (its canonical value; the default left out)."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def keep_in_address() -> None:
    """Write the unbound widgets' canonical values into the address (defaults left out), after the sidebar is drawn, so
    the address bar stays a link to the view whatever the language."""
    spec, language_now = current(), st.session_state.get(LANGUAGE) or LANGUAGES[0]
    wanted = {key: value for key, value in spec.to_query().items() if key in UNBOUND}
    if language_now != LANGUAGES[0]:
        wanted[LANGUAGE] = [language_now]
    for key in UNBOUND:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def open_query(query: Mapping[str, list[str]], cases: pd.DataFrame) -> dict[str, list[str]]:
    """Set the filters and page choices to `query` (in a widget callback, before the widgets are drawn), read like any
    link; returns the repaired query for the address, and leaves a notice if part of it names nothing any more."""
    skus = _skus(cases)
    read = read_link(query, _vocabulary(cases), choices(skus))
    for key in (*QUERY_KEYS, *read.choices):
        st.session_state[key] = _typed(key, read)
    st.session_state[_NOTICE] = read
    return read.query


def _rewrite_address(query: Mapping[str, list[str]]) -> bool:
    """Replace the address's query (the browser's too) and the values widgets are first drawn with; False once any
    parameter is bound to a drawn widget (Streamlit then lets only the widgets change it)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    try:
        with ctx.session_state.query_params() as params:
            params.from_dict(query)
            params.set_initial_query_params(urlencode(query, doseq=True))
    except StreamlitAPIException:
        return False
    return True


def notice() -> None:
    """Say what a link asked for that does not exist (see `follow_link`), once."""
    read = st.session_state.pop(_NOTICE, None)
    text = read.notice(_(NOTICE)) if read is not None else None
    if text:
        st.warning(format.md(text), icon=":material/link_off:")  # the values come from whoever wrote the link


def current_link(page_path: str) -> dict[str, list[str]]:
    """The query string of the view on screen: the filters and the choices of page `page_path`, defaults left out."""
    # A page's widget is drawn after the sidebar: on the page's first run its value is still only in the address.
    on_page = {
        key: st.session_state[key] if key in st.session_state else st.query_params.get(key)
        for key, page in CHOICE_PAGES.items()
        if page == page_path
    }
    on_page |= {key: st.session_state.get(key) for key in EVERY_PAGE}
    defaults = {c.key: c.default for c in choices([])}
    return link_query(current(), on_page, defaults)


def address(page_path: str, query: Mapping[str, list[str]]) -> str:
    """The full address of a view: the browser's address of the app (or a path from the site root when the browser did
    not say) with the page and the query."""
    base = st.context.url or "/"
    root = base.rstrip("/")
    if root.endswith("/" + page_path) and page_path:
        root = root[: -len(page_path) - 1]
    path = f"{root}/{page_path}" if page_path else (root or "") + "/"
    return path + (f"?{urlencode(query, doseq=True)}" if query else "")


def copy_link(page_path: str) -> None:
    """A "Copy link" popover with the address of the view on screen (the code block has a copy button)."""
    with st.popover(_("Copy link"), icon=":material/link:", width="stretch"):
        st.caption(_("Anyone on the team who opens this address sees this page with these filters and choices."))
        st.code(address(page_path, current_link(page_path)), language=None, wrap_lines=True)


def spec_from(state: Mapping[str, Any]) -> FilterSpec:
    """The FilterSpec the widget values in `state` (normally `st.session_state`) describe.

    >>> spec_from({"period": "Last 4 weeks", "reason": ["Defective"]}).to_query()
    {'period': ['Last 4 weeks'], 'reason': ['Defective']}
    """
    return FilterSpec(
        period=state.get(PERIOD) or DEFAULT_PERIOD,
        **{name: tuple(state.get(name) or ()) for name in DIMENSIONS},
        start=state.get(START) or "",
        end=state.get(END) or "",
    )


def widget_values(spec: FilterSpec) -> dict[str, Any]:
    """The value of each filter widget that shows `spec` (the inverse of `spec_from`), for a drill-down to set.

    >>> widget_values(FilterSpec(reason=("Defective",), start="2026-11-02"))[START]
    datetime.date(2026, 11, 2)
    """
    values: dict[str, Any] = {PERIOD: spec.period, **{name: list(getattr(spec, name)) for name in DIMENSIONS}}
    for name in (START, END):
        values[name] = pd.Timestamp(getattr(spec, name)).date() if getattr(spec, name) else None
    return values


def current() -> FilterSpec:
    """The view the sidebar filters describe right now."""
    return spec_from(st.session_state)


def heading(spec: FilterSpec, cases: pd.DataFrame | None = None) -> str:
    """The view in words, with the period's dates, for the caption under a page title: of the loaded cases (read from
    their row index, no dates scanned), or of `cases`.

    >>> cases = pd.DataFrame({"request_date": pd.to_datetime(["2026-11-22"])})
    >>> heading(FilterSpec(period="Last 4 weeks", reason=("Defective",)), cases)
    'Last 4 weeks · Defective · 26 Oct – 22 Nov 2026'
    """
    window = rows.window(spec) if cases is None else spec.window(cases)
    return describe(spec) if window is None else f"{describe(spec)} · {format.days(*window)}"


def describe(spec: FilterSpec) -> str:
    """`FilterSpec.describe` in the run's language: the period or dates, then the picked values.

    >>> describe(FilterSpec(start="2026-11-02", reason=("Defective", "Other")))
    '2 Nov 2026 – latest request · Defective, Other'
    """
    if spec.dated:
        first = format.day(pd.Timestamp(spec.start)) if spec.start else _("first request")
        last = format.day(pd.Timestamp(spec.end)) if spec.end else _("latest request")
        parts = [f"{first} – {last}"]
    else:
        parts = [_(spec.period)]
    for name in DIMENSIONS:
        chosen = getattr(spec, name)
        if chosen:
            parts.append(", ".join(label(v) if name in VOCABULARY else v for v in chosen))
    return " · ".join(parts)


# The dimensions whose values have a translated label (the others are the shop's own words: SKUs, names, channels).
VOCABULARY: tuple[str, ...] = (REQUEST_TYPE, REASON, STATUS)


def _reset() -> None:
    st.session_state.update(widget_values(FilterSpec()))


def _choices(cases: pd.DataFrame, column: str, chosen: Any) -> list[str]:
    """The values a column holds, plus any chosen one the data lacks (so a link's choice is never dropped silently)."""
    held = _held(cases, column)
    return held + [v for v in (chosen or ()) if v not in held]


def sidebar(cases: pd.DataFrame) -> FilterSpec:
    """Draw the shared filters (call inside `st.sidebar`) and return the spec they describe."""
    shown_as = i18n.labeller()
    st.session_state.setdefault(PERIOD, DEFAULT_PERIOD)
    st.selectbox(
        _("Period"),
        list(PERIODS),
        key=PERIOD,
        format_func=shown_as,
        help=_("A period ends on the latest request in the data, so an older sheet opens on its own latest weeks."),
    )
    spec = current()
    window = rows.window(spec) if cases is state.cases().frame else spec.window(cases)  # the loaded cases: from their index
    if window is not None:
        st.caption(f"{format.day(window[0])} – {format.day(window[1])}")
    st.multiselect(_("Request type"), REQUEST_TYPES, key=REQUEST_TYPE, format_func=shown_as, placeholder=_("All request types"))
    st.multiselect(_("Reason"), REASONS, key=REASON, format_func=shown_as, placeholder=_("All reasons"))
    skus = _skus(cases)
    st.multiselect("SKU", skus, key=SKU, bind="query-params", placeholder=_("All SKUs"))
    _more(cases)
    spec = current()
    if spec != FilterSpec():
        st.button(_("Clear filters"), on_click=_reset, icon=":material/filter_alt_off:", type="tertiary", key="filters_clear")
    return spec


def _more(cases: pd.DataFrame) -> None:
    """Status, person, channel and explicit dates: the filters a drill-down sets, folded away until one is used."""
    used = any(st.session_state.get(k) for k in (STATUS, HANDLED_BY, CHANNEL, START, END))
    shown_as = i18n.labeller()
    with st.expander(_("More filters"), expanded=used, icon=":material/tune:"):
        c1, c2 = st.columns(2)
        c1.date_input(
            _("From"),
            value=None,
            key=START,
            bind="query-params",
            format="YYYY-MM-DD",
            help=_("Explicit dates replace the period (a click on a week of a chart sets them)."),
        )
        c2.date_input(_("To"), value=None, key=END, bind="query-params", format="YYYY-MM-DD")
        st.multiselect(_("Status"), STATUSES, key=STATUS, format_func=shown_as, placeholder=_("All statuses"))
        st.multiselect(
            _("Person in charge"),
            _choices(cases, "handled_by", st.session_state.get(HANDLED_BY)),
            key=HANDLED_BY,
            bind="query-params",
            placeholder=_("Everyone"),
        )
        st.multiselect(
            _("Channel"),
            _choices(cases, "channel", st.session_state.get(CHANNEL)),
            key=CHANNEL,
            bind="query-params",
            placeholder=_("All channels"),
        )


def stop_if_empty(count: int | None) -> None:
    """The shared empty state: when the view holds no cases (`count` 0 or None), say how to widen it and stop the page."""
    if not count:
        st.info(
            _("No cases match these filters in this period. Widen the period or clear a filter in the sidebar."),
            icon=":material/filter_alt_off:",
        )
        st.stop()
