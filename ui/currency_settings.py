"""The "Currencies" form beside the Money title: the shop's main currency and what amounts with no currency are,
saved in the store for the whole team (like the response clock on Deadlines)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.money import CurrencyRule, most_common_currency
from data.errors import StoreError
from ui import auth, state
from ui.i18n import _

KEY = "money_currency"
_SAVED = f"{KEY}_saved"  # the confirmation, shown once on the run after a save
MOST_COMMON = "most common"


def choices(all_cases: pd.DataFrame) -> list[str]:
    """The currencies the main one can be: those in the cases, most used first.

    >>> choices(pd.DataFrame({"currency": ["USD", "IDR", "IDR", None]}))
    ['IDR', 'USD']
    """
    counts = all_cases["currency"].dropna().astype(str).str.upper().value_counts()
    return sorted(counts.index, key=lambda code: (-counts[code], code))


def _held(all_cases: pd.DataFrame) -> tuple[str | None, list[str]]:
    """The most common currency and `choices`: once per data version for the loaded cases (a million-row scan each)."""
    loaded = state.cases()
    if all_cases is loaded.frame:
        return _held_once(state.store_url(), loaded.version, loaded.is_demo)
    return most_common_currency(all_cases), choices(all_cases)


@state.per_version
@st.cache_data(max_entries=4, show_spinner=False)
def _held_once(url: str, version: int, is_demo: bool) -> tuple[str | None, list[str]]:
    all_cases = state.cases().frame
    return most_common_currency(all_cases), choices(all_cases)


def editor(all_cases: pd.DataFrame, *, is_demo: bool) -> CurrencyRule:
    """A "Currencies" popover holding the form; Save stores the rule, reruns the page and confirms. Returns the rule in force."""
    saved_main, no_currency_as_main = state.currency_settings()
    rule = state.currency(all_cases)
    common, held = _held(all_cases)
    options = [MOST_COMMON] + [code for code in held if code != saved_main] + ([saved_main] if saved_main else [])
    labels = {
        MOST_COMMON: _("The most common one ({code})").format(code=common)
        if common
        else _("The most common one (no case names a currency)")
    }
    digest = f"{saved_main}_{rule.no_currency_as_main}"
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
                    'Off: they are shown apart as "no currency". Turn on when every file without a currency '
                    "column is in the shop's own currency."
                ),
            )
            if is_demo:
                st.caption(_("Nothing imported yet: the rule is saved in the store and used for your sheets once imported."))
            saved = st.form_submit_button(_("Save"), type="primary", icon=":material/save:", disabled=locked)
    if saved and not locked:
        try:
            state.store().save_currency_settings(None if main == MOST_COMMON else main, blank)
        except StoreError as err:
            state.unreachable(err)
        st.session_state[_SAVED] = _("Currencies saved.")
        st.rerun()
    if message := st.session_state.pop(_SAVED, None):
        st.toast(message, icon=":material/check_circle:")
    return rule
