"""Getting data in and out: schema, readers, mapping, normalising, the store. No Streamlit."""

from data.reader import SheetRead, read_sheet

__all__ = ["SheetRead", "read_sheet"]
