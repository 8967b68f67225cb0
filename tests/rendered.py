"""Markdown as a reader sees it: the escapes `ui.format.md` puts into file text taken out again, for tests that look
for a sentence on a page."""

from __future__ import annotations

import re


def rendered(markdown: str) -> str:
    r"""The text a page shows for `markdown` (backslash escapes and zero-width spaces removed).

    >>> rendered("SKU AP\\-1 \\(new\\)\\: http\u200b\\://x")
    'SKU AP-1 (new): http://x'
    """
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")
