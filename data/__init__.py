"""Getting data in and out: schema, readers, mapping, normalising, the store. No Streamlit."""
