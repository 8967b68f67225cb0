"""The "Response clock" form on the Deadlines page: the marketplace's rule, saved in the store for the whole team.

The widgets' keys carry a digest of the saved clock: when it changes (saved here or by a teammate), the form
starts again from the new clock instead of keeping stale inputs, and the holiday editor drops its old edits.
"""

from __future__ import annotations

import zlib
from datetime import date

import pandas as pd
import streamlit as st

from data.clock import Clock
from data.errors import StoreError
from ui import auth, columns, format, state
from ui.i18n import _

KEY = "deadlines_clock"
_SAVED = f"{KEY}_saved"  # the confirmation, shown once on the run after a save


def widget_key(name: str, clock: Clock) -> str:
    """The key of the form's widget `name` (`days`, `weekends`, `holidays`) while `clock` is the saved one.

    >>> widget_key("days", Clock()) == widget_key("days", Clock(2.0)) != widget_key("days", Clock(3))
    True
    """
    return f"{KEY}_{name}_{zlib.crc32(repr(clock).encode()):08x}"


def holiday_table(clock: Clock) -> pd.DataFrame:
    """The clock's holidays as the editor shows them: one `holiday` date per row.

    >>> holiday_table(Clock(holidays=("2026-03-20",)))["holiday"].tolist()
    [Timestamp('2026-03-20 00:00:00')]
    """
    return pd.DataFrame({"holiday": pd.to_datetime(pd.Series(clock.holidays, dtype="object"))}).astype({"holiday": "datetime64[ns]"})


def holidays_of(table: pd.DataFrame) -> tuple[date, ...]:
    """The dates in the edited table; rows added but left blank are dropped.

    >>> holidays_of(pd.DataFrame({"holiday": pd.to_datetime(["2026-03-20", None, "2026-03-19"])}))
    (datetime.date(2026, 3, 20), datetime.date(2026, 3, 19))
    """
    return tuple(day.date() for day in pd.to_datetime(table["holiday"]).dropna())


def editor(clock: Clock, *, is_demo: bool) -> None:
    """A "Response clock" popover holding the form; Save stores the clock, reruns the page and confirms."""
    locked = not auth.can("settings")
    with st.popover(
        _("Response clock"),
        icon=":material/schedule:",
        help=_("Now: {rule}. Change it for everyone on this store.").format(rule=format.clock_rule(clock)),
    ):
        if locked:
            auth.denied("settings", quiet=True)
        with st.form(KEY, border=False):
            days = st.number_input(
                _("Days before the marketplace approves"),
                min_value=0.5,
                max_value=14.0,
                step=0.5,
                value=clock.days,
                format="%.1f",
                key=widget_key("days", clock),
                disabled=locked,
                help=_("A request left this long without an answer is approved by the marketplace on its own."),
            )
            weekends = st.toggle(
                _("Weekends count"),
                value=clock.weekends_count,
                key=widget_key("weekends", clock),
                disabled=locked,
                help=_("On: every calendar day counts. Off: only Monday to Friday count."),
            )
            table = st.data_editor(
                holiday_table(clock),
                num_rows="dynamic",
                hide_index=True,
                key=widget_key("holidays", clock),
                disabled=locked,
                column_config={
                    "holiday": st.column_config.DateColumn(
                        _("Holidays"), format=columns.when("ddd D MMM YYYY"), help=_("Days the shop is closed: they never count.")
                    )
                },
            )
            st.caption(
                _(
                    "One row per holiday (Lebaran, Tết, ...): add one at the bottom of the table, or select rows and "
                    "press Delete to remove them."
                )
            )
            if is_demo:
                st.caption(
                    _(
                        "Nothing imported yet: the clock is saved in the store, shown on the demo shop now and used for "
                        "your sheets once imported."
                    )
                )
            saved = st.form_submit_button(_("Save"), type="primary", icon=":material/save:", disabled=locked)
    if saved and not locked:
        new = Clock(days, weekends, holidays_of(table))
        try:
            state.store().save_clock(new)
        except StoreError as err:
            state.unreachable(err)
        st.session_state[_SAVED] = _("Response clock saved: {rule}.").format(rule=format.clock_rule(new))
        st.rerun()
    if message := st.session_state.pop(_SAVED, None):
        st.toast(message, icon=":material/check_circle:")
