"""The floor of `benchmarks/dashboard.py`: a Streamlit page with no data at all.

The same sidebar Reason filter as the other apps, a title and one line of text that echoes the pick. Whatever a filter
change or a first visit takes here is Streamlit's own cost on this machine (the browser loading and drawing its
frontend, the round trip, a rerun), which no app on Streamlit can go below.
"""

import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
with st.sidebar:
    reasons = st.multiselect("Reason", ["Defective", "Wrong item", "Quality", "Damaged item", "Changed mind", "Other"], key="reason")
st.title("Floor")
st.write(f"{len(reasons)} reasons picked")
