#!/usr/bin/env bash
# Open Returns Radar to other machines: `make serve` (ADDRESS=0.0.0.0 PORT=8501 by default).
# Refuses unless sign-in is configured ([auth] in .streamlit/secrets.toml), because without it anyone who
# reaches the port may download every case, undo imports and change the shop's settings. `make run` keeps
# the app on this machine only (127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
ADDRESS="${ADDRESS:-0.0.0.0}"
PORT="${PORT:-8501}"
SECRETS="${SECRETS:-.streamlit/secrets.toml}"
PY="${PY:-.venv/bin/python}"
if ! redirect=$("$PY" - "$SECRETS" <<'PYEOF'
import pathlib, sys, tomllib
path = pathlib.Path(sys.argv[1])
try:
    auth = tomllib.loads(path.read_text(encoding="utf-8")).get("auth") if path.is_file() else None
except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
    sys.exit(f"{path} is not valid TOML: {err}")
if not auth:
    sys.exit(f"Sign-in is not configured: {path} has no [auth] section (see deploy/secrets.example.toml).")
print(auth.get("redirect_uri", ""))
PYEOF
); then
  echo "Not opening Returns Radar to the network without sign-in. Configure it (README, \"Run it for a team\"), or use" >&2
  echo "'make run' to keep it on this machine." >&2
  exit 2
fi
echo "Returns Radar on ${ADDRESS}:${PORT}; sign-in comes back to ${redirect:-the redirect_uri in ${SECRETS}}"
exec "$PY" -m streamlit run app.py --server.address "$ADDRESS" --server.port "$PORT" --server.headless true \
  --secrets.files "$SECRETS"
