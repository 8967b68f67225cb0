"""Where the store lives: `RETURNS_RADAR_DB` from the environment or `.streamlit/secrets.toml`, else a SQLite file
under `store/` in the repository folder. Read by the app, the command line and the reading worker; the store itself
takes whatever URL it is given.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from data.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "store" / "returns.db"
ENV_VAR = "RETURNS_RADAR_DB"


def default_url() -> str:
    """The store URL: `RETURNS_RADAR_DB` from the environment or `.streamlit/secrets.toml` (the working folder's, then
    the repository's), else a SQLite file under `store/`. A StoreError for a secrets file that is not valid TOML."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for secrets in (Path.cwd() / ".streamlit" / "secrets.toml", ROOT / ".streamlit" / "secrets.toml"):
        if secrets.is_file():
            try:
                value = tomllib.loads(secrets.read_text(encoding="utf-8")).get(ENV_VAR)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
                raise StoreError(f"{secrets} is not valid TOML ({err}); fix it or set {ENV_VAR}.") from err
            if value:
                return str(value)
    return f"sqlite:///{DEFAULT_PATH}"


def configured_url() -> str | None:
    """`default_url()`, or None when the configuration cannot be read."""
    try:
        return default_url()
    except StoreError:
        return None
