"""Getting data in and out: schema, readers, mapping, normalising, the store. No Streamlit."""

from data.reader import ReadError, SheetInfo, SheetRead, read_sheet

__all__ = ["ReadError", "SheetInfo", "SheetRead", "read_sheet"]
