"""The "Currencies" form beside the Money title: the shop's main currency and what amounts with no currency are,
saved in the store for the whole team (like the response clock on Deadlines)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from babel.numbers import get_currency_name, list_currencies

from analysis.money import CurrencyRule, most_common_currency, unnamed_sources
from data.errors import StoreError
from ui import auth, format, state
from ui.i18n import _, current

KEY = "money_currency"
_SAVED = f"{KEY}_saved"  # the confirmation, shown once on the run after a save
MOST_COMMON = "most common"
NOT_SAID = ""  # a source whose currency the shop has not named


def choices(all_cases: pd.DataFrame) -> list[str]:
    """The currencies the main one can be: those in the cases, most used first.

    >>> choices(pd.DataFrame({"currency": ["USD", "IDR", "IDR", None]}))
    ['IDR', 'USD']
    """
    counts = all_cases["currency"].dropna().astype(str).str.upper().value_counts()
    return sorted(counts.index, key=lambda code: (-counts[code], code))


def _held(all_cases: pd.DataFrame, named: tuple[tuple[str, str], ...]) -> tuple[str | None, list[str], list[str]]:
    """The most common currency (counting the currencies the shop `named` for files that name none), `choices` and
    the sources whose files name no currency: once per data version for the loaded cases (a million-row scan each)."""
    loaded = state.cases()
    if all_cases is loaded.frame:
        return _held_once(state.store_url(), loaded.version, loaded.is_demo, named)
    return most_common_currency(all_cases, named), choices(all_cases), unnamed_sources(all_cases)


@state.per_version
@st.cache_data(max_entries=4, show_spinner=False)
def _held_once(url: str, version: int, is_demo: bool, named: tuple[tuple[str, str], ...]) -> tuple[str | None, list[str], list[str]]:
    all_cases = state.cases().frame
    return most_common_currency(all_cases, named), choices(all_cases), unnamed_sources(all_cases)


def _codes() -> list[str]:
    """Every currency code a source can be named in: those of today's world, alphabetical."""
    return sorted(code for code in list_currencies() if _name(code) != code)


def _name(code: str) -> str:
    """`INR · Indian Rupee` in the interface language."""
    try:
        return f"{code} · {get_currency_name(code, locale=current())}"
    except (ValueError, LookupError):
        return code


def editor(all_cases: pd.DataFrame, *, is_demo: bool) -> CurrencyRule:
    """A "Currencies" popover holding the form; Save stores the rule, reruns the page and confirms. Returns the rule in force."""
    saved_main, no_currency_as_main, saved_sources = state.currency_settings()
    rule = state.currency(all_cases)
    common, held, unnamed = _held(all_cases, saved_sources)
    named = dict(saved_sources)
    held = held + sorted({code for code in named.values() if code not in held})
    options = [MOST_COMMON] + [code for code in held if code != saved_main] + ([saved_main] if saved_main else [])
    labels = {
        MOST_COMMON: _("The most common one ({code})").format(code=common)
        if common
        else _("The most common one (no case names a currency)")
    }
    digest = f"{saved_main}_{rule.no_currency_as_main}_{hash(saved_sources)}"
    locked = not auth.can("settings")
    with st.popover(
        _("Currencies"),
        icon=":material/currency_exchange:",
        help=_("Main currency now: {code}. Amounts in different currencies are never added.").format(code=rule.main or _("none")),
    ):
        if locked:
            auth.denied("settings", quiet=True)
        with st.form(KEY, border=False):
            main = st.selectbox(
                _("Main currency"),
                options,
                index=options.index(saved_main) if saved_main else 0,
                format_func=lambda code: labels.get(code, code),
                key=f"{KEY}_main_{digest}",
                disabled=locked,
                help=_("Cards and charts show this currency; other currencies are listed beside, never added in."),
            )
            blank = st.toggle(
                _("Amounts with no currency are in the main currency"),
                value=rule.no_currency_as_main,
                key=f"{KEY}_blank_{digest}",
                disabled=locked,
                help=_(
                    'Off: they are shown apart as "no currency", per file. Turn on when every file without a currency '
                    "column is in the shop's own currency."
                ),
            )
            picked = _source_pickers(unnamed, named, digest, locked)
            if is_demo:
                st.caption(_("Nothing imported yet: the rule is saved in the store and used for your sheets once imported."))
            saved = st.form_submit_button(_("Save"), type="primary", icon=":material/save:", disabled=locked)
    if saved and not locked:
        try:
            state.store().save_currency_settings(None if main == MOST_COMMON else main, blank, picked)
        except StoreError as err:
            state.unreachable(err)
        st.session_state[_SAVED] = _("Currencies saved.")
        st.rerun()
    if message := st.session_state.pop(_SAVED, None):
        st.toast(message, icon=":material/check_circle:")
    return rule


def _source_pickers(unnamed: list[str], named: dict[str, str], digest: str, locked: bool) -> dict[str, str]:
    """A currency picker per source whose files name none (their amounts are never added to another source's until
    the shop names their currency); returns the currencies picked, by source."""
    if not unnamed:
        return {}
    st.markdown("**" + _("Files that name no currency") + "**")
    st.caption(_("Name each file's currency: until then its amounts are shown apart, never added to another file's."))
    codes = _codes()
    picked: dict[str, str] = {}
    for number, source in enumerate(unnamed):
        saved = named.get(source, NOT_SAID)
        options = [NOT_SAID, *codes] if saved in codes or saved == NOT_SAID else [NOT_SAID, saved, *codes]
        code = st.selectbox(
            format.md(source),
            options,
            index=options.index(saved),
            format_func=lambda code: _("Not named") if code == NOT_SAID else _name(code),
            key=f"{KEY}_source_{number}_{digest}",
            disabled=locked,
        )
        if code != NOT_SAID:
            picked[source] = code
    return picked
