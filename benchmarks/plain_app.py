"""The baseline of `benchmarks/dashboard.py`: the plain Streamlit app anyone would write on the same store.

read_sql of the whole cases table into `st.cache_data`, a pandas filter (last 12 weeks of request date, reasons),
three metrics and one px.bar of cases per week by reason. Run with `RETURNS_RADAR_DB` set to a SQLite store.
"""

import os

import pandas as pd
import plotly.express as px
import sqlalchemy as sa
import streamlit as st

REASONS = [
    "Damaged packaging",
    "Damaged item",
    "Defective",
    "Wrong item",
    "Missing item",
    "Wrong size or fit",
    "Not as described",
    "Quality",
    "Late or not delivered",
    "Changed mind",
    "Other",
]


@st.cache_data
def load(url: str) -> pd.DataFrame:
    frame = pd.read_sql("SELECT * FROM cases", sa.create_engine(url))
    for column in ("request_date", "response_date"):  # SQLite holds moments as microseconds since 1970
        frame[column] = pd.to_datetime(frame[column], unit="us")
    return frame


st.set_page_config(page_title="Plain returns", layout="wide")
cases = load(os.environ["RETURNS_RADAR_DB"])
with st.sidebar:
    reasons = st.multiselect("Reason", REASONS, key="reason")
end = cases["request_date"].max().normalize()
view = cases[cases["request_date"] > end - pd.Timedelta(weeks=12)]
if reasons:
    view = view[view["reason"].isin(reasons)]
st.title("Plain returns")
c1, c2, c3 = st.columns(3)
c1.metric("Cases", f"{len(view):,}")
c2.metric("Refund total", f"{view['refund_amount'].sum():,.0f}")
answered = (view["response_date"] - view["request_date"]) <= pd.Timedelta(days=2)
c3.metric("Answered within 2 days", f"{answered.mean():.0%}" if len(view) else "—")
weekly = view.groupby([view["request_date"].dt.to_period("W").dt.start_time, "reason"], observed=True).size()
st.plotly_chart(px.bar(weekly.rename("cases").reset_index(), x="request_date", y="cases", color="reason"))
