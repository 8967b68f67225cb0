"""Pure analysis over the canonical cases table: no Streamlit, no I/O."""
