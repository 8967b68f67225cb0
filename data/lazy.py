"""Names from SciPy imported on first use: `scipy.stats` costs about 2 s to import, which a page that never runs a
test should not pay, and a server start should not wait for (see `warm`)."""

from __future__ import annotations

import importlib
import threading
from typing import Any


class Lazy:
    """Stands for `module.name`, imported on first attribute access or call.

    >>> sqrt = Lazy("math", "sqrt")
    >>> sqrt(9.0)
    3.0
    """

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name

    def _target(self) -> Any:
        return getattr(importlib.import_module(self._module), self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._target(), attr)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._target()(*args, **kwargs)


def warm(*modules: str) -> threading.Thread:
    """Import `modules` in a background thread (while the cases load, say), so the first test finds them loaded."""
    thread = threading.Thread(target=lambda: [importlib.import_module(m) for m in modules], daemon=True, name="warm-imports")
    thread.start()
    return thread
